"""Datelines: a short line giving where and when a text was written or delivered, never its title.

The shape, not a list of places: a place name of a few capitalised words, a
comma, a date the project's date parser reads ("Душанбе, 17 сентября 2021
года", "Moscou, le 10 novembre 2020"), or the date first ("2021年9月17日，杜尚别");
a news agency may follow in brackets and a dash may end the line ("BEIJING, June
15 (Xinhua) --", where the year is left out and the date stays unknown).
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.facets.dates import MONTH_LANGUAGES, find_date_spans, month_names_pattern

# A dateline is a short line; a longer one holding a place and a date is a title or a sentence.
DATELINE_MAX_CHARS = 80
# A place name has at most this many words ("Rio de Janeiro", "Bandar Seri Begawan").
PLACE_MAX_WORDS = 4
# Lower-case words found inside place names ("Rio de Janeiro", "Stratford-upon-Avon", "Frankfurt am Main").
PLACE_CONNECTORS = frozenset("de da do du des del la le el of on upon am an der na sur en y".split())
# One word of a place name: letters, inner hyphens, apostrophes or dots ("Nur-Sultan", "N'Djamena", "St.").
PLACE_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")
# A Chinese place name: a few Han characters ("杜尚别", "北京", "乌兰巴托").
HAN_PLACE = re.compile(r"[\u4e00-\u9fff]{2,8}")
# Between a Latin or Cyrillic place and its date: a comma and an article ("Moscou, le 10 novembre 2020").
PLACE_BEFORE_DATE = re.compile(r"^\s*(?P<place>[^,，]+?)\s*[,，]\s*(?:le|the|den|am|el)?\s*$", re.IGNORECASE)
# A place after the date follows a comma ("September 10, 2020, Moscow", "2021年9月17日，杜尚别");
# without one it is a label ("24.01.2022 Meldung").
PLACE_AFTER_DATE = re.compile(r"^\s*(?:г\.|года)?\s*[,，、]\s*(?P<place>[^,，、]+?)\s*$")
# What may follow a dateline's date: the Russian "year" word, an agency in brackets, a closing dash or colon.
TAIL = re.compile(
    r"^\s*(?:г\.|гг\.|года|год)?\s*(?:[(（]\s*(?P<agency>[^()（）]{1,40}?)\s*[)）])?\s*(?:--|[-–—:：])?\s*$"
)
# Weekday keys of dateparser's language data: "Thursday, July 28, 2011" names a day, not a place.
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Dateline:
    """Where and when a text was written: place (None if not given), ISO date (None if incomplete), agency."""

    place: str | None
    date: str | None
    agency: str | None


@lru_cache(maxsize=1)
def _weekdays() -> frozenset[str]:
    """Return every weekday name and abbreviation of the month languages, case-folded."""
    names = set()
    for lang in MONTH_LANGUAGES:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
        names.update(name.casefold() for key in WEEKDAY_KEYS for name in info.get(key, ()))
    return frozenset(names)


@lru_cache(maxsize=1)
def _yearless_date() -> re.Pattern:
    """Compile the news-agency date without a year ("June 15", "15 июня")."""
    months = month_names_pattern()
    return re.compile(rf"(?<![^\W\d_])(?:(?:{months})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{months})\.?)(?![\w])",
                      re.IGNORECASE)


def _date_span(line: str) -> tuple[str | None, int, int] | None:
    """Return the one date in ``line`` as (ISO or None if yearless, start, end), or None."""
    spans = find_date_spans(line)
    if len(spans) == 1:
        return spans[0]
    if spans:
        return None
    yearless = list(_yearless_date().finditer(line))
    return (None, *yearless[0].span()) if len(yearless) == 1 else None


def is_place_name(text: str) -> bool:
    """Tell whether ``text`` has the shape of a place name: a few capitalised words, or a few Han characters."""
    if HAN_PLACE.fullmatch(text):
        return True
    words = text.split()
    if not 1 <= len(words) <= PLACE_MAX_WORDS or not all(PLACE_WORD.fullmatch(w) for w in words):
        return False
    if text.casefold().rstrip(".") in _weekdays():
        return False
    ends_capitalised = words[0][0].isupper() and words[-1][0].isupper()
    return ends_capitalised and all(w[0].isupper() or w in PLACE_CONNECTORS for w in words)


def _place_and_agency(before: str, after: str) -> tuple[str | None, str | None] | None:
    """Return (place, agency) if the text around a date is a dateline's, else None."""
    tail = TAIL.match(after)
    if not before.strip() and tail:
        return None, tail.group("agency")
    head = PLACE_BEFORE_DATE.match(before)
    if head and tail and is_place_name(head.group("place")):
        return head.group("place"), tail.group("agency")
    following = PLACE_AFTER_DATE.match(after)
    if not before.strip() and following and is_place_name(following.group("place")):
        return following.group("place"), None
    return None


def parse_dateline(line: str) -> Dateline | None:
    """Return the place, date and agency of a dateline, or None for any other line."""
    line = line.strip()
    if not line or len(line) > DATELINE_MAX_CHARS:
        return None
    span = _date_span(line)
    if span is None:
        return None
    iso, start, end = span
    around = _place_and_agency(line[:start], line[end:])
    if around is None:
        return None
    return Dateline(around[0], iso, around[1])
