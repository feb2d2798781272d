"""The tantivy schema and analysers: one analysed field per language, facets as fast fields.

Every passage is one tantivy document. Its text goes into the field of its
language, analysed by tantivy's own Snowball stemmers (English, French,
German, Spanish), for Russian by dictionary form (each word replaced here by its
lemma, or tantivy's stem where the dictionary lacks it, before tantivy reads it),
or, for Chinese, as character bigrams made here before tantivy reads them; titles, headings and speakers are analysed lightly
for ranking; facet values are ``raw`` fast text fields, counted with terms
aggregations; a document's symbol is also a ``raw`` keyword, matched whole; dates and
reading order are fast integer columns.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import tantivy

from indexer.fields import (
    FACET_FIELD_NAMES,
    FALLBACK_TEXT_FIELD,
    KEY_FIELD_NAMES,
    LABEL_FIELDS,
    TEXT_LANGUAGES,
    WORD_PATTERN,
    date_bounds,
    facet_values,
    key_values,
    passage_record,
    text_field_for,
)
from indexer.models import Passage
from indexer.morphology import russian_term

# tantivy's Snowball stemmer of each stemmed language.
STEMMERS = {"en": "english", "fr": "french", "ru": "russian", "de": "german", "es": "spanish"}
# Labels are mostly English names and titles: lightly stemmed so "Declarations" finds "Declaration".
LABEL_STEMMER = "english"
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(rf"[{HAN}]+")
WORD = re.compile(WORD_PATTERN)
RUSSIAN_FIELD = "text_ru"
# Sort keys pack a date and a passage's place in its document into one integer column.
ORDINAL_BITS = 20
MAX_ORDINAL = (1 << ORDINAL_BITS) - 1
# Separator of several speakers in the analysed speaker field (a phrase never spans it).
SPEAKER_JOINER = " ; "


def bigrams(run: str) -> str:
    """Return a run of Chinese characters as overlapping character pairs separated by spaces."""
    if len(run) < 2:
        return run
    return " ".join(run[i:i + 2] for i in range(len(run) - 1))


def han_bigrams(text: str) -> str:
    """Return ``text`` with every run of Chinese characters cut into overlapping pairs."""
    return HAN_RUN.sub(lambda match: " " + bigrams(match.group()) + " ", text)


def analyzer_name(field: str) -> str:
    """Return the name under which a field's analyser is registered."""
    return "archive_" + field


@lru_cache(maxsize=None)
def field_analyzer(field: str) -> tantivy.TextAnalyzer:
    """Return the analyser of one text field (shared: analysers keep no state between calls)."""
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(WORD_PATTERN)).filter(tantivy.Filter.lowercase())
    lang = field.removeprefix("text_")
    if field in LABEL_FIELDS:
        return builder.filter(tantivy.Filter.stemmer(LABEL_STEMMER)).filter(tantivy.Filter.ascii_fold()).build()
    if lang == "ru":
        return builder.build()  # words arrive as their terms (``russian_terms``)
    if lang in STEMMERS:
        builder = builder.filter(tantivy.Filter.stemmer(STEMMERS[lang]))
    if lang == "zh":
        return builder.build()
    return builder.filter(tantivy.Filter.ascii_fold()).build()


@lru_cache(maxsize=1)
def russian_stemmer() -> tantivy.TextAnalyzer:
    """Return tantivy's Russian Snowball stemmer of one word, the fallback for words the dictionary lacks."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw()).filter(tantivy.Filter.stemmer(STEMMERS["ru"])).build()


def russian_stem(word: str) -> str:
    """Return tantivy's Russian stem of one lower-case word."""
    stems = russian_stemmer().analyze(word)
    return stems[0] if stems else word


def russian_terms(text: str) -> str:
    """Return Russian text with every word replaced by its indexed term (lemma or stem), spacing kept."""
    return WORD.sub(lambda match: russian_term(match.group(), russian_stem), text)


def prepared(field: str, text: str) -> str:
    """Return text as its field's analyser reads it (Russian words as their terms, Chinese runs cut into pairs)."""
    if field == RUSSIAN_FIELD:
        return russian_terms(text)
    if field in ("text_zh",) + LABEL_FIELDS and HAN_RUN.search(text):
        return han_bigrams(text)
    return text


@lru_cache(maxsize=200_000)
def analyse(field: str, word: str) -> tuple[str, ...]:
    """Return the indexed terms of a word (or short text) in ``field``."""
    return tuple(field_analyzer(field).analyze(prepared(field, word)))


def text_fields() -> tuple[str, ...]:
    """Return the names of the per-language text fields."""
    return tuple(text_field_for(lang) for lang in TEXT_LANGUAGES) + (FALLBACK_TEXT_FIELD,)


def build_schema() -> tantivy.Schema:
    """Return the schema of the passage index."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("passage_id", tokenizer_name="raw")
    builder.add_text_field("doc_id", fast=True, tokenizer_name="raw")
    builder.add_bytes_field("record", stored=True, indexed=False)
    for field in text_fields() + LABEL_FIELDS:
        builder.add_text_field(field, tokenizer_name=analyzer_name(field))
    for field in FACET_FIELD_NAMES.values():
        builder.add_text_field(field, fast=True, tokenizer_name="raw", index_option="basic")
    for field in KEY_FIELD_NAMES.values():
        builder.add_text_field(field, tokenizer_name="raw", index_option="basic")
    for name in ("date_low", "date_high"):
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in ("newest_key", "oldest_key"):
        builder.add_integer_field(name, fast=True)
    return builder.build()


def register_analyzers(index: tantivy.Index) -> None:
    """Register every text field's analyser with an open index."""
    for field in text_fields() + LABEL_FIELDS:
        index.register_tokenizer(analyzer_name(field), field_analyzer(field))


def sort_keys(low: int, high: int, ordinal: int) -> tuple[int, int]:
    """Return the newest-first (descending) and oldest-first (ascending) keys of a passage.

    Both keep a document's passages in reading order among passages of the same date.
    """
    ordinal = min(max(ordinal, 0), MAX_ORDINAL)
    return (low << ORDINAL_BITS) | (MAX_ORDINAL - ordinal), (high << ORDINAL_BITS) | ordinal


def passage_document(passage: Passage) -> tantivy.Document:
    """Return the tantivy document of one passage."""
    low, high = date_bounds(passage.date)
    newest, oldest = sort_keys(low, high, passage.ordinal)
    values = {
        "passage_id": passage.passage_id,
        "doc_id": passage.doc_id,
        "record": json.dumps(passage_record(passage), ensure_ascii=False).encode("utf-8"),
        "title": prepared("title", passage.title or ""),
        "heading": prepared("heading", passage.heading or ""),
        "speaker": prepared("speaker", SPEAKER_JOINER.join(passage.speakers)),
        "reported": prepared("reported", SPEAKER_JOINER.join(passage.reported)),
        "symbol": passage.symbol or "",
        **key_values(passage),
        "date_low": low,
        "date_high": high,
        "newest_key": newest,
        "oldest_key": oldest,
    }
    field = text_field_for(passage.lang)
    values[field] = prepared(field, passage.text)
    for name, facet_values_of_passage in facet_values(passage).items():
        if facet_values_of_passage:
            values[FACET_FIELD_NAMES[name]] = list(facet_values_of_passage)
    return tantivy.Document(**values)



def stored_record(searcher, address) -> dict:
    """Return the stored passage record of the document at ``address`` (as ``passage_document`` wrote it)."""
    return json.loads(bytes(searcher.doc(address).get_first("record")).decode("utf-8"))
