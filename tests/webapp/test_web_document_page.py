"""The document page: metadata, anchored passages, highlighted words, links between hits, 404."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from indexer.models import Passage
from webapp.documents import build_document


def document(client, url, status=200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    return BeautifulSoup(response.data, "lxml")


def test_metadata_and_every_passage_anchored_in_order(client, sample_passages):
    soup = document(client, "/doc/letter-2021")
    passages = [p for p in sample_passages if p.doc_id == "letter-2021"]
    assert soup.select_one("main h1").text == passages[0].title
    meta = {div.dt.text: div.dd.get_text(" ", strip=True) for div in soup.select(".doc-meta > div")}
    assert meta == {"Date": "2021-01-05", "Speaker": "Mahmadamin Mahmadaminov", "Type": "Letter", "Source": "United Nations",
                    "Languages": "French, English", "Passages": str(len(passages)), "File": "letter-2021.txt"}
    sections = soup.select("section.passage")
    assert [(s["id"], s.select_one(".passage-text")["lang"], s.select_one(".passage-text").text) for s in sections] == [
        (f"p{p.ordinal}", p.lang, p.text) for p in passages
    ]
    assert all(len(s.select(".passage-text p")) == 1 for s in sections)
    assert [s.select_one("a.permalink")["href"] for s in sections] == [f"/doc/letter-2021#p{p.ordinal}" for p in passages]
    assert soup.select("mark") == []


def test_paragraphs_merged_into_a_passage_are_shown_apart():
    passage = Passage("d:p1", "d", 1, "First <b> & one.\n\nSecond, with\na line break.\n \n\nThird.", lang="fr")
    view = build_document([passage], "", lambda text, lang, q: text, {})
    assert [str(p) for p in view.passages[0].paragraphs] == ["First &lt;b&gt; &amp; one.", "Second, with\na line break.", "Third."]


def test_query_words_are_marked_and_hits_link_to_each_other(client, sample_passages):
    soup = document(client, "/doc/summit-2020-11?q=pandemic")
    with_word = [f"p{p.ordinal}" for p in sample_passages
                 if p.doc_id == "summit-2020-11" and re.search(r"\bpandemic", p.text, re.IGNORECASE)]
    assert len(with_word) >= 2
    hits = [s["id"] for s in soup.select("section.passage.has-hit")]
    assert hits == with_word
    for section in soup.select("section.passage.has-hit"):
        assert {m.text.lower() for m in section.select("mark")} == {"pandemic"}
    chain = {s["id"]: [a["href"] for a in s.select(".passage-tools a[href^='#']:not(.permalink)")] for s in soup.select("section.has-hit")}
    assert chain == {
        anchor: ([f"#{with_word[i - 1]}"] if i > 0 else []) + ([f"#{with_word[i + 1]}"] if i + 1 < len(with_word) else [])
        for i, anchor in enumerate(with_word)
    }
    assert soup.select_one(".hit-summary a")["href"] == f"#{with_word[0]}"
    assert soup.select_one(".back a")["href"] == "/search?q=pandemic"


def test_a_query_without_match_in_the_document_says_so(client):
    soup = document(client, "/doc/qingdao-2018?q=pandemic")
    assert "No passage of this document contains" in soup.select_one(".hit-summary").text
    assert soup.select("mark") == []


@pytest.mark.parametrize("doc_id", ["no-such-document", "letter-2021x", "a/b/c"])
def test_unknown_document_is_a_friendly_404(client, doc_id):
    soup = document(client, f"/doc/{doc_id}", status=404)
    assert soup.select_one("main h1").text == "Not found"
    assert f"There is no document “{doc_id}” in the index." in soup.select_one(".error-message").text
    assert "Traceback" not in str(soup)


def test_the_page_names_the_reported_speakers_and_each_passage_says_whom_it_reports(client):
    soup = document(client, "/doc/norov-2020-06")
    meta = {div.dt.text: div.dd for div in soup.select(".doc-meta > div")}
    assert (meta["Speaker"].get_text(strip=True), meta["Reported speaker"].get_text(strip=True)) == \
        ("Vladimir Norov", "Vladimir Putin")
    assert meta["Reported speaker"].a["href"] == "/search?reported=Vladimir+Putin"
    reporting = {s["id"]: s.select_one(".passage-reported").get_text(" ", strip=True)
                 for s in soup.select("section.passage") if s.select_one(".passage-reported")}
    assert reporting == {"p6": "Reporting Vladimir Putin", "p7": "Reporting Vladimir Putin", "p8": "Reporting Vladimir Putin"}
