"""Build the index three ways: the command end to end, in-process with stage timers, and incrementally.

The headline build time is the ``archive-search index`` command in a child
process (its peak memory from ``wait4``). The stage breakdown comes from a
second, instrumented build in a forked child (see ``bench.stages``), so the
wrappers and their memory never touch the headline figure. The incremental
case adds one kept-back speech and measures how long after the command starts
a search in this process finds it.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from bench.corpus import BenchCorpus, add_newcomer
from bench.stages import StageClock, instrumented

# Environment variables that would point the command at another configuration.
CONFIG_VARIABLES = ("ARCHIVE_SEARCH_CONFIG", "ARCHIVE_SEARCH_CORPUS", "ARCHIVE_SEARCH_INDEX")
# Seconds between two searches for the new document while the incremental run works.
PROBE_INTERVAL = 0.02
# Seconds to keep searching after the command has ended before declaring the document lost.
PROBE_GRACE = 10.0
# Words in the phrase searched for to find the new document: long enough to be unique to it.
PROBE_WORDS = 7
PROBE_WORD = re.compile(r"[A-Za-z]+")
KIB_PER_MIB = 1024


def command(*arguments: str) -> list[str]:
    """Return the ``archive-search`` command line run by this interpreter."""
    return [sys.executable, "-m", "indexer.cli", *arguments]


def clean_environment() -> dict[str, str]:
    """Return this process's environment without the project's configuration variables."""
    return {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}


def run_command(arguments: list[str], cwd: Path) -> dict:
    """Run a command to its end and return its exit code, wall seconds, peak memory and last output line."""
    started = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=cwd, env=clean_environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in output.splitlines() if line.strip()]
    return {
        "exit_code": process.returncode,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(usage.ru_maxrss / KIB_PER_MIB, 1),
        "summary": next((line for line in lines if " passages written in " in line), lines[-1] if lines else ""),
    }


def build_command(corpus_dir: Path, index_dir: Path, work_dir: Path) -> dict:
    """Build a fresh index with ``archive-search index --rebuild`` and return its figures."""
    return run_command(command("index", "--corpus", str(corpus_dir), "--index", str(index_dir),
                               "--rebuild", "--quiet"), work_dir)


def _instrumented_build(corpus_dir: str, index_dir: str) -> dict:
    from indexer.config import load_config
    from indexer.pipeline import index_corpus

    clock = StageClock()
    started = time.perf_counter()
    with instrumented(clock):
        report = index_corpus(load_config(corpus_dir=corpus_dir, index_dir=index_dir), rebuild=True)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "stages": clock.table(seconds),
        "calls": dict(clock.calls),
        "not_wrapped": clock.missing,
        "documents": len(report.added) + len(report.replaced),
        "passages": report.passages,
        "rejected": len(report.rejected),
        "passages_per_second": round(report.passages / seconds, 1) if seconds else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB_PER_MIB, 1),
    }


def build_with_stages(corpus_dir: Path, index_dir: Path) -> dict:
    """Build an index in a forked child with every stage timed; return the stage table and peak memory."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as pool:
        figures = pool.submit(_instrumented_build, str(corpus_dir), str(index_dir)).result()
    shutil.rmtree(index_dir, ignore_errors=True)
    return figures


def _plain_window(tokens: list[str], words: int) -> str | None:
    middle = len(tokens) // 2
    for start in list(range(middle, len(tokens) - words + 1)) + list(range(0, middle)):
        window = tokens[start:start + words]
        if len(window) == words and all(PROBE_WORD.fullmatch(token) for token in window):
            return " ".join(window)
    return None


def probe_phrase(text: str, words: int = PROBE_WORDS) -> str:
    """Return ``words`` consecutive plain words of ``text``, from one line near its middle if possible."""
    lines = text.splitlines()
    for line in lines[len(lines) // 2:] + lines[:len(lines) // 2]:
        found = _plain_window(line.split(), words)
        if found:
            return found
    tokens = text.split()
    return _plain_window(tokens, words) or " ".join(tokens[len(tokens) // 2: len(tokens) // 2 + words])


def _found(store, phrase: str, path: str) -> bool:
    from indexer.store import SearchQuery

    results = store.search(SearchQuery(text=f'"{phrase}"', with_facets=False, with_snippets=False, limit=50))
    return any(hit.passage.path == path for hit in results.hits)


def incremental_run(corpus: BenchCorpus, index_dir: Path, work_dir: Path) -> dict:
    """Add the kept-back speech, run ``archive-search index`` and time until a search finds the speech."""
    from indexer.store import open_store

    store = open_store(index_dir)
    path = add_newcomer(corpus)
    phrase = probe_phrase((corpus.corpus_dir / path).read_text(encoding="utf-8", errors="replace"))
    found_before = _found(store, phrase, path)
    started = time.perf_counter()
    process = subprocess.Popen(command("index", "--corpus", str(corpus.corpus_dir), "--index", str(index_dir),
                                       "--quiet"), cwd=work_dir, env=clean_environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    searchable, ended = None, None
    while searchable is None:
        if _found(store, phrase, path):
            searchable = time.perf_counter() - started
        elif ended is None and process.poll() is not None:
            ended = time.perf_counter() - started
        elif ended is not None and time.perf_counter() - started > ended + PROBE_GRACE:
            break
        time.sleep(PROBE_INTERVAL)
    exit_code = process.wait()
    ended = ended if ended is not None else time.perf_counter() - started
    store.close()
    return {"path": path, "phrase": phrase, "found_before": found_before, "exit_code": exit_code,
            "searchable_after_s": round(searchable, 2) if searchable is not None else None,
            "command_seconds": round(ended, 2)}
