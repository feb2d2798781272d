"""Build the index with the ``archive-search index`` command on one engine, and add one document incrementally.

Each build runs the command with ``--engine`` in a child process (wall
time, and peak memory from ``wait4``). The headline build is the plain
command, with the pipeline's worker processes. The stage breakdown comes from a second build
through ``bench.timed_index``, which installs the stage timers of
``bench.stages`` around the command's own ``main`` and keeps every stage in
that one process (workers off), so no stage runs out of the clock's sight.
The incremental case adds one kept-back speech and measures how long after
the command starts a search in this process finds it.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import REPO_ROOT, BenchCorpus, add_newcomer

# Environment variables that would point the command at another configuration (the benchmark sets its own).
CONFIG_VARIABLES = ("ARCHIVE_SEARCH_CONFIG", "ARCHIVE_SEARCH_CORPUS", "ARCHIVE_SEARCH_INDEX",
                    "ARCHIVE_SEARCH_ENGINE", "ARCHIVE_SEARCH_RESULT_CACHE")
# Seconds between two searches for the new document while the incremental run works.
PROBE_INTERVAL = 0.02
# Seconds to keep searching after the command has ended before declaring the document lost.
PROBE_GRACE = 10.0
# Words in the phrase searched for to find the new document: long enough to be unique to it.
PROBE_WORDS = 7
PROBE_WORD = re.compile(r"[A-Za-z]+")
SUMMARY_COUNT = re.compile(r"(\d+) (added|replaced|deleted|unchanged|rejected|passages)")
KIB_PER_MIB = 1024


def command(*arguments: str) -> list[str]:
    """Return the ``archive-search`` command line run by this interpreter."""
    return [sys.executable, "-m", "indexer.cli", *arguments]


def bench_environment() -> dict[str, str]:
    """Return this environment without the project's configuration variables, with ``bench`` importable."""
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), environment.get("PYTHONPATH")]))
    return environment


def run_command(arguments: list[str], cwd: Path) -> dict:
    """Run a command to its end and return its exit code, wall seconds, peak memory and summary line."""
    started = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=cwd, env=bench_environment(), stdout=subprocess.PIPE,
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


def summary_counts(summary: str) -> dict[str, int]:
    """Return the counts of an ``index`` summary line ("3 added, 0 replaced, ...; 120 passages written in ...")."""
    return {name: int(number) for number, name in SUMMARY_COUNT.findall(summary)}


def index_arguments(corpus_dir: Path, index_dir: Path, engine: str, *options: str) -> list[str]:
    """Return the arguments of an ``archive-search index`` run of ``corpus_dir`` into ``index_dir`` with ``engine``."""
    return ["index", "--corpus", str(corpus_dir), "--index", str(index_dir), "--engine", engine, *options]


def build_index(corpus_dir: Path, index_dir: Path, work_dir: Path, engine: str, timed: bool = False) -> dict:
    """Build a fresh index with ``archive-search index --rebuild --engine E`` in a child process; return its figures.

    With ``timed``, the command runs under ``bench.timed_index``: stages timed, in one process.
    """
    arguments = index_arguments(corpus_dir, index_dir, engine, "--rebuild", "--quiet")
    stages_file = work_dir / "stages.json"
    launcher = [sys.executable, "-m", "bench.timed_index", str(stages_file)] if timed else command()
    figures = run_command(launcher + arguments, work_dir)
    counts = summary_counts(figures["summary"])
    figures |= {"engine": engine, "documents": counts.get("added", 0) + counts.get("replaced", 0),
                "passages": counts.get("passages"), "rejected": counts.get("rejected"),
                "stage_timers": timed}
    if figures["passages"] and figures["seconds"]:
        figures["passages_per_second"] = round(figures["passages"] / figures["seconds"], 1)
    if timed and stages_file.exists():
        timers = json.loads(stages_file.read_text(encoding="utf-8"))
        figures |= {"main_seconds": timers.pop("seconds")} | timers
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
    from indexer.engines import SearchQuery

    results = store.search(SearchQuery(text=f'"{phrase}"', with_facets=False, with_snippets=False, limit=50))
    return any(hit.passage.path == path for hit in results.hits)


def _poll_until_found(store, phrase: str, path: str, process: subprocess.Popen, started: float) -> float | None:
    """Search every PROBE_INTERVAL until the document is found (seconds since ``started``) or surely lost (None)."""
    ended = None
    while True:
        if _found(store, phrase, path):
            return time.perf_counter() - started
        if ended is None and process.poll() is not None:
            ended = time.perf_counter()
        elif ended is not None and time.perf_counter() > ended + PROBE_GRACE:
            return None
        time.sleep(PROBE_INTERVAL)


def incremental_run(corpus: BenchCorpus, index_dir: Path, work_dir: Path, engine: str) -> dict:
    """Add the kept-back speech, run ``archive-search index`` and time until a search finds the speech.

    The speech stays in the corpus; ``bench.corpus.remove_newcomer`` takes it out again.
    """
    from indexer.engines import open_store

    store = open_store(index_dir)
    path = add_newcomer(corpus)
    phrase = probe_phrase((corpus.corpus_dir / path).read_text(encoding="utf-8", errors="replace"))
    found_before = _found(store, phrase, path)
    log = work_dir / "incremental.log"
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command(*index_arguments(corpus.corpus_dir, index_dir, engine, "--quiet")),
                                   cwd=work_dir, env=bench_environment(), stdout=output, stderr=subprocess.STDOUT)
        searchable = _poll_until_found(store, phrase, path, process, started)
        exit_code = process.wait()
        command_seconds = time.perf_counter() - started
    store.close()
    summary = next((line for line in log.read_text(encoding="utf-8").splitlines() if " passages written in " in line),
                   "")
    return {"path": path, "phrase": phrase, "found_before": found_before, "exit_code": exit_code,
            "searchable_after_s": round(searchable, 2) if searchable is not None else None,
            "command_seconds": round(command_seconds, 2), "summary": summary} | summary_counts(summary)
