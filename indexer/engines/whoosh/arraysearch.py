"""One search over a Whoosh index as array operations: match, filter, count facets, order, page.

The query's matches and scores come from ``bm25.Evaluator``; dates and facet
filters are masks over ``IndexArrays``; each facet is counted with one
``bincount`` over the matches (a selected facet over the matches without its own
filter, so its other values stay visible); the page is the top of a partial sort.
"""
from __future__ import annotations

from dataclasses import dataclass, field

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
                 masks: dict[str, np.ndarray], matched: np.ndarray, by_document: bool = False) -> dict:
    """Return each facet's (value, count) pairs over the matches, a filtered facet without its own filter.

    ``by_document`` counts the documents with a matching passage instead of the passages.
    """
    count = arrays.count_documents if by_document else arrays.count
    facets = {}
    for name in names:
        over = restrict(base, masks, skip=name) if name in masks else matched
        facets[name] = ranked(count(name, over))
    return facets


@dataclass
class ArraySearch:
    """The outcome of one search over the arrays."""

    matched: np.ndarray  # mask of the matching passages
    scores: np.ndarray
    facets: dict
    page: np.ndarray  # passage numbers of the page (each document's best one when grouped)
    sort: str
    total: int  # matching passages, or documents when grouped
    document_matches: dict[int, int] = field(default_factory=dict)  # grouped: page passage -> its document's matches


def grouped_page(arrays: IndexArrays, keys: list[np.ndarray], matched: np.ndarray,
                 query: SearchQuery) -> tuple[np.ndarray, dict[int, int], int]:
    """Return each document's best passage on the page, its document's match count, and the documents matched."""
    ordered = top_documents(keys, matched, int(matched.sum()))
    documents = arrays.documents[ordered]
    _, first = np.unique(documents, return_index=True)
    best = ordered[np.sort(first)]
    page = best[query.offset:query.offset + query.limit] if query.limit > 0 else best[:0]
    per_document = np.bincount(documents[documents >= 0]) if len(documents) else np.zeros(0, dtype=np.int64)
    counts = {int(passage): int(per_document[arrays.documents[passage]]) for passage in page}
    return page, counts, len(best)


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


def search_arrays(searcher, arrays: IndexArrays, parsed, query: SearchQuery) -> ArraySearch:
    """Return the matches, scores, facet counts and page of a search (grouped by document on request)."""
    if parsed is not None:
        scored = Evaluator(searcher, arrays).evaluate(parsed)
        base, scores = scored.mask, scored.scores
    else:
        base, scores = arrays.live.copy(), np.zeros(arrays.doc_count)
    dates = date_range_mask(arrays, *query_date_bounds(query))
    if dates is not None:
        base &= dates
    for doc_id in query.exclude_documents:
        base &= ~Evaluator(searcher, arrays).term("doc_id", doc_id).mask
    masks = filter_masks(arrays, query.filters)
    matched = restrict(base, masks)
    grouped = query.group_by_document
    facets = count_facets(arrays, query.facet_fields, base, masks, matched, grouped) if query.with_facets else {}
    sort = query.sort if (parsed is not None or query.sort != "relevance") else "newest"
    keys = ordering_keys(arrays, sort, scores)
    if grouped:
        page, counts, total = grouped_page(arrays, keys, matched, query)
        return ArraySearch(matched, scores, facets, page, sort, total, counts)
    wanted = query.offset + query.limit if query.limit > 0 else 0
    page = top_documents(keys, matched, wanted)[query.offset:]
    return ArraySearch(matched, scores, facets, page, sort, int(matched.sum()))


def query_date_bounds(query: SearchQuery) -> tuple[int | None, int | None]:
    """Return the search's date range as YYYYMMDD integers (None for an open end)."""
    low = date_bounds(query.date_from)[0] if query.date_from else None
    high = date_bounds(query.date_to)[1] if query.date_to else None
    return low, high
