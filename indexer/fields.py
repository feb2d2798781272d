"""What every engine indexes the same way: field names, languages, words, dates and stored passages.

A passage's text goes into the field of its language; its facet values into
one keyword field per facet; its date into a (first day, last day) pair; and
the whole passage is stored as a plain record that turns back into a
``Passage``. Engines decide how; the names and values are shared here.
"""
from __future__ import annotations

import calendar
from dataclasses import fields
from typing import Mapping

from indexer.models import Passage

# Words, numbers and dotted abbreviations (U.N.); "/" and "-" split, so
# "A/75/704" and "Kasym-Jomart" index as word sequences that phrases match.
WORD_PATTERN = r"\w+(?:\.?\w+)*"
# Languages with a dedicated stemmed field; everything else goes to text_other.
STEMMED_LANGUAGES = ("en", "fr", "ru", "de", "es")
TEXT_LANGUAGES = STEMMED_LANGUAGES + ("zh",)
FALLBACK_TEXT_FIELD = "text_other"
TEXT_FIELDS = tuple(f"text_{lang}" for lang in TEXT_LANGUAGES) + (FALLBACK_TEXT_FIELD,)
# Fields of a passage's labels, searched beside its text; "speaker" holds the speakers and the reported people.
LABEL_FIELDS = ("title", "heading", "speaker", "reported", "symbol")
# BM25F weights: a match in the title, the document's symbol or the speaker's name says more than one in the body;
# a person the passage reports says less of it than who delivers it, and about as much as its section heading.
FIELD_BOOSTS = {"title": 2.0, "symbol": 2.0, "speaker": 1.5, "heading": 1.3, "reported": 1.3}
# Words the query language reads as operators, never as words to search or correct.
OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
# Separator of several values in one facet column (never typed in a name).
VALUE_SEPARATOR = "\x1f"
FACET_FIELD_NAMES = {
    "speaker": "f_speaker",
    "reported": "f_reported",
    "topic": "f_topic",
    "lang": "f_lang",
    "type": "f_type",
    "source": "f_source",
    "year": "f_year",
}
# Keyword fields matched on their whole value in any case (``symbol:A/75/704``), never counted as facets.
KEY_FIELD_NAMES = {"symbol": "k_symbol"}
# Dates as YYYYMMDD integers; a passage without a date spans every date.
UNKNOWN_DATE_LOW, UNKNOWN_DATE_HIGH = 0, 99999999
PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))


def text_field_for(lang: str) -> str:
    """Return the name of the analysed text field holding passages in ``lang``."""
    return f"text_{lang}" if lang in TEXT_LANGUAGES else FALLBACK_TEXT_FIELD


def date_bounds(date: str | None) -> tuple[int, int]:
    """Return the first and last day of an ISO date of any precision as YYYYMMDD integers."""
    if not date:
        return UNKNOWN_DATE_LOW, UNKNOWN_DATE_HIGH
    parts = [int(p) for p in date.split("-")[:3]]
    year = parts[0]
    month_low, month_high = (parts[1], parts[1]) if len(parts) > 1 else (1, 12)
    day_low = parts[2] if len(parts) > 2 else 1
    day_high = parts[2] if len(parts) > 2 else calendar.monthrange(year, month_high)[1]
    return year * 10000 + month_low * 100 + day_low, year * 10000 + month_high * 100 + day_high


def facet_values(passage: Passage) -> dict[str, tuple[str, ...]]:
    """Return a passage's values of each facet, by facet name."""
    return {
        "speaker": passage.speakers,
        "reported": passage.reported,
        "topic": passage.topics,
        "lang": (passage.lang,),
        "type": (passage.doc_type,) if passage.doc_type else (),
        "source": (passage.source,) if passage.source else (),
        "year": (passage.date[:4],) if passage.date else (),
    }


def heard_names(passage: Passage) -> tuple[str, ...]:
    """Return the names of the people a passage gives voice to: who delivers it, then whom it reports."""
    return tuple(dict.fromkeys(passage.speakers + passage.reported))


def key_values(passage: Passage) -> dict[str, str]:
    """Return a passage's values of each keyword field, lower-cased as typed values are, by field name."""
    return {KEY_FIELD_NAMES["symbol"]: passage.symbol.lower()} if passage.symbol else {}


def passage_record(passage: Passage) -> dict:
    """Return the plain record a passage is stored as."""
    record = {name: getattr(passage, name) for name in PASSAGE_FIELDS}
    record["extra"] = dict(passage.extra)
    return record


def passage_from_record(record: Mapping) -> Passage:
    """Return the Passage stored in a record."""
    values = {name: record.get(name) for name in PASSAGE_FIELDS if name in record}
    for name in ("speakers", "topics", "reported"):
        values[name] = tuple(values.get(name) or ())
    values["extra"] = dict(values.get("extra") or {})
    return Passage(**values)
