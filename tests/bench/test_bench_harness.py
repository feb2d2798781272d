"""The benchmark harness's pure pieces: catalogue, slices, query set, percentiles, query translation, tables."""
from pathlib import Path

import pytest

from bench.corpus import (
    BenchCorpus,
    Speech,
    add_newcomer,
    catalogue_row,
    evenly_spread,
    ordinal,
    remove_newcomer,
    speech_from_record,
    write_catalogue,
)
from bench.build import index_arguments, probe_phrase
from bench.load import request_paths, wrk_script
from bench.peer_sqlite import match_expression
from bench.queries import QUERY_FILE, load_queries, percentile, search_request, store_query, summarise
from bench.querytext import Clause, ParsedText, parse_text
from bench.report import comparison_rows, ratio, render_markdown, target_rows
from bench.run import parse_args
from bench.stages import STAGE_ORDER, StageClock, instrumented, stage_functions
from bench.timed_index import built_engine
from indexer.engines import ENGINE_CLASSES, ENGINES, FacetFilter, SearchQuery, engine_class
from indexer.engines.generation import GenerationFiles
from indexer.metadata import load_catalogue
from indexer.models import Metadata

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("number, expected", [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (21, "21st"), (22, "22nd"), (78, "78th"), (101, "101st"), (111, "111th"),
])
def test_ordinal(number, expected):
    assert ordinal(number) == expected


@pytest.mark.parametrize("record, expected", [
    ({"path": "TXT/Session 78 - 2023/USA_78_2023.txt", "country": "United States of America", "session": 78,
      "year": 2023, "speaker": "Joseph R. Biden"},
     Speech("TXT/Session 78 - 2023/USA_78_2023.txt", "United States of America", 78, 2023, ("Joseph R. Biden",))),
    ({"path": "TXT/Session 09 - 1954/PHL_09_1954.txt", "country": "Philippines", "session": 9, "year": 1954,
      "speaker": "Mr. ROMULO", "all_speakers": [{"speaker": "Mr. ROMULO"}, {"speaker": "Mr. SERRANO"},
                                                {"speaker": "Mr. ROMULO"}]},
     Speech("TXT/Session 09 - 1954/PHL_09_1954.txt", "Philippines", 9, 1954, ("Mr. ROMULO", "Mr. SERRANO"))),
    ({"path": "TXT/Session 01 - 1946/XXX_01_1946.txt", "country": "Nowhere", "session": 1, "year": 1946,
      "speaker": ""},
     Speech("TXT/Session 01 - 1946/XXX_01_1946.txt", "Nowhere", 1, 1946, ())),
])
def test_speech_from_record(record, expected):
    assert speech_from_record(record) == expected


@pytest.mark.parametrize("count, expected", [
    (None, list(range(10))), (10, list(range(10))), (25, list(range(10))), (3, [0, 3, 6]), (4, [0, 2, 5, 7]),
    (1, [0]), (0, []),
])
def test_evenly_spread(count, expected):
    assert evenly_spread(list(range(10)), count) == expected


def test_catalogue_is_read_by_the_project(tmp_path):
    speeches = [Speech("TXT/Session 40 - 1985/FRA_40_1985.txt", "France", 40, 1985, ("Mr. Dumas",)),
                Speech("TXT/Session 09 - 1954/PHL_09_1954.txt", "Philippines", 9, 1954, ("Mr. ROMULO", "Mr. SERRANO"))]
    assert catalogue_row(speeches[0]) == {
        "path": "TXT/Session 40 - 1985/FRA_40_1985.txt", "title": "General Debate, 40th session: France",
        "date": "1985", "speaker": "Mr. Dumas", "type": "speech", "source": "UN General Debate", "lang": "",
    }
    write_catalogue([catalogue_row(s) for s in speeches], tmp_path / "catalogue.csv")
    assert load_catalogue(tmp_path) == {
        "TXT/Session 40 - 1985/FRA_40_1985.txt": Metadata(
            title="General Debate, 40th session: France", date="1985", speakers=("Mr. Dumas",), doc_type="speech",
            source="UN General Debate"),
        "TXT/Session 09 - 1954/PHL_09_1954.txt": Metadata(
            title="General Debate, 9th session: Philippines", date="1954", speakers=("Mr. ROMULO", "Mr. SERRANO"),
            doc_type="speech", source="UN General Debate"),
    }


def test_load_queries_normalises_lines():
    assert load_queries(DATA / "queries.txt") == (
        "q=nuclear+disarmament", "q=%22South+Africa%22&year=1985", "", "topic=health&page=2")


def test_committed_query_set_is_large_and_valid_for_the_web_app():
    queries = load_queries(QUERY_FILE)
    assert len(queries) >= 100
    assert len(set(queries)) == len(queries)
    requests = [search_request(query) for query in queries]  # raises BadSearchRequest on a bad line
    assert sum(1 for r in requests if not r.q) >= 5  # browsing
    assert sum(1 for r in requests if r.filters) >= 10
    assert sum(1 for r in requests if r.date_from or r.date_to) >= 5
    assert sum(1 for r in requests if r.page >= 20) >= 3


def test_store_query_is_what_the_web_app_sends():
    assert store_query("q=peace&topic=security&not_year=2001&from=1980&to=1989-06&page=3") == SearchQuery(
        text="peace", filters=(FacetFilter("topic", ("security",)), FacetFilter("year", (), ("2001",))),
        date_from="1980-01-01", date_to="1989-06-30", sort="relevance", offset=40, limit=20)


@pytest.mark.parametrize("values, p, expected", [
    ([1.0, 2.0, 3.0, 4.0], 50, 2.5), ([4.0, 1.0, 3.0, 2.0], 0, 1.0), ([1.0, 2.0, 3.0, 4.0], 100, 4.0),
    ([7.0], 99, 7.0), (list(range(101)), 95, 95.0), ([10.0, 20.0], 25, 12.5),
])
def test_percentile(values, p, expected):
    assert percentile(values, p) == pytest.approx(expected)


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 50)


def test_summarise():
    assert summarise([float(v) for v in range(1, 101)]) == {
        "p50": 50.5, "p95": 95.0, "p99": 99.0, "mean": 50.5, "max": 100.0}


@pytest.mark.parametrize("text, expected", [
    ("nuclear disarmament", ParsedText(((Clause("word", "nuclear"),), (Clause("word", "disarmament"),)))),
    ('"South Africa" apartheid', ParsedText(((Clause("phrase", "South Africa"),), (Clause("word", "apartheid"),)))),
    ("nuclear OR atomic test", ParsedText(((Clause("word", "nuclear"), Clause("word", "atomic")),
                                           (Clause("word", "test"),)))),
    ("apartheid -sanctions NOT boycott", ParsedText(
        ((Clause("word", "apartheid"),),),
        (Clause("word", "sanctions", negated=True), Clause("word", "boycott", negated=True)))),
    ("decolon* disarmement~2", ParsedText(((Clause("prefix", "decolon"),), (Clause("fuzzy", "disarmement"),)))),
    ('speaker:Obama title:"Soviet Socialist"', ParsedText(
        ((Clause("word", "Obama", "speaker"),), (Clause("phrase", "Soviet Socialist", "title"),)))),
    ("topic:environment water lang:en", ParsedText(((Clause("word", "water"),),),
                                                   facets=(("topic", "environment"), ("lang", "en")))),
    ("Ban Ki-moon A/75/704", ParsedText(((Clause("word", "Ban"),), (Clause("phrase", "Ki moon"),),
                                         (Clause("phrase", "A 75 704"),)))),
    ("", ParsedText()),
])
def test_parse_text(text, expected):
    assert parse_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("nuclear OR atomic test", ('("nuclear" OR "atomic") AND ("test")', None, ())),
    ('apartheid -"South Africa"', ('("apartheid")', '"South Africa"', ())),
    ("decolon* speaker:Gromyko", ('("decolon"*) AND (speaker : "Gromyko")', None, ())),
    ("-sanctions type:speech", (None, '"sanctions"', (("type", "speech"),))),
])
def test_sqlite_match_expression(text, expected):
    assert match_expression(text) == expected


def test_stage_clock_charges_exclusive_time(monkeypatch):
    ticks = iter([0.0, 1.0, 3.0, 10.0])
    monkeypatch.setattr("bench.stages.time.perf_counter", lambda: next(ticks))
    clock = StageClock()
    inner = clock.wrap("facets", lambda: "inner")
    outer = clock.wrap("passages", lambda: inner() + " in outer")
    assert outer() == "inner in outer"
    assert dict(clock.seconds) == {"facets": 2.0, "passages": 8.0}
    assert clock.table(12.0) == {"reading": 0.0, "boilerplate": 0.0, "passages": 8.0, "language": 0.0,
                                 "facets": 2.0, "index writing": 0.0, "manifest": 0.0, "other": 2.0}
    assert list(clock.table(0.0)) == list(STAGE_ORDER) + ["other"]


@pytest.mark.parametrize("engine", ENGINES)
def test_instrumented_wraps_and_restores_and_reports_missing_names(engine):
    import indexer.documents

    module_name, class_name = ENGINE_CLASSES[engine]
    store_class = engine_class(engine)
    clean, replace = indexer.documents.clean, store_class.__dict__["replace_documents"]
    assert "set_labels" not in store_class.__dict__  # inherited: wrapped on the class, then removed again
    functions = (("indexer.documents", "clean", "boilerplate"),
                 (module_name, f"{class_name}.replace_documents", "index writing"),
                 (module_name, f"{class_name}.set_labels", "index writing"),
                 ("indexer.documents", "no_such_stage", "facets"))
    clock = StageClock()
    with instrumented(clock, functions):
        assert indexer.documents.clean is not clean
        assert indexer.documents.clean.__wrapped__ is clean
        assert store_class.__dict__["replace_documents"].__wrapped__ is replace
        assert store_class.__dict__["set_labels"].__wrapped__ is GenerationFiles.set_labels
    assert indexer.documents.clean is clean
    assert store_class.__dict__["replace_documents"] is replace
    assert "set_labels" not in store_class.__dict__
    assert clock.missing == ["indexer.documents.no_such_stage"]


@pytest.mark.parametrize("engine", ENGINES)
def test_stage_functions_wrap_the_built_engines_store_and_every_name_exists(engine):
    module_name, class_name = ENGINE_CLASSES[engine]
    functions = stage_functions(engine)
    assert [(module, name) for module, name, stage in functions if stage == "index writing"] == [
        (module_name, f"{class_name}.{method}") for method in ("replace_documents", "delete_documents", "set_labels",
                                                             "close")]
    clock = StageClock()
    with instrumented(clock, functions):
        pass
    assert clock.missing == []


@pytest.mark.parametrize("command, environment, expected", [
    (["index", "--corpus", "c", "--engine", "whoosh", "--rebuild"], None, "whoosh"),
    (["index", "--engine=whoosh"], "tantivy", "whoosh"),
    (["index", "--rebuild"], None, "tantivy"),
    (["index", "--rebuild"], "whoosh", "whoosh"),
])
def test_timed_build_wraps_the_engine_the_command_builds_with(monkeypatch, command, environment, expected):
    monkeypatch.delenv("ARCHIVE_SEARCH_CONFIG", raising=False)
    if environment:
        monkeypatch.setenv("ARCHIVE_SEARCH_ENGINE", environment)
    else:
        monkeypatch.delenv("ARCHIVE_SEARCH_ENGINE", raising=False)
    assert built_engine(command) == expected


def test_index_arguments_name_the_engine():
    assert index_arguments(Path("c"), Path("i"), "whoosh", "--rebuild") == [
        "index", "--corpus", "c", "--index", "i", "--engine", "whoosh", "--rebuild"]


@pytest.mark.parametrize("argv, expected", [
    ([], ("tantivy", "whoosh")), (["--engines", "whoosh"], ("whoosh",)),
    (["--engines", "whoosh, tantivy,whoosh"], ("whoosh", "tantivy")),
])
def test_engines_option_lists_the_default_engine_first(argv, expected):
    assert parse_args(argv).engines == expected


@pytest.mark.parametrize("value", ["lucene", "", "tantivy,lucene"])
def test_engines_option_refuses_unknown_engines(value):
    with pytest.raises(SystemExit):
        parse_args(["--engines", value])


def test_newcomer_leaves_the_corpus_for_the_next_engine(tmp_path):
    speech = Speech("TXT/Session 78 - 2023/USA_78_2023.txt", "United States of America", 78, 2023, ())
    (tmp_path / "waiting" / speech.path).parent.mkdir(parents=True)
    (tmp_path / "waiting" / speech.path).write_text("Mr. President", encoding="utf-8")
    corpus = BenchCorpus(tmp_path / "corpus", 0, speech, tmp_path / "waiting", 0, 0)
    path = add_newcomer(corpus)
    assert (corpus.corpus_dir / path).read_text(encoding="utf-8") == "Mr. President"
    remove_newcomer(corpus)
    remove_newcomer(corpus)
    assert not (corpus.corpus_dir / path).exists()


def test_wrk_script_cycles_through_every_path():
    paths = request_paths(("q=peace", "", "q=%22South+Africa%22"))
    assert paths == ["/api/search?q=peace", "/api/search", "/api/search?q=%22South+Africa%22"]
    script = wrk_script(paths)
    assert 'local paths = {"/api/search?q=peace", "/api/search", "/api/search?q=%22South+Africa%22"}' in script
    assert "paths[(counter - 1) % #paths + 1]" in script


@pytest.mark.parametrize("ours, theirs, expected", [(30.0, 3.0, "×10.0"), (5.0, 10.0, "×0.5"), (None, 3.0, "–"),
                                                    (3.0, 0.0, "–")])
def test_ratio(ours, theirs, expected):
    assert ratio(ours, theirs) == expected


ENGINE_FIGURES = {
    "build": {"seconds": 120.0, "passages_per_second": 250.0, "peak_rss_mb": 400.0},
    "incremental": {"searchable_after_s": 1.5},
    "index": {"documents": 300, "passages": 30000, "size_mb": 40.0},
    "search": {"app": {"latency_ms": {"p50": 8.0, "p95": 60.0, "p99": 90.0},
                       "with_words_latency_ms": {"p50": 7.0, "p95": 20.0}, "browse_latency_ms": {"p50": 40.0, "p95": 80.0}},
               "store": {"latency_ms": {"p50": 5.0, "p95": 30.0}, "totals": [10, 100, 0]}},
    "http": {"requests_per_s": 900.0, "errors": 0, "server_peak_rss_mb": 300.0},
    "http_uncached": {"requests_per_s": 150.0, "errors": 2, "server_peak_rss_mb": 320.0},
}
PEERS = [{"engine": "SQLite FTS5", "build_seconds": 2.0, "passages_per_second": 15000.0, "size_mb": 35.0,
          "latency_ms": {"p50": 6.0, "p95": 40.0}, "totals": [10, 95, 1]},
         {"engine": "tantivy", "build_seconds": 1.0, "passages_per_second": 30000.0, "size_mb": 20.0,
          "latency_ms": {"p50": 2.0, "p95": 20.0}, "totals": [10, 120, 0]}]
RESULTS = {"settings": {"default_engine": "tantivy"}, "corpus": {"documents_total": 300, "words": 860509},
           "engines": {"tantivy": ENGINE_FIGURES,
                       "whoosh": {"build": {"seconds": 300.0}, "failed": "RuntimeError: the server exited"}},
           "peers": PEERS}


def test_target_rows_judge_the_default_engine():
    assert target_rows(RESULTS) == [
        ("full build, end to end", "120.0 s", "≤ 180 s", "n/a (slice)"),
        ("search p50 (web app, result cache off)", "8.0 ms", "≤ 10 ms", "met"),
        ("search p95 (web app, result cache off)", "60.0 ms", "≤ 50 ms", "**not met**"),
        ("search p99 (web app, result cache off)", "90.0 ms", "≤ 100 ms", "met"),
        ("engine alone p50 ÷ tantivy peer's", "×2.5 (5.0 ms ÷ 2.0 ms)", "≤ ×2", "**not met**"),
        ("engine alone p95 ÷ tantivy peer's", "×1.5 (30.0 ms ÷ 20.0 ms)", "≤ ×2", "met"),
        ("HTTP throughput, 8 clients, result cache off", "150.0 q/s, 2 errors", "≥ 200 q/s, 0 errors",
         "**not met** (2 errors)"),
        ("server memory (peak resident)", "320 MB", "≤ 500 MB", "met"),
        ("index size ÷ tantivy peer's", "×2.0 (40.0 MB ÷ 20.0 MB)", "≤ ×1.5", "**not met**"),
        ("new document searchable", "1.50 s", "≤ 1 s", "**not met**"),
    ]


def test_target_rows_judge_the_build_on_the_full_collection_only():
    full = RESULTS | {"corpus": {"documents_total": 10_952}}
    assert target_rows(full)[0] == ("full build, end to end", "120.0 s", "≤ 180 s", "met")


def test_target_rows_say_when_the_new_document_was_never_found():
    rows = target_rows({"engines": {"whoosh": {"incremental": {"searchable_after_s": None, "command_seconds": 3.0}}}})
    assert rows[-1] == ("new document searchable", "never found", "≤ 1 s", "**not met**")
    assert [row[3] for row in rows[:-1]] == ["–"] * 9


def test_comparison_has_a_column_per_engine_and_peer():
    assert comparison_rows(RESULTS) == [
        ("build, s", "120.0", "300.0", "2.0", "1.0"),
        ("build, passages/s", "250", "–", "15,000", "30,000"),
        ("index, MB", "40.0", "–", "35.0", "20.0"),
        ("search p50, ms (web app, cache off)", "8.0", "–", "–", "–"),
        ("search p95, ms (web app, cache off)", "60.0", "–", "–", "–"),
        ("search p99, ms (web app, cache off)", "90.0", "–", "–", "–"),
        ("search p50 / p95 of lines with query words, ms (web app)", "7.0 / 20.0", "–", "–", "–"),
        ("search p50 / p95 of browse lines (one hit per document), ms (web app)", "40.0 / 80.0", "–", "–", "–"),
        ("engine alone p50, ms", "5.0", "–", "6.0", "2.0"),
        ("engine alone p95, ms", "30.0", "–", "40.0", "20.0"),
        ("HTTP q/s, cache off (8 clients)", "150 (2 errors)", "–", "–", "–"),
        ("HTTP q/s, cache on (8 clients)", "900", "–", "–", "–"),
        ("server RSS, MB (peak)", "320", "–", "–", "–"),
        ("new doc searchable, s", "1.50", "–", "–", "–"),
        ("queries with tantivy's total (±10 %), of 3", "3", "–", "2", "2"),
    ]


def test_markdown_puts_the_systems_side_by_side_then_the_targets():
    markdown = render_markdown(RESULTS)
    assert not markdown.startswith("**The run failed")
    assert "engines tantivy (default), whoosh" in markdown
    assert "| measure | this project, tantivy | this project, whoosh | SQLite FTS5 | tantivy peer |" in markdown
    assert markdown.index("| build, s |") < markdown.index("Targets, this project on tantivy (the default engine):")
    assert "**whoosh**: build peak memory –. **Failed: RuntimeError: the server exited**" in markdown


def test_markdown_of_a_failed_run_keeps_what_was_measured():
    markdown = render_markdown({"failed": "whoosh: RuntimeError: the server exited with status 1",
                                "settings": {"default_engine": "tantivy"},
                                "corpus": {"documents_total": 300, "words": 860509},
                                "engines": {"tantivy": {"build": {"seconds": 120.0, "peak_rss_mb": 370.0}}}})
    assert markdown.startswith("**The run failed: whoosh: RuntimeError: the server exited with status 1**")
    assert "Benchmark of 300 UN General Debate speeches (860,509 words" in markdown
    assert "| build, s | 120.0 |" in markdown
    assert "| full build, end to end | 120.0 s | ≤ 180 s | n/a (slice) |" in markdown


@pytest.mark.parametrize("text, expected", [
    ("Mr. President,\nwe are here today to speak of peace and of the future.\nThank you.",
     "we are here today to speak of"),
    ("Short.\nOne two three four five six seven eight\nA line, with; commas: everywhere in it now ok",
     "One two three four five six seven"),
    ("A 1945 Charter, and the world of 2024, is still our guide to a better and fairer world for all",
     "our guide to a better and fairer"),
])
def test_probe_phrase_takes_consecutive_plain_words(text, expected):
    assert probe_phrase(text) == expected


def test_timed_passes_summarise_worded_and_browse_lines_apart():
    from bench.queries import has_words, timed_passes
    assert [has_words(q) for q in ("q=peace", "q=&topic=health", "topic=health", "", "q=+")] == [True, False, False, False, False]
    figures = timed_passes(lambda query: 1, ("q=peace", "topic=health", "q=war"), passes=2)
    assert figures["latency_ms"] and figures["with_words_latency_ms"] and figures["browse_latency_ms"]
    assert figures["with_words_latency_ms"]["max"] <= figures["latency_ms"]["max"]


def test_scaled_copies_are_distinct_documents_dated_centuries_later(tmp_path):
    from bench.corpus import COLLECTION, Speech, add_copies, catalogue_row, shifted_copy
    speech = Speech("TXT/Session 01 - 1946/ARG_01_1946.txt", "Argentina", 1, 1946, ("Juan Bramuglia",))
    original = tmp_path / COLLECTION / speech.path
    original.parent.mkdir(parents=True)
    original.write_text("Mr. President,", encoding="utf-8")
    copies = add_copies(tmp_path, [speech], 3)
    assert [copy.path for copy in copies] == ["copy-1/TXT/Session 01 - 1946/ARG_01_1946.txt",
                                              "copy-2/TXT/Session 01 - 1946/ARG_01_1946.txt"]
    assert [catalogue_row(copy)["date"] for copy in copies] == ["2046", "2146"]
    assert catalogue_row(copies[1])["title"] == "General Debate, 201st session: Argentina"
    assert all((tmp_path / COLLECTION / copy.path).read_text(encoding="utf-8") == "Mr. President," for copy in copies)
    assert shifted_copy(speech, 1).speakers == speech.speakers


def test_scale_lists_and_the_budget():
    import argparse

    import pytest
    from bench.scale import curve_markdown, scale_list, within_budget
    assert scale_list("1,3,10,3") == (1, 3, 10)
    for bad in ("0", "x", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            scale_list(bad)
    assert within_budget({"p50": 9.0, "p95": 40.0, "p99": 99.0}) and not within_budget({"p50": 11.0, "p95": 1, "p99": 1})
    point = {"copies": 3, "engine": "tantivy", "build": {"seconds": 600.0, "peak_rss_mb": 1200.0},
             "index": {"documents": 32856, "passages": 940359, "size_mb": 750.0},
             "search": {"app": {"latency_ms": {"p50": 12.0, "p95": 60.0, "p99": 150.0},
                                "with_words_latency_ms": {"p50": 11.0, "p95": 40.0}, "browse_latency_ms": {}}},
             "http_uncached": {"server_peak_rss_mb": 900.0}, "within_budget": False, "words_within_budget": False}
    assert curve_markdown([point])[-1] == ("| ×3 | 32,856 | 940,359 | 600 | 1,200 | 750 | 12.0 / 60.0 / 150.0 | "
                                           "11.0 / 40.0 | – / – | 900 | no |")
