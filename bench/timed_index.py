"""Run the ``archive-search`` command with the stage timers of ``bench.stages`` installed.

Usage: ``python -m bench.timed_index STAGES.json index --corpus DIR --index DIR [--engine E] ...``

The command's own ``main`` runs in this fresh process exactly as the console
script would; only the stage functions are wrapped (about a microsecond per
call), the store's methods those of the engine the command builds with. The
stage table, call counts, engine and wall time go to STAGES.json; the exit
status is the command's.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.stages import StageClock, instrumented, stage_functions


def built_engine(command: list[str]) -> str:
    """Return the engine an ``index`` command builds with: its ``--engine``, else the configured one."""
    from indexer.config import load_config

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--engine")
    return load_config(engine=parser.parse_known_args(command)[0].engine).engine


def main(argv: list[str] | None = None) -> int:
    """Run the command given after the output path with stage timers, and write the stage figures."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    from indexer import cli

    out, command = Path(argv[0]), argv[1:]
    engine = built_engine(command)
    clock = StageClock()
    started = time.perf_counter()
    with instrumented(clock, stage_functions(engine)):
        status = cli.main(command)
    seconds = time.perf_counter() - started
    out.write_text(json.dumps({"seconds": round(seconds, 2), "engine": engine, "stages": clock.table(seconds),
                               "calls": dict(clock.calls), "not_wrapped": clock.missing}), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
