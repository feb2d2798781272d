"""The web app's way to the index: opened on first use, shared by all requests, stats cached per index version."""
from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app

from indexer import layout
from indexer.config import Config
from indexer.store import IndexStats, IndexStore, StoreError, open_store

EXTENSION_KEY = "archive_search"


class IndexAccess:
    """Open the store lazily, reuse it across requests, and cache its stats until the index changes."""

    def __init__(self, config: Config):
        self.config = config
        self._lock = threading.Lock()
        self._store: IndexStore | None = None
        self._stats: tuple[tuple | None, IndexStats] | None = None

    def store(self) -> IndexStore:
        """Return the open store; raise ``IndexMissing`` (a ``StoreError``) while no index is built."""
        with self._lock:
            if self._store is None:
                self._store = open_store(Path(self.config.index_dir))
            return self._store

    def version(self) -> tuple | None:
        """Return a key that changes whenever the live index is rebuilt or updated."""
        generation = layout.live_generation(Path(self.config.index_dir))
        if generation is None:
            return None
        try:
            return str(generation), generation.stat().st_mtime_ns
        except OSError:
            return None

    def stats(self) -> IndexStats:
        """Return the index's counts, size and build time, computed once per index version."""
        key = self.version()
        cached = self._stats
        if cached is not None and key is not None and cached[0] == key:
            return cached[1]
        stats = self.store().stats()
        self._stats = (key, stats)
        return stats

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
