"""A tantivy index written before a field existed still answers; writing to it asks for a rebuild."""
import pytest

from indexer.engines import SearchQuery, StoreError, open_store
from indexer.engines.tantivy import schema
from indexer.engines.tantivy import store as tantivy_store
from indexer.models import Passage

ENGLISH = [("old", [Passage("old:p1", "old", 1, "Cooperation against terrorism.", lang="en", title="Old")])]


@pytest.fixture
def older_index(tmp_path, monkeypatch):
    """Return the folder of a tantivy index whose schema lacks the German and Spanish fields."""
    with monkeypatch.context() as patched:
        older_fields = ("text_en", "text_fr", "text_ru", "text_zh", "text_other")
        patched.setattr(schema, "text_fields", lambda: older_fields)
        patched.setattr(tantivy_store, "searched_fields", lambda: older_fields + schema.LABEL_FIELDS)
        store = open_store(tmp_path / "index", create=True, engine="tantivy")
        store.replace_documents(ENGLISH)
        store.close()
    return tmp_path / "index"


def test_an_older_index_still_answers(older_index):
    store = open_store(older_index)
    assert [hit.passage.passage_id for hit in store.search(SearchQuery(text="terrorism")).hits] == ["old:p1"]
    assert store.search(SearchQuery(text="Zusammenarbeit")).total == 0


def test_writing_to_an_older_index_asks_for_a_rebuild(older_index):
    store = open_store(older_index)
    with pytest.raises(StoreError, match="--rebuild"):
        store.replace_documents(ENGLISH)
