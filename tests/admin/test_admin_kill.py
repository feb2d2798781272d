"""A run killed midway (kill -9) leaves the last good index serving every query, and the next run works."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from indexer import layout
from indexer.config import Config
from indexer.engines import SearchQuery, open_store
from indexer.pipeline import COMMIT_BATCH_DOCS, index_corpus
from indexer.runlock import is_running, read_progress
from tests.conftest import REPO, copy_corpus

# UN General Debate speeches added to the sample corpus so that a run lasts a few seconds.
SESSION = "ungdc/TXT/Session 63 - 2008/"
SPEECHES = 24
QUERIES = ("Shanghai", "development", '"human rights"', "climate change", "cooperation -terrorism", "Putin",
           "Security Council reform", "Luxembourg", "SCO", "sécurité")
# Seconds to wait for the killed run to reach its kill point, and for a run to finish (hang guards).
DEADLINE_SECONDS = 120
# Seconds into the writing phase at which a run is killed: before its one commit lands, even on a fast machine.
WRITING_DELAY_SECONDS = 0.2


def add_speeches(shared_data: Path, folder: Path, count: int, skip: int = 0) -> list[str]:
    """Extract ``count`` speeches of one session (after ``skip``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(shared_data / "ungdc.tar.gz") as archive:
        members = sorted((m for m in archive.getmembers() if m.name.startswith(SESSION) and m.isfile()),
                         key=lambda m: m.name)[skip: skip + count]
        for member in members:
            (folder / Path(member.name).name).write_bytes(archive.extractfile(member).read())
    return [Path(m.name).name for m in members]


def answers(store) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Return each query's total and first ten passage ids."""
    results = {}
    for text in QUERIES:
        found = store.search(SearchQuery(text=text, limit=10, with_facets=False, with_snippets=False))
        results[text] = (found.total, tuple(hit.passage.passage_id for hit in found.hits))
    return results


@pytest.fixture(scope="module")
def built(tmp_path_factory, shared_data) -> Config:
    """Return the sample corpus plus some speeches, indexed once for this module."""
    root = tmp_path_factory.mktemp("kill")
    config = Config(corpus_dir=copy_corpus(root / "corpus"), index_dir=root / "index")
    add_speeches(shared_data, config.corpus_dir / "ungdc", SPEECHES)
    report = index_corpus(config)
    assert not report.rejected, report.rejected
    return config


def start_cli(config: Config, *options: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "indexer.cli", "index", "--corpus", str(config.corpus_dir),
               "--index", str(config.index_dir), "--quiet", *options]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_SEARCH_")}
    return subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def kill_point_reached(progress: dict, pid: int, point: str) -> bool:
    """Return whether the run of ``pid`` has reached the named point of its progress."""
    if progress.get("state") != "running" or progress.get("pid") != pid:
        return False
    return point == "started" or (point == "writing" and progress.get("total", 0) > 0
                                  and progress.get("done") == progress.get("total"))


def kill_at(process: subprocess.Popen, index_dir: Path, point: str) -> dict:
    """Kill -9 the run at ``point`` ("started": lock taken; "writing": all files read, then WRITING_DELAY_SECONDS into writing)."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        progress = read_progress(index_dir)
        if kill_point_reached(progress, process.pid, point):
            time.sleep(WRITING_DELAY_SECONDS if point == "writing" else 0)
            assert process.poll() is None, f"the run ended before it could be killed: {process.communicate()}"
            process.send_signal(signal.SIGKILL)
            process.wait(DEADLINE_SECONDS)
            return progress
        assert process.poll() is None, f"the run ended before it could be killed: {process.communicate()}"
        time.sleep(0.02)
    process.kill()
    raise AssertionError("the run never reached its kill point")


def wait_for_release(index_dir: Path) -> float:
    """Wait until no process holds the writer lock (forked workers of a killed run may for a moment)."""
    started = time.monotonic()
    while is_running(index_dir):
        assert time.monotonic() - started < DEADLINE_SECONDS, "the writer lock outlived the killed run"
        time.sleep(0.05)
    return time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize("options, point", [(("--rebuild",), "started"), (("--rebuild",), "writing"), ((), "writing")],
                         ids=["rebuild-started", "rebuild-writing", "incremental-writing"])
def test_a_killed_run_leaves_the_last_good_index_serving(built, tmp_path, shared_data, options, point):
    config = Config(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    shutil.copytree(built.corpus_dir, config.corpus_dir)
    shutil.copytree(built.index_dir, config.index_dir, symlinks=True)
    if not options:  # an incremental run needs work: new speeches, fewer than a commit batch, so none lands
        assert SPEECHES // 2 < COMMIT_BATCH_DOCS
        add_speeches(shared_data, config.corpus_dir / "ungdc-more", SPEECHES // 2, skip=SPEECHES)
    live = layout.live_generation(config.index_dir)
    serving = open_store(config.index_dir)  # like a web server that was already answering
    try:
        before = answers(serving)
        process = start_cli(config, *options)
        seen = kill_at(process, config.index_dir, point)
        assert process.returncode == -signal.SIGKILL
        assert layout.live_generation(config.index_dir) == live
        assert answers(serving) == before
        released = wait_for_release(config.index_dir)
        print(f"\nkilled at {point!r}: {seen['done']}/{seen['total']} files read ({' '.join(options) or 'incremental'}); "
              f"writer lock free {released:.1f} s after the kill")
        assert read_progress(config.index_dir)["state"] == "interrupted"
        fresh = open_store(config.index_dir)
        assert answers(fresh) == before
        fresh.close()
        follow_up = start_cli(config)
        output, errors = follow_up.communicate(timeout=DEADLINE_SECONDS)
        assert follow_up.returncode == 0, errors
        assert ("0 added" in output) == bool(options), output
        assert layout.live_generation(config.index_dir) == live
        after = answers(serving)
        if options:
            assert after == before
        else:
            # New speeches change BM25's collection statistics, so near-tied hits may swap places.
            assert after["Shanghai"][0] == before["Shanghai"][0] and after["development"][0] > before["development"][0]
    finally:
        serving.close()
