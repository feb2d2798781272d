"""The HTML search page: hits, facets as a GET form, histogram, chips, sorts, pagination, canonical URL."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from tests.webapp.web_sample import expected_counts, matches


def page(client, url, status=200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.data, "lxml")


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def hit_ids(soup) -> list[str]:
    """Return the hits' (doc_id, anchor) as 'doc:pN' read from their links."""
    ids = []
    for link in soup.select("ol.hits .hit-title a"):
        parts = urlsplit(link["href"])
        ids.append(f"{parts.path.removeprefix('/doc/')}:{parts.fragment}")
    return ids


@pytest.mark.parametrize("url", ["/?group=passage", "/search?group=passage"])
def test_browsing_every_passage_lists_newest_first_with_full_facets(client, sample_passages, url):
    soup = page(client, url)
    assert soup.select_one("h1.results-count").get_text(" ", strip=True) == f"All {len(sample_passages)} passages"
    newest = sorted(sample_passages, key=lambda p: (p.date, -p.ordinal), reverse=True)
    assert hit_ids(soup)[:3] == [p.passage_id for p in newest][:3] == ["letter-2021:p1", "letter-2021:p2", "letter-2021:p3"]
    years = {li.select_one(".h-label").text: int(li.select_one(".h-count").text) for li in soup.select(".histogram li")}
    assert years == expected_counts(sample_passages, "year")
    assert list(years) == sorted(years)
    assert soup.select_one('link[rel="canonical"]')["href"] == "http://localhost/search?group=passage"


def test_hit_shows_title_date_speakers_language_topics_snippet_and_link(client):
    soup = page(client, "/search?q=%E5%AE%89%E5%85%A8")
    hit = soup.select_one("ol.hits li.hit")
    assert hit.select_one(".hit-title a")["href"] == "/doc/qingdao-2018?q=%E5%AE%89%E5%85%A8#p1"
    assert hit.select_one(".hit-title a").text == "青岛宣言（摘录）"
    assert [s.get_text(strip=True) for s in hit.select(".hit-meta > *")] == [
        "2018-06-10", "Xi Jinping", "ZH", "Declaration", "SCO Secretariat", "¶ 1"]
    assert hit.select_one(".snippet")["lang"] == "zh"
    assert [m.text for m in hit.select(".snippet mark")] == ["安全"]
    assert [li.text for li in hit.select(".tags li")] == ["Security", "Terrorism and extremism"]


def test_facets_are_labelled_checkboxes_of_one_get_form(client, sample_passages):
    soup = page(client, "/search?speaker=Xi+Jinping&topic=security&group=passage")
    form = soup.select_one("form#search-form")
    assert (form["method"], form["action"]) == ("get", "/search")
    boxes = soup.select('#facet-topic input[type="checkbox"]')
    counts = expected_counts(sample_passages, "topic", {"speaker": ["Xi Jinping"], "topic": ["security"]})
    listed = {}
    for box in boxes:
        assert box["form"] == "search-form" and box["name"] == "topic"
        label = soup.select_one(f'label[for="{box["id"]}"]')
        listed[box["value"]] = (int(label.select_one(".count").text), box.has_attr("checked"))
    assert listed == {value: (count, value == "security") for value, count in counts.items()}


def test_exclude_links_and_chips_toggle_exactly_one_value(client):
    soup = page(client, "/search?q=security&speaker=Xi+Jinping&not_lang=fr&from=2018")
    exclude = soup.select_one('#facet-speaker a[aria-label="Exclude Vladimir Norov"]')
    assert query_of(exclude["href"]) == [("q", "security"), ("speaker", "Xi Jinping"), ("not_speaker", "Vladimir Norov"),
                                         ("not_lang", "fr"), ("from", "2018")]
    chips = {a.get_text(" ", strip=True).removesuffix(" ×"): query_of(a["href"]) for a in soup.select(".chips li a:not(.clear)")}
    assert chips == {
        "Speaker: Xi Jinping": [("q", "security"), ("not_lang", "fr"), ("from", "2018")],
        "not Language: French": [("q", "security"), ("speaker", "Xi Jinping"), ("from", "2018")],
        "from 2018": [("q", "security"), ("speaker", "Xi Jinping"), ("not_lang", "fr")],
    }
    assert query_of(soup.select_one(".chips a.clear")["href"]) == [("q", "security")]
    hidden = [(i["name"], i["value"]) for i in soup.select('aside input[type="hidden"]')]
    assert hidden == [("not_lang", "fr")]


def test_long_facets_collapse_with_a_more_link_and_a_filter_box(client, sample_passages):
    speakers = {s for p in sample_passages for s in p.speakers}
    collapsed = page(client, "/search")
    assert len(collapsed.select("#facet-speaker li.facet-value")) == 8
    more = collapsed.select_one("#facet-speaker a.facet-more")
    assert more.text == f"Show all {len(speakers)}"
    assert query_of(more["href"]) == [("more", "speaker")]
    assert {o["value"] for o in collapsed.select("#options-speaker option")} == speakers
    expanded = page(client, more["href"])
    assert {i["value"] for i in expanded.select('#facet-speaker input[type="checkbox"]')} == speakers
    assert expanded.select_one("#facet-speaker a.facet-more").text == "Show fewer"


def test_selected_value_beyond_the_top_stays_visible(client):
    soup = page(client, "/search?speaker=Mahmadamin+Mahmadaminov&speaker=Vladimir+Norov")
    checked = [i["value"] for i in soup.select('#facet-speaker input[checked]')]
    assert checked == ["Vladimir Norov", "Mahmadamin Mahmadaminov"]


def test_pagination_is_numbered_keeps_filters_and_marks_the_current_page(client, sample_passages):
    expected = [p for p in sample_passages if matches(p, {"lang": ["en"]}, {"speaker": ["Imran Khan"]})]
    soup = page(client, "/search?lang=en&not_speaker=Imran+Khan&group=passage&per_page=3&page=5")
    links = soup.select("nav.pagination a")
    last = -(-len(expected) // 3)
    numbers = [a.text for a in links if a.text.isdigit()]
    assert numbers == ["1", "3", "4", "5", "6", "7", str(last)]
    current = soup.select_one('nav.pagination a[aria-current="page"]')
    assert current.text == "5"
    for link in links:
        pairs = query_of(link["href"])
        assert pairs[:4] == [("not_speaker", "Imran Khan"), ("lang", "en"), ("group", "passage"), ("per_page", "3")]
    assert query_of(soup.select_one('a[rel="next"]')["href"])[-1] == ("page", "6")
    assert query_of(soup.select_one('a[rel="prev"]')["href"])[-1] == ("page", "4")
    assert len(hit_ids(soup)) == 3


def test_sort_links_and_relevance_only_with_a_query(client):
    with_query = page(client, "/search?q=security&sort=oldest")
    sorts = {a.text: (query_of(a["href"]), a.has_attr("aria-current")) for a in with_query.select("nav.sorts a")}
    assert sorts == {
        "relevance": ([("q", "security")], False),
        "newest": ([("q", "security"), ("sort", "newest")], False),
        "oldest": ([("q", "security"), ("sort", "oldest")], True),
    }
    browsing = page(client, "/search")
    assert [a.text for a in browsing.select("nav.sorts a")] == ["newest", "oldest"]


def test_suggestion_links_to_the_corrected_query(client):
    soup = page(client, "/search?q=pandemc&lang=en")
    link = soup.select_one(".suggestion a")
    assert (link.text, query_of(link["href"])) == ("pandemic", [("q", "pandemic"), ("lang", "en")])


def test_page_beyond_the_last_offers_a_way_back(client):
    soup = page(client, "/search?q=security&page=1000000")
    assert hit_ids(soup) == []
    back = soup.select_one(".empty a")
    assert back.text == "Go to the last page"
    assert query_of(back["href"])[0] == ("q", "security")


def test_alternate_formats_are_linked_with_the_same_state(client):
    soup = page(client, "/search?q=security&speaker=Xi+Jinping&page=2&per_page=2")
    links = {link["type"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    state = "q=security&speaker=Xi+Jinping&per_page=2&page=2"
    assert links == {"application/atom+xml": f"/search.atom?{state}", "text/csv": f"/search.csv?{state}",
                     "application/json": f"/api/search?{state}"}
    assert soup.select_one('link[rel="canonical"]')["href"] == f"http://localhost/search?{state}"
    assert soup.select_one('link[rel="search"]')["href"] == "/opensearch.xml"


@pytest.mark.parametrize("url", [
    "/search?q=security&speaker=Xi+Jinping&speaker=Vladimir+Norov&not_lang=fr&page=2&per_page=2",
    "/search?year=2020&topic=health&sort=oldest",
    "/search?q=%22Shanghai+spirit%22&from=2019-06&to=2021",
])
def test_the_canonical_url_reproduces_the_page(client, url):
    first = client.get(url).data
    canonical = BeautifulSoup(first, "lxml").select_one('link[rel="canonical"]')["href"]
    again = client.get(canonical.removeprefix("http://localhost")).data
    strip = lambda body: BeautifulSoup(body, "lxml").select_one("main").get_text(" ", strip=True).split(" ms")[1]
    assert strip(again) == strip(first)
    assert hit_ids(BeautifulSoup(again, "lxml")) == hit_ids(BeautifulSoup(first, "lxml"))


def test_page_has_landmarks_skip_links_and_language_attributes(client):
    soup = page(client, "/search?q=security")
    assert soup.html["lang"] == "en"
    for selector in ("header", "main#main", "aside#filters", "footer", 'nav[aria-label="Site"]', "form[role=search]"):
        assert soup.select_one(selector) is not None, selector
    assert [a["href"] for a in soup.select("a.skip-link")] == ["#main", "#filters"]
    assert soup.select_one('label[for="q"]').text == "Search the archive"
    assert all(s.has_attr("lang") for s in soup.select(".snippet"))


def test_footer_shows_the_index_size_and_build_time(client, sample_passages):
    footer = page(client, "/help").select_one("footer").get_text(" ", strip=True)
    assert f"7 documents, {len(sample_passages)} passages" in footer
    assert "built" in footer


def test_a_reporting_passage_reads_speaker_reporting_person_with_its_own_facet(client):
    soup = page(client, "/search?reported=Vladimir+Putin&group=passage")
    assert hit_ids(soup) == ["norov-2020-06:p6", "norov-2020-06:p7", "norov-2020-06:p8"]
    assert [s.get_text(strip=True) for s in soup.select_one("ol.hits li.hit").select(".hit-meta > *")] == [
        "2020-06", "Vladimir Norov, reporting Vladimir Putin", "EN", "Speech", "SCO Secretariat", "¶ 6"]
    facet = soup.select_one("#facet-reported")
    assert facet.select_one("legend").text == "Reported speaker"
    listed = {box["value"]: (soup.select_one(f'label[for="{box["id"]}"] .count').text, box.has_attr("checked"))
              for box in facet.select('input[type="checkbox"]')}
    assert listed == {"Vladimir Putin": ("3", True), "Shavkat Mirziyoyev": ("1", False)}
    exclude = facet.select_one('a[aria-label="Exclude Shavkat Mirziyoyev"]')
    assert query_of(exclude["href"]) == [("reported", "Vladimir Putin"), ("not_reported", "Shavkat Mirziyoyev"),
                                         ("group", "passage")]
    chips = {a.get_text(" ", strip=True).removesuffix(" ×"): query_of(a["href"]) for a in soup.select(".chips li a:not(.clear)")}
    assert chips == {"Reported speaker: Vladimir Putin": [("group", "passage")]}


def test_excluding_a_reported_person_keeps_the_passages_that_report_others(client, sample_passages):
    soup = page(client, "/search?not_reported=Vladimir+Putin&speaker=Vladimir+Norov&group=passage&per_page=100")
    expected = [p.passage_id for p in sorted(sample_passages, key=lambda p: (p.date, -p.ordinal), reverse=True)
                if matches(p, {"speaker": ["Vladimir Norov"]}, {"reported": ["Vladimir Putin"]})]
    assert hit_ids(soup) == expected and "summit-2020-11:p10" in expected
