"""Compile the engine-neutral query tree into Whoosh queries.

A word is searched in every language's text field and in the title, heading,
speaker and symbol fields (BM25F field boosts), each through that field's own
analyser; a word the analyser cuts into several terms (Chinese pairs, U.N.) is
a phrase of them. Typed facet values (``topic:terrorism``) and symbols
(``symbol:A/75/704``) match the lower-cased keyword fields.
"""
from __future__ import annotations

from functools import lru_cache

from whoosh import query as wq

from indexer.engines.whoosh.schema import label_analyzer, shared_language_analyzer
from indexer.fields import FACET_FIELD_NAMES, FIELD_BOOSTS, KEY_FIELD_NAMES, LABEL_FIELDS, TEXT_FIELDS, text_field_for
from indexer.engines.expand import expand
from indexer.engines.relax import ALL_WORDS_SCORE, COORDINATION_SCORE
from indexer.querylang import (
    FACET_FIELDS,
    KEY_FIELDS,
    And,
    Coordinated,
    Node,
    Not,
    Or,
    Phrase,
    Preferred,
    Term,
    is_negative,
    parse_query,
)

SEARCH_FIELDS = TEXT_FIELDS + LABEL_FIELDS
# Distinct (field, word) analyses remembered across queries.
ANALYSED_CACHE = 100_000


@lru_cache(maxsize=len(SEARCH_FIELDS))
def field_analyzer(field: str):
    """Return the analyser of one searched field."""
    if field in LABEL_FIELDS:
        return label_analyzer()
    lang = field.removeprefix("text_")
    return shared_language_analyzer(lang if lang != "other" else "und")


@lru_cache(maxsize=ANALYSED_CACHE)
def analyse(field: str, word: str) -> tuple[str, ...]:
    """Return the indexed terms of a word in ``field``."""
    return tuple(token.text for token in field_analyzer(field)(word))


def analysed_word(lang: str, word: str) -> str:
    """Return the indexed form of one word of a passage in ``lang``."""
    terms = analyse(text_field_for(lang), word)
    return terms[0] if terms else ""


def compile_tree(node: Node | None) -> wq.Query | None:
    """Return the Whoosh query of a tree (None for nothing to search)."""
    if node is None:
        return None
    if is_negative(node):
        children = node.children if isinstance(node, And) else (node,)
        return wq.AndNot(wq.Every(), wq.Or([compile_node(child.child) for child in children]))
    return compile_node(node)


def compile_node(node: Node) -> wq.Query:
    """Return the Whoosh query of one node."""
    if isinstance(node, And):
        return wq.And([compile_node(child) for child in node.children])
    if isinstance(node, Or):
        return wq.Or([compile_node(child) for child in node.children])
    if isinstance(node, Not):
        return wq.Not(compile_node(node.child))
    if isinstance(node, Coordinated):
        return coordinated(node)
    if isinstance(node, Preferred):
        return wq.AndMaybe(compile_node(node.child), wq.ConstantScoreQuery(compile_node(node.prefer), node.bonus))
    if node.field in KEY_FIELDS:
        return wq.Term(KEY_FIELD_NAMES[node.field], node.text.strip().lower())
    if node.field in FACET_FIELDS:
        return wq.Term(FACET_FIELD_NAMES[node.field], node.text.strip().lower())
    return words_query(node)


def coordinated(node: Coordinated) -> wq.Query:
    """Return the required parts and the optional words: every word held first, then BM25 plus a bonus per word.

    Without a positive required part, a passage must hold one optional word.
    """
    words = [compile_node(child) for child in node.optional]
    counted = [wq.Or([query, wq.ConstantScoreQuery(query, COORDINATION_SCORE)]) for query in words]
    if len(words) > 1:
        counted.append(wq.ConstantScoreQuery(wq.And(words), ALL_WORDS_SCORE))
    optional = wq.Or(counted)
    required = [compile_node(child) for child in node.required]
    if any(not isinstance(child, Not) for child in node.required):
        return wq.AndMaybe(wq.And(required), optional)
    return wq.And([optional] + required) if required else optional


def words_query(leaf: Term | Phrase) -> wq.Query:
    """Return a word or phrase searched in its field, or in every searched field with their boosts."""
    words = leaf.words if isinstance(leaf, Phrase) else (leaf.text,)
    fields = (leaf.field,) if leaf.field else SEARCH_FIELDS
    parts = []
    for field in fields:
        terms = [term for word in words for term in analyse(field, word)]
        boost = FIELD_BOOSTS.get(field, 1.0)
        if len(terms) == 1:
            parts.append(wq.Term(field, terms[0], boost=boost))
        elif terms:
            parts.append(wq.Phrase(field, terms, boost=boost))
    if not parts:
        return wq.NullQuery
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def whoosh_query(text: str, wordlist) -> wq.Query | None:
    """Return the Whoosh query of what a user typed, prefixes and fuzzy terms reaching ``wordlist``'s words."""
    return compile_tree(expand(parse_query(text), wordlist))
