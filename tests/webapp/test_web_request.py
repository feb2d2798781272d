"""SearchRequest: parsing the query string once, canonical URLs, toggles."""
from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from werkzeug.datastructures import MultiDict

from indexer.engines import FacetFilter, SearchQuery
from webapp.request import (
    BadSearchRequest,
    SearchRequest,
    first_day,
    last_day,
    parse_search_request,
    toggled,
    toggled_exclusion,
    url_with,
)


def parse(query_string: str) -> SearchRequest:
    return parse_search_request(MultiDict(parse_qsl(query_string, keep_blank_values=True)))


ROUND_TRIP_URLS = [
    "",
    "q=pandemic",
    "q=%22Shanghai+spirit%22+OR+security&sort=newest&page=3",
    "speaker=Xi+Jinping&speaker=Vladimir+Putin&not_lang=fr&year=2020",
    "topic=security&not_topic=health&type=speech&source=Kremlin&from=2019-06&to=2021",
    "q=%D1%82%D0%B5%D1%80%D1%80%D0%BE%D1%80&lang=ru&per_page=5&more=speaker&more=topic",
    "q=%E5%AE%89%E5%85%A8&not_speaker=Xi+Jinping&not_speaker=Imran+Khan&sort=oldest&page=2&per_page=100",
]


@pytest.mark.parametrize("query_string", ROUND_TRIP_URLS)
def test_parse_of_canonical_args_gives_the_same_request(query_string):
    request = parse(query_string)
    assert parse_search_request(MultiDict(request.to_args())) == request


@pytest.mark.parametrize("query_string", ROUND_TRIP_URLS)
def test_shuffled_and_padded_parameters_give_the_same_canonical_url(query_string):
    pairs = parse_qsl(query_string, keep_blank_values=True)
    shuffled = list(reversed(pairs)) + [("utm_source", "mail"), ("from", ""), ("speaker", " ")]
    assert url_with("/search", parse_search_request(MultiDict(shuffled))) == url_with("/search", parse(query_string))


def test_to_args_orders_parameters_sorts_values_and_omits_defaults():
    request = parse("page=2&to=2021&sort=newest&speaker=Xi+Jinping&q=+security++council+&more=speaker"
                    "&not_lang=fr&speaker=Vladimir+Putin&speaker=Xi+Jinping&from=2019&per_page=20&topic=")
    assert request.to_args() == [
        ("q", "security council"),
        ("speaker", "Vladimir Putin"),
        ("speaker", "Xi Jinping"),
        ("not_lang", "fr"),
        ("from", "2019"),
        ("to", "2021"),
        ("sort", "newest"),
        ("more", "speaker"),
        ("page", "2"),
    ]


def test_parse_builds_the_whole_request():
    request = parse("q=a&year=2020&year=2018&not_year=2019&lang=en&from=2017-06&to=2020-12-31&per_page=7&page=4")
    assert request == SearchRequest(
        q="a",
        filters=(FacetFilter("lang", ("en",), ()), FacetFilter("year", ("2018", "2020"), ("2019",))),
        date_from="2017-06",
        date_to="2020-12-31",
        sort=None,
        page=4,
        per_page=7,
        more=(),
    )


def test_to_query_passes_iso_days_offset_and_default_sort():
    request = parse("q=x&from=2019&to=2020-02&page=3&per_page=10&topic=security")
    assert request.to_query(default_sort="newest") == SearchQuery(
        text="x",
        filters=(FacetFilter("topic", ("security",), ()),),
        date_from="2019-01-01",
        date_to="2020-02-29",
        sort="newest",
        offset=20,
        limit=10,
    )


@pytest.mark.parametrize("value, first, last", [
    ("2020", "2020-01-01", "2020-12-31"),
    ("2019-02", "2019-02-01", "2019-02-28"),
    ("2020-02", "2020-02-01", "2020-02-29"),
    ("2021-01-05", "2021-01-05", "2021-01-05"),
])
def test_partial_dates_widen_to_first_and_last_day(value, first, last):
    assert (first_day(value), last_day(value)) == (first, last)


@pytest.mark.parametrize("query_string, message", [
    ("page=abc", "“page” must be a whole number"),
    ("page=0", "“page” must be a whole number from 1 to 1,000,000"),
    ("page=-1", "“page” must be a whole number"),
    ("page=1.5", "“page” must be a whole number"),
    ("page=1000001", "from 1 to 1,000,000"),
    ("page=99999999999999999999999", "“page” must be a whole number"),
    ("per_page=0", "“per_page” must be a whole number from 1 to 100"),
    ("per_page=10000", "“per_page” must be a whole number from 1 to 100"),
    ("sort=foo", "“sort” must be one of relevance, newest, oldest"),
    ("from=2020-13-45", "“from” must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("to=2021-02-29", "“to” must be a date"),
    ("from=20", "“from” must be a date"),
    ("from=２０１７&to=2020", "“from” must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("to=yesterday", "“to” must be a date"),
    ("from=2021&to=2020", "“from” (2021) is after “to” (2020)"),
    ("more=colour", "“more” must name a facet"),
    ("speaker=A&not_speaker=A", "“A” is both required and excluded in “speaker”"),
    ("q=" + "x" * 2001, "the query is 2,001 characters long; the limit is 2,000"),
    ("speaker=" + "y" * 201, "longer than 200 characters"),
    ("&".join(f"topic=t{i}" for i in range(51)), "at most 50 values of “topic”"),
])
def test_bad_values_raise_a_clear_error(query_string, message):
    with pytest.raises(BadSearchRequest) as caught:
        parse(query_string)
    assert message in str(caught.value)


def test_unknown_parameters_and_empty_values_are_ignored():
    assert parse("colour=red&q=&speaker=&from=&sort=&page=&per_page=") == SearchRequest()


def test_toggle_adds_and_removes_a_value_and_returns_to_page_one():
    request = parse("q=x&speaker=B&page=3")
    added = toggled(request, "speaker", "A")
    assert added.to_args() == [("q", "x"), ("speaker", "A"), ("speaker", "B")]
    assert toggled(added, "speaker", "B").to_args() == [("q", "x"), ("speaker", "A")]
    assert toggled(toggled(added, "speaker", "B"), "speaker", "A").filters == ()


def test_exclusion_toggle_moves_a_value_out_of_the_required_ones():
    request = parse("speaker=A&speaker=B")
    excluded = toggled_exclusion(request, "speaker", "A")
    assert excluded.to_args() == [("speaker", "B"), ("not_speaker", "A")]
    assert toggled_exclusion(excluded, "speaker", "A").to_args() == [("speaker", "B")]
    assert toggled(excluded, "speaker", "A").to_args() == [("speaker", "A"), ("speaker", "B")]


def test_url_with_encodes_and_changes_fields():
    request = parse("q=%22a+b%22+%26+c&lang=zh")
    assert url_with("/search", request) == "/search?q=%22a+b%22+%26+c&lang=zh"
    assert url_with("/search", request, page=4, sort="oldest") == "/search?q=%22a+b%22+%26+c&lang=zh&sort=oldest&page=4"
    assert url_with("/search", SearchRequest()) == "/search"


@pytest.mark.parametrize("query_string, sort", [
    ("q=x", "relevance"), ("q=x&sort=newest", "newest"), ("", "newest"), ("sort=relevance", "newest"), ("sort=oldest", "oldest"),
])
def test_effective_sort_is_relevance_for_a_query_and_newest_for_browsing(query_string, sort):
    assert parse(query_string).effective_sort == sort
