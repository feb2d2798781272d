"""An index written by an older version, without a field this version writes, is read but asks for a rebuild to write."""
from __future__ import annotations

import json

import pytest

from indexer.engines import ENGINES, FacetFilter, SearchQuery, StoreError, open_store
from indexer.engines.tantivy import schema as tantivy_schema
from indexer.engines.tantivy import store as tantivy_store
from indexer.engines.whoosh import store as whoosh_store
from indexer.fields import FACET_FIELD_NAMES
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


def reporting_passage() -> Passage:
    return Passage(passage_id="r:p1", doc_id="r", ordinal=1, text="Cooperation, as Vladimir Putin said.", lang="en",
                   speakers=("Vladimir Norov",), reported=("Vladimir Putin",))


def without_reported(monkeypatch, engine: str) -> None:
    """Make the engine build its schema and write passages as the version before the reported facet did."""
    older = {name: field for name, field in FACET_FIELD_NAMES.items() if name != "reported"}
    if engine == "whoosh":
        monkeypatch.setattr(whoosh_store, "FACET_FIELD_NAMES", older)
        full_schema = whoosh_store.build_schema

        def older_schema():
            schema = full_schema()
            schema.remove("f_reported")
            schema.remove("c_reported")
            return schema

        monkeypatch.setattr(whoosh_store, "build_schema", older_schema)
    else:
        monkeypatch.setattr(tantivy_schema, "FACET_FIELD_NAMES", older)
        monkeypatch.setattr(tantivy_store, "FACET_FIELD_NAMES", older)


@pytest.mark.parametrize("engine", ENGINES)
def test_an_index_without_the_reported_facet_is_read_and_asks_for_a_rebuild_to_write(tmp_path, monkeypatch, engine):
    with monkeypatch.context() as older:
        without_reported(older, engine)
        written = open_store(tmp_path, create=True, engine=engine)
        written.replace_documents([("d", [a_passage()])])
        written.close()
    store = open_store(tmp_path)
    putin = FacetFilter("reported", include=("Vladimir Putin",))
    answers = [store.search(SearchQuery(text=text, filters=filters)).total
               for text, filters in (('reported:"Vladimir Putin"', ()), ("", (putin,)))]
    browse = store.search(SearchQuery())
    assert (answers, browse.total, tuple(browse.facets["reported"])) == ([0, 0], 1, ())
    with pytest.raises(StoreError, match=r"older version without the fields .*f_reported.*; run 'archive-search index --rebuild'"):
        store.replace_documents([("r", [reporting_passage()])])


@pytest.mark.parametrize("engine", ENGINES)
def test_an_index_of_the_older_word_analysis_asks_for_a_rebuild(tmp_path, engine):
    store = open_store(tmp_path, create=True, engine=engine)
    meta_path = store.generation / store.meta_file
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert meta == {"analysis": 2}
    meta_path.write_text(json.dumps({"labels": {}}), encoding="utf-8")  # as the older version wrote it
    with pytest.raises(StoreError, match=r"analysed words differently .*run 'archive-search index --rebuild'"):
        store.replace_documents([("d", [a_passage()])])
    store.close()
