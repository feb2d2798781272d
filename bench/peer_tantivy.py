"""The same passages and searches in tantivy (the ``tantivy`` Python package).

Text, title, heading and speaker are ``en_stem`` text fields (English
stemming, like the project's English field) searched together with the
project's boosts; facet values are ``raw`` fast text fields counted with terms
aggregations, each facet over the matches filtered by the other facets (as the
project does); dates are indexed integer fields. Prefixes are a regular
expression over the stemmed terms (prefix and its stem); fuzzy terms are
tantivy's Levenshtein queries on the stem, distance 1 (Whoosh's default).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import tantivy

from bench.querytext import Clause, parse_text

TEXT_FIELDS = ("text", "title", "heading", "speaker")
BOOSTS = {"title": 2.0, "heading": 1.3, "speaker": 1.5}  # the project's BM25F field boosts
FACET_FIELDS = {"speaker": "f_speaker", "reported": "f_reported", "topic": "f_topic", "lang": "f_lang",
                "type": "f_type", "source": "f_source", "year": "f_year"}
# Values returned per facet: what the web app can show at most (webapp.facets.MAX_LISTED_VALUES).
FACET_LIMIT = 1000
WRITER_HEAP_BYTES = 256_000_000  # as the project's tantivy writer (indexer.engines.tantivy.store)
FUZZY_DISTANCE = 1
LONGEST_TOKEN = 40  # tantivy's en_stem drops longer tokens


@lru_cache(maxsize=1)
def _stemmer():
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    return (builder.filter(tantivy.Filter.remove_long(LONGEST_TOKEN)).filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.stemmer("english")).build())


def build_schema() -> tantivy.Schema:
    """Return the peer index's schema."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("passage_id", stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=name == "text", tokenizer_name="en_stem")
    for field in FACET_FIELDS.values():
        builder.add_text_field(field, fast=True, tokenizer_name="raw")
    for name in ("date_low", "date_high", "ordinal"):
        builder.add_integer_field(name, indexed=True, fast=True)
    return builder.build()


class TantivyEngine:
    """Passages in a tantivy index, searched like the project's store."""

    name = "tantivy"

    def __init__(self, path: Path):
        path.mkdir(parents=True, exist_ok=True)
        self.schema = build_schema()
        self.index = tantivy.Index(self.schema, path=str(path))
        self.searcher = None

    def build(self, passages: Iterable[dict]) -> None:
        """Index every passage (dicts from ``bench.peers.passage_rows``) in one commit."""
        writer = self.index.writer(WRITER_HEAP_BYTES)
        for passage in passages:
            fields = {"passage_id": passage["passage_id"], "text": passage["text"], "title": passage["title"],
                      "heading": passage["heading"], "speaker": " ; ".join(passage["speakers"]),
                      "date_low": passage["date_low"], "date_high": passage["date_high"],
                      "ordinal": passage["ordinal"]}
            for name, field in FACET_FIELDS.items():
                fields[field] = list(passage["facets"][name])
            writer.add_document(tantivy.Document(**fields))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def _clause_query(self, clause: Clause) -> tantivy.Query:
        fields = [clause.field] if clause.field else list(TEXT_FIELDS)
        if clause.kind in ("word", "phrase"):
            return self.index.parse_query('"' + clause.text + '"', fields, field_boosts=BOOSTS)
        stems = _stemmer().analyze(clause.text) or [clause.text.lower()]
        if clause.kind == "prefix":
            pattern = "(?:" + "|".join(re.escape(p) for p in {clause.text.lower(), stems[0]}) + ").*"
            parts = [tantivy.Query.regex_query(self.schema, field, pattern) for field in fields]
        else:
            parts = [tantivy.Query.fuzzy_term_query(self.schema, field, stems[0], FUZZY_DISTANCE) for field in fields]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, part) for part in parts])

    def _base(self, query) -> tuple[list, list]:
        """Return the must / must-not parts of the text and dates, and the text's facet clauses."""
        parsed = parse_text(query.text)
        must = []
        for group in parsed.groups:
            parts = [self._clause_query(clause) for clause in group]
            must.append((tantivy.Occur.Must, parts[0] if len(parts) == 1 else tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, part) for part in parts])))
        must += [(tantivy.Occur.MustNot, self._clause_query(clause)) for clause in parsed.excluded]
        must += [(tantivy.Occur.Must, self._terms(name, (value,))) for name, value in parsed.facets]
        from indexer.fields import date_bounds

        integer = tantivy.FieldType.Integer
        if query.date_from:
            low = date_bounds(query.date_from)[0]
            must.append((tantivy.Occur.Must, tantivy.Query.range_query(self.schema, "date_low", integer, low, None)))
        if query.date_to:
            high = date_bounds(query.date_to)[1]
            must.append((tantivy.Occur.Must, tantivy.Query.range_query(self.schema, "date_high", integer, None, high)))
        return must, list(parsed.groups)

    def _terms(self, name: str, values: tuple[str, ...]) -> tantivy.Query:
        return tantivy.Query.term_set_query(self.schema, FACET_FIELDS[name], list(values))

    def _filters(self, query, skip: str | None = None) -> list:
        parts = []
        for facet in query.filters:
            if facet.name == skip:
                continue
            if facet.include:
                parts.append((tantivy.Occur.Must, self._terms(facet.name, facet.include)))
            if facet.exclude:
                parts.append((tantivy.Occur.MustNot, self._terms(facet.name, facet.exclude)))
        return parts

    @staticmethod
    def _combine(parts: list) -> tantivy.Query:
        if not any(occur != tantivy.Occur.MustNot for occur, _ in parts):
            parts = [(tantivy.Occur.Must, tantivy.Query.all_query())] + parts
        return tantivy.Query.boolean_query(parts)

    def _facet_counts(self, query, base: list) -> dict:
        filtered = {facet.name for facet in query.filters}
        plain = [name for name in query.facet_fields if name not in filtered]
        counts = {}
        groups = ([(plain, None)] if plain else []) + [([name], name) for name in query.facet_fields
                                                       if name in filtered]
        for names, skip in groups:
            aggregation = {name: {"terms": {"field": FACET_FIELDS[name], "size": FACET_LIMIT}} for name in names}
            result = self.searcher.aggregate(self._combine(base + self._filters(query, skip)), aggregation)
            for name in names:
                counts[name] = tuple((b["key"], b["doc_count"]) for b in result[name]["buckets"])
        return counts

    def search(self, query) -> dict:
        """Run a ``SearchQuery``; return the total, the page of (passage id, snippet) and the facet counts."""
        base, groups = self._base(query)
        full = self._combine(base + self._filters(query))
        sort = query.sort if (groups or query.sort != "relevance") else "newest"
        order = {"newest": ("date_low", tantivy.Order.Desc), "oldest": ("date_high", tantivy.Order.Asc)}.get(sort)
        if order:
            result = self.searcher.search(full, query.limit, offset=query.offset, order_by_field=order[0],
                                          order=order[1])
        else:
            result = self.searcher.search(full, query.limit, offset=query.offset)
        snippets = tantivy.SnippetGenerator.create(self.searcher, full, self.schema, "text") \
            if groups and query.with_snippets else None
        hits = []
        for _, address in result.hits:
            document = self.searcher.doc(address)
            text = snippets.snippet_from_doc(document).to_html() if snippets else document["text"][0][:200]
            hits.append((document["passage_id"][0], text))
        facets = self._facet_counts(query, base) if query.with_facets else {}
        return {"total": result.count, "hits": hits, "facets": facets}

    def close(self) -> None:
        """Release the searcher."""
        self.searcher = None
