"""Small things a careful reader notices (issue #13), each checked on the page that showed it."""
import pytest
from bs4 import BeautifulSoup

from indexer.pipeline import RunReport


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return BeautifulSoup(response.data, "lxml")


@pytest.mark.parametrize("url", ["/search?q=%00", "/search?q=a%00b", "/api/search?q=%00x%07", "/doc/letter-2021?q=%00"])
def test_control_characters_are_never_echoed(client, url):
    body = client.get(url).get_data(as_text=True)
    assert "\x00" not in body and "\x07" not in body


def test_a_query_of_control_characters_alone_is_no_query(client):
    body = client.get("/api/search?q=%00%01&group=passage").get_json()
    assert body["total"] == client.get("/api/search?group=passage").get_json()["total"]


def test_the_csv_export_starts_with_a_byte_order_mark_for_spreadsheets(client):
    body = client.get("/search.csv?q=security").get_data(as_text=True)
    assert body.startswith("\ufeffpassage_id,doc_id,")
    assert body.count("\ufeff") == 1


def one_hit_query(client):
    body = client.get("/api/search", query_string={"q": "安全"}).get_json()
    assert body["total"] == 1
    return "安全"


def test_one_match_is_singular_in_the_heading_and_the_export_link(client):
    q = one_hit_query(client)
    soup = soup_of(client, f"/search?q={q}")
    assert soup.select_one("h1.results-count").get_text(" ", strip=True) == f"1 passage matches {q}"
    assert "CSV (all 1 passage)" in soup.select_one(".exports").get_text(" ", strip=True)


def test_a_quoted_phrase_is_shown_once_quoted(client):
    soup = soup_of(client, '/search?q="Shanghai+spirit"')
    heading = soup.select_one("h1.results-count")
    assert heading.select_one("q") is None
    assert heading.get_text(" ", strip=True).endswith('match "Shanghai spirit"')


def test_an_empty_result_does_not_speak_of_dated_passages(client):
    soup = soup_of(client, "/search?q=zzzxqy")
    assert "No dated passages" not in soup.get_text()
    assert soup.select_one("#facet-year .facet-empty").get_text(strip=True) == "None in these results."


@pytest.mark.parametrize("passages, words", [(1, "1 passage written"), (2, "2 passages written"), (0, "0 passages written")])
def test_the_run_summary_counts_passages_in_good_english(passages, words):
    report = RunReport()
    report.passages = passages
    assert words in report.summary()
