"""Mentions over time: the chart of a search page, and /trends comparing up to five searches (HTML, CSV, JSON)."""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, render_template, request, url_for

from webapp.access import index_access
from webapp.chart import bar_chart
from webapp.request import CHART_MODES, SearchRequest, url_with
from webapp.results import ResultPage, chips
from webapp.serialize_trends import trends_csv, trends_json
from webapp.timeline import YEAR_FACET, build_series, year_counts
from webapp.trends import (MAX_SERIES, ResultsTimeline, TrendFilterLinks, TrendLinks, TrendPage, TrendRequest,
                           build_trend_page, parse_trend_request, series_links, without_year)
from webapp.views import labels, links_for, store_query
from webapp.views.feeds import CSV_BYTE_ORDER_MARK

bp = Blueprint("trends", __name__)
CSV_FILENAME = "archive-search-trends.csv"


def trend_links() -> TrendLinks:
    """Return the URL bases of the trends page and what it links to."""
    documents = links_for("search.search")
    return TrendLinks(trends=url_for("trends.page"), csv=url_for("trends.csv"), json=url_for("trends.json"),
                      search=documents.search_base,
                      passage=lambda doc_id, ordinal: documents.document(doc_id, ordinal=ordinal))


def results_timeline(page: ResultPage) -> ResultsTimeline | None:
    """Return the mentions over time of a search page's query and its bar chart (None without a query)."""
    search = page.request
    if not search.q or search.like:
        return None
    links = trend_links()
    chart_search = replace(without_year(search), page=1, chart=CHART_MODES[0])
    query = store_query(chart_search, links_for("search.search"))[0]
    years = next(group for group in page.facets if group.name == YEAR_FACET)  # counted without the year filter
    counted = year_counts((value.value, value.count) for value in years.values)
    series = build_series(search.q, query, index_access().search, series_links(chart_search, links),
                          (counted, page.total))
    trends = TrendRequest((search.q,), replace(without_year(SearchRequest(filters=search.filters)),
                                               date_from=search.date_from, date_to=search.date_to, chart=search.chart))
    return ResultsTimeline(series, bar_chart(series.points, search.chart, page.unit),
                           {mode: url_with(links.search, replace(search, chart=mode)) for mode in CHART_MODES},
                           trends.url(links.trends))


def current_trends() -> TrendPage:
    """Return the comparison of this request's query string."""
    links = trend_links()
    return build_trend_page(parse_trend_request(request.args),
                            lambda search: store_query(search, links_for("search.search"))[0],
                            index_access().search, links)


@bp.get("/trends")
def page():
    """Show up to five searches' mentions per year on one chart, with a table, first and last mentions."""
    trends = current_trends()
    base = trends.request.base
    unfiltered = TrendRequest(trends.request.queries, SearchRequest(chart=base.chart))
    return render_template("trends.html", trends=trends, max_series=MAX_SERIES,
                           filters=chips(base, labels(), TrendFilterLinks(trends.request, url_for("trends.page"))),
                           clear_url=unfiltered.url(url_for("trends.page")))


@bp.get("/trends.json")
def json():
    """Return the compared searches' counts and shares per year, first and last mentions, as JSON."""
    return trends_json(current_trends())


@bp.get("/trends.csv")
def csv():
    """Return the compared searches' counts and shares per year as CSV, one row per year."""
    headers = {"Content-Disposition": f'attachment; filename="{CSV_FILENAME}"'}
    return Response(CSV_BYTE_ORDER_MARK + trends_csv(current_trends()), mimetype="text/csv", headers=headers)
