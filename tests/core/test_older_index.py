"""An index written by an older version, without a field this version writes, asks for a rebuild in plain words."""
from __future__ import annotations

import pytest

from indexer.engines import StoreError
from indexer.engines.whoosh import store as whoosh_store
from indexer.models import Passage


def a_passage() -> Passage:
    return Passage(passage_id="d:p1", doc_id="d", ordinal=1, text="Security and cooperation.", lang="en",
                   topics=(), path="d.txt", title="A title", date="2020-01-01", speakers=(), doc_type=None,
                   source=None)


def test_a_whoosh_index_without_the_symbol_field_asks_for_a_rebuild(tmp_path, monkeypatch):
    full_schema = whoosh_store.build_schema

    def older_schema():
        schema = full_schema()
        schema.remove("symbol")
        return schema

    monkeypatch.setattr(whoosh_store, "build_schema", older_schema)
    whoosh_store.WhooshStore.open(tmp_path, create=True).close()
    monkeypatch.setattr(whoosh_store, "build_schema", full_schema)
    store = whoosh_store.WhooshStore.open(tmp_path)
    with pytest.raises(StoreError, match=r"older version without the fields symbol; run 'archive-search index --rebuild'"):
        store.replace_documents([("d", [a_passage()])])
    store.close()
