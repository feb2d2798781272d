"""Benchmark archive-search at archive scale, side by side with SQLite FTS5 and tantivy.

Usage: ``python -m bench.run [--docs N] [--out DIR] [--skip-peers] [--skip-http]
[--http-seconds S] [--passes P] [--skip-stages] [--work-dir DIR] [--keep]``

Unpacks the UN General Debate speeches (``../shared/data/ungdc.tar.gz``) into a
temporary corpus with a catalogue, builds the index with ``archive-search
index`` (then again in one process with stage timers), adds one speech
incrementally, runs the committed query set through the web app and through
the HTTP server under load, then through the peers. Prints a Markdown table
and writes the figures to ``bench/results/``. See bench/README.md.
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
from bench.corpus import ARCHIVE, REPO_ROOT, prepare_corpus
from bench.queries import DEFAULT_PASSES, QUERY_FILE, load_queries, measure_in_process
from bench.report import render_markdown, write_results

RESULTS_DIR = REPO_ROOT / "bench" / "results"
# A slice this small is a quick run: shorter load and fewer passes unless asked otherwise.
QUICK_SLICE_DOCS = 1000
QUICK_HTTP_SECONDS, FULL_HTTP_SECONDS = 10, 20
QUICK_PASSES = 2
# What a phase may fail with; the figures of the phases before it are still written.
PHASE_ERRORS = (OSError, RuntimeError, ValueError, subprocess.SubprocessError, sqlite3.Error)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the command-line options, with the quick-run defaults applied to small slices."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, help="index an evenly spread slice of N speeches (default: all)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="where the JSON and Markdown go")
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help="the ungdc.tar.gz archive")
    parser.add_argument("--queries", type=Path, default=QUERY_FILE, help="the query set")
    parser.add_argument("--skip-peers", action="store_true", help="do not build SQLite FTS5 and tantivy")
    parser.add_argument("--skip-http", action="store_true", help="do not load the HTTP server")
    parser.add_argument("--http-seconds", type=int, help="length of the HTTP load (default 20, quick runs 10)")
    parser.add_argument("--passes", type=int, help="timed passes over the query set (default 3, quick runs 2)")
    parser.add_argument("--skip-stages", action="store_true",
                        help="do not build a second time with stage timers (saves a serial build)")
    parser.add_argument("--work-dir", type=Path, help="folder for the corpus and indexes (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
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


def index_figures(corpus_dir: Path, index_dir: Path) -> dict:
    """Return documents, passages and size of the built index."""
    from indexer.engines import open_store

    store = open_store(index_dir)
    stats = store.stats()
    store.close()
    return {"documents": stats.documents, "passages": stats.passages, "size_mb": round(stats.size_bytes / 1e6, 1)}


def measure(args: argparse.Namespace, work_dir: Path, results: dict) -> None:
    """Run every part of the benchmark in ``work_dir``, adding the figures to ``results`` as they come."""
    queries = load_queries(args.queries)
    with phase("unpacking the collection"):
        corpus = prepare_corpus(args.archive, work_dir, args.docs)
    results["corpus"] = {"documents_total": corpus.documents + (1 if corpus.newcomer else 0),
                         "documents_built": corpus.documents, "words": corpus.words, "chars": corpus.chars}
    index_dir = work_dir / "index"
    with phase(f"building {corpus.documents} speeches with archive-search index"):
        results["build"] = build_index(corpus.corpus_dir, index_dir, work_dir)
    if not args.skip_stages:
        with phase("building again, one process, with stage timers"):
            results["stages"] = build_index(corpus.corpus_dir, work_dir / "index-stages", work_dir, timed=True)
        shutil.rmtree(work_dir / "index-stages", ignore_errors=True)
    with phase("adding one speech incrementally"):
        results["incremental"] = incremental_run(corpus, index_dir, work_dir)
    results["index"] = index_figures(corpus.corpus_dir, index_dir)
    with phase(f"running {len(queries)} queries in process"):
        results["search"] = measure_in_process(corpus.corpus_dir, index_dir, queries, args.passes)
    if not args.skip_http:
        from bench.load import measure_http

        with phase(f"loading the HTTP server for {args.http_seconds} s, result cache on"):
            results["http"] = measure_http(corpus.corpus_dir, index_dir, queries, args.http_seconds, work_dir)
        with phase(f"loading the HTTP server for {args.http_seconds} s, result cache off"):
            results["http_uncached"] = measure_http(corpus.corpus_dir, index_dir, queries, args.http_seconds,
                                                    work_dir, result_cache=False)
    if not args.skip_peers:
        from bench.peers import measure_peers

        with phase("building and querying SQLite FTS5 and tantivy"):
            results["peers"] = measure_peers(index_dir, queries, args.passes, work_dir,
                                             results["search"]["store"]["totals"])
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
                     "settings": {"docs": args.docs, "passes": args.passes, "http_seconds": args.http_seconds}}
    status = 0
    try:
        measure(args, work_dir, results)
    except PHASE_ERRORS as error:  # keep the figures measured so far
        results["failed"] = f"{type(error).__name__}: {error}"
        print(f"[bench] failed: {results['failed']}", file=sys.stderr)
        status = 1
    finally:
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
    json_path, markdown_path = write_results(results, args.out, stamp)
    print(render_markdown(results))
    print(f"figures: {json_path}\ntable: {markdown_path}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
