"""Librarian metadata values checked and made uniform: dates, language tags, web addresses and symbols.

Sidecars, catalogues and front matter (``indexer.metadata``), the document readers
and the admin form all judge a value with the same function here.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

# Languages whose month names dateparser may read in librarian dates.
DATE_LANGUAGES = ("en", "fr", "ru", "zh")
# Years a document of the collection can plausibly carry.
MIN_YEAR, MAX_YEAR = 1000, 2999
# Tags: ISO 639 codes, optionally with a region ("en", "en-GB", "zh_CN").
LANG_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
# A document's URL is where it was published on the web; its host names the source.
URL_SCHEMES = ("http", "https")

_SEP = r"\s*[-/.]\s*"
ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")
YEAR_FIRST = re.compile(rf"^(\d{{4}})(?:{_SEP}(\d{{1,2}})(?:{_SEP}(\d{{1,2}}))?)?$")
# Day first (31.12.2020, 31/12/2020), the order in the collection's languages but US English.
DAY_FIRST = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})$")
# How many of year, month, day to keep for each precision dateparser reports.
DATEPARSER_PRECISION = {"day": 3, "month": 2, "year": 1}


class MetadataError(Exception):
    """Librarian metadata that cannot be used; the message names the file, key and value."""


def _iso(year: int, month: int | None, day: int | None, value: str) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise MetadataError(f"invalid date {value!r}: year out of range")
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as error:
        raise MetadataError(f"invalid date {value!r}: {error}") from error
    parts = [f"{year:04d}"] + [f"{part:02d}" for part in (month, day) if part is not None]
    return "-".join(parts)


@functools.lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(DATE_LANGUAGES),
        settings={"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["year"], "DATE_ORDER": "DMY"},
    )


def normalise_date(value: str, where: str = "") -> str | None:
    """Return ``value`` as ISO YYYY, YYYY-MM or YYYY-MM-DD; None if blank; MetadataError if invalid."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    prefix = f"{where}: " if where else ""
    if not text:
        return None
    try:
        if match := ISO_DATETIME.match(text):
            text = match.group(1)
        if match := YEAR_FIRST.match(text):
            year, month, day = (int(g) if g else None for g in match.groups())
            return _iso(year, month, day, value)
        if match := DAY_FIRST.match(text):
            day, month, year = (int(g) for g in match.groups())
            return _iso(year, month, day, value)
        if any(ch.isalpha() for ch in text):
            found = _date_parser().get_date_data(text)
            if found.date_obj is not None:
                keep = DATEPARSER_PRECISION.get(found.period, 3)
                month = found.date_obj.month if keep >= 2 else None
                day = found.date_obj.day if keep >= 3 else None
                return _iso(found.date_obj.year, month, day, value)
        raise MetadataError(f"invalid date {value!r}: expected e.g. 2020-11-10, 2020-11, 2020 or 10 November 2020")
    except MetadataError as error:
        raise MetadataError(f"{prefix}{error}") from None


def clean_text(value: Any) -> str:
    """Return ``value`` as text in Unicode NFC, without surrounding white space."""
    return unicodedata.normalize("NFC", str(value)).strip()


def _prefixed(where: str, problem: str) -> MetadataError:
    return MetadataError(f"{where}: {problem}" if where else problem)


def normalise_lang(value: str, where: str = "") -> str | None:
    """Return a language tag's ISO 639 code in lower case ("en-GB" -> "en"); None if blank; MetadataError if invalid."""
    text = clean_text(value)
    if not text:
        return None
    match = LANG_TAG.match(text)
    if not match:
        raise _prefixed(where, f"invalid language {value!r}: expected a code such as en, fr, ru, zh")
    return match.group(1).lower()


def _spaceless(value: str, where: str, problem: str) -> str:
    """Return ``value`` trimmed (empty if blank); MetadataError saying ``problem`` if a space is left inside."""
    text = clean_text(value)
    if any(char.isspace() for char in text):
        raise _prefixed(where, problem)
    return text


def normalise_url(value: str, where: str = "") -> str | None:
    """Return a web address (http or https, with a host) trimmed; None if blank; MetadataError if invalid."""
    text = _spaceless(value, where, f"invalid URL {value!r}: no spaces allowed (write %20)")
    if not text:
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError as error:
        raise _prefixed(where, f"invalid URL {value!r}: {error}") from None
    if parts.scheme.lower() not in URL_SCHEMES:
        raise _prefixed(where, f"invalid URL {value!r}: expected a web address starting with http:// or https://")
    if not host:
        raise _prefixed(where, f"invalid URL {value!r}: no host name")
    return text


def normalise_symbol(value: str, where: str = "") -> str | None:
    """Return a document symbol trimmed; None if blank; MetadataError if it holds a space."""
    return _spaceless(value, where, f"invalid document symbol {value!r}: a symbol has no spaces (e.g. A/75/704)") or None
