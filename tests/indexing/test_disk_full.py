"""A full disk during a run: a clear error, the last good index keeps serving, nothing left behind, the next run works.

The disk is filled by an injected ``OSError(ENOSPC)`` where each engine meets it: tantivy reports it from
its commit as the IO error below, Whoosh as an OSError from its own writes; then in the project's own
files written after a commit (the word list, the manifest).
"""
import errno
import faulthandler
import re
import shutil

import pytest
from whoosh.multiproc import SubWriterTask
from whoosh.writing import SegmentWriter

from indexer import layout, pipeline
from indexer.cli import EXIT_FAILED, main
from indexer.engines import ENGINES, DiskFull, SearchQuery, damage, open_store
from indexer.engines.tantivy.store import TantivyStore
from indexer.models import Passage
from indexer.pipeline import index_corpus
from indexer.wordlist import WordList
from tests.conftest import CORPUS
from tests.core.conftest import PASSAGES, engine_store
from tests.indexing.test_pipeline import small_corpus

FIRST, LATER = "003_498fa46aacb9f803.txt", "002_5053c25469639f1a.txt"
QUERIES = ("cooperation", "Bishkek", "security")
# What tantivy raises when a write of its commit finds the disk full (seen on a full tmpfs).
TANTIVY_NO_SPACE = "An IO error occurred: 'No space left on device (os error 28)'"
# The temporary files the project's atomic writes leave when they fail half-way (before the fix).
TEMPORARY = re.compile(r"^\..*\.\d+(\.\d+)?$")
# Seconds after which a hung test dumps its threads and exits, instead of hanging CI.
HANG_SECONDS = 120


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


class FullDiskWriter:
    """A tantivy writer whose commit fails as tantivy's does on a full disk."""

    def __init__(self, writer):
        self._writer = writer

    def __getattr__(self, name):
        return getattr(self._writer, name)

    def commit(self):
        raise ValueError(TANTIVY_NO_SPACE)


def fill_disk_at(monkeypatch, engine: str, point: str) -> None:
    """Make the disk fill up at ``point``: the engine's commit, the word list or the manifest."""
    if point == "manifest":
        monkeypatch.setattr(pipeline, "save_manifest", no_space)
    elif point == "words":
        monkeypatch.setattr(WordList, "save", no_space)
    elif engine == "tantivy":
        original = TantivyStore._writer_for_batch
        monkeypatch.setattr(TantivyStore, "_writer_for_batch", lambda self: FullDiskWriter(original(self)))
    else:
        monkeypatch.setattr(SegmentWriter, "_commit_toc", no_space)


def answers(config) -> dict:
    store = open_store(config.index_dir)
    try:
        found = {text: store.search(SearchQuery(text=text, limit=50)) for text in QUERIES}
        return {text: (r.total, [hit.passage.passage_id for hit in r.hits]) for text, r in found.items()}
    finally:
        store.close()


def leftovers(config) -> list[str]:
    """Return the generations beside the live one and the temporary files a failed write left."""
    live = layout.live_generation(config.index_dir)
    others = [p.name for p in (config.index_dir / layout.GENERATIONS).iterdir() if p != live]
    partial = [p.name for folder in (live, config.index_dir) for p in folder.iterdir() if TEMPORARY.match(p.name)]
    return others + partial


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("point", ["commit", "words", "manifest"])
@pytest.mark.parametrize("rebuild", [True, False], ids=["rebuild", "incremental"])
def test_a_full_disk_fails_the_run_clearly_and_the_next_run_completes(tmp_path, monkeypatch, engine, point, rebuild):
    config = small_corpus(tmp_path, FIRST, engine=engine)
    index_corpus(config)
    live, before = layout.live_generation(config.index_dir), answers(config)
    shutil.copy(CORPUS / LATER, config.corpus_dir / LATER)
    with monkeypatch.context() as patched:
        fill_disk_at(patched, engine, point)
        with pytest.raises(DiskFull, match=r"is full \(No space left on device\).*Free some space"):
            index_corpus(config, rebuild=rebuild)
    assert layout.live_generation(config.index_dir) == live and damage(live) == []
    assert leftovers(config) == []
    if rebuild or point == "commit":  # nothing of the failed run was committed to the live index
        assert answers(config) == before
    report = index_corpus(config)
    assert LATER in report.added + report.replaced and not report.rejected
    assert answers(config)["Bishkek"][0] > before["Bishkek"][0]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_command_says_the_disk_is_full_without_a_traceback(tmp_path, monkeypatch, capsys, engine):
    config = small_corpus(tmp_path, FIRST, engine=engine)
    index_corpus(config)
    fill_disk_at(monkeypatch, engine, "commit")
    status = main(["index", "--rebuild", "--quiet", "--engine", engine, "--corpus", str(config.corpus_dir),
                   "--index", str(config.index_dir)])
    errors = capsys.readouterr().err
    assert status == EXIT_FAILED
    assert errors.startswith(f"error: the disk of the index {config.index_dir} is full") and "Traceback" not in errors


def test_a_whoosh_writer_process_that_finds_the_disk_full_fails_the_commit_instead_of_losing_its_segment(
        tmp_path, monkeypatch):
    store = engine_store("whoosh", tmp_path / "index", PASSAGES)
    added = [(f"more{n}", [Passage(f"more{n}:p1", f"more{n}", 1, f"Another passage on water, number {n}.", lang="en")])
             for n in range(40)]
    monkeypatch.setattr(SubWriterTask, "_process_file", no_space)  # the forked writer processes inherit it
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        with pytest.raises(OSError) as raised:
            store.replace_documents(added, processes=2)
    finally:
        faulthandler.cancel_dump_traceback_later()
        monkeypatch.undo()
    assert raised.value.errno == errno.ENOSPC
    assert store.search(SearchQuery(text="water")).total == 0
    assert store.search(SearchQuery(text="terrorism")).total == 1
    store.replace_documents(added[:1])  # the index's lock was released
    assert store.search(SearchQuery(text="water")).total == 1
    store.close()
