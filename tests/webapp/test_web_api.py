"""The JSON API: whole structures of hits and facets, filters, sorts, paging, suggestions, errors."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from tests.webapp.web_sample import expected_counts, matches, values_of

from indexer.engines import FACET_FIELDS

API = "http://localhost/api/search"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == "application/json"
    return response.get_json()


def test_facets_of_a_filtered_search_are_whole_and_exact(client, sample_passages, sample_labels):
    body = get_json(client, "/api/search?lang=en&lang=fr&not_type=speech&group=passage&per_page=3")
    include, exclude = {"lang": ["en", "fr"]}, {"type": ["speech"]}
    for facet in FACET_FIELDS:
        counts = expected_counts(sample_passages, facet, include, exclude)
        assert {item["value"]: item["count"] for item in body["facets"][facet]} == counts, facet
    lang_counts = expected_counts(sample_passages, "lang", include, exclude)
    assert body["facets"]["lang"] == [
        {"value": "en", "label": "English", "count": lang_counts["en"], "selected": True, "excluded": False,
         "url": f"{API}?lang=fr&not_type=speech&group=passage&per_page=3", "exclude_url": f"{API}?lang=fr&not_lang=en&not_type=speech&group=passage&per_page=3"},
        {"value": "fr", "label": "French", "count": lang_counts["fr"], "selected": True, "excluded": False,
         "url": f"{API}?lang=en&not_type=speech&group=passage&per_page=3", "exclude_url": f"{API}?lang=en&not_lang=fr&not_type=speech&group=passage&per_page=3"},
        {"value": "zh", "label": "Chinese", "count": lang_counts["zh"], "selected": False, "excluded": False,
         "url": f"{API}?lang=en&lang=fr&lang=zh&not_type=speech&group=passage&per_page=3",
         "exclude_url": f"{API}?lang=en&lang=fr&not_lang=zh&not_type=speech&group=passage&per_page=3"},
    ]
    type_counts = expected_counts(sample_passages, "type", include, exclude)
    assert body["facets"]["type"] == [
        {"value": "press-release", "label": "Press release", "count": type_counts["press-release"], "selected": False, "excluded": False,
         "url": f"{API}?lang=en&lang=fr&type=press-release&not_type=speech&group=passage&per_page=3",
         "exclude_url": f"{API}?lang=en&lang=fr&not_type=press-release&not_type=speech&group=passage&per_page=3"},
        {"value": "speech", "label": "Speech", "count": type_counts["speech"],
         "selected": False, "excluded": True,
         "url": f"{API}?lang=en&lang=fr&type=speech&group=passage&per_page=3", "exclude_url": f"{API}?lang=en&lang=fr&group=passage&per_page=3"},
        {"value": "letter", "label": "Letter", "count": type_counts["letter"], "selected": False, "excluded": False,
         "url": f"{API}?lang=en&lang=fr&type=letter&not_type=speech&group=passage&per_page=3",
         "exclude_url": f"{API}?lang=en&lang=fr&not_type=letter&not_type=speech&group=passage&per_page=3"},
    ]
    topic_labels = {item["value"]: item["label"] for item in body["facets"]["topic"]}
    assert topic_labels == {value: sample_labels["topic"][value] for value in topic_labels}


@pytest.mark.parametrize("include, exclude, dates", [
    ({"speaker": ["Xi Jinping", "Vladimir Putin"]}, {}, {}),
    ({"speaker": ["Xi Jinping", "Vladimir Putin"], "lang": ["zh"]}, {}, {}),
    ({"topic": ["security"], "year": ["2020", "2017"]}, {"lang": ["en"]}, {}),
    ({}, {"speaker": ["Vladimir Norov"], "source": ["United Nations"]}, {}),
    ({"type": ["speech"]}, {}, {"from": "2020-06", "to": "2020-09-10"}),
    ({}, {}, {"from": "2019"}),
    ({}, {}, {"to": "2018-06-10"}),
    ({}, {}, {"from": "2020-06-15", "to": "2020-12"}),
    ({"lang": ["xx"]}, {}, {}),
])
def test_filters_or_within_a_facet_and_across_facets_exclude_and_date_ranges(client, sample_passages, include, exclude, dates):
    args = [(name, value) for name, values in include.items() for value in values]
    args += [("not_" + name, value) for name, values in exclude.items() for value in values]
    args += list(dates.items()) + [("group", "passage"), ("per_page", "100")]
    body = get_json(client, "/api/search?" + urlencode(args))
    expected = {p.passage_id for p in sample_passages if matches(p, include, exclude, dates.get("from"), dates.get("to"))}
    assert {hit["passage_id"] for hit in body["hits"]} == expected
    assert body["total"] == len(expected)


def test_hits_carry_every_field_and_a_document_url(client, sample_passages):
    body = get_json(client, "/api/search?q=%E5%AE%89%E5%85%A8")
    passage = next(p for p in sample_passages if p.passage_id == "qingdao-2018:p1")
    assert body["total"] == 1
    hit = body["hits"][0]
    assert {key: value for key, value in hit.items() if key not in ("snippet", "score")} == {
        "passage_id": "qingdao-2018:p1",
        "doc_id": "qingdao-2018",
        "title": passage.title,
        "date": "2018-06-10",
        "lang": "zh",
        "speakers": ["Xi Jinping"],
        "reported": [],
        "topics": ["security", "terrorism"],
        "type": "declaration",
        "source": "SCO Secretariat",
        "url": "http://localhost/doc/qingdao-2018?q=%E5%AE%89%E5%85%A8#p1",
        "matched_words": ["安全"],
        "missing_words": [],
        "document_matches": None,
        "similar_url": "http://localhost/api/search?like=qingdao-2018%3Ap1",
        "symbol": None,
        "version": None,
    }
    assert "<mark>安全</mark>" in hit["snippet"].replace("\\u003c", "<").replace("\\u003e", ">")
    assert isinstance(hit["score"], float) and hit["score"] > 0
    assert list(body) == ["total", "unit", "passage_total", "page", "per_page", "last_page", "took_ms", "hits", "facets",
                          "facet_value_counts", "facet_counts_estimated", "suggestion", "relaxed", "groups", "like",
                          "also_searched", "only_typed_url"]


@pytest.mark.parametrize("sort, key, reverse", [("newest", "date", True), ("oldest", "date", False), ("relevance", "score", True)])
def test_sort_orders(client, sort, key, reverse):
    body = get_json(client, f"/api/search?q=security&sort={sort}&per_page=100")
    values = [hit[key] for hit in body["hits"]]
    assert len(values) == body["total"] > 5
    assert values == sorted(values, reverse=reverse)


def test_browsing_every_passage_lists_them_newest_first(client, sample_passages):
    body = get_json(client, "/api/search?group=passage&per_page=100")
    assert body["total"] == len(sample_passages)
    dates = [hit["date"] for hit in body["hits"]]
    assert dates[0] == max(p.date for p in sample_passages)
    assert [d[:7] for d in dates] == sorted((d[:7] for d in dates), reverse=True)
    assert {item["value"]: item["count"] for item in body["facets"]["year"]} == expected_counts(sample_passages, "year")


def test_pages_cover_every_match_once_and_keep_the_filters(client, sample_passages):
    expected = {p.passage_id for p in sample_passages if matches(p, {"lang": ["en"]})}
    seen, url, pages = [], "/api/search?lang=en&sort=oldest&group=passage&per_page=7", 0
    while url:
        body = get_json(client, url)
        seen += [hit["passage_id"] for hit in body["hits"]]
        pages += 1
        next_page = body["page"] + 1
        url = f"/api/search?lang=en&sort=oldest&group=passage&per_page=7&page={next_page}" if next_page <= body["last_page"] else None
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    assert pages == -(-len(expected) // 7)


def test_page_beyond_the_last_is_empty_not_an_error(client):
    body = get_json(client, "/api/search?q=security&page=1000000")
    assert (body["hits"], body["page"]) == ([], 1000000)
    assert body["total"] > 0


def test_suggestion_for_a_misspelt_word(client):
    body = get_json(client, "/api/search?q=pandemc&lang=en")
    assert body["total"] == 0
    assert body["suggestion"] == {"q": "pandemic", "url": f"{API}?q=pandemic&lang=en"}
    assert get_json(client, "/api/search?q=pandemic")["suggestion"] is None


@pytest.mark.parametrize("url, message", [
    ("/api/search?per_page=101", "“per_page” must be a whole number from 1 to 100"),
    ("/api/search?page=abc", "“page” must be a whole number"),
    ("/api/search?sort=best", "“sort” must be one of"),
    ("/api/search?from=2020-02-30", "“from” must be a date"),
])
def test_bad_parameters_give_a_json_400(client, url, message):
    body = get_json(client, url, status=400)
    assert body["error"]["status"] == 400
    assert message in body["error"]["message"]


@pytest.mark.parametrize("url", ["/api/nothing", "/api/", "/api", "/api/search/extra", "/api/doc/no-such-doc"])
def test_unknown_api_addresses_give_a_json_404(client, url):
    body = get_json(client, url, status=404)
    assert body["error"]["status"] == 404 and body["error"]["message"]


def test_document_api_returns_metadata_and_passages(client, sample_passages):
    body = get_json(client, "/api/doc/letter-2021")
    passages = [p for p in sample_passages if p.doc_id == "letter-2021"]
    assert {key: value for key, value in body.items() if key != "passages"} == {
        "doc_id": "letter-2021",
        "title": passages[0].title,
        "date": "2021-01-05",
        "speakers": ["Mahmadamin Mahmadaminov"],
        "reported": [],
        "type": "letter",
        "source": "United Nations",
        "langs": ["fr", "en"],
        "path": "letter-2021.txt",
        "url": "http://localhost/doc/letter-2021",
        "symbol": None,
        "versions": [],
    }
    assert [(p["passage_id"], p["lang"], p["text"], p["url"]) for p in body["passages"]] == [
        (p.passage_id, p.lang, p.text, f"http://localhost/doc/letter-2021#p{p.ordinal}") for p in passages
    ]


def test_suggest_completes_the_last_word(client):
    response = client.get("/api/suggest?q=shanghai+coop")
    assert response.mimetype == "application/x-suggestions+json"
    q, completions = response.get_json()
    assert q == "shanghai coop"
    assert completions and all(c.startswith("shanghai coop") for c in completions)
    assert "shanghai cooperation" in completions
    assert client.get("/api/suggest?q=").get_json() == ["", []]


def test_year_values_are_those_of_the_passages(client, sample_passages):
    body = get_json(client, "/api/search?year=2020&group=passage&per_page=100")
    assert {hit["passage_id"] for hit in body["hits"]} == {p.passage_id for p in sample_passages if values_of(p, "year") == ("2020",)}


def test_a_reporting_passage_carries_its_speaker_and_the_person_it_reports(client):
    body = get_json(client, "/api/search?reported=Vladimir+Putin&group=passage")
    assert [(hit["passage_id"], hit["speakers"], hit["reported"]) for hit in body["hits"]] == [
        (f"norov-2020-06:p{n}", ["Vladimir Norov"], ["Vladimir Putin"]) for n in (6, 7, 8)]
    assert body["facets"]["reported"] == [
        {"value": "Vladimir Putin", "label": "Vladimir Putin", "count": 3, "selected": True, "excluded": False,
         "url": f"{API}?group=passage", "exclude_url": f"{API}?not_reported=Vladimir+Putin&group=passage"},
        {"value": "Shavkat Mirziyoyev", "label": "Shavkat Mirziyoyev", "count": 1, "selected": False,
         "excluded": False, "url": f"{API}?reported=Shavkat+Mirziyoyev&reported=Vladimir+Putin&group=passage",
         "exclude_url": f"{API}?reported=Vladimir+Putin&not_reported=Shavkat+Mirziyoyev&group=passage"},
    ]
    assert body["facets"]["speaker"] == [
        {"value": "Vladimir Norov", "label": "Vladimir Norov", "count": 3, "selected": False, "excluded": False,
         "url": f"{API}?speaker=Vladimir+Norov&reported=Vladimir+Putin&group=passage",
         "exclude_url": f"{API}?not_speaker=Vladimir+Norov&reported=Vladimir+Putin&group=passage"},
    ]


def test_the_document_api_gives_each_passage_the_people_it_reports(client, sample_passages):
    body = get_json(client, "/api/doc/norov-2020-06")
    assert (body["speakers"], body["reported"]) == (["Vladimir Norov"], ["Vladimir Putin"])
    assert [(p["ordinal"], p["speakers"], p["reported"]) for p in body["passages"]] == [
        (n, ["Vladimir Norov"], ["Vladimir Putin"] if n in (6, 7, 8) else []) for n in range(1, 11)]
