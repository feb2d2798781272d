"""The Whoosh schema: one analysed text field per language, facets for filtering and counting.

Every passage is one Whoosh document. Its text goes into the field of its
language (English, French and Russian stemmed, Chinese as character bigrams, a
plain fallback for the rest); title, section heading and speakers are indexed
for ranking (BM25F field boosts); facet values go into exact keyword fields for
filtering and into per-document columns for fast counting.
"""
from __future__ import annotations

import calendar
import re
from functools import lru_cache

from whoosh import columns, fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, Token, Tokenizer
from whoosh.support.charset import accent_map

# Words, numbers and dotted abbreviations (U.N.); "/" and "-" split, so
# "A/75/704" and "Kasym-Jomart" index as word sequences that phrases match.
WORD_PATTERN = r"\w+(?:\.?\w+)*"
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_OR_WORD = re.compile(rf"[{HAN}]+|[^\W{HAN}]+(?:\.?[^\W{HAN}]+)*")
HAN_RUN = re.compile(rf"[{HAN}]")
# Languages with a dedicated stemmed field; everything else goes to text_other.
STEMMED_LANGUAGES = ("en", "fr", "ru")
TEXT_LANGUAGES = STEMMED_LANGUAGES + ("zh",)
FALLBACK_TEXT_FIELD = "text_other"
# Russian search ignores the optional diaeresis of ё, as Russian readers do.
RUSSIAN_YO_MAP = {ord("ё"): "е", ord("Ё"): "Е"}

# BM25F weights: a match in the title or the speaker's name says more than one in the body.
FIELD_BOOSTS = {"title": 2.0, "speaker": 1.5, "heading": 1.3}
# Separator of several values in one facet column (never typed in a name).
VALUE_SEPARATOR = "\x1f"
FACET_FIELD_NAMES = {
    "speaker": "f_speaker",
    "topic": "f_topic",
    "lang": "f_lang",
    "type": "f_type",
    "source": "f_source",
    "year": "f_year",
}
COLUMN_NAMES = {name: "c_" + name for name in FACET_FIELD_NAMES}
# Facets whose distinct value combinations stay few enough for a reference column.
FEW_VALUED_FACETS = ("lang", "type", "source", "year")
UNKNOWN_DATE_LOW, UNKNOWN_DATE_HIGH = 0, 99999999
# Dates (YYYYMMDD) and passage order are per-document columns only: searches filter and sort
# them as arrays (segarrays), so they need no indexed terms. Unsigned 32-bit holds both.
DATE_TYPECODE = ORDER_TYPECODE = "I"


class CjkBigramTokenizer(Tokenizer):
    """Split Chinese runs into overlapping character bigrams and other text into words."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for match in CJK_OR_WORD.finditer(value):
            run, offset = match.group(), match.start()
            if HAN_RUN.match(run):
                pieces = [(run[i:i + 2], i) for i in range(max(len(run) - 1, 1))]
            else:
                pieces = [(run, 0)]
            for text, start in pieces:
                token.text = text
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = text
                if positions:
                    token.pos = position
                    position += 1
                if chars:
                    token.startchar = start_char + offset + start
                    token.endchar = token.startchar + len(text)
                yield token


def language_analyzer(lang: str):
    """Return the analyzer of one language's text field (no stop words, so phrases stay exact)."""
    if lang == "zh":
        return CjkBigramTokenizer() | LowercaseFilter()
    words = RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
    if lang == "ru":
        return words | CharsetFilter(RUSSIAN_YO_MAP) | StemFilter(lang="ru")
    if lang in STEMMED_LANGUAGES:
        return words | StemFilter(lang=lang) | CharsetFilter(accent_map)
    return words | CharsetFilter(accent_map)


@lru_cache(maxsize=16)
def shared_language_analyzer(lang: str):
    """Return one shared instance of a language's analyzer (they keep no state between calls)."""
    return language_analyzer(lang)


def label_analyzer():
    """Return the analyzer of titles, headings and names: any script, lightly stemmed, accents folded."""
    return CjkBigramTokenizer() | LowercaseFilter() | StemFilter(lang="en") | CharsetFilter(accent_map)


def text_field_for(lang: str) -> str:
    """Return the name of the analysed text field holding passages in ``lang``."""
    return f"text_{lang}" if lang in TEXT_LANGUAGES else FALLBACK_TEXT_FIELD


def build_schema() -> fields.Schema:
    """Return the schema of the passage index."""
    schema = fields.Schema(
        passage_id=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True, sortable=True),
        ordinal=fields.COLUMN(columns.NumericColumn(ORDER_TYPECODE)),
        record=fields.STORED(),
        title=fields.TEXT(analyzer=label_analyzer(), field_boost=FIELD_BOOSTS["title"]),
        heading=fields.TEXT(analyzer=label_analyzer(), field_boost=FIELD_BOOSTS["heading"]),
        speaker=fields.TEXT(analyzer=label_analyzer(), field_boost=FIELD_BOOSTS["speaker"]),
        date_low=fields.COLUMN(columns.NumericColumn(DATE_TYPECODE, default=UNKNOWN_DATE_LOW)),
        date_high=fields.COLUMN(columns.NumericColumn(DATE_TYPECODE, default=UNKNOWN_DATE_HIGH)),
    )
    for lang in TEXT_LANGUAGES + ("other",):
        schema.add(f"text_{lang}", fields.TEXT(analyzer=language_analyzer(lang)))
    for name, field_name in FACET_FIELD_NAMES.items():
        schema.add(field_name, fields.KEYWORD(commas=True, lowercase=True, scorable=False))
        column = columns.RefBytesColumn() if name in FEW_VALUED_FACETS else columns.VarBytesColumn()
        schema.add(COLUMN_NAMES[name], fields.COLUMN(column))
    return schema


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
