"""The benchmark's figures against the issue's targets, as JSON and as a small Markdown table."""
from __future__ import annotations

import json
from pathlib import Path

# The targets of issue 5 on the full collection, on a 2-core machine.
FULL_COLLECTION_DOCS = 10_952
TARGET_BUILD_S = 600.0  # full build end to end: 10 minutes
TARGET_INCREMENTAL_S = 2.0  # one new document searchable after the run starts
TARGET_P50_MS = 30.0
TARGET_P95_MS = 100.0
TARGET_QPS = 100.0  # through the HTTP server with 8 concurrent clients, no errors
TARGET_SERVER_MB = 1024.0  # server resident memory
MISSING = "–"


def _get(results: dict, *path, default=None):
    value = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return default
        value = value[key]
    return value


def _fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return MISSING
    if isinstance(value, (int, float)):
        return f"{value:,.{digits}f}{unit}"
    return str(value)


def _verdict(value, target: float, at_most: bool, applies: bool = True) -> str:
    if value is None:
        return MISSING
    if not applies:
        return "n/a (slice)"
    return "yes" if (value <= target if at_most else value >= target) else "**no**"


def ratio(ours, theirs) -> str:
    """Return "×R", how many times the project's figure is the peer's (– when either is missing)."""
    if not ours or not theirs:
        return MISSING
    return f"×{ours / theirs:.1f}"


def _peer(results: dict, name: str) -> dict:
    return next((p for p in results.get("peers") or () if p.get("engine") == name), {})


def target_rows(results: dict) -> list[tuple[str, str, str, str]]:
    """Return (measure, figure, target, met) rows of the headline figures."""
    full = _get(results, "corpus", "documents_total", default=0) >= FULL_COLLECTION_DOCS
    build = _get(results, "build", "seconds")
    searchable = _get(results, "incremental", "searchable_after_s")
    lost = bool(results.get("incremental")) and searchable is None
    p50, p95 = _get(results, "search", "app", "latency_ms", "p50"), _get(results, "search", "app", "latency_ms", "p95")
    rss = _get(results, "http", "server_peak_rss_mb")
    return [
        ("full build, end to end", _fmt(build, " s"), f"≤ {TARGET_BUILD_S:.0f} s", _verdict(build, TARGET_BUILD_S, True, full)),
        ("new document searchable", "never found" if lost else _fmt(searchable, " s", 2),
         f"≤ {TARGET_INCREMENTAL_S:.0f} s", "**no**" if lost else _verdict(searchable, TARGET_INCREMENTAL_S, True)),
        ("search p50 (web app, facets + snippets)", _fmt(p50, " ms"), f"≤ {TARGET_P50_MS:.0f} ms",
         _verdict(p50, TARGET_P50_MS, True)),
        ("search p95", _fmt(p95, " ms"), f"≤ {TARGET_P95_MS:.0f} ms", _verdict(p95, TARGET_P95_MS, True)),
        http_row(results, "http", "HTTP throughput, 8 clients (result cache on)"),
        http_row(results, "http_uncached", "HTTP throughput, 8 clients, result cache off"),
        ("server memory (peak resident)", _fmt(rss, " MB", 0), f"≤ {TARGET_SERVER_MB:.0f} MB",
         _verdict(rss, TARGET_SERVER_MB, True)),
    ]


def http_row(results: dict, key: str, label: str) -> tuple[str, str, str, str]:
    """Return the target row of one HTTP load."""
    qps, errors = _get(results, key, "requests_per_s"), _get(results, key, "errors")
    met = f"**no** ({errors} errors)" if errors else _verdict(qps, TARGET_QPS, at_most=False)
    return label, _fmt(qps, " q/s"), f"≥ {TARGET_QPS:.0f} q/s, no errors", met


def comparison_rows(results: dict) -> list[tuple[str, ...]]:
    """Return (measure, project, SQLite FTS5, tantivy) rows, with the project ÷ peer ratios."""
    sqlite, tantivy = _peer(results, "SQLite FTS5"), _peer(results, "tantivy")
    writing = _get(results, "stages", "stages", "index writing")
    rows = [("index the passages", _fmt(writing, " s"), _fmt(sqlite.get("build_seconds"), " s"),
             _fmt(tantivy.get("build_seconds"), " s"))]
    for name in ("p50", "p95", "p99"):
        ours = _get(results, "search", "store", "latency_ms", name)
        rows.append((f"search {name} (engine alone)", _fmt(ours, " ms"),
                     _fmt(_get(sqlite, "latency_ms", name), " ms"), _fmt(_get(tantivy, "latency_ms", name), " ms")))
        rows.append((f"  ratio project ÷ peer, {name}", "", ratio(ours, _get(sqlite, "latency_ms", name)),
                     ratio(ours, _get(tantivy, "latency_ms", name))))
    rows.append(("index size", _fmt(_get(results, "index", "size_mb"), " MB"), _fmt(sqlite.get("size_mb"), " MB"),
                 _fmt(tantivy.get("size_mb"), " MB")))
    queries = _get(results, "search", "store", "queries")
    rows.append(("queries with the project's total (±10 %)", _fmt(queries, "", 0),
                 _fmt(sqlite.get("totals_agreeing"), "", 0), _fmt(tantivy.get("totals_agreeing"), "", 0)))
    return rows


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def summary_lines(results: dict) -> list[str]:
    """Return the sentences under the target table: build speed and memory, HTTP latency and errors."""
    build, timed, http = results.get("build") or {}, results.get("stages"), results.get("http") or {}
    sentence = (f"Build: {_fmt(build.get('passages_per_second'), ' passages/s', 0)}, peak memory "
                f"{_fmt(build.get('peak_rss_mb'), ' MB', 0)}")
    if timed:
        sentence += (f"; in one process with stage timers {_fmt(timed.get('seconds'), ' s')}, "
                     f"peak memory {_fmt(timed.get('peak_rss_mb'), ' MB', 0)}")
    sentence += "."
    if http:
        sentence += (f" HTTP ({http.get('tool', MISSING)}): latency p50 {_fmt(_get(http, 'latency_ms', 'p50'), ' ms')}, "
                     f"p99 {_fmt(_get(http, 'latency_ms', 'p99'), ' ms')}, {_fmt(http.get('requests'), '', 0)} requests, "
                     f"{_fmt(http.get('errors'), '', 0)} errors")
        if http.get("server_errors"):
            sentence += f" (server: {'; '.join(http['server_errors'])})"
        sentence += "."
    return [sentence]


def render_markdown(results: dict) -> str:
    """Return the run's figures as Markdown: targets, stages, peers."""
    corpus = results.get("corpus") or {}
    stages = (results.get("stages") or {}).get("stages") or {}
    total = sum(stages.values()) or 1.0
    lines = [f"**The run failed: {results['failed']}** (figures up to that point below).", ""] \
        if results.get("failed") else []
    lines += [f"Benchmark of {_fmt(corpus.get('documents_total'), '', 0)} UN General Debate speeches "
              f"({_fmt(corpus.get('words'), '', 0)} words, {_fmt(_get(results, 'index', 'passages'), '', 0)} "
              f"passages), {results.get('machine', {}).get('cpus', MISSING)} CPUs, {results.get('started', '')}, "
              f"commit {results.get('commit', MISSING)}.", ""]
    lines += _table(("measure", "figure", "target", "met"), target_rows(results))
    lines += [""] + summary_lines(results) + [""]
    if stages:
        lines += _table(("stage", "seconds", "share"),
                        [(name, _fmt(seconds, " s"), f"{100 * seconds / total:.0f} %") for name, seconds in stages.items()])
        lines.append("")
    if results.get("peers"):
        lines += _table(("measure", "this project", "SQLite FTS5", "tantivy"), comparison_rows(results))
    return "\n".join(lines) + "\n"


def write_results(results: dict, out_dir: Path, stamp: str) -> tuple[Path, Path]:
    """Write the figures as ``<stamp>.json`` and ``latest.json``, and the table as ``latest.md``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, ensure_ascii=False, indent=1)
    json_path = out_dir / f"{stamp}.json"
    json_path.write_text(text, encoding="utf-8")
    (out_dir / "latest.json").write_text(text, encoding="utf-8")
    markdown_path = out_dir / "latest.md"
    markdown_path.write_text(render_markdown(results), encoding="utf-8")
    return json_path, markdown_path
