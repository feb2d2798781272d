"""Run the ``archive-search`` command with the stage timers of ``bench.stages`` installed.

Usage: ``python -m bench.timed_index STAGES.json index --corpus DIR --index DIR ...``

The command's own ``main`` runs in this fresh process exactly as the console
script would; only the stage functions are wrapped (about a microsecond per
call). The stage table, call counts and wall time go to STAGES.json; the exit
status is the command's.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bench.stages import StageClock, instrumented


def main(argv: list[str] | None = None) -> int:
    """Run the command given after the output path with stage timers, and write the stage figures."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    from indexer import cli

    out, command = Path(argv[0]), argv[1:]
    clock = StageClock()
    started = time.perf_counter()
    with instrumented(clock):
        status = cli.main(command)
    seconds = time.perf_counter() - started
    out.write_text(json.dumps({"seconds": round(seconds, 2), "stages": clock.table(seconds),
                               "calls": dict(clock.calls), "not_wrapped": clock.missing}), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
