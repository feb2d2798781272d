"""How costs grow with the collection: the UN General Debate repeated K times, measured at each K.

``python -m bench.run --scale 1,3,10`` lays out the speeches K times (each copy
shifted by K centuries: its own paths, years, sessions and titles, so a distinct
document with its own facets), builds the index with the default engine end to
end, and measures build time and memory, index size, the committed query set
through the web app (facets and snippets, result cache off) and the resident
memory of ``archive-search serve`` under load. One K at a time; each K's folder
is removed before the next.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from bench.build import build_index
from bench.corpus import prepare_corpus
from bench.queries import measure_in_process

# The web app's search budget of the engine issue (#9), result cache off: the curve says which K meet it.
SEARCH_BUDGET_MS = {"p50": 10.0, "p95": 50.0, "p99": 100.0}
# Timed passes over the query set per K: the collection is large, the set is fixed.
SCALE_PASSES = 2


def scale_list(text: str) -> tuple[int, ...]:
    """Return the scales of a comma-separated list (each at least 1), in order and without repeats."""
    try:
        scales = tuple(dict.fromkeys(int(part) for part in text.split(",") if part.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--scale takes whole numbers such as 1,3,10, not {text!r}") from None
    if not scales or min(scales) < 1:
        raise argparse.ArgumentTypeError(f"--scale takes whole numbers from 1, such as 1,3,10, not {text!r}")
    return scales


def within_budget(latency: dict) -> bool:
    """Return whether a latency summary meets the search budget at every percentile."""
    return all(latency.get(name, float("inf")) <= limit for name, limit in SEARCH_BUDGET_MS.items())


def measure_scale(args: argparse.Namespace, copies: int, queries: tuple[str, ...], work_dir: Path, phase) -> dict:
    """Build and measure the collection repeated ``copies`` times in ``work_dir`` with the first engine."""
    from bench.run import index_figures

    engine = args.engines[0]
    figures: dict = {"copies": copies, "engine": engine}
    with phase(f"scale {copies}: laying out the collection {copies} times"):
        corpus = prepare_corpus(args.archive, work_dir, args.docs, copies)
    figures["corpus"] = {"documents": corpus.documents, "words": corpus.words, "chars": corpus.chars}
    index_dir = work_dir / "index"
    with phase(f"scale {copies}: building {corpus.documents} speeches with {engine}"):
        figures["build"] = build_index(corpus.corpus_dir, index_dir, work_dir, engine)
    if not figures["build"].get("passages"):
        raise RuntimeError(f"the scale {copies} build wrote no index: {figures['build']['summary']}")
    figures["index"] = index_figures(index_dir)
    with phase(f"scale {copies}: running {len(queries)} queries in process"):
        figures["search"] = measure_in_process(corpus.corpus_dir, index_dir, queries, SCALE_PASSES)
    figures["within_budget"] = within_budget(figures["search"]["app"]["latency_ms"])
    figures["words_within_budget"] = within_budget(figures["search"]["app"].get("with_words_latency_ms", {}))
    if not args.skip_http:
        from bench.load import measure_http

        with phase(f"scale {copies}: loading the HTTP server for {args.http_seconds} s, result cache off"):
            figures["http_uncached"] = measure_http(corpus.corpus_dir, index_dir, queries, args.http_seconds,
                                                    work_dir, result_cache=False)
    return figures


def one_copy(point: dict) -> dict:
    """Return the size of the collection itself (one copy) as the report's heading states it."""
    copies, corpus = point["copies"], point["corpus"]
    documents = corpus["documents"] // copies
    return {"documents_total": documents, "documents_built": documents, "words": corpus["words"] // copies,
            "chars": corpus["chars"] // copies}


def measure_curve(args: argparse.Namespace, queries: tuple[str, ...], work_dir: Path, results: dict, phase) -> None:
    """Measure every scale of ``args.scale`` in turn, adding each point to ``results["scale"]`` as it comes."""
    points = results.setdefault("scale", [])
    for copies in args.scale:
        folder = work_dir / f"scale-{copies}"
        try:
            points.append(measure_scale(args, copies, queries, folder, phase))
            results.setdefault("corpus", one_copy(points[-1]))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _ms(latency: dict, name: str) -> str:
    value = latency.get(name)
    return f"{value:,.1f}" if value is not None else "–"


def curve_row(point: dict) -> tuple[str, ...]:
    """Return one scale's row of the curve table."""
    build, index, app = point.get("build", {}), point.get("index", {}), point.get("search", {}).get("app", {})
    every, words = app.get("latency_ms", {}), app.get("with_words_latency_ms", {})
    browse = app.get("browse_latency_ms", {})
    server = point.get("http_uncached", {}).get("server_peak_rss_mb")
    return (f"×{point['copies']}", f"{index.get('documents', 0):,}", f"{index.get('passages', 0):,}",
            f"{build.get('seconds', 0):,.0f}", f"{build.get('peak_rss_mb', 0):,.0f}", f"{index.get('size_mb', 0):,.0f}",
            f"{_ms(every, 'p50')} / {_ms(every, 'p95')} / {_ms(every, 'p99')}",
            f"{_ms(words, 'p50')} / {_ms(words, 'p95')}", f"{_ms(browse, 'p50')} / {_ms(browse, 'p95')}",
            f"{server:,.0f}" if server is not None else "–",
            "yes" if point.get("within_budget") else ("words only" if point.get("words_within_budget") else "no"))


CURVE_COLUMNS = ("scale", "documents", "passages", "build, s", "build peak RSS, MB", "index, MB",
                 "web p50 / p95 / p99, all lines, ms", "p50 / p95, lines with words, ms",
                 "p50 / p95, browse lines, ms", "server peak RSS, MB", "search budget met")


def curve_markdown(points: list[dict]) -> list[str]:
    """Return the cost curve as Markdown lines (a heading sentence and a table)."""
    if not points:
        return []
    budget = ", ".join(f"{name} ≤ {limit:g} ms" for name, limit in SEARCH_BUDGET_MS.items())
    lines = ["", f"Cost curve, the collection repeated K times ({points[0].get('engine')}; search budget {budget}, "
                 "web app, result cache off):", "", "| " + " | ".join(CURVE_COLUMNS) + " |",
             "|" + "---|" * len(CURVE_COLUMNS)]
    lines += ["| " + " | ".join(curve_row(point)) + " |" for point in points]
    return lines
