"""What every engine keeps beside its index in a generation folder: labels, build time and the word list."""
from __future__ import annotations

import functools
import json
import stat
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Mapping

from indexer import layout
from indexer.atomic import replace_text
from indexer.engines.base import IndexDamaged, IndexMissing, StoreError
from indexer.engines.expand import expand, marked_terms
from indexer.querylang import parse_query
from indexer.wordlist import WORDLIST_FILE, WordList

# Completions start after this many typed characters (fewer match too much to help).
MIN_COMPLETION_PREFIX = 2
# How words become terms, raised when a change makes an older index's terms unlike this version's
# (1: Snowball stems everywhere; 2: Russian by dictionary form). An index without a stamp is 1.
ANALYSIS_VERSION, UNSTAMPED_ANALYSIS = 2, 1
# Queries whose words to mark are remembered: a document view marks its passages one by one.
MARKED_TERMS_CACHE = 64


def write_json(path: Path, data: dict) -> None:
    """Write ``data`` to ``path`` through a temporary file, so readers never see half of it."""
    replace_text(path, json.dumps(data, ensure_ascii=False, indent=1))


def guarded_read(method):
    """Wrap a store's read: when the engine fails on damaged files, raise ``IndexDamaged`` naming them instead."""

    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StoreError:
            raise
        except BaseException as error:  # a Rust panic derives from BaseException; all but engine failures re-raised
            if self.engine_failure(error):
                self.raise_if_damaged(error)
            raise

    return read


class GenerationFiles:
    """Labels, build time and word list of one generation folder, shared by every engine.

    An engine's store adds ``damage(generation)`` (what is wrong with its files) and
    ``engine_failure(error)`` (whether an error is the engine failing to read them).
    """

    # The file of labels and build time (an engine whose own files take a name chooses another).
    meta_file = "archive-meta.json"

    def __init__(self, index_dir: Path, generation: Path):
        self.index_dir = Path(index_dir)
        self.generation = generation
        self._wordlist: tuple[tuple, WordList] | None = None
        self._marked: dict[tuple[tuple, str], dict] = {}
        self._verdict: tuple[tuple, list[str]] | None = None  # the last check of the files, by generation state

    def raise_if_damaged(self, error: BaseException) -> None:
        """Check the generation's files after a failed read (once per state of it); raise ``IndexDamaged`` if broken."""
        generation = self.generation
        try:
            key = (str(generation), generation.stat().st_mtime_ns)
        except OSError:
            key = (str(generation), 0)
        if self._verdict is None or self._verdict[0] != key:
            self._verdict = (key, self.damage(generation))
        if self._verdict[1]:
            raise IndexDamaged(generation.name, self._verdict[1]) from error

    @classmethod
    def open(cls, index_dir: Path, create: bool = False):
        """Open the live generation under ``index_dir``, creating an empty one if asked."""
        generation = layout.live_generation(index_dir)
        if generation is None:
            if not create:
                raise IndexMissing(f"no index at {index_dir}: run 'archive-search index' first")
            generation = cls.create_generation(index_dir)
            layout.activate(index_dir, generation)
        return cls.open_generation(index_dir, generation)

    def meta(self) -> dict:
        """Return the generation's labels and build time."""
        try:
            return json.loads((self.generation / self.meta_file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    @classmethod
    def stamp_analysis(cls, generation: Path) -> None:
        """Record in a new generation which analysis of words its terms come from."""
        write_json(generation / cls.meta_file, {"analysis": ANALYSIS_VERSION})

    def check_writable(self, missing_fields: set[str]) -> None:
        """Refuse to write into an index an older version wrote: without ``missing_fields``, or with older analysis."""
        if missing_fields:
            raise StoreError(f"the index at {self.generation} was written by an older version without the fields "
                             f"{', '.join(sorted(missing_fields))}; run 'archive-search index --rebuild'")
        self.check_analysis()

    def check_analysis(self) -> None:
        """Refuse to add terms of this version's analysis to an index whose terms an older one made."""
        if self.meta().get("analysis", UNSTAMPED_ANALYSIS) != ANALYSIS_VERSION:
            raise StoreError(f"the index at {self.generation} was written by an older version that analysed words "
                             "differently (Russian words by stem, now by dictionary form); "
                             "run 'archive-search index --rebuild'")

    def set_labels(self, labels: Mapping[str, Mapping[str, str]]) -> None:
        """Store display labels for facet values (e.g. topic ids to names)."""
        meta = self.meta()
        meta["labels"] = {name: dict(values) for name, values in labels.items()}
        meta["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        write_json(self.generation / self.meta_file, meta)

    def words(self) -> WordList:
        """Return the index's word list, reloaded when a commit changed it."""
        return self.words_and_stamp()[0]

    def words_and_stamp(self) -> tuple[WordList, tuple]:
        """Return the index's word list and the stamp of its file (path, inode, size, time), reloaded when it changed.

        The list is replaced by a rename on every commit, so a new inode tells a new list even
        within one tick of the file system's clock.
        """
        path = self.generation / WORDLIST_FILE
        try:
            status = path.stat()
            stamp = (str(path), status.st_ino, status.st_size, status.st_mtime_ns)
        except FileNotFoundError:
            stamp = (str(path), 0, 0, 0)
        cached = self._wordlist
        if cached is None or cached[0] != stamp:
            cached = self._wordlist = (stamp, WordList.load(self.generation))
        return cached[1], cached[0]

    def state_name(self, commit: str, words_stamp: tuple) -> str:
        """Return the name of the state a read used: the generation, the engine's commit and the word list."""
        digest = zlib.crc32(f"{commit}|{words_stamp}".encode("utf-8"))
        return f"{self.generation.name}:{digest:08x}"

    def marked_terms(self, query_text: str, analyse) -> dict[str, frozenset[str]]:
        """Return the analysed words to mark for a query, by language, remembered per word list."""
        wordlist = self.words()
        key = (self._wordlist[0], query_text)  # the word list's file and time: an id() may be reused
        terms = self._marked.get(key)
        if terms is None:
            terms = marked_terms(expand(parse_query(query_text), wordlist), analyse)
            if len(self._marked) >= MARKED_TERMS_CACHE:
                self._marked.clear()
            self._marked[key] = terms
        return terms

    def add_words(self, words: Counter) -> None:
        """Add the word counts of newly indexed passages to the word list."""
        WordList.load(self.generation).merged(words).save(self.generation)

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        """Return indexed words starting with ``prefix``, most frequent first."""
        prefix = prefix.strip().lower()
        if len(prefix) < MIN_COMPLETION_PREFIX:
            return []
        return self.words().with_prefix(prefix, limit)

    def size_bytes(self) -> int:
        """Return the bytes the generation's files take on disk (a file a commit removes meanwhile counts 0)."""
        return sum(_file_size(path) for path in self.generation.rglob("*"))


def _file_size(path: Path) -> int:
    """Return the size of a regular file, 0 for a folder or a file that is already gone."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else 0
