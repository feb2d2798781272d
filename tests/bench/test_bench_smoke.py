"""A smoke run of the whole benchmark on 10 speeches and 4 queries with tiny settings: the figures' structure, never their speed."""
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
    queries = results["search"]["app"]["queries"]
    assert queries == 4
    assert set(results) == {"started", "commit", "machine", "settings", "corpus", "build", "stages", "incremental",
                            "index", "search", "http", "http_uncached", "peers", "bench_peak_rss_mb"}
    assert (results["corpus"]["documents_total"], results["corpus"]["documents_built"]) == (10, 9)
    assert results["index"]["documents"] == 10
    build, timed = results["build"], results["stages"]
    assert (build["exit_code"], build["documents"], build["rejected"], build["stage_timers"]) == (0, 9, 0, False)
    assert build["passages"] + results["incremental"]["passages"] == results["index"]["passages"]
    assert (timed["exit_code"], timed["documents"], timed["passages"], timed["stage_timers"]) == \
        (0, 9, build["passages"], True)
    assert list(timed["stages"]) == list(STAGE_ORDER) + ["other"]
    assert timed["not_wrapped"] == []
    assert timed["calls"]["passages"] == 9
    incremental = results["incremental"]
    assert (incremental["exit_code"], incremental["found_before"], incremental["added"]) == (0, False, 1)
    assert incremental["searchable_after_s"] is not None
    for runner in ("app", "store"):
        assert set(results["search"][runner]["latency_ms"]) == {"p50", "p95", "p99", "mean", "max"}
        assert len(results["search"][runner]["totals"]) == queries
    assert results["search"]["app"]["error_count"] == 0
    assert results["search"]["app"]["totals"] == results["search"]["store"]["totals"]
    for load in ("http", "http_uncached"):
        assert results[load]["requests"] > 0 and results[load]["warmup_errors"] == 0
    assert (results["http"]["result_cache"], results["http_uncached"]["result_cache"]) == (True, False)
    assert [peer["engine"] for peer in results["peers"]] == ["SQLite FTS5", "tantivy"]
    assert all(len(peer["totals"]) == queries and peer["error_count"] == 0 for peer in results["peers"])
    markdown = (out / "latest.md").read_text(encoding="utf-8")
    assert "| new document searchable |" in markdown and "| search p50 (engine alone) |" in markdown
    assert markdown in capsys.readouterr().out
