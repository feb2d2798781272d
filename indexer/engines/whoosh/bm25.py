"""BM25F scoring of a parsed Whoosh query as whole-array operations over the index's postings.

Whoosh scores a query by walking every matching posting through nested Python
matchers, one call per posting and per query node. Here each term's postings
are read block by block into numpy arrays, and the query tree becomes unions
and intersections of dense per-document arrays: a mask of matches and a score
per document. Term weights (field boosts included) and byte-quantised field
lengths are the ones Whoosh stored, and the formula is Whoosh's BM25F with its
defaults, so the ranking is Whoosh's. Query kinds without a whole-array form
(phrases, ranges, fuzzy and wildcard terms) run through Whoosh's own matchers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from indexer.engines.whoosh.segarrays import IndexArrays

# Whoosh's BM25F defaults, with which the index's searcher has always ranked.
BM25_B = 0.75
BM25_K1 = 1.2


@dataclass
class Scored:
    """Which documents match (``mask``) and their scores (zero where they do not)."""

    mask: np.ndarray
    scores: np.ndarray
    boosted: bool = False  # whether the query node's boost is already in the scores


def bm25(idf: float, tf: np.ndarray, lengths: np.ndarray, average: float) -> np.ndarray:
    """Return BM25 scores of term frequencies in fields of the given lengths."""
    return idf * (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * ((1 - BM25_B) + BM25_B * lengths / average))


def leaf_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Return the document numbers and weights of a term's postings in one segment."""
    if isinstance(matcher, FilterMatcher):  # deletions are masked by the caller
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        return generic_postings(matcher)
    ids, weights = [], []
    while True:
        matcher._read_ids()
        matcher._read_weights()
        ids.append(np.asarray(matcher._ids, dtype=np.int64))
        weights.append(np.asarray(matcher._weights, dtype=np.float64))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(ids), np.concatenate(weights)


def expanded_terms(query, reader, memo: dict) -> list[tuple[str, object]]:
    """Return the indexed (field, term) pairs a query leaf reaches, remembered per index version."""
    key = (type(query).__name__, getattr(query, "fieldname", None), getattr(query, "text", None),
           getattr(query, "maxdist", None), getattr(query, "prefixlength", None))
    found = memo.get(key)
    if found is None:
        found = memo[key] = list(query.expanded_terms(reader))
    return found


def generic_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Return the ids and weights of any matcher, one posting at a time."""
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)


class Evaluator:
    """Evaluates query trees over one searcher and its arrays."""

    def __init__(self, searcher, arrays: IndexArrays):
        self.searcher = searcher
        self.arrays = arrays
        self.size = arrays.doc_count

    def empty(self) -> Scored:
        """Return a result matching nothing."""
        return Scored(np.zeros(self.size, dtype=bool), np.zeros(self.size))

    def evaluate(self, query) -> Scored:
        """Return the matches and BM25F scores of a query tree."""
        if isinstance(query, wq.MultiTerm):
            scored = self.expansion(query)
        elif isinstance(query, wq.Term):
            scored = self.term(query.fieldname, query.text)
        elif isinstance(query, wq.And) and not isinstance(query, wq.Ordered):
            scored = self.conjunction(query.subqueries)
        elif isinstance(query, wq.Or) and not query.minmatch and not query.scale:
            scored = self.disjunction(query.subqueries)
        elif isinstance(query, wq.AndMaybe):
            scored = self.evaluate(query.a)
            optional = self.evaluate(query.b)
            scored.scores += np.where(scored.mask, optional.scores, 0.0)
        elif isinstance(query, wq.ConstantScoreQuery):
            scored = self.evaluate(query.child)
            scored.scores = scored.mask * float(query.score)
            scored.boosted = True
        elif isinstance(query, wq.AndNot):
            scored = self.evaluate(query.a)
            scored.mask &= ~self.evaluate(query.b).mask
        elif isinstance(query, wq.Not):
            scored = Scored(self.arrays.live & ~self.evaluate(query.query).mask, np.zeros(self.size))
        elif isinstance(query, wq.Every) and not query.fieldname:
            scored = Scored(self.arrays.live.copy(), np.zeros(self.size))
        elif query is wq.NullQuery:
            scored = self.empty()
        else:
            scored = self.through_whoosh(query)  # Whoosh's matcher applies the node's boost itself
        boost = getattr(query, "boost", 1.0)
        if boost != 1.0 and not scored.boosted:
            scored.scores *= boost
        scored.scores[~scored.mask] = 0.0
        return scored

    def conjunction(self, subqueries) -> Scored:
        """Return documents matching every positive subquery and no negated one, scores summed."""
        positives = [q for q in subqueries if not isinstance(q, wq.Not)]
        negatives = [q.query for q in subqueries if isinstance(q, wq.Not)]
        if not positives:
            result = Scored(self.arrays.live.copy(), np.zeros(self.size))
        else:
            result = self.evaluate(positives[0])
            for sub in positives[1:]:
                scored = self.evaluate(sub)
                result.mask &= scored.mask
                result.scores += scored.scores
        for sub in negatives:
            result.mask &= ~self.evaluate(sub).mask
        return result

    def union(self, results: Iterable[Scored]) -> Scored:
        """Return documents matching any of ``results``, with the scores of those that match summed."""
        result = self.empty()
        for scored in results:
            result.mask |= scored.mask
            result.scores += scored.scores
        return result

    def disjunction(self, subqueries) -> Scored:
        """Return documents matching any subquery, with the scores of those that match summed."""
        return self.union(self.evaluate(sub) for sub in subqueries)

    def expansion(self, query) -> Scored:
        """Return the documents holding any term a prefix or wildcard reaches, scored as Whoosh does."""
        reached = expanded_terms(query, self.searcher.reader(), self.arrays.expansions)
        result = self.union(self.term(field, text) for field, text in reached)
        if getattr(query, "constantscore", False):
            result.scores = result.mask * 1.0
        return result

    def term(self, field: str, text) -> Scored:
        """Return the documents holding one term, scored by BM25F."""
        result = self.empty()
        if field not in self.searcher.schema:
            return result
        scorable = self.searcher.schema[field].scorable
        parts = []
        for subsearcher, offset in self.searcher.leaf_searchers():
            try:
                ids, weights = leaf_postings(subsearcher.reader().postings(field, text))
            except TermNotFound:
                continue
            parts.append((ids + offset, weights))
        if not parts:
            return result
        ids = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        result.mask[ids] = True
        result.mask &= self.arrays.live
        if scorable:
            lengths = self.arrays.field_lengths(field)[ids]
            average = self.searcher.avg_field_length(field) or 1.0
            result.scores[ids] = bm25(self.searcher.idf(field, text), weights, lengths, average)
        else:  # Whoosh scores a term of an unscorable field by its weight alone
            result.scores[ids] = weights
        return result

    def through_whoosh(self, query) -> Scored:
        """Return the matches and scores of a query node as Whoosh's own matchers give them."""
        result = self.empty()
        for subsearcher, offset in self.searcher.leaf_searchers():
            matcher = query.matcher(subsearcher, subsearcher.context())
            while matcher.is_active():
                docnum = matcher.id() + offset
                result.mask[docnum] = True
                result.scores[docnum] = matcher.score()
                matcher.next()
        result.mask &= self.arrays.live
        result.boosted = True
        return result
