"""Mentions over time: how many passages match a search in each year, against all passages of that year.

The collection grows unevenly (1946 has 30 speeches, 2024 has 190), so a count
alone misleads; each year's count is also given as a share of all passages of
that year under the same filters. The first and the last matching passage are
named. Everything here is plain data; the views fetch it and the templates draw it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping

from indexer.engines import SearchQuery, SearchResults

# The year facet: its values are four-digit years.
YEAR_FACET = "year"


@dataclass(frozen=True)
class YearPoint:
    """One year of a series: matching passages, all passages under the same filters, and the share."""

    year: int
    count: int
    total: int
    url: str | None = None  # the search narrowed to this year; None when nothing matches in it

    @property
    def share(self) -> float:
        """Return the matches as a fraction of all passages of the year (0 when the year has none)."""
        return self.count / self.total if self.total else 0.0


@dataclass(frozen=True)
class Mention:
    """The first or the last matching passage: when, by whom or in what, and where to read it."""

    date: str
    year: int
    who: str  # the speaker, or the document's title when no speaker is known
    title: str
    url: str


@dataclass(frozen=True)
class Series:
    """One search's mentions per year, its total, its first and last mention and its result page."""

    query: str
    points: tuple[YearPoint, ...]
    total: int
    first: Mention | None
    last: Mention | None
    search_url: str


@dataclass(frozen=True)
class SeriesLinks:
    """The URLs a series links to: its search narrowed to a year, a passage in its document, its result page."""

    year: Callable[[int], str]
    passage: Callable[[str, int], str]
    search: str


def year_counts(pairs: Iterable[tuple[str, int]]) -> dict[int, int]:
    """Return a year facet's (value, count) pairs as {year: count}, leaving out years that count nothing."""
    return {int(value): count for value, count in pairs if value.isdigit() and count}


def year_points(counts: Mapping[int, int], totals: Mapping[int, int],
                year_url: Callable[[int], str] | None = None) -> tuple[YearPoint, ...]:
    """Return one point per year from the collection's first to its last year, zero where nothing matches."""
    years = set(totals) | set(counts)
    if not years:
        return ()
    return tuple(YearPoint(year, counts.get(year, 0), totals.get(year, 0),
                           year_url(year) if year_url and counts.get(year) else None)
                 for year in range(min(years), max(years) + 1))


def counting_query(query: SearchQuery) -> SearchQuery:
    """Return ``query`` asking only for its total and its year counts (no hits, no snippets)."""
    return replace(query, offset=0, limit=0, facet_fields=(YEAR_FACET,), with_facets=True, with_snippets=False)


def totals_query(query: SearchQuery) -> SearchQuery:
    """Return the query counting every passage of each year under the same filters and dates."""
    return counting_query(replace(query, text="", exclude_documents=()))


def end_query(query: SearchQuery, sort: str) -> SearchQuery:
    """Return ``query`` asking for its oldest or newest matching passage alone."""
    return replace(query, sort=sort, offset=0, limit=1, with_facets=False, with_snippets=False,
                   group_by_document=False)


def mention(results: SearchResults, passage_url: Callable[[str, int], str]) -> Mention | None:
    """Return the dated passage a one-hit search found, as a mention."""
    if not results.hits or not results.hits[0].passage.date:
        return None
    passage = results.hits[0].passage
    return Mention(passage.date, int(passage.date[:4]), passage.speakers[0] if passage.speakers else passage.title,
                   passage.title, passage_url(passage.doc_id, passage.ordinal))


def build_series(text: str, query: SearchQuery, search: Callable[[SearchQuery], SearchResults],
                 links: SeriesLinks, counted: tuple[dict[int, int], int] | None = None) -> Series:
    """Return the mentions per year of one search, running what it needs.

    ``counted`` is the search's year counts and total when a result page has them already.
    """
    if counted is None:
        results = search(counting_query(query))
        counted = year_counts(results.facets.get(YEAR_FACET, ())), results.total
    totals = year_counts(search(totals_query(query)).facets.get(YEAR_FACET, ()))
    first = mention(search(end_query(query, "oldest")), links.passage)
    last = mention(search(end_query(query, "newest")), links.passage)
    return Series(text, year_points(counted[0], totals, links.year), counted[1], first, last, links.search)
