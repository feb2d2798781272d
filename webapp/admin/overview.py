"""One row per indexed document, for the status and documents pages, computed once per index version.

The rows come from the manifest (path -> document id) and the store's
``get_document``: one lookup per document, which takes about a second per few
thousand documents, hence the cache keyed by the index version.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

from indexer import layout
from indexer.engines import IndexStore, StoreError
from indexer.manifest import load_manifest
from webapp.access import IndexAccess

# Facets whose documents (not only passages) are counted on the status page, with the row attribute that holds them.
DOCUMENT_FACETS = {"lang": "langs", "type": "doc_type", "source": "source", "year": "year"}


@dataclass(frozen=True)
class DocumentRow:
    """What the index holds about one document."""

    doc_id: str
    path: str
    title: str | None
    date: str | None
    speakers: tuple[str, ...]
    doc_type: str | None
    source: str | None
    langs: tuple[str, ...]
    topics: tuple[str, ...]
    passages: int

    @property
    def year(self) -> str | None:
        """Return the year of the document's date."""
        return self.date[:4] if self.date else None


@dataclass(frozen=True)
class Overview:
    """Every indexed document, and how many documents carry each facet value."""

    rows: tuple[DocumentRow, ...]
    documents_per_facet: dict[str, tuple[tuple[str, int], ...]]

    def missing(self, what: str) -> list[DocumentRow]:
        """Return the documents without a date (``what="date"``) or without any speaker (``"speaker"``)."""
        if what == "date":
            return [row for row in self.rows if not row.date]
        return [row for row in self.rows if not row.speakers]


def _row(path: str, doc_id: str, store: IndexStore) -> DocumentRow | None:
    passages = store.get_document(doc_id)
    if not passages:
        return None
    first = passages[0]
    speakers = tuple(dict.fromkeys(s for p in passages for s in p.speakers))
    topics = tuple(dict.fromkeys(t for p in passages for t in p.topics))
    langs = tuple(name for name, _ in Counter(p.lang for p in passages).most_common())
    return DocumentRow(doc_id, path, first.title, first.date, speakers, first.doc_type, first.source, langs,
                       topics, len(passages))


def _counts(rows: tuple[DocumentRow, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    counts = {}
    for facet, attribute in DOCUMENT_FACETS.items():
        counter: Counter = Counter()
        for row in rows:
            value = getattr(row, attribute)
            counter.update(value if isinstance(value, tuple) else ([value] if value else []))
        counts[facet] = tuple(sorted(counter.items(), key=lambda pair: (-pair[1], pair[0])))
    return counts


def build_overview(access: IndexAccess) -> Overview:
    """Return one row per document of the live index (empty without an index)."""
    generation = layout.live_generation(access.config.index_dir)
    if generation is None:
        return Overview((), {facet: () for facet in DOCUMENT_FACETS})
    manifest = load_manifest(generation)
    store = access.store()
    rows = tuple(row for path, entry in sorted(manifest.files.items())
                 if (row := _row(path, entry.doc_id, store)) is not None)
    return Overview(rows, _counts(rows))


class OverviewCache:
    """Keep the last overview until the index changes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._cached: tuple[tuple | None, Overview] | None = None

    def get(self, access: IndexAccess) -> Overview:
        """Return the overview of the current index version, computing it if the index changed."""
        key = access.version()
        with self._lock:
            if self._cached is not None and key is not None and self._cached[0] == key:
                return self._cached[1]
            try:
                overview = build_overview(access)
            except StoreError:
                overview = Overview((), {facet: () for facet in DOCUMENT_FACETS})
            self._cached = (key, overview)
            return overview
