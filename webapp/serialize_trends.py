"""The trends model as JSON-ready data and as CSV (one row per year, a count and a share per search)."""
from __future__ import annotations

from webapp.serialize import csv_line
from webapp.timeline import Mention, Series
from webapp.trends import TrendPage

# Shares are fractions of the year's passages, written with this many decimals.
SHARE_DECIMALS = 6


def mention_json(mention: Mention | None) -> dict | None:
    """Return a first or last mention as the API gives it."""
    if mention is None:
        return None
    return {"date": mention.date, "year": mention.year, "who": mention.who, "title": mention.title,
            "url": mention.url}


def series_json(series: Series) -> dict:
    """Return one search's mentions per year as the API gives them."""
    return {
        "q": series.query,
        "total": series.total,
        "first": mention_json(series.first),
        "last": mention_json(series.last),
        "search_url": series.search_url,
        "years": [{"year": p.year, "count": p.count, "total": p.total, "share": round(p.share, SHARE_DECIMALS)}
                  for p in series.points],
    }


def trends_json(page: TrendPage) -> dict:
    """Return a comparison as the API gives it."""
    return {"q": list(page.request.queries), "chart": page.request.base.chart, "unit": "passage",
            "series": [series_json(one) for one in page.series], "csv_url": page.csv_url,
            "html_url": page.mode_urls[page.request.base.chart]}


def trends_csv(page: TrendPage) -> str:
    """Return a comparison as CSV: the year, its passages, then each search's count and share."""
    header = ["year", "passages_in_year"]
    for one in page.series:
        header += [f"{one.query} (count)", f"{one.query} (share)"]
    lines = [csv_line(header)]
    years = [point.year for point in page.series[0].points] if page.series else []
    for index, year in enumerate(years):
        row: list = [year, page.series[0].points[index].total]
        for one in page.series:
            point = one.points[index]
            row += [point.count, f"{point.share:.{SHARE_DECIMALS}f}"]
        lines.append(csv_line(row))
    return "".join(lines)
