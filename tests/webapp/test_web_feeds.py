"""Atom feeds, CSV export of all matches, and the OpenSearch description."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from tests.webapp.web_sample import matches

from webapp.views import feeds

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def test_atom_feed_lists_hits_newest_first_with_links(client, sample_passages):
    response = client.get("/search.atom?topic=security&group=passage&per_page=5")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    expected = [p for p in sample_passages if matches(p, {"topic": ["security"]})]
    assert feed.find(f"{OPENSEARCH}totalResults").text == str(len(expected))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    dates = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == max(p.date for p in expected) + "T00:00:00Z"
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").startswith("http://localhost/doc/")
    assert first.find(f"{ATOM}id").text.startswith("http://localhost/doc/")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "self": "http://localhost/search.atom?topic=security&group=passage&per_page=5",
        "alternate": "http://localhost/search?topic=security&group=passage&per_page=5",
        "next": "http://localhost/search.atom?topic=security&group=passage&per_page=5&page=2",
    }


def test_atom_summary_is_escaped_html_with_marks(client):
    feed = ET.fromstring(client.get("/search.atom?q=%E5%AE%89%E5%85%A8").data)
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<mark>安全</mark>" in summary.text


def test_atom_keeps_an_explicit_sort(client):
    feed = ET.fromstring(client.get("/search.atom?sort=oldest&per_page=3").data)
    dates = [entry.find(f"{ATOM}updated").text for entry in feed.findall(f"{ATOM}entry")]
    assert dates == sorted(dates) and dates[0].startswith("2017")


@pytest.mark.parametrize("batch", [feeds.CSV_BATCH, 4])
def test_csv_exports_every_match_across_batches(client, sample_passages, monkeypatch, batch):
    monkeypatch.setattr(feeds, "CSV_BATCH", batch)
    response = client.get("/search.csv?lang=en&not_speaker=Vladimir+Norov&page=2&per_page=3")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    expected = {p.passage_id: p for p in sample_passages if matches(p, {"lang": ["en"]}, {"speaker": ["Vladimir Norov"]})}
    assert sorted(row["passage_id"] for row in rows) == sorted(expected)
    row = rows[0]
    passage = expected[row["passage_id"]]
    assert row == {
        "passage_id": passage.passage_id, "doc_id": passage.doc_id, "title": passage.title, "date": passage.date,
        "lang": "en", "speakers": "; ".join(passage.speakers), "reported": "; ".join(passage.reported),
        "topics": "; ".join(passage.topics),
        "type": passage.doc_type, "source": passage.source,
        "url": f"http://localhost/doc/{passage.doc_id}#p{passage.ordinal}", "text": passage.text,
    }


def test_csv_of_a_search_without_match_is_only_the_header(client):
    text = client.get("/search.csv?lang=xx").get_data(as_text=True)
    assert text == "\ufeffpassage_id,doc_id,title,date,lang,speakers,reported,topics,type,source,url,text\r\n"


def test_opensearch_description_names_html_atom_and_suggestions(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    description = ET.fromstring(response.data)
    urls = {url.get("type"): url.get("template") for url in description.findall(f"{OPENSEARCH}Url")}
    assert urls == {
        "text/html": "http://localhost/search?q={searchTerms}",
        "application/atom+xml": "http://localhost/search.atom?q={searchTerms}",
        "application/x-suggestions+json": "http://localhost/api/suggest?q={searchTerms}",
    }


def test_csv_gives_the_people_a_passage_reports_in_their_own_column(client):
    response = client.get("/search.csv?reported=Vladimir+Putin&sort=oldest")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    assert [(row["passage_id"], row["speakers"], row["reported"]) for row in rows] == [
        (f"norov-2020-06:p{n}", "Vladimir Norov", "Vladimir Putin") for n in (6, 7, 8)]
