"""The committed query set, and its latency through the web app and through the store alone.

Each line of ``bench/queries.txt`` is the query string of a search page. The
web-app run sends it to ``/api/search`` through Flask's test client, which
exercises the same request parsing, store search (with facets and snippets)
and rendering as a browser would, minus the socket. The store run parses the
line with the web app's parser and calls ``IndexStore.search`` directly.
"""
from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import parse_qsl, urlencode

QUERY_FILE = Path(__file__).resolve().parent / "queries.txt"
EMPTY_QUERY = "(empty)"  # a line meaning the bare search page
COMMENT = "#"
API_PATH = "/api/search"
# Passes over the whole set after the warm-up pass; the percentiles pool every pass.
DEFAULT_PASSES = 3
PERCENTILES = (50, 95, 99)
MS_PER_SECOND = 1000.0


def load_queries(path: Path = QUERY_FILE) -> tuple[str, ...]:
    """Return the query strings of a query file, in order, normalised to URL encoding."""
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(COMMENT):
            continue
        queries.append("" if line == EMPTY_QUERY else urlencode(query_pairs(line)))
    return tuple(queries)


def query_pairs(query_string: str) -> list[tuple[str, str]]:
    """Return the (name, value) pairs of a query string ("+" and %-escapes decoded)."""
    return parse_qsl(query_string, keep_blank_values=False)


def search_request(query_string: str):
    """Return the web app's ``SearchRequest`` for a query string."""
    from werkzeug.datastructures import MultiDict

    from webapp.request import parse_search_request

    return parse_search_request(MultiDict(query_pairs(query_string)))


def store_query(query_string: str):
    """Return the engine-neutral ``SearchQuery`` the web app would send to the store."""
    return search_request(query_string).to_query(default_sort="relevance")


def percentile(values: Iterable[float], p: float) -> float:
    """Return the p-th percentile of ``values``, interpolating between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = (len(ordered) - 1) * p / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(milliseconds: list[float]) -> dict[str, float]:
    """Return p50, p95, p99, mean and max of latencies in milliseconds, rounded to 0.1 ms."""
    figures = {f"p{p}": percentile(milliseconds, p) for p in PERCENTILES}
    figures["mean"] = sum(milliseconds) / len(milliseconds)
    figures["max"] = max(milliseconds)
    return {name: round(value, 1) for name, value in figures.items()}


def has_words(query_string: str) -> bool:
    """Return whether a line of the query set searches for words (``q``), not a browse page."""
    return any(name == "q" and value.strip() for name, value in query_pairs(query_string))


def timed_passes(run_one: Callable[[str], int], queries: tuple[str, ...], passes: int) -> dict:
    """Run every query once to warm up, then ``passes`` times timed; return latencies and hit totals.

    Besides every line, the lines with query words and the browse lines are summarised apart: browsing
    shows one hit per document, which costs more than a page of passages.
    """
    totals = [run_one(query) for query in queries]
    timings = []
    for _ in range(passes):
        for query in queries:
            started = time.perf_counter()
            run_one(query)
            timings.append((time.perf_counter() - started) * MS_PER_SECOND)
    per_query = [timings[i::len(queries)] for i in range(len(queries))]
    slowest = sorted(zip(queries, (min(t) for t in per_query)), key=lambda pair: -pair[1])
    worded = [t for i, t in enumerate(timings) if has_words(queries[i % len(queries)])]
    browsing = [t for i, t in enumerate(timings) if not has_words(queries[i % len(queries)])]
    return {"queries": len(queries), "passes": passes, "latency_ms": summarise(timings),
            "with_words_latency_ms": summarise(worded) if worded else {},
            "browse_latency_ms": summarise(browsing) if browsing else {},
            "zero_hit_queries": sum(1 for total in totals if total == 0),
            "totals": totals, "slowest": [{"query": q, "ms": round(ms, 1)} for q, ms in slowest[:5]]}


class AppRunner:
    """Searches through the web app's JSON API with Flask's test client; counts non-200 answers."""

    def __init__(self, corpus_dir: Path, index_dir: Path):
        from indexer.config import load_config
        from webapp import create_app

        # The result cache off: every timed pass repeats the warm-up's queries, which it would answer.
        config = load_config(corpus_dir=str(corpus_dir), index_dir=str(index_dir), result_cache_size=0)
        self.client = create_app({"ARCHIVE_CONFIG": config, "TESTING": True}).test_client()
        self.errors: list[str] = []

    def __call__(self, query_string: str) -> int:
        """Return the total of one search, recording any error answer."""
        response = self.client.get(f"{API_PATH}?{query_string}" if query_string else API_PATH)
        if response.status_code != 200:
            self.errors.append(f"{response.status_code} {query_string}")
            return 0
        return int(response.get_json().get("total", 0))


class StoreRunner:
    """Searches straight through ``IndexStore.search`` with the web app's parsed request."""

    def __init__(self, index_dir: Path):
        from indexer.engines import open_store

        self.store = open_store(index_dir)
        self._parsed: dict[str, object] = {}

    def __call__(self, query_string: str) -> int:
        """Return the total of one search."""
        query = self._parsed.get(query_string)
        if query is None:
            query = self._parsed[query_string] = store_query(query_string)
        return self.store.search(query).total

    def close(self) -> None:
        """Release the store."""
        self.store.close()


def measure_in_process(corpus_dir: Path, index_dir: Path, queries: tuple[str, ...], passes: int) -> dict:
    """Return the latency of the query set through the web app and through the store alone."""
    app = AppRunner(corpus_dir, index_dir)
    through_app = timed_passes(app, queries, passes)
    through_app["errors"] = app.errors[:10]
    through_app["error_count"] = len(app.errors)
    store = StoreRunner(index_dir)
    through_store = timed_passes(store, queries, passes)
    store.close()
    return {"app": through_app, "store": through_store}
