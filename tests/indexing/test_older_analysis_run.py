"""An incremental run over an index an older analysis wrote stops with the rebuild command, even with nothing to do."""
from __future__ import annotations

import json

import pytest

from indexer import layout
from indexer.config import Config
from indexer.engines import ENGINES, StoreError
from indexer.pipeline import index_corpus
from tests.conftest import copy_corpus


@pytest.mark.parametrize("engine", ENGINES)
def test_an_unchanged_corpus_over_an_older_analysis_asks_for_a_rebuild(tmp_path, engine):
    config = Config(corpus_dir=copy_corpus(tmp_path / "corpus"), index_dir=tmp_path / "index", engine=engine)
    index_corpus(config)
    live = layout.live_generation(config.index_dir)
    meta_path = next(path for path in (live / "archive-meta.json", live / "meta.json")
                     if path.exists() and "analysis" in path.read_text(encoding="utf-8"))
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    del meta["analysis"]  # as an older version left it
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(StoreError, match=r"analysed words differently .*run 'archive-search index --rebuild'"):
        index_corpus(config)
    assert index_corpus(config, rebuild=True).passages > 0
    assert index_corpus(config).unchanged == 5
