"""One hit per document: the default of browsing, a bookmarkable choice for a search, counting documents."""
import csv
import io
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from indexer.engines import FACET_FIELDS
from tests.webapp.web_sample import matches, values_of


def document_counts(passages, facet, include=None):
    """Return how many documents have a passage (matching ``include``) with each value of a facet."""
    documents = defaultdict(set)
    for passage in passages:
        if matches(passage, include or {}):
            for value in values_of(passage, facet):
                documents[value].add(passage.doc_id)
    return {value: len(docs) for value, docs in documents.items()}


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return BeautifulSoup(response.data, "lxml")


def test_browsing_shows_each_document_once_and_counts_documents(client, sample_passages):
    body = client.get("/api/search?per_page=100").get_json()
    per_document = defaultdict(int)
    for passage in sample_passages:
        per_document[passage.doc_id] += 1
    assert (body["unit"], body["total"], body["passage_total"]) == ("document", len(per_document), len(sample_passages))
    assert sorted((hit["doc_id"], hit["document_matches"]) for hit in body["hits"]) == sorted(per_document.items())
    assert [hit["date"] for hit in body["hits"]] == sorted((hit["date"] for hit in body["hits"]), reverse=True)
    for facet in FACET_FIELDS:
        assert {v["value"]: v["count"] for v in body["facets"][facet]} == document_counts(sample_passages, facet), facet
    assert body["groups"] == {"passage": "http://localhost/api/search?group=passage&per_page=100",
                              "document": "http://localhost/api/search?per_page=100"}


def test_a_grouped_search_links_each_document_with_its_matches_marked(client, sample_passages):
    soup = soup_of(client, "/search?q=security&group=document")
    expected = {p.doc_id for p in sample_passages if "security" in p.text.lower()}
    titles = soup.select("ol.hits .hit-title a")
    assert len(titles) == len({a["href"].split("?")[0] for a in titles}) == len(expected)
    assert soup.select_one("h1.results-count").get_text(" ", strip=True) == f"{len(expected)} documents match security"
    more = soup.select("p.more-in-document a")
    assert more and all(a["href"].startswith("/doc/") and "q=security" in a["href"] for a in more)
    document = soup_of(client, more[0]["href"])
    assert len(document.select("mark")) > 1
    current = [(a.get_text(), a["href"]) for a in soup.select("nav.groups a[aria-current]")]
    assert current == [("one per document", "/search?q=security&group=document")]
    assert soup.select_one('nav.groups a:not([aria-current])')["href"] == "/search?q=security"


def test_facet_links_and_form_keep_the_grouping(client, sample_passages):
    soup = soup_of(client, "/search?q=security&group=document")
    assert soup.select_one('input[type="hidden"][name="group"]')["value"] == "document"
    link = soup.select_one("#facet-year .histogram a")["href"]
    assert "group=document" in link


@pytest.mark.parametrize("url, canonical", [
    ("/search?group=document", "http://localhost/search"),
    ("/search?q=security&group=passage", "http://localhost/search?q=security"),
    ("/search?group=passage", "http://localhost/search?group=passage"),
])
def test_the_default_grouping_is_left_out_of_canonical_urls(client, url, canonical):
    assert soup_of(client, url).select_one('link[rel="canonical"]')["href"] == canonical


@pytest.mark.parametrize("value", ["documents", "x", "<b>"])
def test_an_unknown_grouping_is_refused(client, value):
    response = client.get("/api/search", query_string={"group": value})
    assert response.status_code == 400
    assert "“group” must be one of passage, document" in response.get_json()["error"]["message"]


def test_the_csv_export_of_a_grouped_page_holds_every_passage(client, sample_passages):
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(row["passage_id"] for row in rows) == sorted(p.passage_id for p in sample_passages)
