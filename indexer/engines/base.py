"""The project's own small interface to a search engine, shared by every engine.

The web app and the CLI talk only to ``IndexStore`` and the neutral types here;
``indexer.engines`` chooses the implementation each index was written with.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Mapping, Protocol

from indexer.models import Passage

if TYPE_CHECKING:
    from indexer.equivalents import EquivalenceTable

# Facet names as they appear in URLs and the API, in sidebar order.
FACET_FIELDS = ("speaker", "reported", "topic", "lang", "type", "source", "year")
SORTS = ("relevance", "newest", "oldest")


class StoreError(Exception):
    """The index cannot be opened or written."""


class IndexMissing(StoreError):
    """No index exists yet at the configured folder."""


class EngineMismatch(StoreError):
    """The live index was written by another engine than the configured one."""


class DiskFull(StoreError):
    """The disk of the index filled up during a run; the live index keeps serving its last commit."""


class IndexDamaged(StoreError):
    """Files of an index generation are truncated or corrupt: it must be rebuilt from the corpus."""

    def __init__(self, generation: str, problems: list[str]):
        self.generation, self.problems = generation, tuple(problems)
        super().__init__(f"the index generation {generation} is damaged ({'; '.join(self.problems)}); "
                         "rebuild it from the corpus with 'archive-search index --rebuild'")


@dataclass(frozen=True)
class FacetFilter:
    """Values of one facet to require (any of ``include``) and to exclude (all of ``exclude``)."""

    name: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchQuery:
    """An engine-neutral search: query text, facet filters, date range, sort and page."""

    text: str = ""
    filters: tuple[FacetFilter, ...] = ()
    date_from: str | None = None  # inclusive ISO date, YYYY-MM-DD
    date_to: str | None = None  # inclusive ISO date, YYYY-MM-DD
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facet_fields: tuple[str, ...] = FACET_FIELDS
    with_facets: bool = True
    with_snippets: bool = True
    group_by_document: bool = False  # one hit per document (its best passage); totals and facets count documents
    exclude_documents: tuple[str, ...] = ()  # documents left out (similar passages come from other documents)
    equivalents: EquivalenceTable | None = None  # vocabulary words also search these equivalents (None: as typed)


@dataclass(frozen=True)
class Hit:
    """One matching passage, its score and an HTML-safe snippet (only ``<mark>`` is markup)."""

    passage: Passage
    score: float | None
    snippet_html: str
    matched_words: tuple[str, ...] = ()  # in a relaxed search: the query's words this passage holds
    missing_words: tuple[str, ...] = ()  # ...and those it lacks
    document_matches: int = 0  # grouped by document: how many passages of its document match


@dataclass(frozen=True)
class Relaxed:
    """How a search was relaxed when its words could not all be found together."""

    strict_total: int  # passages holding every word
    words: tuple[str, ...]  # the words a hit may lack
    ignored: tuple[str, ...] = ()  # stop words left out of the relaxed search


@dataclass(frozen=True)
class SearchResults:
    """One page of hits, the total, facet counts over all matches and a spelling suggestion."""

    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[tuple[str, int], ...]]  # name -> ((value, count), ...) by count
    suggestion: str | None = None  # the query text with misspelt words corrected
    took_ms: float = 0.0
    terms: tuple[str, ...] = ()  # the words to highlight in a document view
    relaxed: Relaxed | None = None  # set when the results go on past the passages holding every word
    passage_total: int | None = None  # grouped by document: the matching passages (``total`` counts documents)
    facets_estimated: bool = False  # facet counts of documents are estimates (a large grouped result)
    version: str = ""  # the index state the results come from (``state_name``): equal versions, equal answers

    @classmethod
    def nothing(cls, query: "SearchQuery") -> "SearchResults":
        """Return the results of a search that matches no passage: no hits, every asked facet empty."""
        return cls(0, (), {name: () for name in query.facet_fields})


@dataclass(frozen=True)
class IndexStats:
    """What the index holds, for the status command and the page footer."""

    documents: int
    passages: int
    per_facet: Mapping[str, tuple[tuple[str, int], ...]]
    size_bytes: int
    built_at: str | None  # ISO timestamp of the last commit
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


class IndexStore(Protocol):
    """Add, replace, delete, search and fetch documents as lists of passages."""

    def replace_documents(self, documents: Iterable[tuple[str, list[Passage]]], processes: int = 1,
                          words: Counter | None = None) -> None:
        """Add or replace each (doc_id, passages) pair, whole documents only, in one commit.

        ``processes`` above one may write in forked processes; ``words`` are the passages' word
        counts when the caller has them.
        """

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove these documents and all their passages."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a search and count facets over every match."""

    def get_document(self, doc_id: str) -> list[Passage] | None:
        """Return a document's passages in order, or None if there is no such document."""

    def get_passage(self, passage_id: str) -> Passage | None:
        """Return one passage, or None if there is no such passage."""

    def highlight(self, text: str, lang: str, query_text: str) -> str:
        """Return ``text`` HTML-escaped with the query's words wrapped in ``<mark>``."""

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        """Return indexed words starting with ``prefix``, most frequent first."""

    def stats(self) -> IndexStats:
        """Return counts, size and build time of the index."""

    def set_labels(self, labels: Mapping[str, Mapping[str, str]]) -> None:
        """Store display labels for facet values (e.g. topic ids to names)."""

    def close(self) -> None:
        """Release the files and searchers the store holds."""
