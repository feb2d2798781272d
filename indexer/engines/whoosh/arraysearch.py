"""One search over a Whoosh index as array operations: match, filter, count facets, order, page.

The query's matches and scores come from ``bm25.Evaluator``; dates and facet
filters are masks over ``IndexArrays``; each facet is counted with one
``bincount`` over the matches (a selected facet over the matches without its own
filter, so its other values stay visible); the page is the top of a partial sort.
"""
from __future__ import annotations

import numpy as np

from indexer.engines.base import FacetFilter, SearchQuery
from indexer.engines.whoosh.bm25 import Evaluator
from indexer.engines.whoosh.segarrays import IndexArrays
from indexer.facetcount import ranked
from indexer.fields import date_bounds

def date_range_mask(arrays: IndexArrays, low: int | None, high: int | None) -> np.ndarray | None:
    """Return the mask of a date range, or None when the search has none."""
    if low is None and high is None:
        return None
    return arrays.in_dates(low, high)


def filter_masks(arrays: IndexArrays, filters: tuple[FacetFilter, ...]) -> dict[str, np.ndarray]:
    """Return, per filtered facet, the mask of documents its include and exclude values allow."""
    masks = {}
    for facet in filters:
        allowed = arrays.having(facet.name, facet.include) if facet.include else arrays.live.copy()
        if facet.exclude:
            allowed &= ~arrays.having(facet.name, facet.exclude)
        masks[facet.name] = allowed
    return masks


def restrict(base: np.ndarray, masks: dict[str, np.ndarray], skip: str | None = None) -> np.ndarray:
    """Return ``base`` narrowed by every facet mask but ``skip``'s."""
    result = base.copy()
    for name, mask in masks.items():
        if name != skip:
            result &= mask
    return result


def count_facets(arrays: IndexArrays, names: tuple[str, ...], base: np.ndarray,
                 masks: dict[str, np.ndarray], matched: np.ndarray) -> dict:
    """Return each facet's (value, count) pairs over the matches, a filtered facet without its own filter."""
    facets = {}
    for name in names:
        over = restrict(base, masks, skip=name) if name in masks else matched
        facets[name] = ranked(arrays.count(name, over))
    return facets


def top_documents(keys: list[np.ndarray], matched: np.ndarray, count: int) -> np.ndarray:
    """Return the first ``count`` matching document numbers ordered by ``keys`` (first key first).

    Only documents tied with or ahead of the count-th on the first key are fully sorted.
    """
    docnums = np.flatnonzero(matched)
    if count <= 0 or not len(docnums):
        return docnums[:0]
    primary = keys[0][docnums]
    if count < len(docnums):
        threshold = np.partition(primary, count - 1)[count - 1]
        keep = primary <= threshold
        docnums, primary = docnums[keep], primary[keep]
    sort_keys = [docnums] + [key[docnums] for key in reversed(keys[1:])] + [primary]
    return docnums[np.lexsort(sort_keys)][:count]


def ordering_keys(arrays: IndexArrays, sort: str, scores: np.ndarray) -> list[np.ndarray]:
    """Return the ascending sort keys of an order, most significant first.

    The newest first by start date, the oldest first by end date, passages of one document in
    reading order; ``top_documents`` breaks remaining ties by document number, as Whoosh does.
    """
    if sort == "newest":
        return [-arrays.date_low, arrays.ordinal]
    if sort == "oldest":
        return [arrays.date_high, arrays.ordinal]
    return [-scores]


def search_arrays(searcher, arrays: IndexArrays, parsed, query: SearchQuery):
    """Return (matched mask, scores, facet counts, page of document numbers, sort used)."""
    if parsed is not None:
        scored = Evaluator(searcher, arrays).evaluate(parsed)
        base, scores = scored.mask, scored.scores
    else:
        base, scores = arrays.live.copy(), np.zeros(arrays.doc_count)
    dates = date_range_mask(arrays, *query_date_bounds(query))
    if dates is not None:
        base &= dates
    masks = filter_masks(arrays, query.filters)
    matched = restrict(base, masks)
    facets = count_facets(arrays, query.facet_fields, base, masks, matched) if query.with_facets else {}
    sort = query.sort if (parsed is not None or query.sort != "relevance") else "newest"
    wanted = query.offset + query.limit if query.limit > 0 else 0
    page = top_documents(ordering_keys(arrays, sort, scores), matched, wanted)[query.offset:]
    return matched, scores, facets, page, sort


def query_date_bounds(query: SearchQuery) -> tuple[int | None, int | None]:
    """Return the search's date range as YYYYMMDD integers (None for an open end)."""
    low = date_bounds(query.date_from)[0] if query.date_from else None
    high = date_bounds(query.date_to)[1] if query.date_to else None
    return low, high
