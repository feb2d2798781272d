"""The section heading after a hit's title (issue #13): shown where it tells passages apart, never as noise."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from indexer.engines import Hit, SearchResults
from indexer.models import Passage
from webapp import create_app
from webapp.request import SearchRequest
from webapp.results import Links, build_result_page, section_heading

LETTER_TITLE = ("Lettre datée du 5 janvier 2021, adressée au Secrétaire général par le Représentant permanent "
                "du Tadjikistan auprès de l’Organisation des Nations Unies")
ANNEX = ("Annexe à la lettre datée du 5 janvier 2021 adressée au Secrétaire général par le Représentant permanent "
         "du Tadjikistan auprès de l’Organisation des Nations Unies")


@pytest.mark.parametrize("heading, title, shown", [
    (None, "Moscow Declaration", None),
    ("Security", "Moscow Declaration", "Security"),
    # the same text as the title, in other case, spacing, punctuation or markup
    ("**PRESS RELEASE ON THE RESULTS OF THE SCO SUMMIT**", "Press release on the results of the SCO Summit", None),
    ("KlimaschutzBohren, bis es heiß wird", "Klimaschutz: Bohren, bis es heiß wird", None),
    ("Netflix and DON’T chill", "Netflix and DON'T chill", None),
    # the title without its site name or kicker
    ("Unser wahres Ich", "Rutger Bregman: Unser wahres Ich", None),
    ("Protokoll der Vorstandssitzung vom 10. Oktober 2019", "Protokoll der Vorstandssitzung vom 10. Oktober 2019 – TALENT Schweiz", None),
    # a short section whose words happen to be in the title is a real section
    ("Security", "Security Council resolution 2021/5", "Security"),
    ("Quests", "PaiNs Blog : Silkroad Roc Mountain Quests", "Quests"),
    # a heading that says more than the title is a section of its own (a letter's annex)
    (ANNEX, LETTER_TITLE, ANNEX),
    ("Security", None, "Security"),
    ("* * *", "Moscow Declaration", None),
])
def test_a_heading_that_merely_repeats_the_title_is_not_a_section(heading, title, shown):
    assert section_heading(heading, title) == shown


def _hit(doc_id: str, ordinal: int, heading: str | None, title: str = "A document") -> Hit:
    passage = Passage(passage_id=f"{doc_id}:p{ordinal}", doc_id=doc_id, ordinal=ordinal, text="text",
                      heading=heading, title=title)
    return Hit(passage, 1.0, "text")


def test_consecutive_hits_of_one_document_show_a_heading_once_per_section():
    hits = (_hit("a", 11, "Security"), _hit("a", 12, "Security"), _hit("a", 47, "Trade"), _hit("a", 12, "Security"),
            _hit("b", 3, "Security"), _hit("a", 48, "Trade"), _hit("a", 49, "Trade"), _hit("a", 1, None),
            _hit("c", 1, "C title", title="C title"), _hit("c", 2, "C title", title="C title"))
    page = build_result_page(SearchResults(len(hits), hits, {}), SearchRequest(q="x"), {}, Links("/search", "/doc/"))
    assert [(h.doc_id, h.ordinal, h.heading, h.new_section) for h in page.hits] == [
        ("a", 11, "Security", True), ("a", 12, "Security", False), ("a", 47, "Trade", True),
        ("a", 12, "Security", True), ("b", 3, "Security", True), ("a", 48, "Trade", True),
        ("a", 49, "Trade", False), ("a", 1, None, False), ("c", 1, None, False), ("c", 2, None, False),
    ]


@pytest.fixture(scope="module")
def corpus_client(built_index):
    """Return a test client of the app over the index of corpus/."""
    app = create_app({"ARCHIVE_CONFIG": built_index, "TESTING": True})
    yield app.test_client()
    app.extensions["archive_search"].close()


def shown_headings(client, url: str) -> tuple[int, list[tuple[int, str]]]:
    """Return how many hits a results page lists, and (¶ number, heading) of those showing a heading."""
    response = client.get(url)
    assert response.status_code == 200
    hits = BeautifulSoup(response.data, "lxml").select("li.hit")
    shown = []
    for hit in hits:
        ordinal = next(int(s.get_text()[2:]) for s in hit.select(".hit-meta span") if s.get_text().startswith("¶ "))
        heading = hit.select_one(".hit-heading")
        if heading is not None:
            shown.append((ordinal, heading.get_text(" ", strip=True).removeprefix("— ")))
    return len(hits), shown


def test_a_document_of_several_sections_shows_each_section_once_in_a_listing(corpus_client):
    count, shown = shown_headings(corpus_client, "/search?group=passage&per_page=100&source=United+Nations")
    assert (count, shown) == (95, [  # ¶ 6 opens the English annex, whose own title it shows: its heading is that title
        (5, ANNEX), (11, "Security"), (45, "Interparliamentary ties"), (46, "Interaction in the judicial sphere"),
        (47, "Trade and economic cooperation"), (73, "Cultural, humanitarian and public exchanges"),
        (89, "International contacts"),
    ])


def test_a_heading_over_the_rest_of_a_document_is_shown_once_not_on_every_hit(corpus_client):
    count, shown = shown_headings(corpus_client, "/search?group=passage&per_page=100&source=InfoSCO")
    assert (count, shown) == (100, [(3, "Below is the text of the SCO Secretary-General's speech")])
