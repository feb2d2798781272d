"""Correct under load and faults: wrk's 8 clients during rebuilds and incremental runs, a killed server, a full disk, a damaged segment.

Usage: ``python -m bench.faults [--docs N] [--seconds S] [--engine E] [--phases P,P] [--work-dir DIR] [--keep]``

Lays out a slice of the UN General Debate speeches (``../shared/data/ungdc.tar.gz``)
as a temporary corpus, builds it with ``archive-search index``, serves it with
``archive-search serve --workers 2`` on a free local port, and then:

1. loads the server with wrk (8 connections) for S seconds while full rebuilds
   run one after another, then for S seconds while incremental runs add, edit
   and withdraw speeches; every answer is written down with the index state it
   names (``X-Index-Version``) and compared with that state's own answer;
2. kills the server with SIGKILL under load and restarts it: seconds until it
   answers again, and whether it answers every search as before;
3. fills the index's disk (a small tmpfs; an injected ENOSPC where mounting is
   not allowed) during a rebuild and during an incremental run;
4. truncates a segment file of the live index under load: what the server and
   ``archive-search status`` say, and whether ``index --rebuild`` repairs it.

Prints a summary table (Markdown) and writes every figure to ``faults.json`` in
the work folder. See docs/faults.md.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import ARCHIVE, COLLECTION, prepare_corpus
from bench.fault_cases import CorpusChanges, FaultServer, run_cli
from bench.fault_load import Expected, Recorder, check, stale_answers
from bench.fault_phases import damaged_segment, kill_and_restart
from bench.full_disk import full_disk
from bench.load import HOST, request_paths
from bench.queries import load_queries
from bench.run import commit_id
from indexer.config import Config
from indexer.engines import DEFAULT_ENGINE, ENGINES

# A slice whose rebuild (about 35 s under load on two cores) goes live inside a 60 s load phase.
DEFAULT_DOCS = 300
DEFAULT_SECONDS = 60
# Speeches of the slice held back, so that the incremental phase has speeches to add.
HELD_BACK = 60
# Runs a load phase sees end at the least (so at least two rebuilds go live under load): the load goes on past
# its seconds until they have, up to this many times its seconds.
MIN_RUNS = {"rebuild": 2, "incremental": 3}
MAX_LOAD_TIMES = 10
PHASES = ("rebuild", "incremental", "kill", "disk", "damage")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS,
                        help=f"speeches in the corpus, an evenly spread slice (default {DEFAULT_DOCS})")
    parser.add_argument("--seconds", type=int, default=DEFAULT_SECONDS,
                        help=f"length of each load phase (default {DEFAULT_SECONDS})")
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help="the engine to build with")
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help="the ungdc.tar.gz archive")
    parser.add_argument("--work-dir", type=Path, help="folder for corpus, index and logs (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--phases", type=phase_list, default=PHASES,
                        help=f"the phases to run, in this order (default: {','.join(PHASES)})")
    args = parser.parse_args(argv)
    if args.docs <= HELD_BACK + 10:
        parser.error(f"--docs must be above {HELD_BACK + 10}: {HELD_BACK} speeches are held back to be added")
    return args


def phase_list(text: str) -> tuple[str, ...]:
    """Return the phases named in a comma-separated list, in the benchmark's order."""
    names = {name.strip() for name in text.split(",") if name.strip()}
    if not names or names - set(PHASES):
        raise argparse.ArgumentTypeError(f"choose phases among {', '.join(PHASES)}, not {text!r}")
    return tuple(name for name in PHASES if name in names)


def say(message: str) -> None:
    """Print progress on stderr."""
    print(f"[faults] {message}", file=sys.stderr, flush=True)


class Bench:
    """The corpus, the index, the server and the expected answers shared by every phase."""

    def __init__(self, args: argparse.Namespace, work_dir: Path):
        self.args, self.work_dir = args, work_dir
        corpus = prepare_corpus(args.archive, work_dir, args.docs)
        self.config = Config(corpus_dir=corpus.corpus_dir, index_dir=work_dir / "index", engine=args.engine)
        speeches = sorted(p.relative_to(corpus.corpus_dir).as_posix()
                          for p in (corpus.corpus_dir / COLLECTION).rglob("*.txt"))
        self.changes = CorpusChanges(corpus.corpus_dir, self.config.index_dir, work_dir, args.engine)
        self.changes.hold_back(speeches[-HELD_BACK:])
        self.changes.indexed = speeches[:-HELD_BACK]
        self.paths = request_paths(load_queries())
        self.server = FaultServer(corpus.corpus_dir, self.config.index_dir, work_dir)
        self.expected = Expected(f"http://{HOST}:{self.server.port}")

    def index_args(self) -> tuple[str, ...]:
        """Return the options naming this corpus, index and engine."""
        return ("--corpus", str(self.config.corpus_dir), "--index", str(self.config.index_dir),
                "--engine", self.args.engine)

    def build(self) -> dict:
        """Build the index from scratch and start the server."""
        outcome = run_cli(self.work_dir, "index", "--rebuild", "--quiet", *self.index_args())
        if outcome.exit_code != 0:
            raise RuntimeError(f"the first build failed: {outcome.output[-2000:]}")
        self.server.start()
        self.server.wait_ready()
        return {"build_s": outcome.seconds, "summary": outcome.last_line()}

    def take_expected(self) -> tuple[str, int]:
        """Take the live state's answers to every path and count the server's answers from another state."""
        version = self.expected.record(self.config, self.paths)
        return version, stale_answers(self.server.port, self.paths, version)

    def load_phase(self, name: str, action) -> dict:
        """Load the server while ``action`` runs again and again, for the phase's seconds and at least
        ``MIN_RUNS`` runs (each followed by the expected answers of the state it left); check every answer."""
        self.take_expected()
        recorder = Recorder(self.server.port, self.paths, MAX_LOAD_TIMES * self.args.seconds, self.work_dir, name)
        runs, stale, failures = [], 0, []
        while recorder.running():
            kind, outcome = action()
            runs.append(outcome.seconds)
            if outcome.exit_code != 0:
                failures.append(f"{kind}: exit {outcome.exit_code}: {outcome.last_line()}")
            stale += self.take_expected()[1]
            if recorder.elapsed() >= self.args.seconds and len(runs) >= MIN_RUNS[name]:
                recorder.stop()
                break
        figures, answers = recorder.finish()
        say(f"{name}: {len(runs)} runs, {figures['requests']} requests")
        return figures | check(answers, self.expected) | {
            "runs": len(runs), "run_seconds": runs, "run_failures": failures, "stale_at_rest": stale,
            "server_tracebacks": self.server.logged_tracebacks()}

    def rebuild(self) -> tuple[str, object]:
        """Rebuild the index from the corpus."""
        return "rebuild", run_cli(self.work_dir, "index", "--rebuild", "--quiet", *self.index_args())


def run(args: argparse.Namespace, work_dir: Path) -> dict:
    """Run every phase and return the figures."""
    bench = Bench(args, work_dir)
    results = {"settings": {"docs": args.docs, "seconds": args.seconds, "engine": args.engine,
                            "commit": commit_id(), "date": time.strftime("%Y-%m-%d")}}
    phases = {"rebuild": lambda: bench.load_phase("rebuild", bench.rebuild),
              "incremental": lambda: bench.load_phase("incremental", bench.changes.next_change),
              "kill": lambda: kill_and_restart(bench), "disk": lambda: full_disk(bench),
              "damage": lambda: damaged_segment(bench)}
    try:
        say("building")
        results["build"] = bench.build()
        for name in args.phases:
            say(f"phase {name}")
            results[name] = phases[name]()
    finally:
        bench.server.stop()
    return results


def render(results: dict) -> str:
    """Return the summary as Markdown: the load table, then one line per fault."""
    from bench.fault_report import fault_lines, load_table

    settings = results["settings"]
    head = (f"Fault benchmark: {settings['docs']} speeches, {settings['engine']}, {settings['seconds']} s per load "
            f"phase, commit {settings['commit']}, {settings['date']}")
    return "\n".join([head, "", *load_table(results), "", *fault_lines(results)])


def main(argv: list[str] | None = None) -> int:
    """Run the fault benchmark and print its summary."""
    args = parse_args(argv)
    work_dir = args.work_dir or Path(tempfile.mkdtemp(prefix="archive-faults-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        results = run(args, work_dir)
        (work_dir / "faults.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(render(results))
    finally:
        if not args.keep and args.work_dir is None:
            shutil.rmtree(work_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
