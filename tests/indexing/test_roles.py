"""Who speaks and who is reported in the sample documents, through an indexing run on both engines."""
from __future__ import annotations

import pytest

from indexer.engines import FacetFilter, SearchQuery, open_store

# Norov's address: it reports what Putin said, then what Guterres wrote ("In May the UN Secretary-General António
# Guterres sent a letter to the SCO Secretary-General stressing that …"), then what Jenča and Greminger said.
ADDRESS_ID = "002_5053c25469639f1a"
NOROV = ("Vladimir Norov",)
# Every hit of the sample corpus fits on one page this long.
ALL_HITS = 1000


@pytest.fixture(scope="module", params=["built_index", "whoosh_index"], ids=["tantivy", "whoosh"])
def corpus_store(request):
    """Return a store of the corpus/ index written by each engine in turn."""
    store = open_store(request.getfixturevalue(request.param).index_dir)
    yield store
    store.close()


def test_the_address_is_norovs_throughout_and_reports_putin_jenca_and_greminger(corpus_store):
    passages = corpus_store.get_document(ADDRESS_ID)
    reporting = {5: ("Vladimir Putin",), 6: ("Vladimir Putin",), 7: ("Vladimir Putin",), 28: ("António Guterres",),
                 30: ("Miroslav Jenča", "Thomas Greminger")}
    assert [(p.ordinal, p.speakers, p.reported) for p in passages] == [
        (ordinal, NOROV, reporting.get(ordinal, ())) for ordinal in range(1, len(passages) + 1)]
    assert passages[4].text.startswith("In other words, the summit actually formulated")


def test_no_passage_reports_its_own_speaker_and_a_press_release_has_no_speaker(corpus_store):
    passages = [hit.passage for hit in corpus_store.search(SearchQuery(limit=ALL_HITS)).hits]
    assert passages and not [p.passage_id for p in passages if set(p.speakers) & set(p.reported)]
    release = {p.speakers for p in corpus_store.get_document("004_e01e7e91aa2e5400")}
    assert release == {()}


def test_the_speaker_filter_no_longer_lists_the_address_for_putin(corpus_store):
    def documents(facet: str) -> set[str]:
        query = SearchQuery(filters=(FacetFilter(facet, include=("Vladimir Putin",)),), limit=ALL_HITS)
        return {hit.passage.doc_id for hit in corpus_store.search(query).hits}

    assert documents("speaker") == set()
    assert documents("reported") == {ADDRESS_ID, "001_5ebd3e9147405e68"}
