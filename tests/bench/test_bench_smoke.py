"""A smoke run of the whole benchmark on both engines, 10 speeches, 4 queries, tiny settings: structure, never speed."""
import json
from pathlib import Path

import pytest

from bench import run
from bench.stages import STAGE_ORDER

QUERIES = Path(__file__).parent / "data" / "queries.txt"


@pytest.mark.slow
def test_benchmark_runs_end_to_end_on_a_slice(shared_data, tmp_path, capsys):
    out = tmp_path / "results"
    assert run.main(["--docs", "10", "--passes", "1", "--http-seconds", "2", "--out", str(out),
                     "--queries", str(QUERIES), "--archive", str(shared_data / "ungdc.tar.gz")]) == 0
    results = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    assert set(results) == {"started", "commit", "machine", "settings", "corpus", "engines", "peers",
                            "bench_peak_rss_mb"}
    assert (results["settings"]["engines"], results["settings"]["default_engine"]) == (["tantivy", "whoosh"], "tantivy")
    assert (results["corpus"]["documents_total"], results["corpus"]["documents_built"]) == (10, 9)
    assert list(results["engines"]) == ["tantivy", "whoosh"]
    for engine, figures in results["engines"].items():
        check_engine(engine, figures, timed=engine == "tantivy")
    timed = results["engines"]["tantivy"]["stages"]
    assert (timed["exit_code"], timed["documents"], timed["passages"], timed["stage_timers"], timed["engine"]) == \
        (0, 9, results["engines"]["tantivy"]["build"]["passages"], True, "tantivy")
    assert list(timed["stages"]) == list(STAGE_ORDER) + ["other"]
    assert timed["not_wrapped"] == []
    assert timed["calls"]["passages"] == 9 and timed["calls"]["index writing"] >= 1
    tantivy, whoosh = (results["engines"][name] for name in ("tantivy", "whoosh"))
    assert tantivy["index"]["passages"] == whoosh["index"]["passages"]
    assert [peer["engine"] for peer in results["peers"]] == ["SQLite FTS5", "tantivy"]
    assert all(len(peer["totals"]) == 4 and peer["error_count"] == 0 for peer in results["peers"])
    markdown = (out / "latest.md").read_text(encoding="utf-8")
    assert "| measure | this project, tantivy | this project, whoosh | SQLite FTS5 | tantivy peer |" in markdown
    assert "| new doc searchable, s |" in markdown and "| engine alone p50 ÷ tantivy peer's |" in markdown
    assert markdown in capsys.readouterr().out


def check_engine(engine: str, figures: dict, timed: bool) -> None:
    """Assert the structure of one engine's figures: build, incremental run, index, searches, HTTP loads."""
    assert set(figures) == {"build", "incremental", "index", "search", "http", "http_uncached"} | \
        ({"stages"} if timed else set())
    build, incremental = figures["build"], figures["incremental"]
    assert (build["exit_code"], build["engine"], build["documents"], build["rejected"], build["stage_timers"]) == \
        (0, engine, 9, 0, False)
    assert figures["index"]["documents"] == 10
    assert build["passages"] + incremental["passages"] == figures["index"]["passages"]
    assert (incremental["exit_code"], incremental["found_before"], incremental["added"]) == (0, False, 1)
    assert incremental["searchable_after_s"] is not None
    for runner in ("app", "store"):
        assert set(figures["search"][runner]["latency_ms"]) == {"p50", "p95", "p99", "mean", "max"}
        assert len(figures["search"][runner]["totals"]) == 4
    assert figures["search"]["app"]["error_count"] == 0
    assert figures["search"]["app"]["totals"] == figures["search"]["store"]["totals"]
    for load in ("http", "http_uncached"):
        assert figures[load]["requests"] > 0 and figures[load]["warmup_errors"] == 0
    assert (figures["http"]["result_cache"], figures["http_uncached"]["result_cache"]) == (True, False)
