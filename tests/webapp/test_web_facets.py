"""Facet groups: labels, order, zero-count selections, collapsing, and the fast toggle URLs."""
from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from werkzeug.datastructures import MultiDict

from indexer.engines import FACET_FIELDS
from webapp.facets import COLLAPSED_VALUES, FacetValue, ToggleUrls, build_group, label_for
from webapp.request import parse_search_request, toggled, toggled_exclusion, url_with

STATES = [
    "",
    "q=security&page=4",
    "speaker=B&speaker=A&not_speaker=C&lang=en&not_year=2019&from=2018&sort=oldest&per_page=5&more=topic&page=2",
    "topic=x&not_topic=y&type=speech&source=UN&year=2020&q=%22a+b%22",
]
VALUES = ["A", "C", "en", "x", "y", "2020", "Kassym-Jomart Tokayev", "a&b=c", "安全"]


def request_of(query_string):
    return parse_search_request(MultiDict(parse_qsl(query_string)))


@pytest.mark.parametrize("query_string", STATES)
@pytest.mark.parametrize("name", FACET_FIELDS)
def test_fast_toggle_urls_equal_the_canonical_urls_of_the_toggled_request(query_string, name):
    request = request_of(query_string)
    urls = ToggleUrls("/search", request, name)
    for value in VALUES:
        assert urls.toggle(value) == url_with("/search", toggled(request, name, value))
        assert urls.toggle_exclusion(value) == url_with("/search", toggled_exclusion(request, name, value))


def test_group_lists_values_by_count_and_keeps_selected_values_without_matches():
    request = request_of("speaker=Nobody&not_speaker=Ghost")
    counts = tuple((f"S{i}", 100 - i) for i in range(12))
    group = build_group("speaker", counts, request, {}, "/search")
    assert [v.value for v in group.values] == [f"S{i}" for i in range(12)] + ["Nobody", "Ghost"]
    assert group.values[-2:] == (
        FacetValue("Nobody", "Nobody", 0, True, False, "/search?not_speaker=Ghost", "/search?not_speaker=Ghost&not_speaker=Nobody"),
        FacetValue("Ghost", "Ghost", 0, False, True, "/search?speaker=Ghost&speaker=Nobody", "/search?speaker=Nobody"),
    )
    assert [v.value for v in group.shown] == [f"S{i}" for i in range(COLLAPSED_VALUES)] + ["Nobody", "Ghost"]
    assert (group.expanded, group.hidden_count, group.max_count) == (False, 12 - COLLAPSED_VALUES, 100)
    assert group.more_url == "/search?speaker=Nobody&not_speaker=Ghost&more=speaker"


def test_expanded_group_shows_everything_and_links_back():
    group = build_group("speaker", tuple((f"S{i}", 1) for i in range(12)), request_of("more=speaker&more=topic"), {}, "/api/search")
    assert len(group.shown) == 12 and group.expanded
    assert group.more_url == "/api/search?more=topic"


def test_years_are_in_order_and_never_collapsed():
    counts = tuple((str(year), year % 7) for year in range(1990, 2021))
    group = build_group("year", counts, request_of(""), {}, "/search")
    assert [v.value for v in group.shown] == [str(year) for year in range(1990, 2021)]
    assert group.more_url is None


@pytest.mark.parametrize("name, value, labels, label", [
    ("topic", "united-nations", {"topic": {"united-nations": "United Nations"}}, "United Nations"),
    ("topic", "public-health", {}, "Public health"),
    ("type", "press_release", {}, "Press release"),
    ("lang", "zh", {}, "Chinese"),
    ("lang", "kk", {}, "Kazakh"),
    ("lang", "ky", {}, "Kyrgyz"),
    ("lang", "uz", {}, "Uzbek"),
    ("lang", "tg", {}, "Tajik"),
    ("lang", "mn", {}, "Mongolian"),
    ("lang", "hi", {}, "Hindi"),
    ("lang", "ur", {}, "Urdu"),
    ("lang", "fa", {}, "Persian"),
    ("lang", "uk", {}, "Ukrainian"),
    ("lang", "xx", {}, "xx"),
    ("lang", "kk", {"lang": {"kk": "Kazakh"}}, "Kazakh"),
    ("speaker", "Xi Jinping", {}, "Xi Jinping"),
])
def test_labels_come_from_the_index_or_a_readable_default(name, value, labels, label):
    assert label_for(name, value, labels) == label


def test_a_facet_of_thousands_of_values_lists_the_most_frequent_and_every_selected_one():
    from webapp.facets import MAX_LISTED_VALUES

    counts = tuple((f"Speaker {i:04d}", 5000 - i) for i in range(MAX_LISTED_VALUES + 700))
    rare = counts[-1][0]
    request = parse_search_request(MultiDict([("q", "peace"), ("speaker", rare)]))
    group = build_group("speaker", counts, request, {}, "/search")
    assert group.value_count == MAX_LISTED_VALUES + 700
    assert [v.value for v in group.values] == [value for value, _ in counts[:MAX_LISTED_VALUES]] + [rare]
    assert group.values[-1].selected and group.values[-1].count == counts[-1][1]
