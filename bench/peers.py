"""Build the project's passages into the peer engines and run the query set there.

The passages are read back from the project's own index (every stored
record, through ``IndexStore.search`` browsing everything, so any engine's
index will do), so all engines hold exactly the same text and facet values. Each
query string is parsed once by the web app's parser into the engine-neutral
``SearchQuery`` the store receives; the peers translate it themselves.
"""
from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Iterator

from bench.queries import MS_PER_SECOND, store_query, summarise

# Totals differing by at most this fraction count as agreeing (stemmers and tokenizers differ a little).
AGREEMENT_TOLERANCE = 0.10
# What a peer raises on a query it cannot run (SQLite's errors; tantivy raises ValueError).
PEER_ERRORS = (sqlite3.Error, ValueError)


def passage_rows(index_dir: Path) -> Iterator[dict]:
    """Yield every passage stored in the project's index (any engine) as a plain dict with its facet values."""
    from indexer.engines import SearchQuery, open_store
    from indexer.fields import date_bounds, facet_values

    store = open_store(index_dir)
    try:
        everything = SearchQuery(limit=store.stats().passages, with_facets=False, with_snippets=False)
        passages = [hit.passage for hit in store.search(everything).hits]
    finally:
        store.close()
    for passage in passages:
        low, high = date_bounds(passage.date)
        yield {
            "passage_id": passage.passage_id, "doc_id": passage.doc_id, "ordinal": passage.ordinal,
            "path": passage.path, "text": passage.text, "title": passage.title or "",
            "heading": passage.heading or "", "speakers": passage.speakers, "lang": passage.lang,
            "date": passage.date, "date_low": low, "date_high": high,
            "facets": facet_values(passage),
        }


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _folder_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def agreement(project_totals: list[int], peer_totals: list[int]) -> int:
    """Return how many queries found (nearly) as many passages in both engines."""
    return sum(1 for ours, theirs in zip(project_totals, peer_totals)
               if abs(ours - theirs) <= AGREEMENT_TOLERANCE * max(ours, theirs, 1))


def measure_engine(engine, rows: list[dict], queries: tuple[str, ...], passes: int, path: Path) -> dict:
    """Build one peer engine, run the query set (a warm-up pass, then timed passes) and return its figures."""
    started = time.perf_counter()
    engine.build(rows)
    build_seconds = time.perf_counter() - started
    parsed = [store_query(query) for query in queries]
    totals, errors = [], []
    for query_string, query in zip(queries, parsed):
        try:
            totals.append(engine.search(query)["total"])
        except PEER_ERRORS as error:  # a peer's own limitation is reported, never fatal
            totals.append(0)
            errors.append(f"{query_string}: {type(error).__name__}: {error}")
    timings = []
    failing = {e.split(": ", 1)[0] for e in errors}
    for _ in range(passes):
        for query_string, query in zip(queries, parsed):
            if query_string in failing:
                continue
            began = time.perf_counter()
            engine.search(query)
            timings.append((time.perf_counter() - began) * MS_PER_SECOND)
    engine.close()
    return {"engine": engine.name, "build_seconds": round(build_seconds, 2),
            "passages_per_second": round(len(rows) / build_seconds, 1) if build_seconds else None,
            "size_mb": round(_folder_bytes(path) / 1e6, 1), "latency_ms": summarise(timings) if timings else {},
            "zero_hit_queries": sum(1 for total in totals if total == 0), "totals": totals,
            "errors": errors[:10], "error_count": len(errors)}


def measure_peers(index_dir: Path, queries: tuple[str, ...], passes: int, work_dir: Path,
                  project_totals: list[int]) -> list[dict]:
    """Return the figures of SQLite FTS5 and tantivy on the project's passages and query set."""
    from bench.peer_sqlite import SqliteEngine
    from bench.peer_tantivy import TantivyEngine

    rows = list(passage_rows(index_dir))
    figures = []
    for make, name in ((SqliteEngine, "peer.sqlite"), (TantivyEngine, "peer.tantivy")):
        path = work_dir / name
        _remove(path)
        engine_figures = measure_engine(make(path), rows, queries, passes, path)
        engine_figures["totals_agreeing"] = agreement(project_totals, engine_figures["totals"])
        figures.append(engine_figures)
    return figures
