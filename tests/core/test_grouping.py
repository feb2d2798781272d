"""One hit per document on every engine: each document's best passage, totals and facets counting documents.

Each grouped search is checked against the same search ungrouped, grouped here in Python.
"""
from collections import Counter, defaultdict

import pytest

from indexer.engines import ENGINES, FacetFilter, SearchQuery
from indexer.fields import facet_values
from tests.core.conftest import PASSAGES, engine_store
from tests.core.test_relax import relax_documents

SEARCHES = [
    SearchQuery(text=""),
    SearchQuery(text="Shanghai"),
    SearchQuery(text="the United Nations"),
    SearchQuery(text="", filters=(FacetFilter("speaker", ("Vladimir Putin",)),)),
    SearchQuery(text="screening", sort="oldest"),
    SearchQuery(text="", filters=(FacetFilter("lang", ("en",), ("fr",)),), date_from="2015-01-01"),
]


@pytest.fixture(scope="module", params=ENGINES)
def grouping_store(request, tmp_path_factory):
    store = engine_store(request.param, tmp_path_factory.mktemp(f"grouping-{request.param}"), PASSAGES + relax_documents())
    yield store
    store.close()


def grouped_by_hand(store, query: SearchQuery):
    """Return (documents in order of their best passage, matches per document, facet document counts)."""
    every = store.search(SearchQuery(**{**query.__dict__, "limit": 1000, "offset": 0, "group_by_document": False}))
    order, per_document = [], Counter()
    for hit in every.hits:
        if hit.passage.doc_id not in per_document:
            order.append(hit.passage)
        per_document[hit.passage.doc_id] += 1
    documents = defaultdict(set)
    for hit in every.hits:
        for name, values in facet_values(hit.passage).items():
            for value in values:
                documents[(name, value)].add(hit.passage.doc_id)
    return order, per_document, documents


def sort_key(hit, sort: str):
    """Return a hit's key in its order, smaller first (documents tied on it may come in either order)."""
    from indexer.fields import date_bounds
    low, high = date_bounds(hit.passage.date)
    return {"relevance": -(hit.score or 0), "newest": -low, "oldest": high}[sort]


@pytest.mark.parametrize("query", SEARCHES, ids=lambda q: q.text or "browse")
def test_grouped_pages_show_each_document_once_with_its_best_passage(grouping_store, query):
    order, per_document, _ = grouped_by_hand(grouping_store, query)
    best = {p.doc_id: p.passage_id for p in order}
    sort = query.sort if query.text or query.sort != "relevance" else "newest"
    listing = grouping_store.search(SearchQuery(**{**query.__dict__, "limit": 1000, "group_by_document": True}))
    assert (listing.total, listing.passage_total) == (len(order), sum(per_document.values()))
    assert sorted(hit.passage.doc_id for hit in listing.hits) == sorted(best)
    assert all(hit.passage.passage_id == best[hit.passage.doc_id] for hit in listing.hits)
    assert all(hit.document_matches == per_document[hit.passage.doc_id] for hit in listing.hits)
    keys = [sort_key(hit, sort) for hit in listing.hits]
    assert keys == sorted(keys)
    pages = [grouping_store.search(SearchQuery(**{**query.__dict__, "offset": offset, "limit": 4, "group_by_document": True}))
             for offset in range(0, len(order), 4)]
    assert [hit.passage.passage_id for page in pages for hit in page.hits] == [hit.passage.passage_id for hit in listing.hits]


@pytest.mark.parametrize("query", SEARCHES, ids=lambda q: q.text or "browse")
def test_grouped_facets_count_documents(grouping_store, query):
    _, _, documents = grouped_by_hand(grouping_store, query)
    results = grouping_store.search(SearchQuery(**{**query.__dict__, "group_by_document": True}))
    filtered = {f.name for f in query.filters}
    for name, counts in results.facets.items():
        if name in filtered:
            continue  # counted without its own filter, so over other passages than the hand-made list
        assert dict(counts) == {value: len(docs) for (facet, value), docs in documents.items() if facet == name}, name


def test_a_document_with_several_matching_passages_shows_one(grouping_store):
    results = grouping_store.search(SearchQuery(text="Shanghai", group_by_document=True))
    assert [(h.passage.passage_id, h.document_matches) for h in results.hits] == [("spirit:p1", 2), ("decl:p2", 1)]
    assert (results.total, results.passage_total) == (2, 3)


def test_documents_can_be_left_out(grouping_store):
    results = grouping_store.search(SearchQuery(text="Shanghai", exclude_documents=("spirit",)))
    assert [hit.passage.passage_id for hit in results.hits] == ["decl:p2"]
    browse = grouping_store.search(SearchQuery(text="", exclude_documents=("spirit", "decl"), group_by_document=True))
    assert browse.total == len(PASSAGES + relax_documents()) - 2
    assert "Vladimir Putin" in dict(browse.facets["speaker"])  # the Russian statement is still there


def test_a_passage_is_fetched_by_its_id(grouping_store):
    passage = grouping_store.get_passage("spirit:p2")
    assert (passage.doc_id, passage.ordinal, passage.speakers) == ("spirit", 2, ("Xi Jinping",))
    assert grouping_store.get_passage("spirit:p9") is None


def test_large_grouped_results_estimate_document_counts_and_say_so(tmp_path, monkeypatch):
    from indexer.engines.tantivy import grouping
    store = engine_store("tantivy", tmp_path / "tantivy", PASSAGES + relax_documents())
    try:
        exact = store.search(SearchQuery(text="", group_by_document=True))
        monkeypatch.setattr(grouping, "EXACT_DOCUMENT_COUNTS", 0)
        estimated = store.search(SearchQuery(text="", group_by_document=True))
    finally:
        store.close()
    assert (exact.facets_estimated, estimated.facets_estimated) == (False, True)
    for name, counts in exact.facets.items():
        for value, count in counts:
            assert abs(dict(estimated.facets[name])[value] - count) <= max(1, count // 50), (name, value)
