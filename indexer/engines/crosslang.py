"""Search across languages: query words of the vocabularies also search their equivalents, for every engine.

A parsed query's plain words (not quoted, not a field, not negated, not an
operator's word) are looked up in the equivalents table
(``indexer/equivalents.py``), longest runs first, so "Shavkat Mirziyoyev" is
one name. A word or run found there becomes a ``Widened`` node: what was typed
or any equivalent. Relaxation drops it as the word typed and counts a passage
holding an equivalent as holding it; ``expand`` lowers it to an OR of what was
typed and its equivalents in which passages written in the language typed in
score a little more (``Preferred``), so they rank first among equals; each
engine compiles that.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from indexer.engines.relax import droppable
from indexer.equivalents import EquivalenceTable, Equivalent, Form
from indexer.querylang import (
    And, Leaf, Node, Or, Phrase, Prefix, Preferred, Term, Widened, leaf_words, parse_query, simplify,
)

# Passages in the language a word was typed in score this much more: BM25 sums of one word run from
# about 1 to 15 in this collection, so only near ties change places (a Russian query's Russian passages first).
LANGUAGE_BONUS = 0.5


@dataclass(frozen=True)
class Widening:
    """A query tree with its vocabulary words widened, and the equivalents added, in query order."""

    tree: Node | None
    added: tuple[Equivalent, ...] = ()


def widen(tree: Node | None, table: EquivalenceTable | None, wordlist=None) -> Widening:
    """Return the tree with each plain word or run of words the table knows widened to its equivalents.

    With a ``wordlist``, an equivalent searched as a word beginning becomes the indexed words it reaches.
    """
    if tree is None or table is None:
        return Widening(tree)
    added: dict[tuple[str, str | None], Equivalent] = {}
    widened = _widen(tree, table, wordlist, added)
    return Widening(widened, tuple(added.values()))


def plain(node: Node) -> bool:
    """Return whether a node is a word or joined-word token typed without quotes, field or sign."""
    return isinstance(node, (Term, Phrase)) and droppable(node)


def _widen(node: Node, table: EquivalenceTable, wordlist, added: dict) -> Node:
    if isinstance(node, And):
        return simplify(And(_widen_run(node.children, table, wordlist, added)))
    if isinstance(node, Or):
        return Or(tuple(_widen(child, table, wordlist, added) for child in node.children))
    if plain(node):
        return _widen_run((node,), table, wordlist, added)[0]
    return node


def _widen_run(children: tuple[Node, ...], table: EquivalenceTable, wordlist, added: dict) -> tuple[Node, ...]:
    """Return conjoined children with the longest runs of plain words the table knows widened."""
    result, position = [], 0
    while position < len(children):
        found = _longest_match(children, position, table)
        if found is None:
            child = children[position]
            result.append(child if plain(child) else _widen(child, table, wordlist, added))
            position += 1
            continue
        run, match = found
        for equivalent in match.also:
            added.setdefault((equivalent.word, equivalent.lang), equivalent)
        result.append(Widened(run, searched_leaves(run, match.also, wordlist), match.lang))
        position += len(run)
    return tuple(result)


def _longest_match(children: tuple[Node, ...], position: int, table: EquivalenceTable):
    """Return the longest run of plain words from ``position`` the table knows, and what it reaches."""
    run: list[Node] = []
    for child in children[position:]:
        if not plain(child) or sum(len(leaf_words(node)) for node in run + [child]) > table.max_words:
            break
        run.append(child)
    for size in range(len(run), 0, -1):
        match = table.lookup(tuple(word for node in run[:size] for word in leaf_words(node)))
        if match is not None:
            return tuple(run[:size]), match
    return None


def searched_leaves(typed: tuple[Leaf, ...], also: tuple[Equivalent, ...], wordlist) -> tuple[Leaf, ...]:
    """Return the distinct leaves that search the equivalents, none repeating what was typed."""
    typed_keys = {leaf_key(leaf) for leaf in typed}
    leaves: dict[tuple, Leaf] = {}
    for equivalent in also:
        for form in equivalent.forms:
            for leaf in form_leaves(form, wordlist):
                if leaf_key(leaf) not in typed_keys:
                    leaves.setdefault(leaf_key(leaf), leaf)
    return tuple(leaves.values())


def form_leaves(form: Form, wordlist) -> tuple[Leaf, ...]:
    """Return the leaves of one form: its word or phrase, or its beginning (the words it reaches, given a list)."""
    if not form.prefix:
        return (Term(form.words[0]),) if len(form.words) == 1 else (Phrase(form.words),)
    if wordlist is None:
        return (Prefix(form.words[0]),)
    return tuple(Term(word) for word in wordlist.with_prefix(form.words[0]))


def leaf_key(leaf: Leaf) -> tuple:
    """Return what tells two leaves apart: their kind and their words, case aside."""
    return type(leaf).__name__, tuple(word.lower() for word in leaf_words(leaf))


def lowered(node: Widened) -> Node:
    """Return a widened word as the OR of what was typed and its equivalents, its language's passages preferred."""
    typed = node.typed[0] if len(node.typed) == 1 else And(node.typed)
    either = simplify(Or((typed,) + node.also))
    return Preferred(either, Term(node.lang, "lang"), LANGUAGE_BONUS) if node.lang else either


def parse_widened(text: str, table: EquivalenceTable | None, wordlist) -> Node | None:
    """Return the tree of what a user typed, its vocabulary words widened when a table is given."""
    return widen(parse_query(text), table, wordlist).tree


def also_searched(text: str, table: EquivalenceTable | None) -> tuple[Equivalent, ...]:
    """Return the equivalents a query's words reach in other languages and scripts, in query order."""
    return widen(parse_query(text), table).added


def hits_or_known(has_hits: Callable[[str], bool], table: EquivalenceTable | None) -> Callable[[str], bool]:
    """Return ``has_hits`` that also holds for a word the table knows: a vocabulary word is no misspelling."""
    if table is None:
        return has_hits
    return lambda word: table.lookup((word,)) is not None or has_hits(word)


def marking_text(text: str, table: EquivalenceTable | None) -> str:
    """Return a query whose positive words are those of ``text`` and of its equivalents, for marking a document."""
    widening = widen(parse_query(text), table)
    forms = [form_text(form) for equivalent in widening.added for form in equivalent.forms]
    return " ".join(dict.fromkeys(forms + [text])) if forms else text


def form_text(form: Form) -> str:
    """Return a form as the query language writes it: a word, a "phrase" or a beginning*."""
    if form.prefix:
        return form.words[0] + "*"
    return form.words[0] if len(form.words) == 1 else '"' + " ".join(form.words) + '"'
