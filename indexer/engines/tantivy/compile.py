"""Compile the engine-neutral query tree into tantivy queries.

A word is searched in every language's text field and in the title, heading,
speaker and symbol fields (with their BM25 boosts), each through that field's own
analyser; the scores of the fields it matches add up, as in BM25F. A word the
analyser cuts into several terms (Chinese pairs, U.N.) is a phrase of them.
A typed ``symbol:`` value matches the document symbol's keyword field whole.
"""
from __future__ import annotations

from typing import Callable

import tantivy

from indexer.engines.relax import ALL_WORDS_SCORE, COORDINATION_SCORE
from indexer.engines.tantivy.schema import analyse, text_fields
from indexer.fields import FACET_FIELD_NAMES, FIELD_BOOSTS, KEY_FIELD_NAMES, LABEL_FIELDS
from indexer.querylang import FACET_FIELDS, KEY_FIELDS, And, Coordinated, Node, Not, Or, Phrase, Preferred, Term

Occur = tantivy.Occur


def searched_fields() -> tuple[str, ...]:
    """Return the fields a word without a field name is searched in."""
    return text_fields() + LABEL_FIELDS


def present_fields(schema: tantivy.Schema) -> frozenset[str]:
    """Return the searched, keyword and facet fields an index's schema has (an older version's may lack some)."""
    present = set()
    for field in searched_fields() + tuple(KEY_FIELD_NAMES.values()) + tuple(FACET_FIELD_NAMES.values()):
        try:
            tantivy.Query.term_query(schema, field, "")
        except ValueError:
            continue
        present.add(field)
    return frozenset(present)


def excluding(parts: list[tantivy.Query]) -> tantivy.Query:
    """Return the query matching every passage but those matching any of ``parts``."""
    return tantivy.Query.boolean_query([(Occur.Must, tantivy.Query.all_query())]
                                       + [(Occur.MustNot, part) for part in parts])


class Compiler:
    """Turns a query tree into one tantivy query over a schema."""

    def __init__(self, schema: tantivy.Schema, facet_values: Callable[[str, str], list[str]],
                 fields: frozenset[str]):
        self.schema = schema
        self.facet_values = facet_values  # (facet, typed value) -> indexed values, case aside
        self.fields = fields  # the searched fields this index has

    def compile(self, node: Node) -> tantivy.Query:
        """Return the tantivy query of a tree."""
        if isinstance(node, And):
            return self.conjunction(node.children)
        if isinstance(node, Or):
            return self.disjunction(node.children)
        if isinstance(node, Not):
            return excluding([self.compile(node.child)])
        if isinstance(node, Coordinated):
            return self.coordinated(node)
        if isinstance(node, Preferred):
            return self.preferred(node)
        if node.field in KEY_FIELDS:
            return self.key(node.field, node.text)
        if node.field in FACET_FIELDS:
            return self.facet(node.field, node.text)
        return self.words(node)

    def conjunction(self, children) -> tantivy.Query:
        positives = [(Occur.Must, self.compile(c)) for c in children if not isinstance(c, Not)]
        negatives = [(Occur.MustNot, self.compile(c.child)) for c in children if isinstance(c, Not)]
        if not positives:
            positives = [(Occur.Must, tantivy.Query.all_query())]
        return tantivy.Query.boolean_query(positives + negatives)

    def coordinated(self, node: Coordinated) -> tantivy.Query:
        """Return the required parts and the optional words: every word held first, then BM25 plus a bonus per word.

        Without a positive required part, a passage must hold one optional word.
        """
        parts = [(Occur.MustNot, self.compile(c.child)) if isinstance(c, Not) else (Occur.Must, self.compile(c))
                 for c in node.required]
        words = [self.compile(child) for child in node.optional]
        counted = [pair for query in words for pair in
                   ((Occur.Should, query), (Occur.Should, tantivy.Query.const_score_query(query, COORDINATION_SCORE)))]
        if len(words) > 1:
            every = tantivy.Query.boolean_query([(Occur.Must, query) for query in words])
            counted.append((Occur.Should, tantivy.Query.const_score_query(every, ALL_WORDS_SCORE)))
        if any(occur == Occur.Must for occur, _ in parts):
            return tantivy.Query.boolean_query(parts + counted)
        return tantivy.Query.boolean_query(parts + [(Occur.Must, tantivy.Query.boolean_query(counted))])

    def preferred(self, node: Preferred) -> tantivy.Query:
        """Return the child's matches, those matching the preferred facet value scoring the bonus more."""
        bonus = tantivy.Query.const_score_query(self.compile(node.prefer), node.bonus)
        return tantivy.Query.boolean_query([(Occur.Must, self.compile(node.child)), (Occur.Should, bonus)])

    def disjunction(self, children) -> tantivy.Query:
        return tantivy.Query.boolean_query([(Occur.Should, self.compile(child)) for child in children])

    def facet(self, facet: str, value: str) -> tantivy.Query:
        """Return the query of a typed facet value (``topic:terrorism``), whatever its case."""
        values = self.facet_values(facet, value)
        if not values:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_set_query(self.schema, FACET_FIELD_NAMES[facet], values)

    def key(self, name: str, value: str) -> tantivy.Query:
        """Return the query of a typed keyword value (``symbol:A/75/704``): the whole value, in any case."""
        field = KEY_FIELD_NAMES[name]
        if field not in self.fields:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_query(self.schema, field, value.strip().lower())

    def words(self, leaf: Term | Phrase) -> tantivy.Query:
        """Return a word or phrase searched in its field, or in every searched field with their boosts."""
        words = leaf.words if isinstance(leaf, Phrase) else (leaf.text,)
        fields = (leaf.field,) if leaf.field else searched_fields()
        parts = []
        for field in fields:
            if field not in self.fields:
                continue
            query = self.in_field(field, words)
            if query is None:
                continue
            boost = FIELD_BOOSTS.get(field, 1.0)
            parts.append((Occur.Should, tantivy.Query.boost_query(query, boost) if boost != 1.0 else query))
        if not parts:
            return tantivy.Query.empty_query()
        return parts[0][1] if len(parts) == 1 else tantivy.Query.boolean_query(parts)

    def in_field(self, field: str, words: tuple[str, ...]) -> tantivy.Query | None:
        """Return the term or phrase query of words in one field, or None when they leave no term."""
        terms = [term for word in words for term in analyse(field, word)]
        if not terms:
            return None
        if len(terms) == 1:
            return tantivy.Query.term_query(self.schema, field, terms[0])
        return tantivy.Query.phrase_query(self.schema, field, terms)
