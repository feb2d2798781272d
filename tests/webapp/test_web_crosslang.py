"""Search across languages in the web app: what was added is shown, xlang=0 turns it off, every link keeps it."""
from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from webapp.request import BadSearchRequest, SearchRequest, parse_search_request

TERRORISM = quote("терроризм")
API = "http://localhost/api/search"


def parse(query_string: str) -> SearchRequest:
    return parse_search_request(MultiDict(parse_qsl(query_string, keep_blank_values=True)))


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return BeautifulSoup(response.data, "lxml")


@pytest.mark.parametrize(("query_string", "xlang", "args"), [
    ("q=a", True, [("q", "a")]),
    ("q=a&xlang=1", True, [("q", "a")]),
    ("q=a&xlang=0", False, [("q", "a"), ("xlang", "0")]),
    ("q=a&xlang=+0+&page=2", False, [("q", "a"), ("xlang", "0"), ("page", "2")]),
])
def test_xlang_is_parsed_and_written_back_canonically(query_string, xlang, args):
    request = parse(query_string)
    assert (request.xlang, request.to_args()) == (xlang, args)
    assert parse_search_request(MultiDict(request.to_args())) == request


@pytest.mark.parametrize("value", ["no", "2", "false", "00"])
def test_a_bad_xlang_is_refused_with_its_name(value):
    with pytest.raises(BadSearchRequest, match="“xlang” must be one of 0, 1"):
        parse(f"q=a&xlang={value}")


def test_a_bad_xlang_is_a_400(engine_app):
    response = engine_app.test_client().get("/search?q=a&xlang=maybe")
    assert response.status_code == 400


def test_the_api_says_what_was_also_searched_and_how_to_turn_it_off(engine_app):
    client = engine_app.test_client()
    body = client.get(f"/api/search?q={TERRORISM}").get_json()
    assert body["also_searched"] == [{"word": "terrorism", "lang": "en"}, {"word": "terrorisme", "lang": "fr"},
                                     {"word": "恐怖主义", "lang": "zh"}]
    assert body["only_typed_url"] == f"{API}?q={TERRORISM}&xlang=0"
    assert body["total"] == 40
    assert all("<mark>" in hit["snippet"] for hit in body["hits"])
    typed_only = client.get(body["only_typed_url"]).get_json()
    assert (typed_only["also_searched"], typed_only["only_typed_url"], typed_only["total"]) == ([], None, 0)


def test_a_name_in_cyrillic_finds_its_latin_spelling(engine_app):
    body = engine_app.test_client().get(f"/api/search?q={quote('Мирзиёев')}").get_json()
    assert body["also_searched"] == [{"word": word, "lang": None}
                                     for word in ("Mirziyoyev", "Mirziyoev", "Mirzioyev", "Mirzijojev")] + [
        {"word": "米尔济约耶夫", "lang": "zh"}]
    assert body["total"] == 9 and body["suggestion"] is None


def test_the_page_shows_what_was_added_with_a_link_to_search_only_what_was_typed(engine_app):
    soup = page(engine_app.test_client(), f"/search?q={TERRORISM}")
    note = soup.select_one("p.also-searched")
    assert note.get_text(" ", strip=True) == (
        "Also searched: terrorism (en), terrorisme (fr), 恐怖主义 (zh) · search only what I typed")
    assert [(span["lang"], span.text) for span in note.select("span[lang]")] == [
        ("en", "terrorism"), ("fr", "terrorisme"), ("zh", "恐怖主义")]
    assert note.select_one("a")["href"] == f"/search?q={TERRORISM}&xlang=0"
    assert soup.select("ol.hits .snippet mark")


def test_with_xlang_off_every_link_and_the_form_keep_it(engine_app):
    soup = page(engine_app.test_client(), "/search?q=terrorism&xlang=0")
    assert soup.select_one("p.also-searched") is None
    note = soup.select_one("p.only-typed")
    assert note.get_text(" ", strip=True) == "Searched only what you typed. Also search other languages and scripts"
    assert note.select_one("a")["href"] == "/search?q=terrorism"
    assert soup.select_one('input[type="hidden"][name="xlang"]')["value"] == "0"
    links = [a["href"] for a in soup.select("main a[href^='/search?'], #filters a[href^='/search?']")
             if a not in note.select("a")]
    assert links and all(("xlang", "0") in parse_qsl(urlsplit(link).query) for link in links)
    documents = [a["href"] for a in soup.select("ol.hits .hit-title a")]
    assert documents and all(("xlang", "0") in parse_qsl(urlsplit(link).query) for link in documents)


def test_a_word_without_equivalents_shows_nothing_added(engine_app):
    body = engine_app.test_client().get("/api/search?q=security").get_json()
    assert (body["also_searched"], body["only_typed_url"]) == ([], None)
    soup = page(engine_app.test_client(), "/search?q=security")
    assert (soup.select_one("p.also-searched"), soup.select_one("p.only-typed")) == (None, None)


def test_the_document_page_marks_the_equivalents_unless_turned_off(engine_app):
    client = engine_app.test_client()
    hit = client.get(f"/api/search?q={TERRORISM}&per_page=1").get_json()["hits"][0]
    marked = page(client, hit["url"]).select("article mark, .passage mark")
    assert marked and {mark.text.lower()[:8] for mark in marked} == {"terroris"}
    plain = page(client, hit["url"].split("#")[0] + "&xlang=0")
    assert plain.select("article mark, .passage mark") == []


def test_mentions_over_time_count_the_equivalents_unless_turned_off(client):
    across = client.get("/trends.json?q=Afghanistan").get_json()
    typed = client.get("/trends.json?q=Afghanistan&xlang=0").get_json()
    assert (across["csv_url"], typed["csv_url"]) == ("/trends.csv?q=Afghanistan", "/trends.csv?q=Afghanistan&xlang=0")
    assert across["series"][0]["total"] > typed["series"][0]["total"] > 0
