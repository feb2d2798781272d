"""The /trends page's state and model: up to five searches compared year by year under the same filters.

``q`` is repeated, one per search; the facet filters, ``from``, ``to`` and
``chart`` are those of any search page. The same state builds the HTML page,
its CSV and its JSON twin.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable
from urllib.parse import urlencode

from indexer.engines import SearchQuery, SearchResults
from webapp.chart import Chart, line_chart
from webapp.request import (CHART_MODES, BadSearchRequest, SearchRequest, parse_query_text, parse_search_request,
                            url_with, with_filter)
from webapp.timeline import Series, SeriesLinks, YEAR_FACET, build_series

# More lines than this on one chart cannot be told apart (five line styles).
MAX_SERIES = 5


@dataclass(frozen=True)
class TrendRequest:
    """The searches compared and the filters, dates and chart mode they share."""

    queries: tuple[str, ...]
    base: SearchRequest  # filters, dates and chart mode, without a query

    def to_args(self) -> list[tuple[str, str]]:
        """Return the canonical ordered (name, value) pairs of this comparison."""
        return [("q", q) for q in self.queries] + self.base.to_args()

    def search(self, q: str) -> SearchRequest:
        """Return the search page of one of the compared queries under the shared filters."""
        return replace(self.base, q=q, chart=CHART_MODES[0])

    def url(self, base: str, **changes) -> str:
        """Return the URL of this comparison at ``base``, with its queries or chart mode changed."""
        queries = changes.get("queries", self.queries)
        chart = changes.get("chart", self.base.chart)
        args = TrendRequest(queries, replace(self.base, chart=chart)).to_args()
        return f"{base}?{urlencode(args)}" if args else base


@dataclass(frozen=True)
class TrendFilterLinks:
    """Links to this comparison with its shared filters changed, as ``results.chips`` asks of a page's links."""

    request: TrendRequest
    page: str  # the URL of the trends page

    def search(self, base: SearchRequest) -> str:
        """Return the comparison under ``base``'s filters, dates and chart mode."""
        return TrendRequest(self.request.queries, base).url(self.page)


def parse_trend_request(args) -> TrendRequest:
    """Return the comparison a query string asks for, or raise ``BadSearchRequest``."""
    queries: list[str] = []
    for raw in args.getlist("q"):
        q = parse_query_text(raw)
        if q and q not in queries:
            queries.append(q)
    if len(queries) > MAX_SERIES:
        raise BadSearchRequest(f"at most {MAX_SERIES} searches can be compared on one chart; {len(queries)} were given")
    parsed = without_year(parse_search_request(args))
    return TrendRequest(tuple(queries), SearchRequest(filters=parsed.filters, date_from=parsed.date_from,
                                                      date_to=parsed.date_to, chart=parsed.chart, xlang=parsed.xlang))


@dataclass(frozen=True)
class TrendPage:
    """A comparison's series, its chart and the URLs of its other forms and states."""

    request: TrendRequest
    series: tuple[Series, ...]
    chart: Chart | None
    mode_urls: dict[str, str]  # the same comparison drawn as counts and as shares
    remove_urls: tuple[str, ...]  # per series: the comparison without it
    csv_url: str
    json_url: str


@dataclass(frozen=True)
class ResultsTimeline:
    """The chart of a search page: its series, its bars, the page drawn as counts and as shares, and /trends."""

    series: Series
    chart: Chart | None
    mode_urls: dict[str, str]
    trends_url: str


@dataclass(frozen=True)
class TrendLinks:
    """URL bases of the trends page, its CSV and JSON, the search page and the document page."""

    trends: str
    csv: str
    json: str
    search: str
    passage: Callable[[str, int], str]


def series_links(search: SearchRequest, links: TrendLinks) -> SeriesLinks:
    """Return where a series links: its search narrowed to a year, its passages, its result page."""
    return SeriesLinks(year=lambda year: url_with(links.search, with_filter(search, YEAR_FACET, [str(year)], [])),
                       passage=links.passage, search=url_with(links.search, search))


def without_year(search: SearchRequest) -> SearchRequest:
    """Return a search with its year facet filter dropped: a chart shows every year, the chosen ones marked."""
    return with_filter(search, YEAR_FACET, [], [])


def build_trend_page(request: TrendRequest, store_query: Callable[[SearchRequest], SearchQuery],
                     search: Callable[[SearchQuery], SearchResults], links: TrendLinks) -> TrendPage:
    """Return the comparison's model, running each series' searches."""
    series = tuple(build_series(q, store_query(request.search(q)), search, series_links(request.search(q), links))
                   for q in request.queries)
    return TrendPage(
        request=request,
        series=series,
        chart=line_chart(series, request.base.chart, "passage"),
        mode_urls={mode: request.url(links.trends, chart=mode) for mode in CHART_MODES},
        remove_urls=tuple(request.url(links.trends, queries=tuple(q for q in request.queries if q != one))
                          for one in request.queries),
        csv_url=request.url(links.csv),
        json_url=request.url(links.json),
    )
