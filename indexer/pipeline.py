"""An indexing run over a corpus folder: incremental by default, or a full rebuild.

New, changed and removed files are added, replaced and deleted; unchanged ones
are skipped (content hashes). Blocks repeated across documents of one source
are removed as site furniture. One bad file never stops a run: it is listed
with its reason. Documents are committed whole, in batches; a full rebuild is
written beside the live index and switched in atomically at the end.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from indexer import engines, layout, workers
from indexer.boilerplate.repeated import repeated_fingerprints
from indexer.config import Config
from indexer.documents import Prepared, content_hash, slug_for
from indexer.manifest import FileEntry, Manifest, load_manifest, save_manifest
from indexer.metadata import librarian_metadata, metadata_sources
from indexer.readers import iter_corpus_files
from indexer.runlock import ProgressWriter, writer_lock
from indexer.versions import version_card
from indexer.vocabularies import Vocabularies, load_vocabularies
from indexer.workers import build_one, in_workers, may_fork, prepare_one

# Documents per commit: large enough to amortise Whoosh's commit, small enough to lose little on a crash.
COMMIT_BATCH_DOCS = 200
# Documents per commit when building a new generation: it goes live only once complete, so a
# crash loses nothing by larger commits, and fewer, larger segments make searches faster.
REBUILD_BATCH_DOCS = 2500
# Batches with fewer passages are written by one process: starting writer processes costs more.
PARALLEL_WRITE_MIN_PASSAGES = 2000

# What the operating system says when a write finds the disk (or the user's quota) full.
NO_SPACE_ERRORS = (errno.ENOSPC, errno.EDQUOT)

Progress = Callable[[int, int, str], None]


@dataclass
class RunReport:
    """What one indexing run did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    passages: int = 0
    seconds: float = 0.0
    rebuild: bool = False

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a run."""
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.deleted)} deleted, "
                f"{self.unchanged} unchanged, {len(self.rejected)} rejected; "
                f"{self.passages} passage{'' if self.passages == 1 else 's'} written in {self.seconds:.1f} s")

    def as_run_record(self, started: str) -> dict:
        """Return the record of this run kept in the manifest."""
        return {"started": started, "seconds": round(self.seconds, 2), "rebuild": self.rebuild,
                "added": len(self.added), "replaced": len(self.replaced), "deleted": len(self.deleted),
                "unchanged": self.unchanged, "rejected": len(self.rejected), "passages": self.passages}


def _file_state(path: Path, config: Config) -> str:
    """Return the content hash of a file together with its librarian metadata."""
    metadata, _ = librarian_metadata(path, config.corpus_dir)
    return content_hash(path, config.corpus_dir, repr(metadata).encode("utf-8"))


def _folder_stamps(folder: str, listings: dict[str, dict[str, str]]) -> dict[str, str]:
    """Return "size:mtime" of every file in ``folder`` by name, read with one directory scan per run."""
    listing = listings.get(folder)
    if listing is None:
        listing = listings[folder] = {}
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_file():
                        status = entry.stat()
                        listing[entry.name] = f"{status.st_size}:{status.st_mtime_ns}"
        except OSError:
            pass
    return listing


def file_stamp(path: Path, corpus_dir: Path, listings: dict[str, dict[str, str]]) -> str:
    """Return the sizes and modification times of a file and of every file its metadata comes from.

    An unchanged stamp means an unchanged hash, so planning reads only new or touched files.
    """
    folder, name = os.path.split(os.path.abspath(path))
    sources = [(folder, name), *metadata_sources(str(path), str(corpus_dir))]
    return " ".join(_folder_stamps(folder, listings).get(name, "-") for folder, name in sources)


def _relative(path: Path, corpus_dir: Path) -> str:
    return path.relative_to(corpus_dir).as_posix()


class _Run:
    """The state of one indexing run."""

    def __init__(self, config: Config, store: engines.IndexStore, manifest: Manifest, vocabularies: Vocabularies,
                 generation: Path, progress: Progress | None):
        self.config, self.store, self.manifest = config, store, manifest
        self.vocabularies, self.generation, self.progress = vocabularies, generation, progress
        self.report = RunReport()
        self.batch_docs = COMMIT_BATCH_DOCS

    def plan(self) -> tuple[dict[str, tuple[Path, str]], set[str]]:
        """Return the files to (re)index with their hashes and the paths that disappeared."""
        vocabulary_changed = self.manifest.vocabulary_hash != self.vocabularies.fingerprint
        current: dict[str, tuple[Path, str]] = {}
        stamps, listings = {}, {}
        for path in iter_corpus_files(self.config.corpus_dir):
            relative = _relative(path, self.config.corpus_dir)
            try:
                stamps[relative] = file_stamp(path, self.config.corpus_dir, listings)
                current[relative] = (path, self._known_hash(relative, stamps[relative]) or _file_state(path, self.config))
            except OSError as error:
                self.report.rejected[relative] = f"cannot read the file: {error.strerror or error}"
        self.manifest.stamps = stamps
        todo = {}
        for relative, (path, digest) in current.items():
            known = self.manifest.files.get(relative)
            was_rejected = self.manifest.rejected.get(relative, {}).get("hash") == digest
            if was_rejected and not vocabulary_changed:
                self.report.rejected[relative] = self.manifest.rejected[relative]["reason"]
            elif known is None or known.hash != digest or vocabulary_changed:
                todo[relative] = (path, digest)
            else:
                self.report.unchanged += 1
        gone = set(self.manifest.files) - set(current)
        return todo, gone

    def _known_hash(self, relative: str, stamp: str) -> str | None:
        """Return the hash an indexed file had when its stamp was the same, else None (hash it again)."""
        known = self.manifest.files.get(relative)
        if known is None or self.manifest.stamps.get(relative) != stamp:
            return None
        return known.hash

    def prepare_all(self, todo: dict[str, tuple[Path, str]]) -> dict[str, tuple[Prepared, str]]:
        """Read and clean every file to index, rejecting the ones that cannot be."""
        prepared = {}
        items = sorted(todo.items())
        results = in_workers(prepare_one, [(relative, path) for relative, (path, _) in items], self.config,
                              self.vocabularies)
        for done, ((relative, (_, digest)), result) in enumerate(zip(items, results), start=1):
            if self.progress:
                self.progress(done, len(items), relative)
            if isinstance(result, str):
                self.report.rejected[relative] = result
                self.manifest.rejected[relative] = {"reason": result, "hash": digest}
            else:
                prepared[relative] = (result, digest)
        return prepared

    def repeated_by_group(self, prepared: dict[str, tuple[Prepared, str]]) -> dict[str, frozenset[str]]:
        """Return the blocks repeated across documents of each source group."""
        groups: dict[str, dict[str, list[str]]] = {}
        for relative, entry in self.manifest.files.items():
            if relative not in prepared:
                groups.setdefault(entry.group, {})[relative] = entry.fingerprints
        for relative, (doc, _) in prepared.items():
            groups.setdefault(doc.group, {})[relative] = doc.fingerprints()
        return {group: repeated_fingerprints(members) for group, members in groups.items()}

    def stale_by_repetition(self, repeated: dict[str, frozenset[str]]) -> dict[str, tuple[Path, str]]:
        """Return unchanged files whose group's repeated blocks changed, so they are cleaned again."""
        stale = {}
        for relative, entry in self.manifest.files.items():
            before = frozenset(self.manifest.repeated.get(entry.group, ()))
            now = repeated.get(entry.group, frozenset())
            if before != now and (before | now) & set(entry.fingerprints):
                stale[relative] = (self.config.corpus_dir / relative, entry.hash)
        return stale

    def doc_id_for(self, relative: str) -> str:
        """Return the id of a file's document, stable across runs and unique in the index."""
        known = self.manifest.files.get(relative)
        if known:
            return known.doc_id
        taken = self.manifest.doc_ids()
        doc_id = slug_for(relative)
        if doc_id in taken:
            doc_id = f"{doc_id}-{hashlib.sha1(relative.encode()).hexdigest()[:6]}"
        return doc_id

    def write(self, prepared: dict[str, tuple[Prepared, str]], repeated: dict[str, frozenset[str]]) -> None:
        """Split, enrich and index the prepared documents in whole-document batches."""
        items = sorted(prepared.items())
        tasks = [(doc, self.doc_id_for(relative), repeated.get(doc.group, frozenset())) for relative, (doc, _) in items]
        batch, entries, words = [], {}, Counter()
        for (relative, (doc, digest)), (doc_id, passages, reason, counted) in zip(items, in_workers(
                build_one, tasks, self.config, self.vocabularies)):
            if reason:
                self.report.rejected[relative] = reason
                self.manifest.rejected[relative] = {"reason": reason, "hash": digest}
                continue
            batch.append((doc_id, passages))
            words.update(counted)
            entries[relative] = FileEntry(digest, doc_id, len(passages), doc.group, doc.fingerprints(),
                                          version_card(doc.metadata, passages, self.vocabularies))
            if doc.warnings:
                self.report.warnings[relative] = list(doc.warnings)
            if len(batch) >= self.batch_docs:
                self.commit(batch, entries, words)
                batch, entries, words = [], {}, Counter()
        self.commit(batch, entries, words)

    def commit(self, batch: list, entries: dict[str, FileEntry], words: Counter) -> None:
        """Commit whole documents (``words``: their word counts) and record them in the manifest."""
        if not batch:
            return
        passages = sum(len(found) for _, found in batch)
        parallel = passages >= PARALLEL_WRITE_MIN_PASSAGES and may_fork()
        self.store.replace_documents(batch, processes=workers.WORKERS if parallel else 1, words=words)
        for relative, entry in entries.items():
            (self.report.replaced if relative in self.manifest.files else self.report.added).append(relative)
            self.manifest.files[relative] = entry
            self.manifest.rejected.pop(relative, None)
            self.manifest.warnings.pop(relative, None)
            if relative in self.report.warnings:
                self.manifest.warnings[relative] = self.report.warnings[relative]
            self.report.passages += entry.passages
        save_manifest(self.manifest, self.generation)

    def delete(self, gone: set[str]) -> None:
        """Remove documents whose files disappeared (a file that turns bad keeps its last good version)."""
        doc_ids = [self.manifest.files[relative].doc_id for relative in gone]
        if doc_ids:
            self.store.delete_documents(doc_ids)
        for relative in gone:
            del self.manifest.files[relative]
            self.report.deleted.append(relative)
        vanished = [relative for relative in self.manifest.rejected if not (self.config.corpus_dir / relative).exists()]
        for relative in vanished:
            del self.manifest.rejected[relative]
        if doc_ids or vanished:  # the manifest follows the deletions at once; otherwise the run's end saves it
            save_manifest(self.manifest, self.generation)


def _check_engine(config: Config, live: Path) -> None:
    """Refuse to update the live index in place when another engine than the configured one wrote it."""
    written_by = engines.recorded_engine(live)
    if written_by != config.engine:
        raise engines.EngineMismatch(
            f"the index at {config.index_dir} was written by {written_by}; run 'archive-search index --rebuild' "
            f"to rebuild it with {config.engine} (the live index keeps serving until then)")


def index_corpus(config: Config, rebuild: bool = False, progress: Progress | None = None) -> RunReport:
    """Bring the index up to date with the corpus folder and return what was done.

    A full disk raises ``DiskFull``: a rebuild's new generation is removed, and the live index keeps
    serving its last commit.
    """
    live = layout.live_generation(config.index_dir)
    rebuild = rebuild or live is None
    if not rebuild:
        _check_engine(config, live)
    generation = None
    try:
        generation = engines.create_generation(config.index_dir, config.engine) if rebuild else live
        return _index_generation(config, generation, rebuild, progress)
    except BaseException as error:  # whatever stopped a rebuild, its half-written generation must not stay on disk
        if rebuild:
            _discard(config.index_dir, generation)
        if isinstance(error, OSError) and error.errno in NO_SPACE_ERRORS:
            raise engines.DiskFull(no_space_message(config, rebuild, error)) from error
        raise


def _discard(index_dir: Path, generation: Path | None) -> None:
    """Remove a failed rebuild's generation (unless it went live) and any other one no reader may use."""
    if generation is not None and generation != layout.live_generation(index_dir):
        shutil.rmtree(generation, ignore_errors=True)
    layout.prune(index_dir)


def no_space_message(config: Config, rebuild: bool, error: OSError) -> str:
    """Return what a run that filled the index's disk says: what happened to the index, and what to do."""
    kept = ("the new index was removed; the live index is unchanged and keeps serving" if rebuild else
            "the live index keeps serving: documents committed before the disk filled stay indexed, "
            "the others are indexed by the next run")
    return (f"the disk of the index {config.index_dir} is full ({error.strerror or error}); {kept}. "
            "Free some space and run 'archive-search index' again")


def _index_generation(config: Config, generation: Path, rebuild: bool, progress: Progress | None) -> RunReport:
    """Write a run into ``generation`` (a new one for a rebuild, else the live one); switch to a new one when done."""
    started, clock = time.strftime("%Y-%m-%dT%H:%M:%S%z"), time.perf_counter()
    manifest = Manifest() if rebuild else load_manifest(generation)
    store = engines.open_generation(config.index_dir, generation)
    try:  # a failed run still releases the engine's writer (its lock and threads)
        if not rebuild:  # even a run with nothing to write: the index would answer with the older analysis
            store.check_analysis()
        run = _Run(config, store, manifest, load_vocabularies(config), generation, progress)
        run.batch_docs = REBUILD_BATCH_DOCS if rebuild else COMMIT_BATCH_DOCS
        _run_stages(run, rebuild)
        run.report.seconds = time.perf_counter() - clock
        manifest.runs.append(run.report.as_run_record(started))
        save_manifest(manifest, generation)
        store.set_labels(run.vocabularies.labels())
    finally:
        store.close()
    if rebuild:
        layout.activate(config.index_dir, generation)
    return run.report


def _run_stages(run: _Run, rebuild: bool) -> None:
    """Plan, read, clean and write one run's documents, deleting those whose files are gone."""
    todo, gone = run.plan()
    prepared = run.prepare_all(todo)
    repeated = run.repeated_by_group(prepared)
    stale = run.stale_by_repetition(repeated)
    prepared.update(run.prepare_all({r: s for r, s in stale.items() if r not in prepared}))
    run.report.unchanged -= len(stale)
    run.manifest.repeated = {group: sorted(fps) for group, fps in repeated.items() if fps}
    run.delete(gone)
    run.write(prepared, repeated)
    run.manifest.vocabulary_hash = run.vocabularies.fingerprint
    run.report.rebuild = rebuild


def run_exclusively(config: Config, rebuild: bool = False, wait: float = 0.0, echo: Progress | None = None,
                    label: str = "index") -> RunReport:
    """Run ``index_corpus`` under the single-writer lock, recording live progress (raises IndexBusy, DiskFull)."""
    try:
        with writer_lock(config.index_dir, wait=wait, label=label):
            progress = ProgressWriter(config.index_dir, echo=echo)
            report = index_corpus(config, rebuild=rebuild, progress=progress)
            progress.finish(report.summary(), len(report.rejected))
            return report
    except OSError as error:  # the lock's or the progress file's write found the disk full
        if error.errno in NO_SPACE_ERRORS:
            raise engines.DiskFull(no_space_message(config, rebuild, error)) from error
        raise
