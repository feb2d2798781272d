"""The benchmark's figures as JSON and as Markdown: the project's engines beside the peers, then the targets.

One comparison table has a column per system (the project on each engine,
then the peers); the targets table judges the default engine, the first of
``--engines``.
"""
from __future__ import annotations

import json
from pathlib import Path

from bench.peers import agreement
from bench.scale import curve_markdown

# The targets, judged on the default engine; 2-core machine.
FULL_COLLECTION_DOCS = 10_952  # the build target is for the whole collection only
TARGET_BUILD_S = 180.0  # full build, end to end: 3 minutes
TARGET_APP_MS = {"p50": 10.0, "p95": 50.0, "p99": 100.0}  # web app's /api/search, result cache off
TARGET_PEER_RATIO = 2.0  # engine alone at most twice the raw tantivy peer's latency, p50 and p95
PEER_RATIO_PERCENTILES = ("p50", "p95")
TARGET_QPS = 200.0  # through the HTTP server with 8 concurrent clients, result cache off, no errors
TARGET_SERVER_MB = 500.0  # server resident memory at its peak
TARGET_SIZE_RATIO = 1.5  # index size at most 1.5 times the raw tantivy peer's
TARGET_INCREMENTAL_S = 1.0  # one new document searchable after the incremental run starts
REFERENCE_PEER = "tantivy"  # the peer the ratio targets compare with
PEER_LABELS = {"SQLite FTS5": "SQLite FTS5", "tantivy": "tantivy peer"}
MISSING = "–"
MET, NOT_MET, SLICE_ONLY = "met", "**not met**", "n/a (slice)"
NEVER_FOUND = "never found"
# (row, key of a column's figures, decimals): the comparison table, top to bottom.
COMPARISON_ROWS = (
    ("build, s", "build_s", 1),
    ("build, passages/s", "passages_per_s", 0),
    ("index, MB", "size_mb", 1),
    ("search p50, ms (web app, cache off)", "app_p50", 1),
    ("search p95, ms (web app, cache off)", "app_p95", 1),
    ("search p99, ms (web app, cache off)", "app_p99", 1),
    ("search p50 / p95 of lines with query words, ms (web app)", "words_p50_p95", None),
    ("search p50 / p95 of browse lines (one hit per document), ms (web app)", "browse_p50_p95", None),
    ("engine alone p50, ms", "alone_p50", 1),
    ("engine alone p95, ms", "alone_p95", 1),
    ("HTTP q/s, cache off (8 clients)", "qps_off", 0),
    ("HTTP q/s, cache on (8 clients)", "qps_on", 0),
    ("server RSS, MB (peak)", "server_mb", 0),
    ("new doc searchable, s", "searchable_s", 2),
)


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
        return SLICE_ONLY
    return MET if (value <= target if at_most else value >= target) else NOT_MET


def ratio(ours, theirs) -> str:
    """Return "×R", how many times the project's figure is the peer's (– when either is missing)."""
    if not ours or not theirs:
        return MISSING
    return f"×{ours / theirs:.1f}"


def default_engine(results: dict) -> str | None:
    """Return the engine judged against the targets: the first one measured."""
    return _get(results, "settings", "default_engine") or next(iter(results.get("engines") or {}), None)


def _peer(results: dict, name: str) -> dict:
    return next((p for p in results.get("peers") or () if p.get("engine") == name), {})


def server_mb(figures: dict) -> float | None:
    """Return the server's peak resident memory over both HTTP loads of one engine."""
    peaks = [_get(figures, key, "server_peak_rss_mb") for key in ("http", "http_uncached")]
    return max((peak for peak in peaks if peak is not None), default=None)


def searchable_s(figures: dict):
    """Return the seconds until the new document was found, or "never found"."""
    searchable = _get(figures, "incremental", "searchable_after_s")
    return NEVER_FOUND if figures.get("incremental") and searchable is None else searchable


def _http_cell(figures: dict, key: str):
    qps, errors = _get(figures, key, "requests_per_s"), _get(figures, key, "errors")
    return f"{_fmt(qps, '', 0)} ({errors} errors)" if errors else qps


def pair_cell(latency: dict) -> str | None:
    """Return "p50 / p95" of a latency summary, or None without one."""
    if not latency:
        return None
    return f"{latency['p50']:.1f} / {latency['p95']:.1f}"


def project_column(figures: dict) -> dict:
    """Return one engine's figures under the keys of ``COMPARISON_ROWS``, and its query totals."""
    latency = {runner: _get(figures, "search", runner, "latency_ms", default={}) for runner in ("app", "store")}
    return {"build_s": _get(figures, "build", "seconds"),
            "passages_per_s": _get(figures, "build", "passages_per_second"),
            "size_mb": _get(figures, "index", "size_mb"),
            **{f"app_{name}": latency["app"].get(name) for name in TARGET_APP_MS},
            **{f"alone_{name}": latency["store"].get(name) for name in PEER_RATIO_PERCENTILES},
            "words_p50_p95": pair_cell(_get(figures, "search", "app", "with_words_latency_ms", default={})),
            "browse_p50_p95": pair_cell(_get(figures, "search", "app", "browse_latency_ms", default={})),
            "qps_off": _http_cell(figures, "http_uncached"), "qps_on": _http_cell(figures, "http"),
            "server_mb": server_mb(figures), "searchable_s": searchable_s(figures),
            "totals": _get(figures, "search", "store", "totals")}


def peer_column(peer: dict) -> dict:
    """Return a peer's figures under the keys of ``COMPARISON_ROWS`` (what it has), and its query totals."""
    return {"build_s": peer.get("build_seconds"), "passages_per_s": peer.get("passages_per_second"),
            "size_mb": peer.get("size_mb"), "alone_p50": _get(peer, "latency_ms", "p50"),
            "alone_p95": _get(peer, "latency_ms", "p95"), "totals": peer.get("totals")}


def columns(results: dict) -> list[tuple[str, dict]]:
    """Return (heading, figures) of every system: the project on each engine, then each peer."""
    found = [(f"this project, {engine}", project_column(figures))
             for engine, figures in (results.get("engines") or {}).items()]
    return found + [(PEER_LABELS.get(peer.get("engine"), peer.get("engine")), peer_column(peer))
                    for peer in results.get("peers") or ()]


def comparison_rows(results: dict) -> list[tuple[str, ...]]:
    """Return the comparison table's rows: a measure, then one cell per system of ``columns``."""
    found = columns(results)
    rows = [(label, *(_fmt(column.get(key), "", digits) for _, column in found))
            for label, key, digits in COMPARISON_ROWS]
    reference = _get(results, "engines", default_engine(results), "search", "store", "totals")
    if reference:
        rows.append((f"queries with {default_engine(results)}'s total (±10 %), of {len(reference)}",
                     *(_fmt(agreement(reference, column["totals"]) if column.get("totals") else None, "", 0)
                       for _, column in found)))
    return rows


def ratio_row(label: str, ours, theirs, unit: str, target: float) -> tuple[str, str, str, str]:
    """Return the target row of a ratio between the project's figure and the tantivy peer's."""
    quotient = ours / theirs if ours and theirs else None
    figure = f"{ratio(ours, theirs)} ({_fmt(ours, unit)} ÷ {_fmt(theirs, unit)})" if quotient else MISSING
    return label, figure, f"≤ ×{target:g}", _verdict(quotient, target, at_most=True)


def http_row(figures: dict) -> tuple[str, str, str, str]:
    """Return the target row of the HTTP load with the result cache off."""
    qps, errors = _get(figures, "http_uncached", "requests_per_s"), _get(figures, "http_uncached", "errors")
    figure = f"{_fmt(qps, ' q/s')}, {errors} errors" if qps is not None else MISSING
    met = f"{NOT_MET} ({errors} errors)" if errors else _verdict(qps, TARGET_QPS, at_most=False)
    return "HTTP throughput, 8 clients, result cache off", figure, f"≥ {TARGET_QPS:.0f} q/s, 0 errors", met


def target_rows(results: dict) -> list[tuple[str, str, str, str]]:
    """Return (measure, figure, target, met) rows of the default engine."""
    figures = _get(results, "engines", default_engine(results), default={})
    peer = _peer(results, REFERENCE_PEER)
    full = _get(results, "corpus", "documents_total", default=0) >= FULL_COLLECTION_DOCS
    build, rss, searchable = _get(figures, "build", "seconds"), server_mb(figures), searchable_s(figures)
    rows = [("full build, end to end", _fmt(build, " s"), f"≤ {TARGET_BUILD_S:.0f} s",
             _verdict(build, TARGET_BUILD_S, True, full))]
    for name, target in TARGET_APP_MS.items():
        value = _get(figures, "search", "app", "latency_ms", name)
        rows.append((f"search {name} (web app, result cache off)", _fmt(value, " ms"), f"≤ {target:.0f} ms",
                     _verdict(value, target, True)))
    for name in PEER_RATIO_PERCENTILES:
        ours = _get(figures, "search", "store", "latency_ms", name)
        rows.append(ratio_row(f"engine alone {name} ÷ tantivy peer's", ours, _get(peer, "latency_ms", name), " ms",
                              TARGET_PEER_RATIO))
    return rows + [
        http_row(figures),
        ("server memory (peak resident)", _fmt(rss, " MB", 0), f"≤ {TARGET_SERVER_MB:.0f} MB",
         _verdict(rss, TARGET_SERVER_MB, True)),
        ratio_row("index size ÷ tantivy peer's", _get(figures, "index", "size_mb"), peer.get("size_mb"), " MB",
                  TARGET_SIZE_RATIO),
        ("new document searchable", _fmt(searchable, " s", 2), f"≤ {TARGET_INCREMENTAL_S:.0f} s",
         NOT_MET if searchable == NEVER_FOUND else _verdict(searchable, TARGET_INCREMENTAL_S, True)),
    ]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _load_phrase(load: dict, label: str) -> str:
    latency = load.get("latency_ms") or {}
    phrase = (f"{label} p50 {_fmt(latency.get('p50'), ' ms')}, p99 {_fmt(latency.get('p99'), ' ms')}, "
              f"{_fmt(load.get('requests'), '', 0)} requests, {_fmt(load.get('errors'), '', 0)} errors")
    if load.get("server_errors"):
        phrase += f" (server: {'; '.join(load['server_errors'])})"
    return phrase


def engine_sentence(engine: str, figures: dict) -> str:
    """Return one engine's build memory, stage-timed build and HTTP latencies as a sentence."""
    build, timed = figures.get("build") or {}, figures.get("stages")
    parts = [f"build peak memory {_fmt(build.get('peak_rss_mb'), ' MB', 0)}"]
    if timed:
        parts.append(f"in one process with stage timers {_fmt(timed.get('seconds'), ' s')}, "
                     f"peak memory {_fmt(timed.get('peak_rss_mb'), ' MB', 0)}")
    loads = [(figures[key], label) for key, label in (("http_uncached", "cache off"), ("http", "cache on"))
             if figures.get(key)]
    if loads:
        parts.append(f"HTTP ({loads[0][0].get('tool', MISSING)}) " + "; ".join(_load_phrase(*pair) for pair in loads))
    sentence = f"**{engine}**: " + "; ".join(parts) + "."
    if figures.get("failed"):
        sentence += f" **Failed: {figures['failed']}**"
    return sentence


def _heading(results: dict) -> list[str]:
    corpus, default = results.get("corpus") or {}, default_engine(results)
    engines = ", ".join(f"{engine} (default)" if engine == default else engine
                        for engine in results.get("engines") or ())
    lines = [f"**The run failed: {results['failed']}** (figures up to that point below).", ""] \
        if results.get("failed") else []
    return lines + [f"Benchmark of {_fmt(corpus.get('documents_total'), '', 0)} UN General Debate speeches "
                    f"({_fmt(corpus.get('words'), '', 0)} words, "
                    f"{_fmt(_get(results, 'engines', default, 'index', 'passages'), '', 0)} passages), engines "
                    f"{engines or MISSING}, {results.get('machine', {}).get('cpus', MISSING)} CPUs, "
                    f"{results.get('started', '')}, commit {results.get('commit', MISSING)}.", ""]


def render_markdown(results: dict) -> str:
    """Return the run's figures as Markdown: the comparison, the default engine's targets, its build stages."""
    default = default_engine(results)
    lines = _heading(results)
    found = columns(results)
    if found:
        lines += _table(("measure", *(heading for heading, _ in found)), comparison_rows(results))
        lines += ["", "The project builds from the text files, end to end; the peers from its passages.", ""]
    if results.get("engines"):
        lines += [f"Targets, this project on {default or MISSING} (the default engine):", ""]
        lines += _table(("measure", "figure", "target", "met"), target_rows(results)) + [""]
    lines += [engine_sentence(engine, figures) for engine, figures in (results.get("engines") or {}).items()]
    lines += curve_markdown(results.get("scale") or [])
    stages = _get(results, "engines", default, "stages", "stages", default={})
    if stages:
        total = sum(stages.values()) or 1.0
        lines += ["", f"Build stages, {default}, one process with stage timers:", ""]
        lines += _table(("stage", "seconds", "share"), [(name, _fmt(seconds, " s"), f"{100 * seconds / total:.0f} %")
                                                         for name, seconds in stages.items()])
    return "\n".join(lines) + "\n"


def write_results(results: dict, out_dir: Path, stamp: str) -> tuple[Path, Path]:
    """Write the figures as ``<stamp>.json`` and ``latest.json``, and the tables as ``latest.md``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, ensure_ascii=False, indent=1)
    json_path = out_dir / f"{stamp}.json"
    json_path.write_text(text, encoding="utf-8")
    (out_dir / "latest.json").write_text(text, encoding="utf-8")
    markdown_path = out_dir / "latest.md"
    markdown_path.write_text(render_markdown(results), encoding="utf-8")
    return json_path, markdown_path
