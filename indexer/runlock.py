"""One indexing run at a time, from the CLI or the admin page, with live progress.

The writer holds an exclusive ``flock`` on ``INDEX/writer.lock`` for the whole
run; the operating system releases it if the process dies, so a crash never
leaves a stale lock. Progress (files done / total, current file) is written to
``INDEX/progress.json``, which any process can read, so it survives a reload.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from indexer.atomic import replace_text

LOCK_FILE = "writer.lock"
PROGRESS_FILE = "progress.json"
# Write progress at most this often (seconds): often enough to look live, rarely enough to cost nothing.
PROGRESS_INTERVAL = 0.5
# How often a waiting writer tries the lock again (seconds).
WAIT_POLL_SECONDS = 0.2


# Lock files this process holds, so forked workers can let go of their inherited copies.
_HELD: list = []


class IndexBusy(Exception):
    """Another indexing run holds the writer lock."""


@contextmanager
def writer_lock(index_dir: Path, wait: float = 0.0, label: str = "index") -> Iterator[None]:
    """Hold the single-writer lock for the block, waiting up to ``wait`` seconds (raises IndexBusy)."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(index_dir / LOCK_FILE, "a+")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(_busy_message(index_dir)) from None
                time.sleep(WAIT_POLL_SECONDS)
        _HELD.append(handle)
        write_progress(index_dir, {"state": "running", "label": label, "pid": os.getpid(),
                                   "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "done": 0, "total": 0,
                                   "current": ""})
        yield
    finally:
        if handle in _HELD:
            _HELD.remove(handle)
        handle.close()


def release_inherited_locks() -> None:
    """In a forked child, close the inherited lock files so the lock dies with the parent alone."""
    while _HELD:
        _HELD.pop().close()


def _busy_message(index_dir: Path) -> str:
    progress = read_progress(index_dir)
    if progress.get("state") == "running":
        return (f"another indexing run ({progress.get('label', 'index')}, process {progress.get('pid')}, started "
                f"{progress.get('started')}) is in progress: {progress.get('done', 0)}/{progress.get('total', 0)} "
                "files; try again when it ends")
    return "another indexing run is in progress; try again when it ends"


def is_running(index_dir: Path) -> bool:
    """Return True while some process holds the writer lock."""
    path = Path(index_dir) / LOCK_FILE
    if not path.exists():
        return False
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def write_progress(index_dir: Path, progress: dict) -> None:
    """Replace the progress file atomically."""
    replace_text(Path(index_dir) / PROGRESS_FILE, json.dumps(progress, ensure_ascii=False))


def read_progress(index_dir: Path) -> dict:
    """Return the last progress written, marking a run whose writer died as interrupted."""
    try:
        progress = json.loads((Path(index_dir) / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if progress.get("state") == "running" and not is_running(index_dir):
        progress["state"] = "interrupted"
    return progress


class ProgressWriter:
    """A pipeline progress callback that records progress for other processes to read."""

    def __init__(self, index_dir: Path, echo=None):
        self.index_dir = Path(index_dir)
        self.echo = echo
        self.state = read_progress(self.index_dir) or {"state": "running"}
        self._last = 0.0

    def __call__(self, done: int, total: int, current: str) -> None:
        if self.echo:
            self.echo(done, total, current)
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or done == total:
            self._last = now
            self.state.update(done=done, total=total, current=current)
            write_progress(self.index_dir, self.state)

    def finish(self, summary: str, rejected: int) -> None:
        """Record the end of the run and its one-line summary."""
        self.state.update(state="finished", summary=summary, rejected=rejected,
                          finished=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        write_progress(self.index_dir, self.state)
