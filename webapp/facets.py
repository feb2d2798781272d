"""Facet values as the pages show them: label, count, selection state and the URLs that toggle them."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping
from urllib.parse import quote_plus, urlencode

from webapp.request import EXCLUDE_PREFIX, SearchRequest, url_with

FACET_TITLES = {
    "speaker": "Speaker",
    "reported": "Reported speaker",
    "topic": "Topic",
    "lang": "Language",
    "type": "Document type",
    "source": "Source",
    "year": "Year",
}
# Names of the languages the collection is written in (its members', observers' and partners' too), when the
# index gives no label; any other code is shown as it is.
LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "ru": "Russian", "zh": "Chinese", "de": "German", "es": "Spanish",
    "ar": "Arabic", "kk": "Kazakh", "ky": "Kyrgyz", "uz": "Uzbek", "tg": "Tajik", "mn": "Mongolian",
    "hi": "Hindi", "ur": "Urdu", "fa": "Persian", "uk": "Ukrainian", "be": "Belarusian", "az": "Azerbaijani",
    "tr": "Turkish", "und": "Unknown language",
}
# A collapsed facet shows this many values (the most frequent) plus every selected one.
COLLAPSED_VALUES = 8
# Facets always shown whole: the year histogram reads as a time line only when complete.
NEVER_COLLAPSED = ("year",)
# A facet lists at most this many values (the most frequent, plus every selected one): each carries
# two URLs built on the server, and an archive's speaker facet runs to thousands of names. Any other
# value can still be typed into the facet's filter box.
MAX_LISTED_VALUES = 300
# Facet values whose URL form is remembered across requests (an archive's speakers and topics).
QUOTED_VALUES_CACHE = 50_000


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with its count over all matches and the URLs that select or exclude it."""

    value: str
    label: str
    count: int
    selected: bool
    excluded: bool
    url: str  # the page with this value toggled (required / not required)
    exclude_url: str  # the page with this value toggled (excluded / not excluded)


@dataclass(frozen=True)
class FacetGroup:
    """One facet of the sidebar: its values, which of them are shown and how to show them all."""

    name: str
    title: str
    values: tuple[FacetValue, ...]  # all values, most frequent first (years in order)
    shown: tuple[FacetValue, ...]  # what the page lists
    expanded: bool
    more_url: str | None  # shows every value (or collapses back); None when nothing is hidden
    max_count: int
    value_count: int  # distinct values over the matches, listed or not

    @property
    def hidden_count(self) -> int:
        """Return how many values the collapsed list leaves out."""
        return len(self.values) - len(self.shown)

    @property
    def selected_count(self) -> int:
        """Return how many values are required or excluded."""
        return sum(1 for value in self.values if value.selected or value.excluded)

    @property
    def options(self) -> tuple[FacetValue, ...]:
        """Return the values a type-to-filter box offers."""
        return self.values[:MAX_LISTED_VALUES]


def label_for(name: str, value: str, labels: Mapping[str, Mapping[str, str]]) -> str:
    """Return the display label of a facet value."""
    given = labels.get(name, {}).get(value)
    if given:
        return given
    if name == "lang":
        return LANGUAGE_NAMES.get(value, value)
    if name in ("type", "topic"):
        return value.replace("-", " ").replace("_", " ").capitalize()
    return value


@lru_cache(maxsize=QUOTED_VALUES_CACHE)
def quoted(value: str) -> str:
    """Return a facet value as it stands in a URL's query string (remembered: values recur across pages)."""
    return quote_plus(value)


class ToggleUrls:
    """Build the toggle and exclude URLs of one facet's values fast: the other parameters are encoded once."""

    def __init__(self, base: str, request: SearchRequest, name: str):
        before, after = request.args_around(name)
        self.base = base
        self.before, self.after = urlencode(before), urlencode(after)
        self.include, self.exclude = set(request.included(name)), set(request.excluded(name))
        self.names = (quote_plus(name), quote_plus(EXCLUDE_PREFIX + name))
        # With nothing of this facet selected, a value's URL is head + one parameter + tail.
        self.head = f"{base}?{self.before}&" if self.before else f"{base}?"
        self.tail = f"&{self.after}" if self.after else ""

    def _url(self, include: set[str], exclude: set[str]) -> str:
        """Return the URL with these values required and excluded (as ``urlencode`` of ``facet_args``)."""
        middle = "&".join([f"{self.names[0]}={quoted(v)}" for v in sorted(include)]
                          + [f"{self.names[1]}={quoted(v)}" for v in sorted(exclude)])
        query = "&".join(part for part in (self.before, middle, self.after) if part)
        return f"{self.base}?{query}" if query else self.base

    def toggle(self, value: str) -> str:
        """Return the URL with ``value`` required if it was not, and not if it was (page 1)."""
        if not self.include and not self.exclude:
            return f"{self.head}{self.names[0]}={quoted(value)}{self.tail}"
        return self._url(self.include ^ {value}, self.exclude - {value})

    def toggle_exclusion(self, value: str) -> str:
        """Return the URL with ``value`` excluded if it was not, and not if it was (page 1)."""
        if not self.include and not self.exclude:
            return f"{self.head}{self.names[1]}={quoted(value)}{self.tail}"
        return self._url(self.include - {value}, self.exclude ^ {value})


def _counts_with_selection(name: str, counts: tuple[tuple[str, int], ...], request: SearchRequest) -> list[tuple[str, int]]:
    """Return the counted values plus any selected or excluded value that has no match (count 0)."""
    pairs = list(counts)
    present = {value for value, _ in pairs}
    pairs += [(value, 0) for value in request.included(name) + request.excluded(name) if value not in present]
    if name == "year":
        pairs.sort(key=lambda pair: pair[0])
    return pairs


def build_group(name: str, counts, request: SearchRequest, labels, base: str) -> FacetGroup:
    """Return one sidebar facet built from the store's (value, count) pairs, its URLs at ``base``."""
    included, excluded = set(request.included(name)), set(request.excluded(name))
    urls = ToggleUrls(base, request, name)
    pairs = _counts_with_selection(name, counts, request)
    listed = [pair for index, pair in enumerate(pairs)
              if index < MAX_LISTED_VALUES or pair[0] in included or pair[0] in excluded]
    values = tuple(
        FacetValue(
            value=value,
            label=label_for(name, value, labels),
            count=count,
            selected=value in included,
            excluded=value in excluded,
            url=urls.toggle(value),
            exclude_url=urls.toggle_exclusion(value),
        )
        for value, count in listed
    )
    expanded = name in request.more or name in NEVER_COLLAPSED
    shown = values if expanded else tuple(
        v for index, v in enumerate(values) if index < COLLAPSED_VALUES or v.selected or v.excluded
    )
    more_url = None
    if name not in NEVER_COLLAPSED and len(values) > COLLAPSED_VALUES:
        more = set(request.more) ^ {name}
        more_url = url_with(base, replace(request, more=tuple(n for n in FACET_TITLES if n in more)))
    return FacetGroup(name, FACET_TITLES.get(name, name), values, shown, expanded, more_url,
                      max((v.count for v in values), default=0), len(pairs))


def build_facets(facets: Mapping[str, tuple[tuple[str, int], ...]], request: SearchRequest,
                 labels: Mapping[str, Mapping[str, str]], base: str) -> tuple[FacetGroup, ...]:
    """Return the sidebar's facets in the store's order, every value with its toggle and exclude URLs at ``base``."""
    return tuple(build_group(name, counts, request, labels, base) for name, counts in facets.items())
