"""The Whoosh implementation of ``IndexStore``."""
from __future__ import annotations

import calendar
import pickle
import json
import threading
import time
from dataclasses import asdict, fields
from pathlib import Path
from typing import Iterable, Mapping

from whoosh import index as windex
from whoosh import query as wq
from whoosh import scoring, sorting
from whoosh.index import EmptyIndexError, LockError
from whoosh.reading import ReaderClosed

from indexer import layout
from indexer.facetcount import FacetColumns, encode_values, ranked
from indexer.highlight import query_terms, snippet_html, terms_for_language, whole_html
from indexer.models import Passage
from indexer.query import parse_user_query, user_words
from indexer.schema import FACET_FIELD_NAMES, UNKNOWN_DATE_HIGH, UNKNOWN_DATE_LOW, build_schema, text_field_for
from indexer.spelling import suggest_query
from indexer.wordlist import WORDLIST_FILE, WordList, count_words
from indexer.store import (
    FacetFilter,
    Hit,
    IndexMissing,
    IndexStats,
    SearchQuery,
    SearchResults,
    StoreError,
)

META_FILE = "meta.json"
# What a read can raise when a concurrent commit removed a segment under a searcher: retried once.
READ_RACE_ERRORS = (OSError, EOFError, IndexError, KeyError, ValueError, pickle.UnpicklingError, ReaderClosed)
# Seconds a writer waits for another writer's lock before giving up with a clear message.
WRITER_LOCK_TIMEOUT = 30.0
# Memory for the writer's buffers; more means fewer, larger segments.
WRITER_LIMIT_MB = 256
# Completions start after this many typed characters (fewer match too much to help).
MIN_COMPLETION_PREFIX = 2
# Queries whose matched terms are remembered for highlighting a document's passages one by one.
TERMS_CACHE_SIZE = 64
PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))


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


def passage_fields(passage: Passage) -> dict:
    """Return the Whoosh fields of one passage."""
    low, high = date_bounds(passage.date)
    facets = {
        "speaker": passage.speakers,
        "topic": passage.topics,
        "lang": (passage.lang,),
        "type": (passage.doc_type,) if passage.doc_type else (),
        "source": (passage.source,) if passage.source else (),
        "year": (passage.date[:4],) if passage.date else (),
    }
    record = asdict(passage)
    record["extra"] = dict(passage.extra)
    values = {
        "passage_id": passage.passage_id,
        "doc_id": passage.doc_id,
        "ordinal": passage.ordinal,
        "record": record,
        "title": passage.title or "",
        "heading": passage.heading or "",
        "speaker": " ; ".join(passage.speakers),
        "date_low": low,
        "date_high": high,
        text_field_for(passage.lang): passage.text,
    }
    for name, field_name in FACET_FIELD_NAMES.items():
        values[field_name] = ",".join(v.replace(",", " ") for v in facets[name])
        values["c_" + name] = encode_values(facets[name])
    return values


def passage_from_record(record: Mapping) -> Passage:
    """Return the Passage stored in a record."""
    values = {name: record.get(name) for name in PASSAGE_FIELDS if name in record}
    for name in ("speakers", "topics"):
        values[name] = tuple(values.get(name) or ())
    values["extra"] = dict(values.get("extra") or {})
    return Passage(**values)


def _any_value(field: str, values: Iterable[str]) -> wq.Query:
    """Return a query for passages carrying any of ``values`` in a facet field (indexed lowercased)."""
    return wq.Or([wq.Term(field, value.replace(",", " ").strip().lower()) for value in values])


class WhooshStore:
    """Passages in a Whoosh index behind the project's ``IndexStore`` interface."""

    def __init__(self, index_dir: Path, generation: Path):
        self.index_dir = Path(index_dir)
        self.generation = generation
        self._index = windex.open_dir(str(generation))
        self._lock = threading.RLock()
        self._searcher = None
        self._columns: tuple[object, FacetColumns] | None = None
        self._terms_cache: dict[tuple[int, str], dict] = {}
        self._wordlist: tuple[tuple, WordList] | None = None
        self._browse_facets: tuple[FacetColumns, dict] | None = None

    @classmethod
    def open(cls, index_dir: Path, create: bool = False) -> "WhooshStore":
        """Open the live generation under ``index_dir``, creating an empty one if asked."""
        generation = layout.live_generation(index_dir)
        if generation is None:
            if not create:
                raise IndexMissing(f"no index at {index_dir}: run 'archive-search index' first")
            generation = cls.create_generation(index_dir)
            layout.activate(index_dir, generation)
        try:
            return cls(index_dir, generation)
        except (EmptyIndexError, OSError) as error:
            raise StoreError(f"cannot open the index at {generation}: {error}") from error

    @staticmethod
    def create_generation(index_dir: Path) -> Path:
        """Create an empty index in a new generation folder (not yet live) and return it."""
        generation = layout.new_generation(index_dir)
        windex.create_in(str(generation), build_schema())
        return generation

    @classmethod
    def open_generation(cls, index_dir: Path, generation: Path) -> "WhooshStore":
        """Open a generation that is not live yet, to fill it during a rebuild."""
        return cls(index_dir, generation)

    # -- writing ---------------------------------------------------------------

    def _writer(self):
        try:
            return self._index.writer(timeout=WRITER_LOCK_TIMEOUT, limitmb=WRITER_LIMIT_MB)
        except LockError as error:
            raise StoreError("another indexing run holds the index lock; try again when it ends") from error

    def replace_documents(self, documents: Iterable[tuple[str, list[Passage]]]) -> None:
        """Add or replace each (doc_id, passages) pair, whole documents only, in one commit."""
        writer = self._writer()
        words = count_words([])
        try:
            for doc_id, passages in documents:
                writer.delete_by_term("doc_id", doc_id)
                for passage in passages:
                    writer.add_document(**passage_fields(passage))
                words.update(count_words(p.text for p in passages))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        WordList.load(self.generation).merged(words).save(self.generation)

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove these documents and all their passages."""
        writer = self._writer()
        try:
            for doc_id in doc_ids:
                writer.delete_by_term("doc_id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def set_labels(self, labels: Mapping[str, Mapping[str, str]]) -> None:
        """Store display labels for facet values (e.g. topic ids to names)."""
        meta = self._meta()
        meta["labels"] = {name: dict(values) for name, values in labels.items()}
        meta["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        path = self.generation / META_FILE
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(path)

    def _meta(self) -> dict:
        try:
            return json.loads((self.generation / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    # -- reading ---------------------------------------------------------------

    def _current(self, fresh: bool = False):
        """Return an up-to-date searcher and its facet columns, following a switched generation."""
        with self._lock:
            live = layout.live_generation(self.index_dir)
            if live is not None and live != self.generation:
                self.generation = live
                self._index = windex.open_dir(str(live))
                self._searcher = None
            if self._searcher is None or fresh:
                self._searcher = self._index.searcher(weighting=scoring.BM25F())
            elif not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
            searcher = self._searcher
            if self._columns is None or self._columns[0] is not searcher:
                self._columns = (searcher, FacetColumns(searcher.reader()))
            return searcher, self._columns[1]

    def words(self) -> WordList:
        """Return the index's word list, reloaded when a commit changed it."""
        path = self.generation / WORDLIST_FILE
        try:
            stamp = (str(path), path.stat().st_mtime_ns)
        except FileNotFoundError:
            stamp = (str(path), 0)
        cached = self._wordlist
        if cached is None or cached[0] != stamp:
            cached = self._wordlist = (stamp, WordList.load(self.generation))
        return cached[1]

    def _filter_sets(self, searcher, filters: tuple[FacetFilter, ...]) -> dict[str, tuple[set | None, set]]:
        sets = {}
        for facet in filters:
            field = FACET_FIELD_NAMES[facet.name]
            include = set(searcher.docs_for_query(_any_value(field, facet.include))) if facet.include else None
            exclude = set(searcher.docs_for_query(_any_value(field, facet.exclude))) if facet.exclude else set()
            sets[facet.name] = (include, exclude)
        return sets

    @staticmethod
    def _date_query(query: SearchQuery):
        parts = []
        if query.date_from:
            parts.append(wq.NumericRange("date_low", date_bounds(query.date_from)[0], None))
        if query.date_to:
            parts.append(wq.NumericRange("date_high", None, date_bounds(query.date_to)[1]))
        return wq.And(parts) if parts else None

    @staticmethod
    def _restrict(docs: set, sets: dict, skip: str | None = None) -> set:
        for name, (include, exclude) in sets.items():
            if name == skip:
                continue
            if include is not None:
                docs = docs & include
            if exclude:
                docs = docs - exclude
        return docs

    def _reading(self, work):
        """Run ``work(searcher, columns)`` under the read lock, once more on a fresh searcher after a race.

        Whoosh opens some segment files lazily; a commit from another process may merge a segment
        away between our freshness check and that open. Reads are serialised (the GIL serialises
        them anyway) so a refresh never closes a reader another thread is using.
        """
        with self._lock:
            try:
                return work(*self._current())
            except READ_RACE_ERRORS:
                return work(*self._current(fresh=True))

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a search and count facets over every match."""
        return self._reading(lambda searcher, columns: self._search(searcher, columns, query))

    def _search(self, searcher, columns, query: SearchQuery) -> SearchResults:
        started = time.perf_counter()
        wordlist = self.words()
        parsed = parse_user_query(query.text, searcher.schema, wordlist)
        if query.text.strip() and parsed is None:
            return SearchResults(0, (), {name: () for name in query.facet_fields}, took_ms=0.0)
        base = set(searcher.docs_for_query(parsed)) if parsed is not None else set(searcher.reader().all_doc_ids())
        date_query = self._date_query(query)
        if date_query is not None:
            base &= set(searcher.docs_for_query(date_query))
        sets = self._filter_sets(searcher, query.filters)
        matched = self._restrict(base, sets)
        unfiltered = parsed is None and date_query is None and not sets
        facets = self._count_facets(columns, query, base, sets, matched, cache=unfiltered)
        hits = self._page(searcher, parsed, matched, query)
        suggestion = suggest_query(query.text, wordlist, self._has_hits_in(searcher, wordlist)) if query.text.strip() else None
        words = tuple(user_words(query.text))
        took = (time.perf_counter() - started) * 1000
        return SearchResults(len(matched), hits, facets, suggestion=suggestion, took_ms=took, terms=words)

    @staticmethod
    def _has_hits_in(searcher, wordlist):
        def has_hits(word: str) -> bool:
            parsed = parse_user_query(word, searcher.schema, wordlist)
            return parsed is not None and any(True for _ in searcher.docs_for_query(parsed))
        return has_hits

    def _count_facets(self, columns, query: SearchQuery, base: set, sets: dict, matched: set,
                      cache: bool) -> dict:
        """Count each facet over the matches (a selected facet without its own filter).

        The browse view counts every passage of the index; its counts are kept per index version.
        """
        if not query.with_facets:
            return {}
        if cache and self._browse_facets is not None and self._browse_facets[0] is columns:
            counted = self._browse_facets[1]
            return {name: counted[name] for name in query.facet_fields if name in counted}
        facets = {}
        for name in query.facet_fields:
            docs = self._restrict(base, sets, skip=name) if name in sets else matched
            facets[name] = ranked(columns.count(name, docs))
        if cache and set(query.facet_fields) >= set(FACET_FIELD_NAMES):
            self._browse_facets = (columns, facets)
        return facets

    def _page(self, searcher, parsed, matched: set, query: SearchQuery) -> tuple[Hit, ...]:
        if query.offset >= len(matched) or query.limit <= 0:
            return ()
        sort = query.sort if (parsed is not None or query.sort != "relevance") else "newest"
        sortedby = None
        if sort == "newest":
            sortedby = sorting.MultiFacet([sorting.FieldFacet("date_low", reverse=True), sorting.FieldFacet("ordinal")])
        elif sort == "oldest":
            sortedby = sorting.MultiFacet([sorting.FieldFacet("date_high"), sorting.FieldFacet("ordinal")])
        results = searcher.search(
            parsed if parsed is not None else wq.Every(),
            filter=matched,
            limit=query.offset + query.limit,
            sortedby=sortedby,
            terms=False,
        )
        terms = query_terms(parsed, searcher.reader()) if query.with_snippets else {}
        hits = []
        for hit in results[query.offset: query.offset + query.limit]:
            passage = passage_from_record(hit["record"])
            snippet = snippet_html(passage.text, passage.lang, terms_for_language(terms, passage.lang)) if query.with_snippets else ""
            score = float(hit.score) if parsed is not None and hit.score is not None and sortedby is None else None
            hits.append(Hit(passage, score, snippet))
        return tuple(hits)

    def get_document(self, doc_id: str) -> list[Passage] | None:
        """Return a document's passages in order, or None if there is no such document."""
        return self._reading(lambda searcher, _: self._document(searcher, doc_id))

    @staticmethod
    def _document(searcher, doc_id: str) -> list[Passage] | None:
        records = [stored["record"] for stored in searcher.documents(doc_id=doc_id)]
        if not records:
            return None
        return sorted((passage_from_record(r) for r in records), key=lambda p: p.ordinal)

    def highlight(self, text: str, lang: str, query_text: str) -> str:
        """Return ``text`` HTML-escaped with the query's words wrapped in ``<mark>``."""
        return self._reading(lambda searcher, _: self._highlight(searcher, text, lang, query_text))

    def _highlight(self, searcher, text: str, lang: str, query_text: str) -> str:
        key = (id(searcher), query_text)
        terms = self._terms_cache.get(key)
        if terms is None:
            terms = query_terms(parse_user_query(query_text, searcher.schema, self.words()), searcher.reader())
            if len(self._terms_cache) >= TERMS_CACHE_SIZE:
                self._terms_cache.clear()
            self._terms_cache[key] = terms
        return whole_html(text, lang, terms_for_language(terms, lang))

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        """Return indexed words starting with ``prefix``, most frequent first."""
        prefix = prefix.strip().lower()
        if len(prefix) < MIN_COMPLETION_PREFIX:
            return []
        return self.words().with_prefix(prefix, limit)

    def stats(self) -> IndexStats:
        """Return counts, size and build time of the index."""
        return self._reading(self._stats)

    def _stats(self, searcher, columns) -> IndexStats:
        reader = searcher.reader()
        live = list(reader.all_doc_ids())
        doc_column = reader.column_reader("doc_id")
        documents = len({doc_column[docnum] for docnum in live})
        per_facet = {name: ranked(columns.count(name, live)) for name in FACET_FIELD_NAMES}
        size = sum(p.stat().st_size for p in self.generation.iterdir() if p.is_file())
        meta = self._meta()
        return IndexStats(
            documents=documents,
            passages=len(live),
            per_facet=per_facet,
            size_bytes=size,
            built_at=meta.get("built_at"),
            labels=meta.get("labels", {}),
        )

    def close(self) -> None:
        """Release the searcher and its files."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._columns = None
