"""German and Spanish passages are stemmed by both engines, so any form of a word finds the others."""
import pytest

from indexer.engines import ENGINES, SearchQuery
from indexer.models import Passage
from tests.core.conftest import engine_store

PASSAGES = [
    ("de", [Passage("de:p1", "de", 1, "Die Mitgliedstaaten bekräftigen ihre Zusammenarbeit in der Region.", lang="de")]),
    ("es", [Passage("es:p1", "es", 1, "Las organizaciones internacionales apoyan la cooperación regional.", lang="es")]),
]


@pytest.fixture(scope="module", params=ENGINES)
def store(request, tmp_path_factory):
    store = engine_store(request.param, tmp_path_factory.mktemp(f"languages-{request.param}"), PASSAGES)
    yield store
    store.close()


@pytest.mark.parametrize("text, expected", [
    ("Mitgliedstaat", ["de:p1"]),
    ("Zusammenarbeit", ["de:p1"]),
    ("organización", ["es:p1"]),
    ("cooperaciones", ["es:p1"]),
])
def test_word_forms_find_each_other(store, text, expected):
    assert [hit.passage.passage_id for hit in store.search(SearchQuery(text=text)).hits] == expected


def test_snippets_mark_the_stemmed_forms(store):
    assert "<mark>Mitgliedstaaten</mark>" in store.search(SearchQuery(text="Mitgliedstaat")).hits[0].snippet_html


def test_a_word_a_stemmer_cannot_stem_is_indexed_as_it_is(tmp_path_factory):
    for engine in ENGINES:
        store = engine_store(engine, tmp_path_factory.mktemp(f"unstemmable-{engine}"),
                             [("argue", [Passage("argue:p1", "argue", 1, "Los delegados argue y debaten.", lang="es")])])
        assert [hit.passage.passage_id for hit in store.search(SearchQuery(text="argue")).hits] == ["argue:p1"]
        store.close()
