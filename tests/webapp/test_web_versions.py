"""Language versions in the web app, on both engines: "Also in" on the document page, a hit's version in the
language of the query, and document symbols in the page and the API."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer.config import Config
from indexer.documents import slug_for
from indexer.pipeline import index_corpus
from tests.conftest import CORPUS
from webapp import create_app

VOCABULARY_FILES = ("speakers.yaml", "topics.yaml", "doctypes.yaml", "sources.yaml")
LETTER, PRESS, ADDRESS = "000_b1dc39bb15750822", "004_e01e7e91aa2e5400", "002_5053c25469639f1a"
RUSSIAN = Path(__file__).resolve().parents[1] / "readers" / "data" / "russian_utf8.txt"
RELEASE = slug_for("ru/release.txt")
RELEASE_TITLE = "Пресс-релиз по итогам заседания Совета глав государств – членов ШОС"


def versions_corpus(root: Path, engine: str) -> Config:
    """Index the French letter (symbol A/75/704), an English press release given that symbol, a Russian text
    that its sidecar calls a version of the letter, and an English address with no version."""
    corpus = root / "corpus"
    (corpus / "ru").mkdir(parents=True)
    for name in VOCABULARY_FILES + tuple(f"{doc}.txt" for doc in (LETTER, PRESS, ADDRESS)):
        shutil.copy(CORPUS / name, corpus / name)
    shutil.copy(RUSSIAN, corpus / "ru" / "release.txt")
    (corpus / f"{PRESS}.txt.meta.json").write_text(json.dumps({"symbol": "A/75/704"}), encoding="utf-8")
    (corpus / "ru" / "release.txt.meta.json").write_text(json.dumps(
        {"title": RELEASE_TITLE, "version_of": f"../{LETTER}.txt"}, ensure_ascii=False), encoding="utf-8")
    config = Config(corpus_dir=corpus, index_dir=root / "index", engine=engine)
    assert not index_corpus(config).rejected
    return config


@pytest.fixture(scope="module", params=["tantivy", "whoosh"])
def client(request, tmp_path_factory):
    """Return a test client of the app over the versions corpus, indexed by each engine in turn."""
    config = versions_corpus(tmp_path_factory.mktemp(f"versions-{request.param}"), request.param)
    app = create_app({"ARCHIVE_CONFIG": config, "TESTING": True})
    yield app.test_client()
    app.extensions["archive_search"].close()


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return BeautifulSoup(response.data, "lxml")


def version_links(soup: BeautifulSoup) -> list[tuple[str, str, str, str]]:
    return [(a.text, a["lang"], a["hreflang"], a["href"]) for a in soup.select(".versions a")]


@pytest.mark.parametrize("doc_id, expected", [
    (LETTER, [("English", "en", "en", f"/doc/{PRESS}"), ("Русский", "ru", "ru", f"/doc/{RELEASE}")]),
    (PRESS, [("Français", "fr", "fr", f"/doc/{LETTER}"), ("Русский", "ru", "ru", f"/doc/{RELEASE}")]),
    (RELEASE, [("English", "en", "en", f"/doc/{PRESS}"), ("Français", "fr", "fr", f"/doc/{LETTER}")]),
    (ADDRESS, []),
])
def test_the_document_page_links_its_versions_in_their_own_languages(client, doc_id, expected):
    soup = soup_of(client, f"/doc/{doc_id}")
    assert version_links(soup) == expected
    assert [(link["hreflang"], link["href"]) for link in soup.select("link[rel=alternate][hreflang]")] == [
        (lang, f"http://localhost{href}") for _, lang, _, href in expected]
    if expected:
        assert soup.select_one(".versions").get_text(" ", strip=True).startswith("Also in:")


def test_the_links_keep_the_words_to_mark(client):
    assert version_links(soup_of(client, f"/doc/{LETTER}?q=Moscow")) == [
        ("English", "en", "en", f"/doc/{PRESS}?q=Moscow"), ("Русский", "ru", "ru", f"/doc/{RELEASE}?q=Moscow")]


def test_the_letter_page_shows_its_symbol_and_its_title_in_french(client):
    soup = soup_of(client, f"/doc/{LETTER}")
    meta = {div.dt.text: div.dd for div in soup.select(".doc-meta > div")}
    assert (meta["Symbol"].text, meta["Symbol"].a["href"]) == ("A/75/704", "/search?q=symbol:A/75/704")
    assert soup.select_one("main h1")["lang"] == "fr"
    assert "Symbol" not in {div.dt.text for div in soup_of(client, f"/doc/{ADDRESS}").select(".doc-meta > div")}


def offers(client, q: str) -> dict[str, set]:
    """Return the versions the hits of a search offer, by the hit's document."""
    body = client.get("/api/search", query_string={"q": q, "per_page": 100}).get_json()
    found: dict[str, set] = {}
    for hit in body["hits"]:
        version = hit["version"]
        found.setdefault(hit["doc_id"], set()).add(None if version is None else (version["doc_id"], version["lang"]))
    return found


@pytest.mark.parametrize("q, expected", [
    # English words: the French letter's hits offer its English version; English documents' hits offer nothing
    ("the Secretary-General and the member states", {LETTER: {(PRESS, "en")}, PRESS: {None}, ADDRESS: {None}}),
    # Russian written in Cyrillic: the letter and the English press release offer the Russian text
    ("Tajikistan ШОС", {LETTER: {(RELEASE, "ru")}, PRESS: {(RELEASE, "ru")}, RELEASE: {None}}),
    # no word tells the language: nothing is offered
    ("Tajikistan", {LETTER: {None}, PRESS: {None}}),
])
def test_a_hit_offers_its_documents_version_in_the_language_of_the_query(client, q, expected):
    assert offers(client, q) == expected


def test_the_results_page_links_the_offered_version(client):
    soup = soup_of(client, "/search?q=the+member+states+of+the+Shanghai+Cooperation+Organisation&group=document")
    hits = {hit.select_one(".hit-title a")["href"].split("?")[0]: hit for hit in soup.select("li.hit")}
    offered = hits[f"/doc/{LETTER}"].select_one(".hit-version a")
    assert (offered.text, offered["lang"], offered["hreflang"], offered["href"]) == (
        "English", "en", "en",
        f"/doc/{PRESS}?q=the+member+states+of+the+Shanghai+Cooperation+Organisation")
    assert hits[f"/doc/{PRESS}"].select(".hit-version") == []


def test_the_offered_version_keeps_searching_only_the_words_typed(client):
    soup = soup_of(client, "/search?q=the+member+states+of+the+Shanghai+Cooperation+Organisation&group=document"
                           "&xlang=0")
    hits = {hit.select_one(".hit-title a")["href"].split("?")[0]: hit for hit in soup.select("li.hit")}
    assert hits[f"/doc/{LETTER}"].select_one(".hit-version a")["href"] == (
        f"/doc/{PRESS}?q=the+member+states+of+the+Shanghai+Cooperation+Organisation&xlang=0")


def test_the_api_gives_symbols_versions_and_each_passages_title(client):
    body = client.get(f"/api/doc/{LETTER}").get_json()
    assert (body["symbol"], body["versions"]) == ("A/75/704", [
        {"doc_id": PRESS, "lang": "en", "title": "Press release on the results of the Shanghai Cooperation "
         "Organisation Heads of State Council Meeting", "url": f"http://localhost/doc/{PRESS}"},
        {"doc_id": RELEASE, "lang": "ru", "title": RELEASE_TITLE, "url": f"http://localhost/doc/{RELEASE}"}])
    titles = [passage["title"] for passage in body["passages"]]
    assert titles == [body["title"]] * 5 + [
        "Moscow Declaration of the Council of Heads of State of the Shanghai Cooperation Organization"] * (len(titles) - 5)
    hits = client.get("/api/search?q=symbol:A/75/704&group=document").get_json()["hits"]
    assert sorted((hit["doc_id"], hit["symbol"]) for hit in hits) == [(LETTER, "A/75/704"), (PRESS, "A/75/704")]
