"""The web app's way to the index: opened on first use, shared by all requests, stats cached per index version."""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from flask import current_app

from indexer import layout
from indexer.config import Config
from indexer.engines import (IndexDamaged, IndexStats, IndexStore, SearchQuery, SearchResults, StoreError, open_store,
                             recorded_engine)
from indexer.manifest import load_manifest

EXTENSION_KEY = "archive_search"


class IndexAccess:
    """Open the store lazily, reuse it across requests, and cache its stats until the index changes."""

    def __init__(self, config: Config):
        self.config = config
        self._lock = threading.Lock()
        self._store: IndexStore | None = None
        self._store_engine: str | None = None
        self._seen: tuple[Path, str] | None = None  # the live generation last looked at and its engine
        self._stats: tuple[tuple | None, IndexStats] | None = None
        self._last_run: tuple[tuple | None, dict | None] | None = None
        self._results: OrderedDict[tuple, SearchResults] = OrderedDict()
        self._damaged: tuple[tuple | None, IndexDamaged] | None = None  # an index version that failed to open

    def store(self) -> IndexStore:
        """Return the open store; raise ``IndexMissing`` (a ``StoreError``) while no index is built.

        A store follows new generations of its own engine; a rebuild with another engine reopens it.
        """
        with self._lock:
            engine = self._live_engine()
            if self._store is not None and engine not in (None, self._store_engine):
                self._store.close()
                self._store = None
            if self._store is None:
                self._store = self._open_checked()
                self._store_engine = engine
            return self._store

    def _open_checked(self) -> IndexStore:
        """Open the live index; a damaged one is checked once per version, not once per request."""
        version = self.version()
        if self._damaged is not None and version is not None and self._damaged[0] == version:
            known = self._damaged[1]
            raise IndexDamaged(known.generation, list(known.problems))
        try:
            return open_store(Path(self.config.index_dir))
        except IndexDamaged as error:
            self._damaged = (version, error)
            raise

    def _live_engine(self) -> str | None:
        """Return the engine that wrote the live generation, read once per generation."""
        generation = layout.live_generation(Path(self.config.index_dir))
        if generation is None:
            return None
        if self._seen is None or self._seen[0] != generation:
            self._seen = (generation, recorded_engine(generation))
        return self._seen[1]

    def version(self) -> tuple | None:
        """Return a key that changes whenever the live index is rebuilt or updated."""
        generation = layout.live_generation(Path(self.config.index_dir))
        if generation is None:
            return None
        try:
            return str(generation), generation.stat().st_mtime_ns
        except OSError:
            return None

    def search(self, query: SearchQuery) -> SearchResults:
        """Return a search's results, reusing those of the same query on the same index version."""
        key = (self.version(), query)
        if self.config.result_cache_size <= 0 or key[0] is None:
            return self.store().search(query)
        with self._lock:
            cached = self._results.get(key)
            if cached is not None:
                self._results.move_to_end(key)
                return cached
        results = self.store().search(query)
        with self._lock:
            self._results[key] = results
            while len(self._results) > self.config.result_cache_size:
                self._results.popitem(last=False)
        return results

    def stats(self) -> IndexStats:
        """Return the index's counts, size and build time, computed once per index version."""
        key = self.version()
        cached = self._stats
        if cached is not None and key is not None and cached[0] == key:
            return cached[1]
        stats = self.store().stats()
        self._stats = (key, stats)
        return stats

    def last_run(self) -> dict | None:
        """Return the record of the last indexing run of the live index, read once per index version."""
        key = self.version()
        if self._last_run is not None and key is not None and self._last_run[0] == key:
            return self._last_run[1]
        generation = layout.live_generation(Path(self.config.index_dir))
        runs = load_manifest(generation).runs if generation is not None else []
        self._last_run = (key, runs[-1] if runs else None)
        return self._last_run[1]

    def stats_or_none(self) -> IndexStats | None:
        """Return the stats, or None when there is no usable index (for page footers)."""
        try:
            return self.stats()
        except StoreError:
            return None

    def close(self) -> None:
        """Close the store if it was opened."""
        with self._lock:
            close = getattr(self._store, "close", None)
            if close is not None:
                close()
            self._store = None


def index_access() -> IndexAccess:
    """Return the current app's ``IndexAccess``."""
    return current_app.extensions[EXTENSION_KEY]
