"""Worker processes of an indexing run: they read, clean, split and tag documents while the run writes.

Workers are forked (nothing is pickled per task but the task), die with their
parent, and are used only from the main thread of a process with several cores.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from collections import Counter
from pathlib import Path

from indexer.config import Config
from indexer.documents import Prepared, build_passages, prepare_document
from indexer.models import RejectedFile
from indexer.runlock import release_inherited_locks
from indexer.vocabularies import Vocabularies
from indexer.wordlist import count_words

# Worker processes that read, clean, split and tag documents while this process writes the index.
WORKERS = os.cpu_count() or 1
# Below this many documents, starting workers costs more than it saves.
PARALLEL_MIN_DOCS = 16
# Documents handed to a worker at a time (fewer round trips, still even load).
WORKER_CHUNK = 4
# Linux prctl option: the signal a child gets when its parent dies.
PR_SET_PDEATHSIG = 1
# What worker processes need, set before they fork (so nothing is pickled per task).
_WORKER_STATE: dict = {}


def prepare_one(task: tuple[str, Path]) -> Prepared | str:
    """Read and clean one file in a worker; return the reason instead when it is rejected."""
    relative, path = task
    try:
        return prepare_document(path, _WORKER_STATE["config"], _WORKER_STATE["vocabularies"])
    except RejectedFile as error:
        return str(error)
    except Exception as error:  # one file's unforeseen failure must not stop the run or lose the others
        return f"could not be processed ({type(error).__name__}: {error}); please report this file"


def build_one(task: tuple[Prepared, str, frozenset[str]]) -> tuple[str, list, str | None, Counter]:
    """Split and tag one prepared document in a worker; return (doc_id, passages, reason if rejected, words)."""
    doc, doc_id, repeated = task
    try:
        _, passages = build_passages(doc, doc_id, repeated, _WORKER_STATE["config"], _WORKER_STATE["vocabularies"])
    except Exception as error:  # one document's unforeseen failure must not stop the run
        reason = f"could not be split and tagged ({type(error).__name__}: {error}); please report this file"
        return doc_id, [], reason, Counter()
    words = count_words(passage.text for passage in passages)
    return doc_id, passages, None if passages else "no text left after removing site furniture", words


def _worker_start() -> None:
    """Prepare a forked worker: drop the parent's writer lock and die with the parent."""
    release_inherited_locks()
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: orphans then finish their current chunk and exit
        pass


def may_fork() -> bool:
    """Return whether work may go to forked processes: several cores, and called from the main thread.

    Forking a multi-threaded process (the web server running an admin re-index) could copy locks
    held by other threads.
    """
    return WORKERS > 1 and threading.current_thread() is threading.main_thread()


def in_workers(function, tasks: list, config: Config, vocabularies: Vocabularies):
    """Yield ``function(task)`` for each task in order, in worker processes when there are enough.

    Workers are forked only when ``may_fork()`` says so.
    """
    _WORKER_STATE.update(config=config, vocabularies=vocabularies)
    if len(tasks) < PARALLEL_MIN_DOCS or not may_fork():
        yield from map(function, tasks)
        return
    with multiprocessing.get_context("fork").Pool(WORKERS, initializer=_worker_start) as pool:
        yield from pool.imap(function, tasks, chunksize=WORKER_CHUNK)
