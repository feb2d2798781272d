"""The Whoosh implementation of ``IndexStore``."""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from whoosh import index as windex
from whoosh import scoring
from whoosh.index import EmptyIndexError, LockError
from whoosh.reading import ReaderClosed

from indexer import layout
from indexer.engines.base import Hit, IndexStats, SearchQuery, SearchResults, StoreError
from indexer.engines.whoosh.arraysearch import ArraySearch, search_arrays
from indexer.engines.whoosh.codec import ArchiveCodec
from indexer.engines import relax
from indexer.engines.crosslang import hits_or_known, parse_widened
from indexer.engines.expand import expand, marked_terms, terms_for
from indexer.engines.generation import GenerationFiles, guarded_read
from indexer.engines.whoosh import files, writer as writers
from indexer.engines.whoosh.compile import analyse, analysed_word, compile_tree
from indexer.engines.whoosh.schema import COLUMN_NAMES, build_schema
from indexer.engines.whoosh.segarrays import ArrayCache, IndexArrays
from indexer.facetcount import encode_values, ranked
from indexer.fields import (
    FACET_FIELD_NAMES,
    date_bounds,
    facet_values,
    key_values,
    passage_from_record,
    passage_record,
    text_field_for,
)
from indexer.highlight import snippet_html, whole_html
from indexer.models import Passage
from indexer.querylang import parse_query, query_words
from indexer.spelling import suggest_query
from indexer.wordlist import count_words

# What a read can raise when a concurrent commit removed a segment under a searcher: retried once (then the
# files are checked for damage).
READ_RACE_ERRORS = (*files.READ_ERRORS, ReaderClosed)
# Seconds a writer waits for another writer's lock before giving up with a clear message.
WRITER_LOCK_TIMEOUT = 30.0
# Memory for the writer's buffers; more means fewer, larger segments.
WRITER_LIMIT_MB = 256
# Passages handed to a writer process at a time (Whoosh's MpWriter batch): large enough that
# pickling them to a job file costs little beside indexing them.
WRITER_JOB_PASSAGES = 500


def passage_fields(passage: Passage) -> dict:
    """Return the Whoosh fields of one passage."""
    low, high = date_bounds(passage.date)
    facets = facet_values(passage)
    values = {
        "passage_id": passage.passage_id,
        "doc_id": passage.doc_id,
        "ordinal": passage.ordinal,
        "record": passage_record(passage),
        "title": passage.title or "",
        "heading": passage.heading or "",
        "speaker": " ; ".join(passage.speakers),
        "reported": " ; ".join(passage.reported),
        "symbol": passage.symbol or "",
        **key_values(passage),
        "date_low": low,
        "date_high": high,
        text_field_for(passage.lang): passage.text,
    }
    for name, field_name in FACET_FIELD_NAMES.items():
        values[field_name] = ",".join(v.replace(",", " ") for v in facets[name])
        values[COLUMN_NAMES[name]] = encode_values(facets[name])
    return values


class WhooshStore(GenerationFiles):
    """Passages in a Whoosh index behind the project's ``IndexStore`` interface."""

    meta_file = "meta.json"  # Whoosh's own files never take this name
    damage = staticmethod(files.damage)

    @staticmethod
    def engine_failure(error: BaseException) -> bool:
        """Return whether ``error`` is Whoosh failing to read its files."""
        return isinstance(error, READ_RACE_ERRORS)

    def __init__(self, index_dir: Path, generation: Path):
        super().__init__(index_dir, generation)
        self._index = windex.open_dir(str(generation))
        self._lock = threading.RLock()
        self._searcher = None
        self._array_cache = ArrayCache()
        self._arrays: tuple[object, IndexArrays] | None = None
        self._browse_facets: tuple[IndexArrays, bool, dict] | None = None

    @classmethod
    def create_generation(cls, index_dir: Path) -> Path:
        """Create an empty index in a new generation folder (not yet live) and return it."""
        generation = layout.new_generation(index_dir)
        windex.create_in(str(generation), build_schema())
        cls.stamp_analysis(generation)
        return generation

    @classmethod
    def open_generation(cls, index_dir: Path, generation: Path) -> "WhooshStore":
        """Open one generation of the index (the live one, or a new one to fill during a rebuild)."""
        try:
            return cls(index_dir, generation)
        except (EmptyIndexError, *files.READ_ERRORS) as error:
            raise StoreError(f"cannot open the index at {generation}: {error}") from error

    # -- writing ---------------------------------------------------------------

    def _writer(self, processes: int = 1):
        options = {"timeout": WRITER_LOCK_TIMEOUT, "limitmb": WRITER_LIMIT_MB, "codec": ArchiveCodec()}
        try:
            if processes > 1:  # Whoosh's multi-process writer (checked): each process writes a segment of its own
                return writers.CheckedMpWriter(self._index, procs=processes, multisegment=True,
                                               batchsize=WRITER_JOB_PASSAGES, **options)
            return self._index.writer(**options)
        except LockError as error:
            raise StoreError("another indexing run holds the index lock; try again when it ends") from error

    def _check_fields(self) -> None:
        """Refuse to write into an index an older version wrote without fields this version writes."""
        self.check_writable(set(build_schema().names()) - set(self._index.schema.names()))

    def replace_documents(self, documents: Iterable[tuple[str, list[Passage]]], processes: int = 1,
                          words: Counter | None = None) -> None:
        """Add or replace each (doc_id, passages) pair, whole documents only, in one commit.

        With ``processes`` above one, forked writer processes index the passages side by side
        (call it from the main thread only: forking a threaded process can copy held locks).
        ``words`` are the passages' word counts when the caller has them (``count_words``).
        """
        self._check_fields()
        writer = self._writer(processes)
        counting = words is None
        words = Counter() if counting else words
        try:
            with writer.searcher() as existing:  # one for the batch: Whoosh opens one per deletion otherwise
                for doc_id, passages in documents:
                    writer.delete_by_term("doc_id", doc_id, searcher=existing)
                    for passage in passages:
                        writer.add_document(**passage_fields(passage))
                    if counting:
                        words.update(count_words(p.text for p in passages))
        except BaseException:
            writers.cancel(writer)
            raise
        writers.commit(writer)
        self.add_words(words)

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove these documents and all their passages."""
        writer = self._writer()
        try:
            with writer.searcher() as existing:
                for doc_id in doc_ids:
                    writer.delete_by_term("doc_id", doc_id, searcher=existing)
        except BaseException:
            writers.cancel(writer)
            raise
        writers.commit(writer)

    # -- reading ---------------------------------------------------------------

    def _current(self, fresh: bool = False):
        """Return an up-to-date searcher and its arrays, following a switched generation."""
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
            if self._arrays is None or self._arrays[0] is not searcher:
                self._arrays = (searcher, self._array_cache.arrays_for(searcher))
            return searcher, self._arrays[1]

    @guarded_read
    def _reading(self, work):
        """Run ``work(searcher, arrays)`` under the read lock, once more on a fresh searcher after a race.

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
        return self._reading(lambda searcher, arrays: self._search(searcher, arrays, query))

    def _search(self, searcher, arrays: IndexArrays, query: SearchQuery) -> SearchResults:
        started = time.perf_counter()
        wordlist, stamp = self.words_and_stamp()
        version = self.state_name(str(searcher.reader().generation()), stamp)
        typed = parse_widened(query.text, query.equivalents, wordlist)
        if query.text.strip() and typed is None:
            return replace(SearchResults.nothing(query), version=version)
        tree = expand(typed, wordlist)
        found = self._arrays_search(searcher, arrays, tree, query)
        relaxation, strict_total = relax.plan(typed), int(found.matched.sum())
        relaxed = relax.needed(relaxation, strict_total, found.sort)
        if relaxed:
            tree = expand(relaxation.tree, wordlist)
            found = self._arrays_search(searcher, arrays, tree, query)
        scored = tree is not None and found.sort == "relevance"
        terms = marked_terms(tree, analyse) if query.with_snippets else {}
        hits = tuple(relax.annotated(hit, relaxation, relaxed, analyse) for hit in
                     self._hits(searcher, terms, found, scored, query.with_snippets))
        has_hits = hits_or_known(self._has_hits_in(searcher, wordlist), query.equivalents)
        suggestion = suggest_query(query.text, wordlist, has_hits) if query.text.strip() else None
        took = (time.perf_counter() - started) * 1000
        return SearchResults(found.total, hits, found.facets, suggestion=suggestion, took_ms=took,
                             terms=tuple(word for word in query_words(tree) if not word.isdigit()),
                             relaxed=relax.summary(relaxation, strict_total) if relaxed else None,
                             passage_total=int(found.matched.sum()) if query.group_by_document else None,
                             version=version)

    def _arrays_search(self, searcher, arrays: IndexArrays, tree, query: SearchQuery) -> ArraySearch:
        """Return the search over the arrays of a tree, the browse view's facet counts reused."""
        parsed = compile_tree(tree)
        browsing = (parsed is None and not query.date_from and not query.date_to and not query.filters
                    and not query.exclude_documents)
        counted = self._browse_counts(arrays, query) if browsing else None
        found = search_arrays(searcher, arrays, parsed, replace(query, with_facets=query.with_facets and counted is None))
        if counted is not None:
            found.facets = counted
        elif browsing and query.with_facets and set(query.facet_fields) >= set(FACET_FIELD_NAMES):
            self._browse_facets = (arrays, query.group_by_document, found.facets)
        return found

    def _browse_counts(self, arrays: IndexArrays, query: SearchQuery) -> dict | None:
        """Return the browse view's facet counts kept for this index version, if they cover the query."""
        cached = self._browse_facets
        if not query.with_facets or cached is None or cached[0] is not arrays or cached[1] != query.group_by_document:
            return None
        if not set(query.facet_fields) <= set(cached[2]):
            return None
        return {name: cached[2][name] for name in query.facet_fields}

    @staticmethod
    def _has_hits_in(searcher, wordlist):
        def has_hits(word: str) -> bool:
            parsed = compile_tree(expand(parse_query(word), wordlist))
            return parsed is not None and any(True for _ in searcher.docs_for_query(parsed))
        return has_hits

    @staticmethod
    def _hits(searcher, terms: dict, found: ArraySearch, scored: bool, with_snippets: bool) -> tuple[Hit, ...]:
        hits = []
        for docnum in found.page:
            passage = passage_from_record(searcher.stored_fields(int(docnum))["record"])
            snippet = snippet_html(passage.text, passage.lang, terms_for(terms, passage.lang), analysed_word) \
                if with_snippets else ""
            hits.append(Hit(passage, float(found.scores[docnum]) if scored else None, snippet,
                            document_matches=found.document_matches.get(int(docnum), 0)))
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

    def get_passage(self, passage_id: str) -> Passage | None:
        """Return one passage, or None if there is no such passage."""
        stored = self._reading(lambda searcher, _: searcher.document(passage_id=passage_id))
        return passage_from_record(stored["record"]) if stored else None

    def highlight(self, text: str, lang: str, query_text: str) -> str:
        """Return ``text`` HTML-escaped with the query's words wrapped in ``<mark>``."""
        return self._reading(lambda searcher, _: self._highlight(searcher, text, lang, query_text))

    def _highlight(self, searcher, text: str, lang: str, query_text: str) -> str:
        terms = self.marked_terms(query_text, analyse)
        return whole_html(text, lang, terms_for(terms, lang), analysed_word)

    def stats(self) -> IndexStats:
        """Return counts, size and build time of the index."""
        return self._reading(self._stats)

    def _stats(self, searcher, arrays: IndexArrays) -> IndexStats:
        reader = searcher.reader()
        live = list(reader.all_doc_ids())
        doc_column = reader.column_reader("doc_id")
        documents = len({doc_column[docnum] for docnum in live})
        per_facet = {name: ranked(arrays.count(name, arrays.live)) for name in FACET_FIELD_NAMES}
        size = self.size_bytes()
        meta = self.meta()
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
            self._arrays = None
