"""Benchmark archive-search on each of its engines at archive scale, side by side with SQLite FTS5 and tantivy.

Usage: ``python -m bench.run [--docs N] [--engines E,E] [--out DIR] [--skip-peers] [--skip-http]
[--http-seconds S] [--passes P] [--skip-stages] [--work-dir DIR] [--keep] [--scale K,K,...]``

Unpacks the UN General Debate speeches (``../shared/data/ungdc.tar.gz``) into a
temporary corpus with a catalogue. For each engine: builds the index with
``archive-search index --engine E`` (the first engine again in one process
with stage timers), adds one speech incrementally, runs the committed query
set through the web app and through the HTTP server under load. Then builds
and queries the peers. Prints one Markdown comparison table and the first
engine's targets, and writes the figures to ``bench/results/``. With ``--scale``, measures instead how the
first engine's costs grow with the collection repeated K times (``bench/scale.py``). See bench/README.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench.build import build_index, incremental_run
from bench.corpus import ARCHIVE, REPO_ROOT, BenchCorpus, prepare_corpus, remove_newcomer
from bench.queries import DEFAULT_PASSES, QUERY_FILE, load_queries, measure_in_process
from bench.report import render_markdown, write_results
from bench.scale import measure_curve, scale_list
from indexer.engines import DEFAULT_ENGINE, ENGINES, StoreError

RESULTS_DIR = REPO_ROOT / "bench" / "results"
# A slice this small is a quick run: shorter load and fewer passes unless asked otherwise.
QUICK_SLICE_DOCS = 1000
QUICK_HTTP_SECONDS, FULL_HTTP_SECONDS = 10, 20
QUICK_PASSES = 2
# What a phase may fail with; the figures of the phases before it are still written.
PHASE_ERRORS = (OSError, RuntimeError, ValueError, subprocess.SubprocessError, sqlite3.Error, StoreError)
# The project's engines measured by default, the default engine first (its figures meet the targets).
DEFAULT_ENGINES = (DEFAULT_ENGINE,) + tuple(engine for engine in ENGINES if engine != DEFAULT_ENGINE)


def engine_list(text: str) -> tuple[str, ...]:
    """Return the engines of a comma-separated list, in order and without repeats."""
    names = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in names if name not in ENGINES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose engines among {', '.join(ENGINES)}, not {text!r}")
    return names


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the command-line options, with the quick-run defaults applied to small slices."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, help="index an evenly spread slice of N speeches (default: all)")
    parser.add_argument("--engines", type=engine_list, default=DEFAULT_ENGINES,
                        help=f"the project's engines to measure, the first one judged against the targets "
                             f"(default: {','.join(DEFAULT_ENGINES)})")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="where the JSON and Markdown go")
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help="the ungdc.tar.gz archive")
    parser.add_argument("--queries", type=Path, default=QUERY_FILE, help="the query set")
    parser.add_argument("--skip-peers", action="store_true", help="do not build SQLite FTS5 and tantivy")
    parser.add_argument("--skip-http", action="store_true", help="do not load the HTTP server")
    parser.add_argument("--http-seconds", type=int, help="length of the HTTP load (default 20, quick runs 10)")
    parser.add_argument("--passes", type=int, help="timed passes over the query set (default 3, quick runs 2)")
    parser.add_argument("--skip-stages", action="store_true",
                        help="do not build the first engine a second time with stage timers (saves a serial build)")
    parser.add_argument("--work-dir", type=Path, help="folder for the corpus and indexes (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--scale", type=scale_list, default=None,
                        help="measure the cost curve of the collection repeated K times, e.g. 1,3,10 (first engine)")
    args = parser.parse_args(argv)
    quick = args.docs is not None and args.docs <= QUICK_SLICE_DOCS
    if args.http_seconds is None:
        args.http_seconds = QUICK_HTTP_SECONDS if quick else FULL_HTTP_SECONDS
    if args.passes is None:
        args.passes = QUICK_PASSES if quick else DEFAULT_PASSES
    if args.docs is not None and args.docs < 2:
        parser.error("--docs must be at least 2 (one speech is kept back for the incremental run)")
    return args


@contextmanager
def phase(name: str):
    """Print a phase's name and, when it ends, its duration (on stderr)."""
    print(f"[bench] {name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    yield
    print(f"[bench] {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def commit_id() -> str:
    """Return the checkout's commit (with -dirty for local changes), or "unknown"."""
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO_ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def index_figures(index_dir: Path) -> dict:
    """Return documents, passages and size of the built index."""
    from indexer.engines import open_store

    store = open_store(index_dir)
    stats = store.stats()
    store.close()
    return {"documents": stats.documents, "passages": stats.passages, "size_mb": round(stats.size_bytes / 1e6, 1)}


def build_and_update(corpus: BenchCorpus, engine: str, work_dir: Path, timed: bool, figures: dict) -> Path:
    """Build the index with ``engine`` (and with stage timers if ``timed``), add one speech; return the index."""
    index_dir = work_dir / "index"
    with phase(f"{engine}: building {corpus.documents} speeches with archive-search index"):
        figures["build"] = build_index(corpus.corpus_dir, index_dir, work_dir, engine)
    if not figures["build"].get("passages"):
        raise RuntimeError(f"the {engine} build wrote no index (exit code {figures['build']['exit_code']}): "
                           f"{figures['build']['summary']}")
    if timed:
        with phase(f"{engine}: building again, one process, with stage timers"):
            figures["stages"] = build_index(corpus.corpus_dir, work_dir / "index-stages", work_dir, engine, timed=True)
        shutil.rmtree(work_dir / "index-stages", ignore_errors=True)
    with phase(f"{engine}: adding one speech incrementally"):
        try:
            figures["incremental"] = incremental_run(corpus, index_dir, work_dir, engine)
        finally:
            remove_newcomer(corpus)
    figures["index"] = index_figures(index_dir)
    return index_dir


def measure_engine(args: argparse.Namespace, corpus: BenchCorpus, queries: tuple[str, ...], engine: str,
                   work_dir: Path, figures: dict) -> None:
    """Build, update, search and load the project on one engine in ``work_dir``, adding the figures to ``figures``."""
    work_dir.mkdir(parents=True, exist_ok=True)
    timed = engine == args.engines[0] and not args.skip_stages
    index_dir = build_and_update(corpus, engine, work_dir, timed, figures)
    with phase(f"{engine}: running {len(queries)} queries in process"):
        figures["search"] = measure_in_process(corpus.corpus_dir, index_dir, queries, args.passes)
    if not args.skip_http:
        from bench.load import measure_http

        for key, cached in (("http", True), ("http_uncached", False)):
            with phase(f"{engine}: loading the HTTP server for {args.http_seconds} s, "
                       f"result cache {'on' if cached else 'off'}"):
                figures[key] = measure_http(corpus.corpus_dir, index_dir, queries, args.http_seconds, work_dir,
                                            result_cache=cached)


def measure(args: argparse.Namespace, work_dir: Path, results: dict) -> None:
    """Run every part of the benchmark in ``work_dir``, adding the figures to ``results`` as they come.

    An engine that fails keeps the figures it got to and the next engine still runs.
    """
    queries = load_queries(args.queries)
    with phase("unpacking the collection"):
        corpus = prepare_corpus(args.archive, work_dir, args.docs)
    results["corpus"] = {"documents_total": corpus.documents + (1 if corpus.newcomer else 0),
                         "documents_built": corpus.documents, "words": corpus.words, "chars": corpus.chars}
    failures = []
    for engine in args.engines:
        figures = results.setdefault("engines", {}).setdefault(engine, {})
        try:
            measure_engine(args, corpus, queries, engine, work_dir / engine, figures)
        except PHASE_ERRORS as error:
            figures["failed"] = f"{type(error).__name__}: {error}"
            failures.append(f"{engine}: {figures['failed']}")
            print(f"[bench] {engine} failed: {figures['failed']}", file=sys.stderr)
    if failures:
        results["failed"] = "; ".join(failures)
    default, figures = args.engines[0], results["engines"][args.engines[0]]
    if not args.skip_peers and "index" in figures:
        from bench.peers import measure_peers

        totals = figures["search"]["store"]["totals"] if "search" in figures else []
        with phase(f"building and querying SQLite FTS5 and tantivy from the {default} index"):
            results["peers"] = measure_peers(work_dir / default / "index", queries, args.passes, work_dir, totals)
    results["bench_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the Markdown table and write the figures."""
    args = parse_args(argv)
    if not args.archive.exists():
        print(f"error: {args.archive} is missing (the shared data folder beside the repository)", file=sys.stderr)
        return 1
    if args.work_dir and args.work_dir.exists() and any(args.work_dir.iterdir()):
        print(f"error: the work folder {args.work_dir} is not empty", file=sys.stderr)
        return 2
    work_dir = args.work_dir or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    results: dict = {"started": time.strftime("%Y-%m-%d %H:%M"), "commit": commit_id(),
                     "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "platform": platform.platform()},
                     "settings": {"docs": args.docs, "engines": list(args.engines), "default_engine": args.engines[0],
                                  "passes": args.passes, "http_seconds": args.http_seconds,
                                  "scale": list(args.scale) if args.scale else None}}
    try:
        if args.scale:
            measure_curve(args, load_queries(args.queries), work_dir, results, phase)
        else:
            measure(args, work_dir, results)
    except PHASE_ERRORS as error:  # keep the figures measured so far
        results["failed"] = f"{type(error).__name__}: {error}"
        print(f"[bench] failed: {results['failed']}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
    json_path, markdown_path = write_results(results, args.out, stamp)
    print(render_markdown(results))
    print(f"figures: {json_path}\ntable: {markdown_path}", file=sys.stderr)
    return 1 if results.get("failed") else 0


if __name__ == "__main__":
    sys.exit(main())
