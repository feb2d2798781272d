"""What each server process costs in memory: ``archive-search serve --workers N`` under load, per process, from /proc.

Resident memory counts the memory-mapped index once per process, though the
kernel holds those pages once and may drop them; so each process is measured
as its private memory (its own heap: what one more worker adds) and its
proportional share of the pages it shares with the others (PSS, which sums to
what the whole server really holds).

    python -m bench.workers --index var/index --corpus corpus --workers 1,2,4 --seconds 30
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.load import Server, process_tree, request_paths, run_wrk
from bench.queries import load_queries

KIB_PER_MIB = 1024
# The fields of /proc/PID/smaps_rollup reported, and their names here.
SMAPS_FIELDS = {"Rss": "rss_mb", "Pss": "pss_mb", "Private_Clean": "private_clean_mb",
                "Private_Dirty": "private_dirty_mb", "Anonymous": "anonymous_mb"}
DEFAULT_WORKERS = "1,2,4"
DEFAULT_SECONDS = 30


def process_memory(pid: int) -> dict[str, float]:
    """Return one process's memory figures in MiB from /proc/PID/smaps_rollup."""
    figures = dict.fromkeys(SMAPS_FIELDS.values(), 0.0)
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in SMAPS_FIELDS:
            figures[SMAPS_FIELDS[key]] = round(int(value.split()[0]) / KIB_PER_MIB, 1)
    return figures


def server_memory(pid: int) -> list[dict[str, float]]:
    """Return the memory figures of a server and each of its worker processes, the server first."""
    return [{"pid": process} | process_memory(process) for process in process_tree(pid)]


def measure(workers: int, corpus: Path, index: Path, paths: list[str], seconds: int, work_dir: Path) -> dict:
    """Serve with ``workers`` processes, load it with wrk, and return its throughput and memory per process."""
    server = Server(corpus, index, work_dir / f"serve-{workers}.log", result_cache=False, workers=workers)
    try:
        server.wait_ready()
        idle = server_memory(server.process.pid)
        load = run_wrk(server.port, paths, seconds, work_dir)
        loaded = server_memory(server.process.pid)
    finally:
        server.stop()
    return {"workers": workers, "requests_per_s": load["requests_per_s"], "errors": load["errors"],
            "idle": idle, "loaded": loaded, "total_pss_mb": round(sum(p["pss_mb"] for p in loaded), 1)}


def table(results: list[dict]) -> str:
    """Return the measurements as a Markdown table, one row per worker count."""
    lines = ["| workers | processes | q/s | per worker: private (idle → loaded) | per worker: PSS | "
             "whole server: PSS | whole server: RSS summed |", "|---|---|---|---|---|---|---|"]
    for result in results:
        workers = result["loaded"][1:] or result["loaded"]
        idle = result["idle"][1:] or result["idle"]
        private = [p["private_clean_mb"] + p["private_dirty_mb"] for p in workers]
        private_idle = [p["private_clean_mb"] + p["private_dirty_mb"] for p in idle]
        lines.append(f"| {result['workers']} | {len(result['loaded'])} | {result['requests_per_s']:.0f} | "
                     f"{min(private_idle):.0f}–{max(private_idle):.0f} → {min(private):.0f}–{max(private):.0f} MB | "
                     f"{min(p['pss_mb'] for p in workers):.0f}–{max(p['pss_mb'] for p in workers):.0f} MB | "
                     f"{result['total_pss_mb']:.0f} MB | {sum(p['rss_mb'] for p in result['loaded']):.0f} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure the server's memory at each worker count and print the table and the raw figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="a built index folder")
    parser.add_argument("--corpus", type=Path, required=True, help="its corpus folder (for vocabularies)")
    parser.add_argument("--workers", default=DEFAULT_WORKERS, help=f"worker counts (default {DEFAULT_WORKERS})")
    parser.add_argument("--seconds", type=int, default=DEFAULT_SECONDS, help="seconds of load at each count")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    paths = request_paths(load_queries())
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as work:
        results = [measure(int(count), args.corpus, args.index, paths, args.seconds, Path(work))
                   for count in args.workers.split(",")]
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
