"""Mentions over time: per-year counts and shares against counts made here from the sample, year links, /trends."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from webapp.chart import bar_chart, line_chart
from webapp.timeline import Series, YearPoint, year_points

# Proper nouns of the sample that no stemmer changes, so a plain word match counts the same passages
# (searched as typed, xlang=0: "Afghanistan" also reaches Афганистан and 阿富汗 otherwise).
WORDS = ("Shanghai", "Afghanistan")


def independent_counts(passages, word: str | None = None, lang: str | None = None) -> Counter:
    """Count the dated sample passages per year holding ``word`` as a whole word (any case), in ``lang``."""
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE) if word else None
    return Counter(int(p.date[:4]) for p in passages if p.date and (lang is None or p.lang == lang)
                   and (pattern is None or pattern.search(p.text)))


def expected_years(passages, word: str, lang: str | None = None) -> list[dict]:
    """Return the series a word should have: every year of the sample, its count, the year's total and share."""
    counts, totals = independent_counts(passages, word, lang), independent_counts(passages, lang=lang)
    return [{"year": year, "count": counts[year], "total": totals[year],
             "share": round(counts[year] / totals[year], 6) if totals[year] else 0.0}
            for year in range(min(totals), max(totals) + 1)]


@pytest.mark.parametrize("word", WORDS)
def test_counts_and_shares_per_year_match_the_sample(client, sample_passages, word):
    body = client.get(f"/trends.json?q={word}&xlang=0").json
    assert [series["years"] for series in body["series"]] == [expected_years(sample_passages, word)]
    assert body["series"][0]["total"] == sum(independent_counts(sample_passages, word).values())


def test_filters_apply_to_the_counts_and_to_the_year_totals(client, sample_passages):
    body = client.get("/trends.json?q=Shanghai&lang=en").json
    assert body["series"][0]["years"] == expected_years(sample_passages, "Shanghai", lang="en")


def test_first_and_last_mentions_are_the_oldest_and_newest_matching_passages(client, sample_passages):
    holding = sorted((p for p in sample_passages if p.date and re.search(r"\bAfghanistan\b", p.text)),
                     key=lambda p: p.date)
    series = client.get("/trends.json?q=Afghanistan").json["series"][0]
    for mention, passage in ((series["first"], holding[0]), (series["last"], holding[-1])):
        assert mention == {"date": passage.date, "year": int(passage.date[:4]),
                           "who": passage.speakers[0] if passage.speakers else passage.title,
                           "title": passage.title, "url": f"/doc/{passage.doc_id}#p{passage.ordinal}"}


def test_each_bar_narrows_the_search_to_its_year(client, sample_passages):
    soup = BeautifulSoup(client.get("/search?q=Shanghai&lang=en").data, "html.parser")
    bars = {link["href"]: link["aria-label"] for link in soup.select("svg.chart.bars a")}
    counts = independent_counts([p for p in sample_passages if p.lang == "en"], "Shanghai")
    assert sorted(bars) == sorted(f"/search?q=Shanghai&lang=en&year={year}" for year in counts)
    for href in bars:
        year = int(href.rsplit("=", 1)[1])
        assert client.get("/api" + href).json["total"] == counts[year]


def test_the_chart_keeps_every_year_when_one_is_chosen_and_marks_it(client):
    soup = BeautifulSoup(client.get("/search?q=Shanghai&year=2020").data, "html.parser")
    labels = [link["aria-label"] for link in soup.select("svg.chart.bars a")]
    assert [label.split(":")[0] for label in labels] == ["2017", "2020", "2021"]
    assert [label for label in labels if label.endswith(", chosen")] == [labels[1]]
    assert len(soup.select("svg.chart.bars rect.bar.selected")) == 1


def test_the_share_view_is_a_link_and_is_kept_by_the_search_form(client):
    soup = BeautifulSoup(client.get("/search?q=Shanghai").data, "html.parser")
    modes = {link.get_text(): link["href"] for link in soup.select(".timeline .chart-modes a")}
    assert modes == {"Counts": "/search?q=Shanghai", "Share of each year's passages": "/search?q=Shanghai&chart=share"}
    shared = BeautifulSoup(client.get(modes["Share of each year's passages"]).data, "html.parser")
    assert shared.select_one('input[type=hidden][name=chart]')["value"] == "share"
    assert shared.select_one("#timeline-title").get_text().endswith("as a share of all passages of each year")


def test_the_table_behind_the_chart_gives_every_year(client, sample_passages):
    soup = BeautifulSoup(client.get("/search?q=Shanghai").data, "html.parser")
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")]
            for row in soup.select(".timeline details table tbody tr")]
    assert rows == [[str(e["year"]), str(e["total"]), str(e["count"]), f"{e['share'] * 100:.2f} %"]
                    for e in expected_years(sample_passages, "Shanghai")]


def test_trends_overlays_two_searches_with_csv_and_json(client, sample_passages):
    soup = BeautifulSoup(client.get("/trends?q=Shanghai&q=Afghanistan").data, "html.parser")
    assert [line["class"] for line in soup.select("svg.chart.lines polyline")] == [["line", "line-1"], ["line", "line-2"]]
    assert [a["href"] for a in soup.select(".legend a.remove")] == ["/trends?q=Afghanistan", "/trends?q=Shanghai"]
    assert [field.get("value") for field in soup.select(".trend-fields input")] == ["Shanghai", "Afghanistan", "", "", ""]
    response = client.get("/trends.csv?q=Shanghai&q=Afghanistan&xlang=0")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    shanghai, afghanistan = (expected_years(sample_passages, word) for word in WORDS)
    assert rows[0] == ["year", "passages_in_year", "Shanghai (count)", "Shanghai (share)", "Afghanistan (count)",
                       "Afghanistan (share)"]
    assert rows[1:] == [[str(s["year"]), str(s["total"]), str(s["count"]), f"{s['share']:.6f}", str(a["count"]),
                         f"{a['share']:.6f}"] for s, a in zip(shanghai, afghanistan)]
    body = client.get("/trends.json?q=Shanghai&q=Afghanistan").json
    assert [series["q"] for series in body["series"]] == ["Shanghai", "Afghanistan"]
    assert (body["csv_url"], body["html_url"]) == ("/trends.csv?q=Shanghai&q=Afghanistan",
                                                   "/trends?q=Shanghai&q=Afghanistan")


@pytest.mark.parametrize("url, message", [
    ("/trends?q=a&q=b&q=c&q=d&q=e&q=f", "at most 5 searches"),
    ("/trends.json?q=a&chart=bars", "“chart” must be one of count, share"),
    ("/search?q=a&chart=bars", "“chart” must be one of count, share"),
    ("/trends.csv?q=a&from=2021&to=2017", "is after"),
])
def test_bad_trend_requests_get_a_400_with_a_message(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_trends_filters_are_chips_that_remove_themselves_from_every_search(client):
    soup = BeautifulSoup(client.get("/trends?q=Shanghai&q=Afghanistan&lang=en&not_topic=terrorism"
                                    "&from=2017").data, "html.parser")
    chips = [(a.get_text(" ", strip=True), a["href"]) for a in soup.select(".trend-filters li a")]
    assert chips == [
        ("not Topic: Terrorism and extremism ×", "/trends?q=Shanghai&q=Afghanistan&lang=en&from=2017"),
        ("Language: English ×", "/trends?q=Shanghai&q=Afghanistan&not_topic=terrorism&from=2017"),
        ("from 2017 ×", "/trends?q=Shanghai&q=Afghanistan&not_topic=terrorism&lang=en"),
        ("Compare without filters", "/trends?q=Shanghai&q=Afghanistan"),
    ]


def test_trends_without_a_search_shows_the_form_and_no_chart(client):
    soup = BeautifulSoup(client.get("/trends").data, "html.parser")
    assert len(soup.select(".trend-fields input[name=q]")) == 5
    assert soup.select("svg.chart") == []


def test_year_points_fill_the_years_between_with_zero():
    points = year_points({2001: 2}, {1999: 10, 2001: 4}, lambda year: f"/y{year}")
    assert points == (YearPoint(1999, 0, 10, None), YearPoint(2000, 0, 0, None), YearPoint(2001, 2, 4, "/y2001"))
    assert [point.share for point in points] == [0.0, 0.0, 0.5]


def test_bars_are_proportional_to_the_value_shown():
    points = (YearPoint(2000, 1, 10), YearPoint(2001, 4, 10), YearPoint(2002, 2, 4))
    counts, shares = bar_chart(points, "count", "passage"), bar_chart(points, "share", "passage")
    assert [round(bar.height / counts.bars[1].height, 3) for bar in counts.bars] == [0.25, 1.0, 0.5]
    assert [round(bar.height / shares.bars[2].height, 3) for bar in shares.bars] == [0.2, 0.8, 1.0]
    assert [tick.text for tick in counts.value_ticks] == ["0", "4"]
    assert counts.bars[0].label == "2000: 1 passage (10.0 % of the year's 10)"


def test_no_chart_when_nothing_matches():
    empty = (YearPoint(2000, 0, 10), YearPoint(2001, 0, 5))
    assert bar_chart(empty, "count", "passage") is None
    assert line_chart([Series("x", empty, 0, None, None, "/search?q=x")], "share", "passage") is None
