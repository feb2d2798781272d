"""The Whoosh schema: one analysed text field per language, facets for filtering and counting.

Every passage is one Whoosh document. Its text goes into the field of its
language (English, French, German and Spanish stemmed, Russian by dictionary
form with the stem as fallback, Chinese as character bigrams, a plain fallback
for the rest); title, section heading and speakers are indexed
for ranking (BM25F field boosts); facet values go into exact keyword fields for
filtering and into per-document columns for fast counting.
"""
from __future__ import annotations

import re
from functools import lru_cache

from whoosh import columns, fields
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, Token, Tokenizer
from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map

from indexer.fields import (
    FACET_FIELD_NAMES,
    FIELD_BOOSTS,
    KEY_FIELD_NAMES,
    STEMMED_LANGUAGES,
    TEXT_LANGUAGES,
    UNKNOWN_DATE_HIGH,
    UNKNOWN_DATE_LOW,
    WORD_PATTERN,
)
from indexer.morphology import russian_term

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_OR_WORD = re.compile(rf"[{HAN}]+|[^\W{HAN}]+(?:\.?[^\W{HAN}]+)*")
HAN_RUN = re.compile(rf"[{HAN}]")

COLUMN_NAMES = {name: "c_" + name for name in FACET_FIELD_NAMES}
# Facets whose distinct value combinations stay few enough for a reference column.
FEW_VALUED_FACETS = ("lang", "type", "source", "year")
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
    if lang == "ru":
        return RegexTokenizer(WORD_PATTERN) | RussianTermFilter(SafeStemmer(lang))
    words = RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
    if lang in STEMMED_LANGUAGES:
        return words | StemFilter(stemfn=SafeStemmer(lang)) | CharsetFilter(accent_map)
    return words | CharsetFilter(accent_map)


class RussianTermFilter(Filter):
    """Replace each word, as written, by its Russian term: its lemma, or the stem where the dictionary lacks it."""

    def __init__(self, stem):
        self.stem = stem

    def __eq__(self, other):
        return isinstance(other, RussianTermFilter) and self.stem.lang == other.stem.lang

    def __call__(self, tokens):
        for token in tokens:
            token.text = russian_term(token.text, self.stem)
            yield token


class SafeStemmer:
    """Whoosh's Snowball stemmer of a language, leaving a word it cannot stem as it is.

    Whoosh 2.7.4's Spanish stemmer raises IndexError on some words ("argue"); one word must never
    stop an indexing run or a search.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.stem = stemmer_for_language(lang)

    def __call__(self, word: str) -> str:
        try:
            return self.stem(word)
        except IndexError:
            return word


@lru_cache(maxsize=16)
def shared_language_analyzer(lang: str):
    """Return one shared instance of a language's analyzer (they keep no state between calls)."""
    return language_analyzer(lang)


def label_analyzer():
    """Return the analyzer of titles, headings and names: any script, lightly stemmed, accents folded."""
    return CjkBigramTokenizer() | LowercaseFilter() | StemFilter(lang="en") | CharsetFilter(accent_map)


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
        reported=fields.TEXT(analyzer=label_analyzer(), field_boost=FIELD_BOOSTS["reported"]),
        symbol=fields.TEXT(analyzer=label_analyzer(), field_boost=FIELD_BOOSTS["symbol"]),
        date_low=fields.COLUMN(columns.NumericColumn(DATE_TYPECODE, default=UNKNOWN_DATE_LOW)),
        date_high=fields.COLUMN(columns.NumericColumn(DATE_TYPECODE, default=UNKNOWN_DATE_HIGH)),
    )
    for lang in TEXT_LANGUAGES + ("other",):
        schema.add(f"text_{lang}", fields.TEXT(analyzer=language_analyzer(lang)))
    for name, field_name in FACET_FIELD_NAMES.items():
        schema.add(field_name, fields.KEYWORD(commas=True, lowercase=True, scorable=False))
        column = columns.RefBytesColumn() if name in FEW_VALUED_FACETS else columns.VarBytesColumn()
        schema.add(COLUMN_NAMES[name], fields.COLUMN(column))
    for field_name in KEY_FIELD_NAMES.values():
        schema.add(field_name, fields.ID())
    return schema

