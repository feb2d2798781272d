"""One hit per document on tantivy: each document's best passage, and counts of documents, not passages.

tantivy has no collapsing collector, so ranked passages are scanned until the
page has enough distinct documents; document totals and per-facet document
counts are terms aggregations over ``doc_id``.
"""
from __future__ import annotations

import json
from typing import Callable

import tantivy

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


def doc_id_at(searcher, address) -> str:
    """Return the document id of the passage at an address."""
    return json.loads(bytes(searcher.doc(address).get_first("record")).decode("utf-8"))["doc_id"]


def best_passages(searcher, full: tantivy.Query, sort: str, wanted: int) -> list[tuple[str, tuple]]:
    """Return up to ``wanted`` (doc_id, (score, address)) pairs: documents in order of their best passage."""
    scan = max(wanted, 1) * GROUP_SCAN_FACTOR
    while True:
        result = ordered(searcher, full, scan, sort)
        best: dict[str, tuple] = {}
        for score, address in result.hits:
            best.setdefault(doc_id_at(searcher, address), (score, address))
            if len(best) >= wanted:
                break
        if len(best) >= wanted or len(result.hits) < scan or scan >= MAX_GROUP_SCAN:
            return list(best.items())
        scan = min(scan * 4, MAX_GROUP_SCAN)


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
    shown = best_passages(searcher, full, sort, offset + max(limit, 0))[offset:offset + max(limit, 0)]
    counts = documents_matched(searcher, schema, full, [doc_id for doc_id, _ in shown])
    return document_total(searcher, full), [pair for _, pair in shown], counts


def document_counts(searcher, over: tantivy.Query, name: str, exact: bool) -> tuple[tuple[str, int], ...]:
    """Return how many documents with a passage in ``over`` carry each value of a facet.

    ``exact`` counts (value, document) pairs while they fit in one request's bucket limit; otherwise
    the counts are tantivy's HyperLogLog estimates (within about 1 %).
    """
    terms = {"field": FACET_FIELD_NAMES[name], "size": FACET_BUCKETS}
    if exact:
        try:
            nested = {"d": {"terms": {"field": "doc_id", "size": FACET_BUCKETS}}}
            result = searcher.aggregate(over, {name: {"terms": terms, "aggs": nested}})
            return ranked({b["key"]: len(b["d"]["buckets"]) for b in result[name]["buckets"]})
        except ValueError:
            pass
    estimate = {"d": {"cardinality": {"field": "doc_id"}}}
    result = searcher.aggregate(over, {name: {"terms": terms, "aggs": estimate}})
    return ranked({b["key"]: int(b["d"]["value"]) for b in result[name]["buckets"]})


def ranked_buckets(aggregated: dict, name: str) -> tuple[tuple[str, int], ...]:
    """Return the (value, count) pairs of one terms aggregation, most frequent first."""
    return ranked({bucket["key"]: bucket["doc_count"] for bucket in aggregated[name]["buckets"]})


def passage_counts(searcher, over: tantivy.Query, names: list[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Return how many passages in ``over`` carry each value of each facet, in one request."""
    aggregation = {name: {"terms": {"field": FACET_FIELD_NAMES[name], "size": FACET_BUCKETS}} for name in names}
    result = searcher.aggregate(over, aggregation)
    return {name: ranked_buckets(result, name) for name in names}


def facet_counts(searcher, query, counted_over: Callable[[str | None], tantivy.Query], matched: int) -> dict:
    """Count each facet over the matches, a filtered facet without its own filter (documents when grouped).

    ``counted_over(skip)`` is the query of the matches with every filter but facet ``skip``'s; ``matched``
    the number of matching passages, which decides whether document counts are exact.
    """
    filtered = {facet.name for facet in query.filters if facet.name in query.facet_fields}
    if query.group_by_document:  # one request per facet: nested document buckets add up fast
        exact = matched <= EXACT_DOCUMENT_COUNTS
        return {name: document_counts(searcher, counted_over(name if name in filtered else None), name, exact)
                for name in query.facet_fields}
    counts = {}
    plain = [name for name in query.facet_fields if name not in filtered]
    if plain:
        counts.update(passage_counts(searcher, counted_over(None), plain))
    for name in sorted(filtered):
        counts.update(passage_counts(searcher, counted_over(name), [name]))
    return {name: counts[name] for name in query.facet_fields}
