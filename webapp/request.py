"""The state of a search page, parsed once from the query string and written back as a canonical URL.

Parameters: ``q``; for each facet, repeatable ``speaker`` (required, any of) and
``not_speaker`` (excluded), likewise ``reported``, ``topic``, ``lang``, ``type``,
``source``, ``year``; ``from`` and ``to`` (YYYY, YYYY-MM or YYYY-MM-DD); ``sort``;
``page``; ``per_page``; ``more`` (facets shown in full); ``like`` (a passage
id: passages of other documents worded like it); ``group`` (``document``:
one hit per document, the default without a query; ``passage``: every passage,
the default with one); ``chart`` (``share``: the year chart shows each year's
share of matching passages, not their count); ``xlang`` (``0``: search only
what was typed, not its equivalents in other languages). Unknown parameters
are ignored; a known one with a bad value raises ``BadSearchRequest``.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable
from urllib.parse import urlencode

from indexer.engines import FACET_FIELDS, SORTS, FacetFilter, SearchQuery

# A query this long is no search anyone types; longer ones are refused with a message.
MAX_QUERY_CHARS = 2000
# Facet values longer than this are no value of any facet.
MAX_VALUE_CHARS = 200
# More values than this in one facet is a crafted URL, not a selection.
MAX_VALUES_PER_FACET = 50
DEFAULT_PER_PAGE = 20
# The API's page size limit: enough for any screen, small enough to answer fast.
MAX_PER_PAGE = 100
# Pages beyond this are refused: no real result list is that long, and the arithmetic stays small.
MAX_PAGE = 1_000_000
EXCLUDE_PREFIX = "not_"
# A passage id longer than this is no passage id.
MAX_PASSAGE_ID_CHARS = 300
# What one hit stands for: a passage, or a document (its best passage).
GROUPS = ("passage", "document")
# What the mentions-over-time chart shows: matching passages per year, or their share of the year's passages.
CHART_MODES = ("count", "share")
# Whether query words also search their equivalents in other languages and scripts: off, on (the default).
XLANG_CHOICES = ("0", "1")
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
INTEGER = re.compile(r"[0-9]{1,9}")
# Control characters (NUL, bell, escape, C1 controls): never part of a search, never echoed into a page.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class BadSearchRequest(ValueError):
    """A query-string parameter has a value the search cannot use; the message says which and why."""


@dataclass(frozen=True)
class SearchRequest:
    """Everything that decides one search page: query, filters, dates, sort, page and expanded facets."""

    q: str = ""
    filters: tuple[FacetFilter, ...] = ()  # in FACET_FIELDS order, values sorted, no empty filter
    date_from: str | None = None  # as given: YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str | None = None
    sort: str | None = None  # None: the view's default (relevance, or newest without a query)
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    more: tuple[str, ...] = ()  # facets whose every value is shown
    group: str | None = None  # None: the default (documents when browsing, passages for a query)
    like: str | None = None  # a passage id: passages of other documents worded like it
    chart: str = CHART_MODES[0]  # the mentions-over-time chart: counts or shares of each year
    xlang: bool = True  # query words also search their equivalents in other languages and scripts

    @property
    def has_query(self) -> bool:
        """Return whether the page ranks by relevance to something: query words or a passage."""
        return bool(self.q or self.like)

    def included(self, facet: str) -> tuple[str, ...]:
        """Return the values of ``facet`` that matches must have (any of them)."""
        return next((f.include for f in self.filters if f.name == facet), ())

    def excluded(self, facet: str) -> tuple[str, ...]:
        """Return the values of ``facet`` that matches must not have."""
        return next((f.exclude for f in self.filters if f.name == facet), ())

    def sort_or(self, default: str) -> str:
        """Return the chosen sort, or ``default`` when none was chosen."""
        return self.sort or default

    @property
    def effective_sort(self) -> str:
        """Return the sort the page shows: relevance for a query, newest first when browsing."""
        return self.sort_or("relevance") if self.has_query else ("newest" if self.sort in (None, "relevance") else self.sort)

    @property
    def default_group(self) -> str:
        """Return the grouping shown unless another is chosen: documents when browsing, passages for a query."""
        return "passage" if self.has_query else "document"

    @property
    def effective_group(self) -> str:
        """Return the grouping the page shows."""
        return self.group or self.default_group

    @property
    def grouped(self) -> bool:
        """Return whether each hit stands for a whole document."""
        return self.effective_group == "document"

    @property
    def has_filters(self) -> bool:
        """Return whether any facet value or date bound narrows the search."""
        return bool(self.filters or self.date_from or self.date_to)

    def to_args(self) -> list[tuple[str, str]]:
        """Return the canonical ordered (name, value) pairs: defaults omitted, values sorted."""
        args = self._query_args()
        for facet in self.filters:
            args += facet_args(facet.name, facet.include, facet.exclude)
        return args + self._tail_args()

    def args_around(self, name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Return the canonical parameters before and after facet ``name``'s own, for page 1."""
        position = FACET_FIELDS.index(name)
        before = self._query_args()
        after: list[tuple[str, str]] = []
        for facet in self.filters:
            if facet.name != name:
                target = before if FACET_FIELDS.index(facet.name) < position else after
                target += facet_args(facet.name, facet.include, facet.exclude)
        return before, after + replace(self, page=1)._tail_args()

    def _query_args(self) -> list[tuple[str, str]]:
        """Return what is searched for: the query words (across languages or as typed) and the passage compared."""
        args = [("q", self.q)] if self.q else []
        args += [] if self.xlang else [("xlang", XLANG_CHOICES[0])]
        return args + ([("like", self.like)] if self.like else [])

    def _tail_args(self) -> list[tuple[str, str]]:
        args = [("from", self.date_from)] if self.date_from else []
        args += [("to", self.date_to)] if self.date_to else []
        args += [("sort", self.sort)] if self.sort else []
        args += [("group", self.group)] if self.group and self.group != self.default_group else []
        args += [("per_page", str(self.per_page))] if self.per_page != DEFAULT_PER_PAGE else []
        args += [("chart", self.chart)] if self.chart != CHART_MODES[0] else []
        args += [("more", name) for name in self.more]
        args += [("page", str(self.page))] if self.page != 1 else []
        return args

    def to_query(self, default_sort: str = "relevance", with_facets: bool = True) -> SearchQuery:
        """Return the store query of this page."""
        return SearchQuery(
            text=self.q,
            filters=self.filters,
            date_from=first_day(self.date_from),
            date_to=last_day(self.date_to),
            sort=self.sort_or(default_sort),
            offset=(self.page - 1) * self.per_page,
            limit=self.per_page,
            with_facets=with_facets,
            group_by_document=self.grouped,
        )


def facet_args(name: str, include: Iterable[str], exclude: Iterable[str]) -> list[tuple[str, str]]:
    """Return one facet's canonical parameters: required values, then excluded ones."""
    return [(name, value) for value in include] + [(EXCLUDE_PREFIX + name, value) for value in exclude]


def first_day(value: str | None) -> str | None:
    """Return the first day of a partial ISO date as YYYY-MM-DD."""
    if not value:
        return None
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    return f"{year}-{month}-{day}"


def last_day(value: str | None) -> str | None:
    """Return the last day of a partial ISO date as YYYY-MM-DD."""
    if not value:
        return None
    parts = value.split("-")
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(name: str, raw: str) -> str | None:
    """Return a valid partial ISO date, or raise ``BadSearchRequest``."""
    raw = raw.strip()
    if not raw:
        return None
    match = PARTIAL_DATE.fullmatch(raw)
    try:
        if match is None:
            raise ValueError(raw)
        year, month, day = (int(part) if part else 1 for part in match.groups())
        date(year, month, day)
    except ValueError:
        raise BadSearchRequest(f"“{name}” must be a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2020 or 2020-11-10; "
                               f"“{raw[:40]}” is not one") from None
    return raw


def parse_int(name: str, raw: str | None, default: int, highest: int) -> int:
    """Return a whole number between 1 and ``highest``, or raise ``BadSearchRequest``."""
    if raw is None or not raw.strip():
        return default
    raw = raw.strip()
    if not INTEGER.fullmatch(raw) or not 1 <= int(raw) <= highest:
        raise BadSearchRequest(f"“{name}” must be a whole number from 1 to {highest:,}; “{raw[:40]}” is not one")
    return int(raw)


def parse_choice(args, name: str, choices: tuple[str, ...]) -> str | None:
    """Return the value of a parameter that must be one of ``choices`` (None when empty), or raise."""
    value = (args.get(name) or "").strip() or None
    if value is not None and value not in choices:
        raise BadSearchRequest(f"“{name}” must be one of {', '.join(choices)}; “{value[:40]}” is not one")
    return value


def parse_values(args, name: str) -> tuple[str, ...]:
    """Return the distinct non-empty values of a repeatable parameter, sorted."""
    values = sorted({cleaned for value in args.getlist(name) if (cleaned := without_controls(value).strip())})
    if len(values) > MAX_VALUES_PER_FACET:
        raise BadSearchRequest(f"at most {MAX_VALUES_PER_FACET} values of “{name}” can be chosen at once")
    if any(len(value) > MAX_VALUE_CHARS for value in values):
        raise BadSearchRequest(f"a value of “{name}” is longer than {MAX_VALUE_CHARS} characters")
    return tuple(values)


def parse_filters(args) -> tuple[FacetFilter, ...]:
    """Return the facet filters of the query string, in facet order."""
    filters = []
    for name in FACET_FIELDS:
        include, exclude = parse_values(args, name), parse_values(args, EXCLUDE_PREFIX + name)
        both = sorted(set(include) & set(exclude))
        if both:
            raise BadSearchRequest(f"“{both[0]}” is both required and excluded in “{name}”; choose one")
        if include or exclude:
            filters.append(FacetFilter(name, include, exclude))
    return tuple(filters)


def without_controls(text: str) -> str:
    """Return ``text`` with control characters replaced by spaces."""
    return CONTROL_CHARACTERS.sub(" ", text)


def parse_query_text(raw: str | None) -> str:
    """Return the query text with its whitespace normalised, or raise ``BadSearchRequest`` if too long."""
    q = " ".join(without_controls(raw or "").split())
    if len(q) > MAX_QUERY_CHARS:
        raise BadSearchRequest(f"the query is {len(q):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    return q


def parse_xlang(args) -> bool:
    """Return whether query words also search their equivalents in other languages (``xlang``, on by default)."""
    return parse_choice(args, "xlang", XLANG_CHOICES) != XLANG_CHOICES[0]


def parse_search_request(args) -> SearchRequest:
    """Return the ``SearchRequest`` of a query string (a werkzeug MultiDict), or raise ``BadSearchRequest``."""
    q = parse_query_text(args.get("q"))
    like = without_controls(args.get("like") or "").strip() or None
    if like is not None and len(like) > MAX_PASSAGE_ID_CHARS:
        raise BadSearchRequest(f"“like” must be a passage id; a value {len(like):,} characters long is not one")
    more = parse_values(args, "more")
    unknown = [name for name in more if name not in FACET_FIELDS]
    if unknown:
        raise BadSearchRequest(f"“more” must name a facet ({', '.join(FACET_FIELDS)}); “{unknown[0][:40]}” is not one")
    request = SearchRequest(
        q=q,
        filters=parse_filters(args),
        date_from=parse_date("from", args.get("from") or ""),
        date_to=parse_date("to", args.get("to") or ""),
        sort=parse_choice(args, "sort", SORTS),
        page=parse_int("page", args.get("page"), 1, MAX_PAGE),
        per_page=parse_int("per_page", args.get("per_page"), DEFAULT_PER_PAGE, MAX_PER_PAGE),
        more=tuple(name for name in FACET_FIELDS if name in more),
        group=parse_choice(args, "group", GROUPS),
        like=like,
        chart=parse_choice(args, "chart", CHART_MODES) or CHART_MODES[0],
        xlang=parse_xlang(args),
    )
    if request.date_from and request.date_to and first_day(request.date_from) > last_day(request.date_to):
        raise BadSearchRequest(f"“from” ({request.date_from}) is after “to” ({request.date_to})")
    return request


def with_filter(request: SearchRequest, name: str, include: Iterable[str], exclude: Iterable[str]) -> SearchRequest:
    """Return ``request`` with one facet's values replaced, back on page 1."""
    changed = FacetFilter(name, tuple(sorted(set(include))), tuple(sorted(set(exclude))))
    others = {f.name: f for f in request.filters if f.name != name}
    if changed.include or changed.exclude:
        others[name] = changed
    ordered = tuple(others[facet] for facet in FACET_FIELDS if facet in others)
    return replace(request, filters=ordered, page=1)


def toggled(request: SearchRequest, name: str, value: str) -> SearchRequest:
    """Return ``request`` with ``value`` of facet ``name`` required if it was not, and not if it was."""
    include, exclude = set(request.included(name)), set(request.excluded(name))
    include.symmetric_difference_update({value})
    return with_filter(request, name, include, exclude - {value})


def toggled_exclusion(request: SearchRequest, name: str, value: str) -> SearchRequest:
    """Return ``request`` with ``value`` of facet ``name`` excluded if it was not, and not if it was."""
    include, exclude = set(request.included(name)), set(request.excluded(name))
    exclude.symmetric_difference_update({value})
    return with_filter(request, name, include - {value}, exclude)


def url_with(base: str, request: SearchRequest, **changes) -> str:
    """Return the canonical URL at ``base`` of ``request`` with some fields changed (e.g. page=2)."""
    args = replace(request, **changes).to_args() if changes else request.to_args()
    return f"{base}?{urlencode(args)}" if args else base

