"""Profile where the time goes: the build of a slice, and the query set, under cProfile.

Usage: ``python -m bench.profiling [--docs N] [--top K] [--out DIR]``

Builds a slice (default 500 speeches) in this process under cProfile, then
runs the query set once through the web app's test client under cProfile,
and prints the top functions by cumulative time for each (``.prof`` files
are written for snakeviz or pstats).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

from bench.corpus import ARCHIVE, prepare_corpus
from bench.queries import AppRunner, load_queries

PROFILE_DOCS = 500
TOP_FUNCTIONS = 30


def top_functions(profile: cProfile.Profile, top: int, sort: str = "cumulative") -> str:
    """Return the ``top`` functions of a profile, by ``sort``, as pstats prints them."""
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).strip_dirs().sort_stats(sort).print_stats(top)
    return stream.getvalue()


def profile_build(corpus_dir: Path, index_dir: Path) -> cProfile.Profile:
    """Return the profile of one full build of ``corpus_dir``."""
    from indexer.config import load_config
    from indexer.pipeline import index_corpus

    profile = cProfile.Profile()
    profile.runcall(index_corpus, load_config(corpus_dir=str(corpus_dir), index_dir=str(index_dir)), True)
    return profile


def profile_queries(corpus_dir: Path, index_dir: Path) -> cProfile.Profile:
    """Return the profile of the query set through the web app, after one unprofiled warm-up pass."""
    queries = load_queries()
    app = AppRunner(corpus_dir, index_dir)
    for query in queries:
        app(query)
    profile = cProfile.Profile()
    profile.enable()
    for query in queries:
        app(query)
    profile.disable()
    return profile


def main(argv: list[str] | None = None) -> int:
    """Profile a build and the query set, print the top functions and write .prof files."""
    parser = argparse.ArgumentParser(prog="python -m bench.profiling", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=PROFILE_DOCS)
    parser.add_argument("--top", type=int, default=TOP_FUNCTIONS)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)
    work_dir = Path(tempfile.mkdtemp(prefix="archive-profile-"))
    try:
        corpus = prepare_corpus(ARCHIVE, work_dir, args.docs)
        index_dir = work_dir / "index"
        for name, run in (("build", lambda: profile_build(corpus.corpus_dir, index_dir)),
                          ("queries", lambda: profile_queries(corpus.corpus_dir, index_dir))):
            profile = run()
            path = args.out / f"archive-search-{name}.prof"
            profile.dump_stats(str(path))
            print(f"=== {name}: top {args.top} by cumulative time ({path})")
            print(top_functions(profile, args.top))
            print(f"=== {name}: top {args.top} by own time")
            print(top_functions(profile, args.top, sort="tottime"))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
