"""Find calendar dates in text and choose a document's own date.

Candidates are found with regular expressions (fast and predictable); month
names for English, French and Russian come from dateparser's language data.
Only complete dates (year, month and day) are returned: a bare month or year in
running text is usually a reference to some other event, and an unknown date
stays unknown rather than being guessed.
"""
from __future__ import annotations

import importlib
import re
from datetime import date
from functools import lru_cache
from typing import Sequence

from indexer.facets.vocab import fold
from indexer.models import Block, Metadata

# "09/06/2017": the collection's sources (UN, SCO, Russian, Chinese and European sites)
# write numeric dates day first; month first is used only when the day-first reading is impossible.
DAY_FIRST = True
# Dates outside this range are references to history or to plans, not document dates.
MIN_YEAR = 1900
MAX_YEARS_AHEAD = 1
# Languages whose month names are recognised (Chinese dates use 年月日 and need no names).
MONTH_LANGUAGES = ("en", "fr", "ru")
# The header zone: a document's title, dateline and lead are within its first few blocks.
HEADER_BLOCKS = 5
# In the header zone's running text, only a date this close to a block's start counts
# ("On 16 November 2020, the Secretariat hosted…"); later ones are about other events.
LEAD_DATE_MAX_OFFSET = 120

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)
_CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                   "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ORDINAL = r"(?:er|re|st|nd|rd|th|-?го|-?е)?"
_DAY_RANGE = rf"(?:\s*[-–—]\s*\d{{1,2}}{_ORDINAL})?"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    """Map every folded month name and abbreviation to its number."""
    names: dict[str, int] = {}
    for lang in MONTH_LANGUAGES:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, ()):
                names[name.casefold()] = number
                names[fold(name)] = number
    return names


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    """Compile the date patterns, most specific first."""
    mon = rf"(?P<mon>{month_names_pattern()})\.?{_NOT_LETTER_AFTER}"
    cn_num = "[〇零一二三四五六七八九十]"
    sources = (
        rf"(?<![\d/.])(?P<y>\d{{4}})\s*(?P<sep>[-./])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}})(?![\d])",
        rf"(?<![\d/.])(?P<a>\d{{1,2}})\s*(?P<sep>[-./])\s*(?P<b>\d{{1,2}})\s*(?P=sep)\s*(?P<y>\d{{4}})(?![\d])",
        rf"(?<![\d\w])(?P<d>\d{{1,2}})\.?{_ORDINAL}{_DAY_RANGE}\s*{mon},?\s+(?P<y>\d{{4}})(?!\d)",
        rf"(?<![^\W\d_]){mon}\s+(?P<d>\d{{1,2}}){_ORDINAL}{_DAY_RANGE},?\s+(?P<y>\d{{4}})(?!\d)",
        rf"(?P<y>\d{{4}}|{cn_num}{{4}})\s*年\s*(?P<m>\d{{1,2}}|{cn_num}{{1,3}})\s*月"
        rf"\s*(?P<d>\d{{1,2}}|{cn_num}{{1,3}})\s*[日号]",
    )
    return tuple(re.compile(source, re.IGNORECASE) for source in sources)


def _chinese_number(text: str) -> int:
    """Return the value of ASCII or Chinese digits ("二〇二〇" = 2020, "二十五" = 25)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CHINESE_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def _numeric_day_month(first: int, second: int) -> tuple[int, int]:
    """Return (day, month) for an ambiguous numeric date, day first unless impossible."""
    day, month = (first, second) if DAY_FIRST else (second, first)
    if month > 12 >= day:
        day, month = month, day
    return day, month


def _components(match: re.Match) -> tuple[int, int, int]:
    """Return (year, month, day) from a match of one of the patterns."""
    groups = match.groupdict()
    year = _chinese_number(groups["y"])
    if groups.get("a"):
        day, month = _numeric_day_month(int(groups["a"]), int(groups["b"]))
    elif groups.get("mon"):
        month, day = _month_numbers()[fold(groups["mon"])], int(groups["d"])
    else:
        month, day = _chinese_number(groups["m"]), _chinese_number(groups["d"])
    return year, month, day


def _valid_iso(year: int, month: int, day: int) -> str | None:
    """Return the ISO date if it exists and is plausible, else None."""
    if not MIN_YEAR <= year <= date.today().year + MAX_YEARS_AHEAD:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_names_pattern() -> str:
    """Return a regular expression alternation of every known month name and abbreviation."""
    return "|".join(sorted(map(re.escape, _month_numbers()), key=len, reverse=True))


def find_dates(text: str) -> list[tuple[str, int]]:
    """Return the complete dates written in ``text`` as (ISO value, character offset), in order."""
    return [(iso, start) for iso, start, _ in find_date_spans(text)]


def find_date_spans(text: str) -> list[tuple[str, int, int]]:
    """Return the complete dates written in ``text`` as (ISO value, start, end), in order."""
    found: list[tuple[int, int, str]] = []
    for pattern in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end, _ in found):
                continue
            iso = _valid_iso(*_components(match))
            if iso:
                found.append((start, end, iso))
    return [(iso, start, end) for start, end, iso in sorted(found)]


def _first_date(text: str, max_offset: int | None = None) -> str | None:
    for iso, offset in find_dates(text):
        if max_offset is None or offset <= max_offset:
            return iso
        return None
    return None


def document_date(blocks: Sequence[Block], metadata: Metadata) -> str | None:
    """Return the document's own date: the librarian's, else one from the header zone, else None."""
    if metadata.date:
        return metadata.date
    header = list(blocks[:HEADER_BLOCKS])
    datelines = [b for b in blocks if b.kind == "dateline"]
    headings = [b for b in header if b.kind == "heading"]
    for tier, max_offset in ((datelines, None), (headings, None), (header, LEAD_DATE_MAX_OFFSET)):
        for block in tier:
            found = _first_date(block.text, max_offset)
            if found:
                return found
    return None
