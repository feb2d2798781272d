"""Steps every engine takes the same way between the parsed query and its own compiler.

Prefix and fuzzy terms reach the real words of the collection through the
index's word list, so both engines search exactly the same words; the words to
mark in a passage are the query's positive words analysed by the engine's own
analyser of that passage's language.
"""
from __future__ import annotations

from typing import Callable

from indexer.engines.crosslang import lowered
from indexer.fields import TEXT_LANGUAGES, text_field_for
from indexer.highlight import MarkedTerms
from indexer.morphology import query_forms
from indexer.querylang import (
    VALUE_FIELDS,
    And,
    Coordinated,
    Fuzzy,
    Node,
    Not,
    Or,
    Phrase,
    Preferred,
    Prefix,
    Term,
    Widened,
    leaf_words,
    positive_leaves,
)

# Languages whose passages each have their own analysed field; the rest share the fallback field.
MARKED_LANGUAGES = TEXT_LANGUAGES + ("und",)


def expand(node: Node | None, wordlist, memo: dict | None = None) -> Node | None:
    """Return the tree with each prefix* and fuzzy~ term replaced by the indexed words it reaches.

    The same prefix or fuzzy term written several times is looked up once; a word widened to its
    equivalents in other languages becomes the OR of them (``crosslang.lowered``), and so does a
    lower-case Russian word that reads otherwise capitalised (a name: ``with_capitals``).
    """
    memo = {} if memo is None else memo
    if isinstance(node, Widened):
        return expand(lowered(node), wordlist, memo)
    if isinstance(node, Preferred):
        return Preferred(expand(node.child, wordlist, memo), node.prefer, node.bonus)
    if isinstance(node, (And, Or)):
        return type(node)(tuple(expand(child, wordlist, memo) for child in node.children))
    if isinstance(node, Not):
        return Not(expand(node.child, wordlist, memo))
    if isinstance(node, Coordinated):
        return Coordinated(*(tuple(expand(child, wordlist, memo) for child in part)
                             for part in (node.required, node.optional)))
    if isinstance(node, Term):
        return with_capitals(node)
    if not isinstance(node, (Prefix, Fuzzy)):
        return node
    if node not in memo:
        memo[node] = expand(reached_words(node, wordlist), wordlist, memo)
    return memo[node]


def with_capitals(node: Term) -> Node:
    """Return a word searched in every field as the OR of its forms (``morphology.query_forms``), else itself."""
    forms = query_forms(node.text) if node.field is None else (node.text,)
    if len(forms) == 1:
        return node
    return Or(tuple(Term(form, None, node.required) for form in forms))


def reached_words(node: Prefix | Fuzzy, wordlist) -> Node:
    """Return a term, or an OR of terms, for the indexed words a prefix or fuzzy term reaches."""
    if isinstance(node, Prefix):
        words = wordlist.with_prefix(node.text.lower())
    else:
        words = wordlist.near(node.text.lower(), node.distance)
    reached = [node.text] + [word for word in words if word != node.text.lower()]
    if len(reached) == 1:
        return Term(node.text, node.field)
    return Or(tuple(Term(word, node.field) for word in reached))


def marked_terms(node: Node | None, analyse: Callable[[str, str], tuple[str, ...]]) -> dict[str, MarkedTerms]:
    """Return, per language, the analysed forms of the words and phrases a matching passage may contain.

    A phrase's words are marked only where they stand in its order, each word its one term; a phrase
    whose words do not analyse one term each (Chinese pairs) is marked word by word.
    """
    leaves = [leaf for leaf in positive_leaves(node) if leaf.field not in VALUE_FIELDS]
    terms = {}
    for lang in MARKED_LANGUAGES:
        field = text_field_for(lang)
        words, phrases = set(), []
        for leaf in leaves:
            analysed = [analyse(field, word) for word in leaf_words(leaf)]
            if isinstance(leaf, Phrase) and len(analysed) > 1 and all(len(found) == 1 for found in analysed):
                phrases.append(tuple(found[0] for found in analysed))
            else:
                words.update(term for found in analysed for term in found)
        terms[lang] = MarkedTerms(frozenset(words), tuple(dict.fromkeys(phrases)))
    return terms


def terms_for(terms: dict[str, MarkedTerms], lang: str) -> MarkedTerms:
    """Return the analysed words and phrases to mark in a passage written in ``lang``."""
    return terms.get(lang if lang in TEXT_LANGUAGES else "und", MarkedTerms())
