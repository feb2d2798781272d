"""The tantivy implementation of ``IndexStore``: passages in a tantivy index, one generation folder each."""
from __future__ import annotations

import threading
import time
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterable

import tantivy

from indexer import layout
from indexer.engines.base import Hit, IndexDamaged, IndexStats, SearchQuery, SearchResults, StoreError
from indexer.engines import relax
from indexer.engines.crosslang import hits_or_known, parse_widened
from indexer.engines.expand import expand, marked_terms, terms_for
from indexer.engines.generation import GenerationFiles, guarded_read
from indexer.engines.tantivy import files
from indexer.engines.tantivy.compile import Compiler, present_fields, searched_fields
from indexer.engines.tantivy.grouping import document_total, facet_counts, grouped_page, ordered, passage_counts
from indexer.engines.tantivy.schema import analyse, build_schema, passage_document, register_analyzers, stored_record
from indexer.fields import FACET_FIELD_NAMES, date_bounds, passage_from_record, text_field_for
from indexer.highlight import snippet_html, whole_html
from indexer.models import Passage
from indexer.querylang import Node, parse_query, query_words
from indexer.spelling import suggest_query
from indexer.wordlist import WordList, count_words

Occur = tantivy.Occur
# Memory for the writer's buffers, shared by its threads; more means fewer, larger segments.
WRITER_HEAP_BYTES = 256_000_000
# Writer threads: tantivy needs at least 3 MB of heap per thread; two cores here.
WRITER_THREADS = 2
# A document's passages are fetched in one search of at most this many.
MAX_DOCUMENT_PASSAGES = 100_000
# Files tantivy writes only when a commit lands: their change means a new index version.
META_JSON = "meta.json"
# The reader loads a new commit only when asked (``_reload``), so a searcher's commit is always known.
RELOAD_POLICY = "Manual"
# Reloads tried while commits land one after another, before answering from whichever one loaded.
RELOAD_ATTEMPTS = 5


class TantivyStore(GenerationFiles):
    """Passages in a tantivy index behind the project's ``IndexStore`` interface."""

    def __init__(self, index_dir: Path, generation: Path):
        super().__init__(index_dir, generation)
        self._lock = threading.RLock()
        self._writer = None
        self._open(generation)

    damage = staticmethod(files.damage)
    engine_failure = staticmethod(files.engine_failure)

    def _open(self, generation: Path) -> None:
        try:
            self._index = tantivy.Index.open(str(generation))
        except BaseException as error:  # a Rust panic derives from BaseException; all but engine failures re-raised
            if not files.engine_failure(error):
                raise
            problems = files.damage(generation)
            if problems:
                raise IndexDamaged(generation.name, problems) from error
            raise StoreError(f"cannot open the index at {generation}: {error}") from error
        self._index.config_reader(RELOAD_POLICY, 0)
        register_analyzers(self._index)
        self._fields = present_fields(self._index.schema)
        self.generation = generation
        self._loaded: bytes | None = None  # the meta.json of the commit the reader holds
        self._facet_cache: tuple[object, dict] = (None, {})

    @classmethod
    def create_generation(cls, index_dir: Path) -> Path:
        """Create an empty index in a new generation folder (not yet live) and return it."""
        generation = layout.new_generation(index_dir)
        try:
            tantivy.Index(build_schema(), path=str(generation), reuse=False)
        except ValueError as error:
            raise files.os_error(error) or StoreError(f"cannot create an index at {generation}: {error}") from error
        cls.stamp_analysis(generation)
        return generation

    @classmethod
    def open_generation(cls, index_dir: Path, generation: Path) -> "TantivyStore":
        """Open a generation that is not live yet, to fill it during a rebuild."""
        return cls(index_dir, generation)

    # -- writing ---------------------------------------------------------------

    def _writer_for_batch(self):
        self.check_writable((set(searched_fields()) | set(FACET_FIELD_NAMES.values())) - self._fields)
        if self._writer is None:
            try:
                self._writer = self._index.writer(WRITER_HEAP_BYTES, WRITER_THREADS)
            except ValueError as error:
                raise files.os_error(error) or StoreError(
                    f"another indexing run holds the index lock; try again when it ends ({error})") from error
        return self._writer

    def _commit(self, writer) -> None:
        """Commit the writer's changes; on failure roll them back (a full disk raises the OSError ENOSPC)."""
        try:
            writer.commit()
        except BaseException as error:
            writer.rollback()
            failure = files.os_error(error) if isinstance(error, ValueError) else None
            if failure is not None:
                raise failure from error
            raise

    def replace_documents(self, documents: Iterable[tuple[str, list[Passage]]], processes: int = 1,
                          words: Counter | None = None) -> None:
        """Add or replace each (doc_id, passages) pair, whole documents only, in one commit."""
        writer = self._writer_for_batch()
        counting = words is None
        words = Counter() if counting else words
        try:
            for doc_id, passages in documents:
                writer.delete_documents_by_term("doc_id", doc_id)
                for passage in passages:
                    writer.add_document(passage_document(passage))
                if counting:
                    words.update(count_words(p.text for p in passages))
        except BaseException:
            writer.rollback()
            raise
        self._commit(writer)
        self.add_words(words)

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove these documents and all their passages."""
        writer = self._writer_for_batch()
        for doc_id in doc_ids:
            writer.delete_documents_by_term("doc_id", doc_id)
        self._commit(writer)

    def close(self) -> None:
        """Finish the writer's merges and release its lock."""
        with self._lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None

    # -- reading ---------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        """Return a searcher of the latest commit of the live generation."""
        return self._snapshot()[0]

    def _snapshot(self) -> tuple[tantivy.Searcher, WordList, str]:
        """Return a searcher of the live generation's latest commit, its word list and the name of that state."""
        with self._lock:
            live = layout.live_generation(self.index_dir)
            if live is not None and live != self.generation and self._writer is None:
                self._open(live)
            commit = self._reload()
            words, stamp = self.words_and_stamp()
            return self._index.searcher(), words, self.state_name(str(zlib.crc32(commit)), stamp)

    def _reload(self) -> bytes:
        """Load the latest commit if it changed and return its meta.json.

        The file is read before and after the reload: when both agree, the reader holds that commit
        (a commit only ever replaces meta.json with a newer one).
        """
        for _ in range(RELOAD_ATTEMPTS):
            before = self._read_meta()
            if before == self._loaded:
                return before
            self._index.reload()
            if self._read_meta() == before:
                self._loaded = before
                return before
        self._loaded = None  # commits kept landing: the reader holds one of them, reload next time
        return before

    def _read_meta(self) -> bytes:
        try:
            return (self.generation / META_JSON).read_bytes()
        except OSError as error:
            raise StoreError(f"the index at {self.generation} is damaged or gone: {error}") from error

    def typed_facet_values(self, searcher, facet: str, value: str) -> list[str]:
        """Return the indexed values of a facet equal to ``value`` but for case."""
        cached_searcher, values = self._facet_cache
        if cached_searcher is not searcher:
            values = {}
            self._facet_cache = (searcher, values)
        if facet not in values:
            field = FACET_FIELD_NAMES[facet]
            known = [term for term, _ in searcher.terms_with_prefix(field, "")] if field in self._fields else []
            values[facet] = {}
            for term in known:
                values[facet].setdefault(term.lower(), []).append(term)
        return values[facet].get(value.strip().lower(), [])

    def _compiler(self, searcher) -> Compiler:
        return Compiler(self._index.schema, lambda facet, value: self.typed_facet_values(searcher, facet, value),
                        self._fields)

    def _text_query(self, searcher, tree: Node | None) -> tantivy.Query:
        """Return the query of a tree (every passage for none; the compiler turns exclusions alone into "all but")."""
        if tree is None:
            return tantivy.Query.all_query()
        return self._compiler(searcher).compile(tree)

    def _filters(self, query: SearchQuery, skip: str | None = None) -> list:
        schema = self._index.schema
        parts = []
        if query.date_from:
            low = date_bounds(query.date_from)[0]
            parts.append((Occur.Must, tantivy.Query.range_query(schema, "date_low", tantivy.FieldType.Integer, low, 2**40)))
        if query.date_to:
            high = date_bounds(query.date_to)[1]
            parts.append((Occur.Must, tantivy.Query.range_query(schema, "date_high", tantivy.FieldType.Integer, 0, high)))
        if query.exclude_documents:
            parts.append((Occur.MustNot, tantivy.Query.term_set_query(schema, "doc_id", list(query.exclude_documents))))
        for facet in query.filters:
            if facet.name == skip or facet.name not in FACET_FIELD_NAMES:
                continue
            field = FACET_FIELD_NAMES[facet.name]
            if field not in self._fields:  # an index written before this facet: no passage has a value
                parts += [(Occur.Must, tantivy.Query.empty_query())] if facet.include else []
                continue
            if facet.include:
                parts.append((Occur.Must, tantivy.Query.term_set_query(schema, field, list(facet.include))))
            if facet.exclude:
                parts.append((Occur.MustNot, tantivy.Query.term_set_query(schema, field, list(facet.exclude))))
        return parts

    @staticmethod
    def _combined(text: tantivy.Query, parts: list) -> tantivy.Query:
        return tantivy.Query.boolean_query([(Occur.Must, text)] + parts) if parts else text

    @guarded_read
    def search(self, query: SearchQuery) -> SearchResults:
        """Run a search and count facets over every match; too few hits of every word relax it."""
        started = time.perf_counter()
        searcher, wordlist, version = self._snapshot()
        typed = parse_widened(query.text, query.equivalents, wordlist)
        if query.text.strip() and typed is None:
            return replace(SearchResults.nothing(query), version=version)
        tree = expand(typed, wordlist)
        text, full, total, page, sort = self._ranked(searcher, tree, query)
        relaxation, strict_total = relax.plan(typed), total
        relaxed = relax.needed(relaxation, total, sort)
        if relaxed:
            tree = expand(relaxation.tree, wordlist)
            text, full, total, page, sort = self._ranked(searcher, tree, query)
        passage_total, matches = None, {}
        if query.group_by_document:
            passage_total = total
            total, page, matches = grouped_page(searcher, self._index.schema, full, sort, query.offset, query.limit)
        matched = passage_total if passage_total is not None else total
        facets, estimated = facet_counts(searcher, query, lambda skip: self._combined(text, self._filters(query, skip)),
                                         matched) if query.with_facets else ({}, False)
        scored = tree is not None and sort == "relevance"
        terms = marked_terms(tree, analyse) if query.with_snippets else {}
        hits = tuple(relax.annotated(self._hit(searcher, address, score if scored else None, terms, query.with_snippets,
                                               matches), relaxation, relaxed, analyse) for score, address in page)
        has_hits = hits_or_known(self._has_hits_in(searcher, wordlist), query.equivalents)
        suggestion = suggest_query(query.text, wordlist, has_hits) if query.text.strip() else None
        took = (time.perf_counter() - started) * 1000
        return SearchResults(total, hits, facets, suggestion=suggestion, took_ms=took,
                             terms=tuple(word for word in query_words(tree) if not word.isdigit()),
                             relaxed=relax.summary(relaxation, strict_total) if relaxed else None,
                             passage_total=passage_total,
                             facets_estimated=estimated, version=version)

    def _ranked(self, searcher, tree: Node | None, query: SearchQuery):
        """Return the text query of a tree, it with every filter, the total, the page and the sort used."""
        text = self._text_query(searcher, tree)
        full = self._combined(text, self._filters(query))
        sort = query.sort if (tree is not None or query.sort != "relevance") else "newest"
        total, page = self._page(searcher, full, query, sort)
        return text, full, total, page, sort

    @staticmethod
    def _page(searcher, full: tantivy.Query, query: SearchQuery, sort: str):
        """Return the total and the page's (score, address) pairs in the asked order."""
        result = ordered(searcher, full, max(query.limit, 1), sort, query.offset)
        return result.count, (result.hits if query.limit > 0 else [])

    def _hit(self, searcher, address, score, terms: dict, with_snippets: bool, matches: dict[str, int]) -> Hit:
        passage = self._passage(searcher, address)
        snippet = snippet_html(passage.text, passage.lang, terms_for(terms, passage.lang), analysed_word) \
            if with_snippets else ""
        return Hit(passage, float(score) if score is not None else None, snippet,
                   document_matches=matches.get(passage.doc_id, 0))

    @staticmethod
    def _passage(searcher, address) -> Passage:
        return passage_from_record(stored_record(searcher, address))

    def _has_hits_in(self, searcher, wordlist):
        def has_hits(word: str) -> bool:
            tree = expand(parse_query(word), wordlist)
            return tree is not None and searcher.search(self._text_query(searcher, tree), 1).count > 0
        return has_hits

    @guarded_read
    def get_document(self, doc_id: str) -> list[Passage] | None:
        """Return a document's passages in order, or None if there is no such document."""
        searcher = self._searcher()
        query = tantivy.Query.term_query(self._index.schema, "doc_id", doc_id)
        result = searcher.search(query, MAX_DOCUMENT_PASSAGES, count=False)
        if not result.hits:
            return None
        return sorted((self._passage(searcher, address) for _, address in result.hits), key=lambda p: p.ordinal)

    @guarded_read
    def get_passage(self, passage_id: str) -> Passage | None:
        """Return one passage, or None if there is no such passage."""
        searcher = self._searcher()
        result = searcher.search(tantivy.Query.term_query(self._index.schema, "passage_id", passage_id), 1, count=False)
        return self._passage(searcher, result.hits[0][1]) if result.hits else None

    @guarded_read
    def highlight(self, text: str, lang: str, query_text: str) -> str:
        """Return ``text`` HTML-escaped with the query's words wrapped in ``<mark>``."""
        return whole_html(text, lang, terms_for(self.marked_terms(query_text, analyse), lang), analysed_word)

    @guarded_read
    def stats(self) -> IndexStats:
        """Return counts, size and build time of the index."""
        searcher = self._searcher()
        everything = tantivy.Query.all_query()
        meta = self.meta()
        return IndexStats(
            documents=document_total(searcher, everything),
            passages=searcher.num_docs,
            per_facet=passage_counts(searcher, everything, list(FACET_FIELD_NAMES)),
            size_bytes=self.size_bytes(),
            built_at=meta.get("built_at"),
            labels=meta.get("labels", {}),
        )


def analysed_word(lang: str, word: str) -> str:
    """Return the indexed form of one word of a passage in ``lang``."""
    terms = analyse(text_field_for(lang), word)
    return terms[0] if terms else ""
