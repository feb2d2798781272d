"""A long pasted question on the web: the results go on with passages holding most words, each saying what it lacks."""
from bs4 import BeautifulSoup

QUESTION = "What did the member states say about aeroelastic cooperation against terrorism"


def test_the_results_page_says_what_happened_and_what_each_hit_lacks(client):
    response = client.get("/search", query_string={"q": QUESTION})
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert " ".join(soup.select_one(".relaxed").get_text().split()) == (
        "No passage holds every word, so these hold most of them, the rarest words kept longest. "
        "Each hit says which words it lacks. Common words not searched for: What, did, the, about, against.")
    assert "hold words of" in soup.select_one("h1").get_text()
    hits = soup.select("li.hit")
    assert hits and len(hits) == len(soup.select("li.hit p.missing"))
    assert all("aeroelastic" in [s.get_text() for s in hit.select("p.missing s")] for hit in hits)


def test_the_api_shows_per_hit_which_words_matched(client):
    body = client.get("/api/search", query_string={"q": QUESTION}).get_json()
    words = ["member", "states", "say", "aeroelastic", "cooperation", "terrorism"]
    assert body["relaxed"] == {"strict_total": 0, "words": words, "ignored": ["What", "did", "the", "about", "against"]}
    for hit in body["hits"]:
        assert hit["matched_words"] and "aeroelastic" in hit["missing_words"]
        assert sorted(hit["matched_words"] + hit["missing_words"]) == sorted(words)


def test_a_strict_search_holds_every_word(client):
    body = client.get("/api/search", query_string={"q": "SCO states"}).get_json()
    assert body["relaxed"] is None and body["total"] == 20
    assert {(tuple(h["matched_words"]), tuple(h["missing_words"])) for h in body["hits"]} == {(("SCO", "states"), ())}


def test_passages_holding_every_word_come_first(client):
    body = client.get("/api/search", query_string={"q": "SCO member states", "per_page": 100}).get_json()
    strict = body["relaxed"]["strict_total"]
    assert 0 < strict < body["total"]
    assert [bool(h["missing_words"]) for h in body["hits"]] == [False] * strict + [True] * (body["total"] - strict)


def test_stop_words_are_not_corrected(client):
    body = client.get("/api/search", query_string={"q": QUESTION}).get_json()
    suggestion = body["suggestion"]
    assert suggestion is None or suggestion["q"].startswith("What did the member states say about")
