"""The web app over the index the pipeline builds from corpus/ (the lead's ``built_index`` fixture)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from indexer.engines import FACET_FIELDS, open_store
from webapp import create_app


@pytest.fixture(scope="module")
def corpus_client(built_index):
    """Return a test client of the app over the corpus index."""
    app = create_app({"ARCHIVE_CONFIG": built_index, "TESTING": True})
    yield app.test_client()
    app.extensions["archive_search"].close()


@pytest.fixture(scope="module")
def corpus_stats(built_index):
    """Return the corpus index's stats, read straight from the store."""
    store = open_store(built_index.index_dir)
    yield store.stats()
    store.close()


def test_browse_counts_every_passage_and_facet_of_the_index(corpus_client, corpus_stats):
    body = corpus_client.get("/api/search?group=passage&per_page=100").get_json()
    assert body["total"] == corpus_stats.passages
    for facet in FACET_FIELDS:
        assert {v["value"]: v["count"] for v in body["facets"][facet]} == dict(corpus_stats.per_facet[facet]), facet


def test_every_document_page_shows_all_its_passages(corpus_client, corpus_stats):
    doc_ids, url = set(), "/api/search?per_page=100"
    page = 1
    while True:
        body = corpus_client.get(f"{url}&page={page}").get_json()
        doc_ids |= {hit["doc_id"] for hit in body["hits"]}
        if page >= body["last_page"]:
            break
        page += 1
    assert len(doc_ids) == corpus_stats.documents
    for doc_id in sorted(doc_ids):
        api = corpus_client.get(f"/api/doc/{doc_id}").get_json()
        soup = BeautifulSoup(corpus_client.get(f"/doc/{doc_id}").data, "lxml")
        assert [s["id"] for s in soup.select("section.passage")] == [f"p{p['ordinal']}" for p in api["passages"]]
        assert soup.select_one("main h1").text == api["title"]


def test_a_search_of_the_corpus_links_hits_to_marked_passages(corpus_client):
    soup = BeautifulSoup(corpus_client.get("/search?q=terrorism").data, "lxml")
    links = [a["href"] for a in soup.select("ol.hits .hit-title a")]
    assert links
    for link in links[:5]:
        path, anchor = link.split("#")
        document = BeautifulSoup(corpus_client.get(path).data, "lxml")
        assert document.select(f"section#{anchor} mark"), link
