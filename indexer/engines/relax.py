"""Long questions: when a query's words cannot all be found together, drop the commonest first.

A query of plain words first asks for every word. When that finds fewer
passages than a page, the search is relaxed into a ``Coordinated`` tree: what
the user typed as an operator (a quoted phrase, a field, +word, OR, NOT, a
prefix or fuzzy term) stays required; the plain words become optional.
Passages holding every word come first; the rest rank by BM25 plus
``COORDINATION_SCORE`` per word held, so the more words a passage holds the
higher it goes, and BM25's inverse document frequency keeps the rarest words
longest ("the", "of", "United" go before "thalassemia"). Ranking the rest
strictly by the number of words held first measured worse on Cranfield
(nDCG@10 0.283 against 0.367). Stop words of the query's language are left out
of the relaxed search, so they never count against a passage.
Both engines compile the same tree; which words each hit holds is worked out
here, the same way for both.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from indexer.engines.base import Hit, Relaxed
from indexer.fields import LABEL_FIELDS, heard_names, text_field_for
from indexer.highlight import terms_present
from indexer.models import Passage
from indexer.querylang import And, Coordinated, Node, Phrase, Term, Widened, leaf_words
from indexer.stopwords import query_stop_words

# Fewer strict all-words hits than one default page leaves the reader short: the search goes on relaxed.
RELAX_BELOW_HITS = 20
# Passages holding every word rank first: this score is above any BM25 sum one passage reaches.
ALL_WORDS_SCORE = 1000.0
# Then BM25 plus this bonus per query word a passage holds (soft coordination). Chosen on the odd-numbered
# Cranfield queries (nDCG@10 0.353 without, 0.363 with) and checked on the even ones (0.360 -> 0.371).
COORDINATION_SCORE = 1.0
# A word may also be found in a passage's title, heading, symbol or speakers, which share one analyser: this field's.
LABEL_FIELD = LABEL_FIELDS[0]

Analyse = Callable[[str, str], tuple[str, ...]]


@dataclass(frozen=True)
class Relaxation:
    """A relaxed search: its tree, the words that may be missing, and the stop words left out."""

    tree: Coordinated
    words: tuple[str, ...]  # the words a hit may lack, as typed
    stop_words: tuple[str, ...]  # stop words of the query's language, left out
    can_drop: bool = True  # False for a lone word: nothing to drop, but its hits still say they hold it


def droppable(node: Node) -> bool:
    """Return whether a top-level part of a query is a plain word (or a widened one) that may be dropped."""
    if isinstance(node, Widened):
        return True
    if isinstance(node, Term):
        return node.field is None and not node.required
    return isinstance(node, Phrase) and node.field is None and not node.quoted


def typed_words(node: Node) -> tuple[str, ...]:
    """Return the words of a plain word or joined-word token (of every one of a widened run)."""
    if isinstance(node, Widened):
        return tuple(word for part in node.typed for word in typed_words(part))
    return node.words if isinstance(node, Phrase) else (node.text,)


def alternatives(node: Node) -> tuple[tuple[str, ...], ...]:
    """Return the word sequences any of which a passage may hold to hold a droppable part: typed, or equivalent."""
    if isinstance(node, Widened):
        return (typed_words(node),) + tuple(leaf_words(leaf) for leaf in node.also)
    return (typed_words(node),)


def display_word(node: Node) -> str:
    """Return a droppable part as the user reads it (a joined token's words with hyphens, a run's with spaces)."""
    if isinstance(node, Widened):
        return " ".join(display_word(part) for part in node.typed)
    return "-".join(typed_words(node))


def top_level_parts(tree: Node | None) -> list[Node]:
    """Return the parts a tree requires together; brackets around plain words group nothing and are opened."""
    if tree is None:
        return []
    if not isinstance(tree, And):
        return [tree]
    return [part for child in tree.children for part in top_level_parts(child)]


def plan(tree: Node | None) -> Relaxation | None:
    """Return the relaxed search of a tree, or None when it has nothing that may be dropped."""
    parts = top_level_parts(tree)
    plain = [part for part in parts if droppable(part)]
    required = tuple(part for part in parts if not droppable(part))
    if not plain:
        return None
    stops = query_stop_words(word for part in plain for word in typed_words(part))
    kept = tuple(dict.fromkeys(part for part in plain if not all(word.lower() in stops for word in typed_words(part))))
    if not kept:
        return None
    left_out = tuple(dict.fromkeys(display_word(part) for part in plain if part not in kept))
    return Relaxation(Coordinated(required, kept), tuple(display_word(part) for part in kept), left_out,
                      can_drop=len(parts) > 1)


def words_held(passage: Passage, relaxation: Relaxation, analyse: Analyse) -> tuple[str, ...]:
    """Return the optional words of a relaxed search that a passage holds, in query order."""
    field = text_field_for(passage.lang)
    labels = " ".join([passage.title or "", passage.heading or "", passage.symbol or "", *heard_names(passage)])
    wanted = {word: [[analyse(field, part) for part in words] for words in alternatives(node)]
              for word, node in zip(relaxation.words, relaxation.tree.optional)}
    every_term = frozenset(term for options in wanted.values() for forms in options for terms in forms
                           for term in terms)
    present = terms_present(passage.text, passage.lang, every_term, lambda lang, w: first(analyse(field, w)))
    label_terms = frozenset(analyse(LABEL_FIELD, labels)) if labels.strip() else frozenset()
    held = []
    for word, node in zip(relaxation.words, relaxation.tree.optional):
        in_text = any(all(set(terms) <= present for terms in forms if terms) and any(forms) for forms in wanted[word])
        in_labels = any(all(set(analyse(LABEL_FIELD, part)) <= label_terms for part in words)
                        for words in alternatives(node))
        if in_text or (in_labels and label_terms):
            held.append(word)
    return tuple(held)


def first(terms: tuple[str, ...]) -> str:
    """Return the first of a word's analysed terms, or an empty string."""
    return terms[0] if terms else ""


def needed(relaxation: Relaxation | None, strict_total: int, sort: str) -> bool:
    """Return whether a strict search found too little and has words that may be dropped."""
    return relaxation is not None and relaxation.can_drop and sort == "relevance" and strict_total < RELAX_BELOW_HITS


def summary(relaxation: Relaxation, strict_total: int) -> Relaxed:
    """Return what the results say about a relaxed search."""
    return Relaxed(strict_total, relaxation.words, relaxation.stop_words)


def annotated(hit: Hit, relaxation: Relaxation | None, relaxed: bool, analyse: Analyse) -> Hit:
    """Return a hit with the query's plain words it holds and lacks (a strict hit holds them all).

    The score of a relaxed hit loses the every-word bonus, which only orders the results.
    """
    if relaxation is None:
        return hit
    if not relaxed:
        return replace(hit, matched_words=relaxation.words)
    held = words_held(hit.passage, relaxation, analyse)
    score = hit.score if hit.score is None or hit.score < ALL_WORDS_SCORE else hit.score - ALL_WORDS_SCORE
    missing = tuple(word for word in relaxation.words if word not in held)
    return replace(hit, score=score, matched_words=held, missing_words=missing)
