"""Every search names the index state it was answered from: the same state, the same name; a commit, a new name."""
from collections import Counter

import pytest

from indexer.engines import ENGINES, SearchQuery
from indexer.models import Passage
from tests.core.conftest import PASSAGES, engine_store

ADDED = ("added", [Passage("added:p1", "added", 1, "A new passage about cooperation on water.", lang="en")])


@pytest.fixture(params=ENGINES)
def fresh_store(request, tmp_path):
    """Return a store of each engine that a test may change."""
    store = engine_store(request.param, tmp_path / "index", PASSAGES)
    yield store
    store.close()


def version(store, text: str = "cooperation") -> str:
    return store.search(SearchQuery(text=text)).version


def test_searches_of_one_state_name_it_alike_and_by_its_generation(fresh_store):
    first = version(fresh_store)
    assert first.startswith(fresh_store.generation.name + ":")
    assert version(fresh_store, "terrorism") == first == version(fresh_store, '"') == version(fresh_store)


def test_a_commit_names_a_new_state(fresh_store):
    before = version(fresh_store)
    fresh_store.replace_documents([ADDED])
    after = version(fresh_store)
    assert after != before and version(fresh_store, "water") == after


def test_a_new_word_list_alone_names_a_new_state(fresh_store):
    before = version(fresh_store)
    fresh_store.add_words(Counter({"aquifer": 1}))
    assert version(fresh_store) != before
