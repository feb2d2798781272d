"""Engines: each index generation records the engine that wrote it and is always read with that one."""
import json

import pytest

from indexer import engines, layout
from indexer.cli import EXIT_FAILED, EXIT_OK, main
from indexer.config import ConfigError, load_config
from indexer.engines import DEFAULT_ENGINE, ENGINE_FILE, EngineMismatch, SearchQuery, StoreError, open_store, recorded_engine
from indexer.pipeline import index_corpus
from indexer.engines.tantivy.store import TantivyStore
from indexer.engines.whoosh.store import WhooshStore
from tests.indexing.test_pipeline import search_total, small_corpus
from webapp.access import IndexAccess

SAMPLE = "003_498fa46aacb9f803.txt"


def index_args(config, *extra: str) -> list[str]:
    return ["index", "--corpus", str(config.corpus_dir), "--index", str(config.index_dir), *extra]


def test_an_index_records_its_engine(tmp_path, capsys):
    config = small_corpus(tmp_path, SAMPLE)
    index_corpus(config)
    live = layout.live_generation(config.index_dir)
    assert json.loads((live / ENGINE_FILE).read_text(encoding="utf-8")) == {"engine": DEFAULT_ENGINE}
    assert main(["status", "--json", "--index", str(config.index_dir)]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["engine"] == DEFAULT_ENGINE


def test_a_generation_from_before_engines_were_recorded_is_whoosh(tmp_path):
    config = small_corpus(tmp_path, SAMPLE, engine="whoosh")
    index_corpus(config)
    (layout.live_generation(config.index_dir) / ENGINE_FILE).unlink()
    assert recorded_engine(layout.live_generation(config.index_dir)) == "whoosh"
    assert search_total(config, "marathon") >= 1
    assert index_corpus(config).unchanged == 1


def test_the_live_index_opens_with_its_recorded_engine_whatever_is_configured(tmp_path, other_engine):
    config = small_corpus(tmp_path, SAMPLE)
    assert main(index_args(config, "--engine", other_engine)) == EXIT_OK
    assert recorded_engine(layout.live_generation(config.index_dir)) == other_engine
    store = open_store(config.index_dir, engine=DEFAULT_ENGINE)
    assert isinstance(store, WhooshStore)
    store.close()


def test_an_incremental_run_with_another_engine_asks_for_a_rebuild_and_loses_nothing(tmp_path, capsys, other_engine):
    config = small_corpus(tmp_path, SAMPLE)
    assert main(index_args(config)) == EXIT_OK
    live = layout.live_generation(config.index_dir)
    files = sorted(path.name for path in live.iterdir())
    capsys.readouterr()
    assert main(index_args(config, "--engine", other_engine)) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err == (f"error: the index at {config.index_dir} was written by {DEFAULT_ENGINE}; run 'archive-search index "
                   f"--rebuild' to rebuild it with {other_engine} (the live index keeps serving until then)\n")
    assert layout.live_generation(config.index_dir) == live
    assert sorted(path.name for path in live.iterdir()) == files
    assert search_total(config, "marathon") >= 1
    with pytest.raises(EngineMismatch):
        index_corpus(load_config(corpus_dir=config.corpus_dir, index_dir=config.index_dir, engine=other_engine))


def test_a_rebuild_switches_the_engine(tmp_path, capsys, other_engine):
    config = small_corpus(tmp_path, SAMPLE)
    assert main(index_args(config)) == EXIT_OK
    assert main(index_args(config, "--engine", other_engine, "--rebuild")) == EXIT_OK
    assert "1 added" in capsys.readouterr().out
    assert recorded_engine(layout.live_generation(config.index_dir)) == other_engine
    assert search_total(config, "marathon") >= 1
    assert main(index_args(config, "--engine", other_engine)) == EXIT_OK
    assert main(index_args(config)) == EXIT_FAILED


def test_the_web_app_reopens_the_index_when_a_rebuild_changes_its_engine(tmp_path, other_engine):
    config = small_corpus(tmp_path, SAMPLE)
    index_corpus(config)
    access = IndexAccess(config)
    assert isinstance(access.store(), TantivyStore)
    index_corpus(load_config(corpus_dir=config.corpus_dir, index_dir=config.index_dir, engine=other_engine),
                 rebuild=True)
    assert isinstance(access.store(), WhooshStore)
    assert access.search(SearchQuery(text="marathon")).total >= 1
    access.close()


@pytest.mark.parametrize("source", ["environment", "file"])
def test_an_unknown_engine_is_refused_with_a_clear_message(tmp_path, monkeypatch, source):
    if source == "environment":
        monkeypatch.setenv("ARCHIVE_SEARCH_ENGINE", "lucene")
    else:
        (tmp_path / "settings.toml").write_text('engine = "lucene"\n', encoding="utf-8")
        monkeypatch.setenv("ARCHIVE_SEARCH_CONFIG", str(tmp_path / "settings.toml"))
    with pytest.raises(ConfigError, match="unknown engine 'lucene': choose one of tantivy, whoosh"):
        load_config()


def test_the_engine_comes_from_the_environment(monkeypatch, other_engine):
    monkeypatch.setenv("ARCHIVE_SEARCH_ENGINE", other_engine)
    assert load_config().engine == other_engine


def test_an_unknown_engine_name_has_no_store_class():
    with pytest.raises(StoreError, match="unknown engine 'lucene': choose one of tantivy, whoosh"):
        engines.engine_class("lucene")
