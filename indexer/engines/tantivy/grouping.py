"""One hit per document on tantivy: each document's best passage, and counts of documents, not passages.

tantivy has no collapsing collector, so ranked passages are scanned until the
page has enough distinct documents; document totals and per-facet document
counts are terms aggregations over ``doc_id``.
"""
from __future__ import annotations

from typing import Callable

import tantivy

from indexer.engines.tantivy.schema import stored_record
from indexer.facetcount import ranked
from indexer.fields import FACET_FIELD_NAMES

Occur = tantivy.Occur
# Values a terms aggregation returns at most: tantivy refuses more than 65,000 buckets per request.
FACET_BUCKETS = 60_000
# A page grouped by document scans this many ranked passages per document wanted, then four times more
# until it has enough documents (a document's passages often rank together)...
GROUP_SCAN_FACTOR = 8
# ...but never more than this many: pages past that many passages' documents come back empty.
MAX_GROUP_SCAN = 400_000
# Up to this many matching passages, facets count documents exactly (nested doc_id buckets); beyond, they are
# estimated with HyperLogLog: on the 313,000 passages of the General Debate the exact speaker count took
# 384 ms and the estimate 48 ms.
EXACT_DOCUMENT_COUNTS = 50_000


def ordered(searcher, full: tantivy.Query, limit: int, sort: str, offset: int = 0):
    """Return tantivy's search result of ``full`` in a sort order."""
    options = {"offset": offset}
    if sort == "newest":
        options.update(order_by_field="newest_key", order=tantivy.Order.Desc)
    elif sort == "oldest":
        options.update(order_by_field="oldest_key", order=tantivy.Order.Asc)
    return searcher.search(full, limit, **options)


def best_passages(searcher, full: tantivy.Query, sort: str, wanted: int) -> list[tuple[str, tuple]]:
    """Return up to ``wanted`` (doc_id, (score, address)) pairs: documents in order of their best passage."""
    scan, read, best = max(wanted, 1) * GROUP_SCAN_FACTOR, 0, {}
    while True:
        hits = ordered(searcher, full, scan, sort).hits
        for score, address in hits[read:]:  # a longer scan starts with the hits the shorter one read
            best.setdefault(stored_record(searcher, address)["doc_id"], (score, address))
            if len(best) >= wanted:
                return list(best.items())
        if len(hits) < scan or scan >= MAX_GROUP_SCAN:
            return list(best.items())
        read, scan = len(hits), min(scan * 4, MAX_GROUP_SCAN)


def best_by_date(searcher, schema, full: tantivy.Query, sort: str, offset: int,
                 limit: int) -> tuple[int, list[tuple[str, tuple]]] | None:
    """Return the documents matched and the page's (doc_id, (score, address)) pairs in a date order.

    None past FACET_BUCKETS documents.

    Each document's newest (or oldest) passage key comes from one aggregation over ``doc_id``; documents
    are ordered by it (ties by id), and each page document's first passage in that order is fetched.
    """
    key, metric = ("newest_key", "max") if sort == "newest" else ("oldest_key", "min")
    terms = {"field": "doc_id", "size": FACET_BUCKETS, "segment_size": FACET_BUCKETS}
    aggregated = searcher.aggregate(full, {"d": {"terms": terms, "aggs": {"k": {metric: {"field": key}}}}})
    buckets = aggregated["d"]["buckets"]
    if len(buckets) >= FACET_BUCKETS:
        return None
    sign = -1 if sort == "newest" else 1
    ordered_ids = sorted((sign * bucket["k"]["value"], bucket["key"]) for bucket in buckets)
    page = []
    for _, doc_id in ordered_ids[offset:offset + limit]:
        within = tantivy.Query.boolean_query([(Occur.Must, full),
                                              (Occur.Must, tantivy.Query.term_query(schema, "doc_id", doc_id))])
        hits = ordered(searcher, within, 1, sort).hits
        if hits:
            page.append((doc_id, hits[0]))
    return len(buckets), page


def documents_matched(searcher, schema, full: tantivy.Query, doc_ids: list[str]) -> dict[str, int]:
    """Return how many passages of each of ``doc_ids`` match ``full``."""
    if not doc_ids:
        return {}
    among = tantivy.Query.term_set_query(schema, "doc_id", doc_ids)
    query = tantivy.Query.boolean_query([(Occur.Must, full), (Occur.Must, among)])
    aggregated = searcher.aggregate(query, {"d": {"terms": {"field": "doc_id", "size": len(doc_ids)}}})
    return {bucket["key"]: bucket["doc_count"] for bucket in aggregated["d"]["buckets"]}


def document_total(searcher, full: tantivy.Query) -> int:
    """Return how many documents have a matching passage (estimated past FACET_BUCKETS documents)."""
    aggregated = searcher.aggregate(full, {"d": {"terms": {"field": "doc_id", "size": FACET_BUCKETS}}})
    buckets = aggregated["d"]["buckets"]
    return len(buckets) if len(buckets) < FACET_BUCKETS else int(searcher.cardinality(full, "doc_id"))


def grouped_page(searcher, schema, full: tantivy.Query, sort: str, offset: int, limit: int):
    """Return the documents matched, the page's best (score, address) pairs and each page document's matches."""
    limit = max(limit, 0)
    by_date = best_by_date(searcher, schema, full, sort, offset, limit) if sort != "relevance" else None
    if by_date is None:
        shown = best_passages(searcher, full, sort, offset + limit)[offset:offset + limit]
        total = document_total(searcher, full)
    else:
        total, shown = by_date
    counts = documents_matched(searcher, schema, full, [doc_id for doc_id, _ in shown])
    return total, [pair for _, pair in shown], counts


def document_counts(searcher, over: tantivy.Query, names: list[str], exact: bool) -> dict[str, tuple[tuple[str, int], ...]]:
    """Return, per facet, how many documents with a passage in ``over`` carry each value.

    ``exact`` counts (value, document) pairs, one facet per request while they fit its bucket limit;
    otherwise the counts are tantivy's HyperLogLog estimates (within about 1 %), all facets in one request.
    """
    counts, estimated = {}, []
    for name in names:
        if not exact:
            estimated.append(name)
            continue
        try:
            nested = {"d": {"terms": {"field": "doc_id", "size": FACET_BUCKETS}}}
            result = searcher.aggregate(over, {name: {"terms": facet_terms(name), "aggs": nested}})
            counts[name] = ranked({b["key"]: len(b["d"]["buckets"]) for b in result[name]["buckets"]})
        except ValueError:
            estimated.append(name)
    if estimated:
        estimate = {"d": {"cardinality": {"field": "doc_id"}}}
        result = searcher.aggregate(over, {name: {"terms": facet_terms(name), "aggs": estimate} for name in estimated})
        for name in estimated:
            counts[name] = ranked({b["key"]: int(b["d"]["value"]) for b in result[name]["buckets"]})
    return counts


def facet_terms(name: str) -> dict:
    """Return the terms aggregation of every value of one facet."""
    return {"field": FACET_FIELD_NAMES[name], "size": FACET_BUCKETS}


def ranked_buckets(aggregated: dict, name: str) -> tuple[tuple[str, int], ...]:
    """Return the (value, count) pairs of one terms aggregation, most frequent first."""
    return ranked({bucket["key"]: bucket["doc_count"] for bucket in aggregated[name]["buckets"]})


def passage_counts(searcher, over: tantivy.Query, names: list[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Return how many passages in ``over`` carry each value of each facet, in one request."""
    aggregation = {name: {"terms": {"field": FACET_FIELD_NAMES[name], "size": FACET_BUCKETS}} for name in names}
    result = searcher.aggregate(over, aggregation)
    return {name: ranked_buckets(result, name) for name in names}


def facet_counts(searcher, query, counted_over: Callable[[str | None], tantivy.Query], matched: int) -> tuple[dict, bool]:
    """Count each facet over the matches, a filtered facet without its own filter (documents when grouped).

    ``counted_over(skip)`` is the query of the matches with every filter but facet ``skip``'s; ``matched``
    the number of matching passages. Returns the counts and whether any are estimates.
    """
    filtered = {facet.name for facet in query.filters if facet.name in query.facet_fields}
    plain = [name for name in query.facet_fields if name not in filtered]
    groups = ([(plain, None, matched)] if plain else []) + [([name], name, None) for name in sorted(filtered)]
    counts, estimated = {}, False
    for names, skip, size in groups:
        over = counted_over(skip)
        if not query.group_by_document:
            counts.update(passage_counts(searcher, over, names))
            continue
        size = searcher.search(over, 1).count if size is None else size
        counts.update(document_counts(searcher, over, names, exact=size <= EXACT_DOCUMENT_COUNTS))
        estimated = estimated or size > EXACT_DOCUMENT_COUNTS
    return {name: counts[name] for name in query.facet_fields}, estimated
