"""Both engines give the same answers on the sample corpus: hits, totals, facet counts, snippets and orders."""
import pytest

from indexer.engines import FacetFilter, SearchQuery, open_store

QUERIES = ["cooperation", "Shanghai cooperation", "terrorism OR security", "cooperation -terrorism",
           '"Shanghai Cooperation Organisation"', "secur*", "terorism~", "speaker:putin", "topic:terrorism",
           "cooperation NOT (Shanghai OR terrorism)", "Норов", "合作", "title:declaration", "-cooperation",
           "A/75/704", "Tadjikistan", "coopération internationale", "alpha (+)- thalassemia", "a (-) b",
           "Kassym-Jomart Tokayev", "lang:fr", "type:letter", "Mirziyoyev OR Modi", "pandemic covid",
           'reported:"Vladimir Putin"', "reported:putin", 'cooperation -reported:"Xi Jinping"']
# Every hit of the sample corpus fits on one page this long, so whole answers are compared.
ALL_HITS = 1000


@pytest.fixture(scope="module")
def engines(built_index, whoosh_index):
    stores = {"tantivy": open_store(built_index.index_dir), "whoosh": open_store(whoosh_index.index_dir)}
    yield stores
    for store in stores.values():
        store.close()


def answer(store, query: SearchQuery) -> dict:
    results = store.search(query)
    return {
        "total": results.total,
        "hits": {hit.passage.passage_id: hit.snippet_html for hit in results.hits},
        "facets": {name: dict(pairs) for name, pairs in results.facets.items()},
        "suggestion": results.suggestion,
    }


@pytest.mark.parametrize("text", QUERIES)
def test_both_engines_find_the_same_passages_with_the_same_snippets_and_facets(engines, text):
    query = SearchQuery(text=text, limit=ALL_HITS)
    tantivy, whoosh = (answer(engines[name], query) for name in ("tantivy", "whoosh"))
    assert tantivy == whoosh


@pytest.mark.parametrize("text", ["cooperation", "terrorism OR security", "Norov", "Shanghai spirit"])
def test_both_engines_rank_from_the_same_documents(engines, text):
    """The first hits come from the same documents; scores differ (tantivy's BM25 idf is not Whoosh's)."""
    query = SearchQuery(text=text, limit=5, with_facets=False)
    documents = {name: {hit.passage.doc_id for hit in engines[name].search(query).hits} for name in engines}
    assert documents["tantivy"] & documents["whoosh"]


@pytest.mark.parametrize("query", [
    SearchQuery(sort="newest", limit=ALL_HITS),
    SearchQuery(sort="oldest", limit=ALL_HITS),
    SearchQuery(text="cooperation", sort="newest", limit=ALL_HITS),
    SearchQuery(filters=(FacetFilter("lang", include=("en",)),), date_from="2020", limit=ALL_HITS),
    SearchQuery(filters=(FacetFilter("speaker", exclude=("Vladimir Putin",)),), limit=ALL_HITS),
    SearchQuery(filters=(FacetFilter("reported", include=("Vladimir Putin", "Xi Jinping")),), limit=ALL_HITS),
    SearchQuery(text="cooperation", date_to="2020-12-31", limit=7, offset=3),
])
def test_both_engines_filter_sort_and_page_alike(engines, query):
    orders = {name: [hit.passage.passage_id for hit in engines[name].search(query).hits] for name in engines}
    assert orders["tantivy"] == orders["whoosh"] if query.sort != "relevance" else \
        set(orders["tantivy"]) == set(orders["whoosh"])


def test_both_engines_hold_the_same_documents(engines):
    stats = {name: store.stats() for name, store in engines.items()}
    assert (stats["tantivy"].documents, stats["tantivy"].passages) == (stats["whoosh"].documents, stats["whoosh"].passages)
    assert dict(stats["tantivy"].per_facet) == dict(stats["whoosh"].per_facet)
    doc_id = engines["whoosh"].search(SearchQuery(limit=1)).hits[0].passage.doc_id
    assert engines["tantivy"].get_document(doc_id) == engines["whoosh"].get_document(doc_id)


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
@pytest.mark.parametrize("text", ['reported:"Vladimir Putin"', 'reported:"VLADIMIR PUTIN"'])
def test_reported_finds_the_passages_that_report_a_person_and_no_other(engines, engine, text):
    store = engines[engine]
    every = store.search(SearchQuery(group_by_document=False, limit=ALL_HITS)).hits
    reporting = {hit.passage.passage_id for hit in every if "Vladimir Putin" in hit.passage.reported}
    found = {hit.passage.passage_id for hit in store.search(SearchQuery(text=text, limit=ALL_HITS)).hits}
    assert found == reporting
    assert {f"002_5053c25469639f1a:p{n}" for n in (5, 6, 7)} <= found


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_a_reported_person_is_no_speaker_facet_value_of_the_passages_that_report_him(engines, engine):
    store = engines[engine]
    query = SearchQuery(filters=(FacetFilter("reported", include=("Vladimir Putin",)),), limit=ALL_HITS)
    facets = {name: dict(pairs) for name, pairs in store.search(query).facets.items()}
    unfiltered = dict(store.search(SearchQuery(limit=0)).facets["reported"])
    assert facets["speaker"] == {"Vladimir Norov": 8}
    assert facets["reported"] == unfiltered and unfiltered["Vladimir Putin"] == 8  # a facet's filter keeps its own counts
