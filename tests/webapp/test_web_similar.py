"""Similar passages: other documents' passages with the most similar wording, filterable like any search."""
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from indexer.models import Passage
from indexer.similar import distinctive_words

SOURCE = "norov-2020-06:p7"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    return response.get_json()


def test_similar_passages_come_from_other_documents_and_share_its_words(client, sample_passages):
    body = get_json(client, f"/api/search?like={SOURCE}&per_page=100")
    source = next(p for p in sample_passages if p.passage_id == SOURCE)
    assert body["like"]["passage_id"] == SOURCE and body["like"]["url"] == "http://localhost/doc/norov-2020-06#p7"
    assert body["like"]["words"] and all(word in source.text.lower() for word in body["like"]["words"])
    assert body["total"] == len(body["hits"]) > 0
    assert all(hit["doc_id"] != source.doc_id for hit in body["hits"])
    scores = [hit["score"] for hit in body["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert "<mark>" in body["hits"][0]["snippet"].replace("\\u003c", "<")
    assert any("<mark>" in hit["snippet"].replace("\\u003c", "<") for hit in body["hits"])


@pytest.mark.parametrize("filters, holds", [
    ("lang=en", lambda hit: hit["lang"] == "en"),
    ("year=2017", lambda hit: hit["date"].startswith("2017")),
    ("not_speaker=Xi+Jinping", lambda hit: "Xi Jinping" not in hit["speakers"]),
])
def test_similar_passages_honour_facet_filters(client, filters, holds):
    body = get_json(client, f"/api/search?like={SOURCE}&{filters}&per_page=100")
    assert body["hits"] and all(holds(hit) for hit in body["hits"])
    assert all(f"like={SOURCE.replace(':', '%3A')}" in value["url"] for group in body["facets"].values() for value in group)


def test_the_results_page_names_the_passage_compared_with(client):
    soup = BeautifulSoup(client.get(f"/search?like={SOURCE}").data, "lxml")
    heading = soup.select_one("h1.results-count")
    assert "worded like ¶ 7 of Address by SCO Secretary-General Vladimir Norov" in heading.get_text(" ", strip=True)
    assert heading.select_one("a")["href"] == "/doc/norov-2020-06#p7"
    assert soup.select_one('input[type="hidden"][name="like"]')["value"] == SOURCE
    assert soup.select_one(".suggestion") is None


def test_every_hit_and_every_passage_of_a_document_offers_similar_passages(client):
    soup = BeautifulSoup(client.get("/search?q=terrorism").data, "lxml")
    hits = soup.select("li.hit")
    assert len(hits) == len(soup.select("li.hit .hit-tools a[href^='/search?like=']"))
    document = BeautifulSoup(client.get("/doc/norov-2020-06").data, "lxml")
    links = [a["href"] for a in document.select(".passage-tools a[href^='/search?like=']")]
    assert links and len(links) == len(document.select("section.passage"))
    assert links[6] == "/search?like=norov-2020-06:p7"


@pytest.mark.parametrize("url", ["/search?like=nowhere:p1", "/api/search?like=nowhere:p1", "/search.csv?like=x"])
def test_an_unknown_passage_is_a_clear_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "There is no passage" in response.get_data(as_text=True)


def test_distinctive_words_are_rare_shared_and_not_stop_words():
    passage = Passage("d:p1", "d", 1, "The zebra and the zebra met a unicorn; the treaty of the zebra.", lang="en")
    counts = Counter({"zebra": 3, "unicorn": 2, "treaty": 50, "met": 400, "the": 900})
    assert distinctive_words(passage, counts, passages=1000) == ["zebra", "unicorn", "treaty", "met"]
    assert "unicorn" not in distinctive_words(passage, Counter({"zebra": 3, "unicorn": 1}), passages=1000)
