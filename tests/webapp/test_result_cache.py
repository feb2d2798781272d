"""The web app keeps results per index version: a repeated search is answered again, a changed index never stale."""
from __future__ import annotations

import pytest

from indexer.config import Config, ConfigError, load_config
from indexer.engines.whoosh.store import WhooshStore
from indexer.models import Passage
from webapp import create_app


def passage(doc_id: str, text: str) -> Passage:
    return Passage(f"{doc_id}:p1", doc_id, 1, text, lang="en", date="2020-01-01", title=doc_id)


@pytest.fixture
def index_dir(tmp_path):
    store = WhooshStore.open(tmp_path / "index", create=True)
    store.replace_documents([("one", [passage("one", "Water scarcity in Central Asia.")])])
    store.close()
    return tmp_path / "index"


def counting_client(index_dir, cache_size: int):
    """Return a test client whose store counts the searches it runs."""
    config = Config(corpus_dir=index_dir.parent, index_dir=index_dir, result_cache_size=cache_size)
    app = create_app({"ARCHIVE_CONFIG": config, "TESTING": True})
    access = app.extensions["archive_search"]
    store = access.store()
    calls = []
    original = store.search
    store.search = lambda query: calls.append(query) or original(query)
    return app.test_client(), calls, access


def totals(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_json()["total"]


def test_a_repeated_search_is_answered_from_the_cache(index_dir):
    client, calls, access = counting_client(index_dir, cache_size=8)
    assert [totals(client, "/api/search?q=water") for _ in range(3)] == [1, 1, 1]
    assert len(calls) == 1
    assert totals(client, "/api/search?q=asia") == 1
    assert len(calls) == 2
    access.close()


def test_a_changed_index_is_searched_afresh(index_dir):
    client, calls, access = counting_client(index_dir, cache_size=8)
    assert totals(client, "/api/search?q=water") == 1
    writer = WhooshStore.open(index_dir)
    writer.replace_documents([("two", [passage("two", "Water and energy in the Aral Sea basin.")])])
    writer.close()
    assert totals(client, "/api/search?q=water") == 2
    assert len(calls) == 2
    access.close()


def test_a_cache_of_size_zero_runs_every_search(index_dir):
    client, calls, access = counting_client(index_dir, cache_size=0)
    assert [totals(client, "/api/search?q=water") for _ in range(3)] == [1, 1, 1]
    assert len(calls) == 3
    access.close()


@pytest.mark.parametrize("value, expected", [("0", 0), ("512", 512)])
def test_the_cache_size_comes_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("ARCHIVE_SEARCH_RESULT_CACHE", value)
    assert load_config().result_cache_size == expected


@pytest.mark.parametrize("value", ["many", "-1", "1.5"])
def test_a_bad_cache_size_is_refused_with_a_clear_message(monkeypatch, value):
    monkeypatch.setenv("ARCHIVE_SEARCH_RESULT_CACHE", value)
    with pytest.raises(ConfigError, match="result_cache_size"):
        load_config()
