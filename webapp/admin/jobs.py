"""Indexing runs started from the admin pages, in a background thread of the server process.

A run takes the same single-writer lock as ``archive-search index``, so the
admin and the command line can never write at once: a request made while any
run holds the lock is refused with that run's description (the command line's
``--wait`` is the way to queue). Progress lives in the index folder
(``indexer.runlock``), so every process and every page reload sees it.
"""
from __future__ import annotations

import itertools
import logging
import threading
import time
from dataclasses import dataclass, field

from indexer.config import Config
from indexer.engines import StoreError
from indexer.pipeline import run_exclusively
from indexer.runlock import IndexBusy, is_running, read_progress

log = logging.getLogger(__name__)
JOB_LABEL = "admin"


@dataclass
class Job:
    """One run asked for from the admin: what, when, and how it ended."""

    number: int
    rebuild: bool
    reason: str
    started: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    state: str = "starting"  # starting | running | finished | refused | failed
    message: str = ""
    rejected: int = 0

    def as_json(self) -> dict:
        """Return the job as JSON-ready data."""
        return {"number": self.number, "rebuild": self.rebuild, "reason": self.reason, "started": self.started,
                "state": self.state, "message": self.message, "rejected": self.rejected}


def busy_message(config: Config) -> str:
    """Describe the run that holds the index, for a refused request."""
    progress = read_progress(config.index_dir)
    if progress.get("state") == "running":
        done, total = progress.get("done", 0), progress.get("total", 0)
        where = f": {done} of {total} files read" if total else ""
        return (f"Another indexing run ({progress.get('label', 'index')}, started {progress.get('started', '?')}) "
                f"is in progress{where}. Try again when it has finished.")
    return "Another indexing run is in progress. Try again when it has finished."


class JobRunner:
    """Start at most one admin indexing run at a time and remember the last one."""

    def __init__(self, config: Config):
        self.config = config
        self.last: Job | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)

    def busy(self) -> bool:
        """Return whether a run (from here or from the command line) holds the index."""
        return (self._thread is not None and self._thread.is_alive()) or is_running(self.config.index_dir)

    def start(self, rebuild: bool = False, reason: str = "re-index") -> Job:
        """Start an indexing run in the background and return its job (raises IndexBusy if one is running)."""
        with self._lock:
            if self.busy():
                raise IndexBusy(busy_message(self.config))
            job = Job(next(self._numbers), rebuild, reason)
            self.last = job
            self._thread = threading.Thread(target=self._run, args=(job,), name=f"admin-index-{job.number}",
                                            daemon=True)
            self._thread.start()
            return job

    def _run(self, job: Job) -> None:
        job.state = "running"
        try:
            report = run_exclusively(self.config, rebuild=job.rebuild, label=JOB_LABEL)
        except IndexBusy as error:  # the command line took the lock between our check and our start
            job.state, job.message = "refused", str(error)
        except StoreError as error:  # e.g. the index was written by another engine: the message says what to do
            job.state, job.message = "failed", str(error)
        except Exception as error:  # a background thread has no caller: record the failure for the page
            log.exception("admin indexing run %s failed", job.number)
            job.state, job.message = "failed", f"{type(error).__name__}: {error}"
        else:
            job.state, job.message, job.rejected = "finished", report.summary(), len(report.rejected)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the running job to end; return True if none is running afterwards."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()
