"""A phrase is marked where its words stand in its order, not wherever one of its words appears."""
from __future__ import annotations

import pytest

from indexer.engines import ENGINES, SearchQuery
from indexer.models import Passage
from tests.core.conftest import engine_store

TEXTS = {
    "en": "Letter A/75/704 was sent; a copy went to a committee, and a reply came.",
    "fr": "La lettre A/75/704 a été envoyée à New York et transmise à l'Assemblée.",
    "ru": "Письмо A/75/704 направлено в Нью-Йорк. Президенту России направлено письмо президента Казахстана.",
}


@pytest.fixture(scope="module", params=ENGINES)
def phrase_store(request, tmp_path_factory):
    passages = [Passage(f"{lang}:p1", lang, 1, text, lang=lang) for lang, text in TEXTS.items()]
    store = engine_store(request.param, tmp_path_factory.mktemp(f"phrases-{request.param}"),
                         [(p.doc_id, [p]) for p in passages])
    yield store
    store.close()


def snippets(store, text: str) -> dict[str, str]:
    results = store.search(SearchQuery(text=text, with_facets=False))
    return {hit.passage.passage_id: hit.snippet_html for hit in results.hits}


def test_a_symbol_is_marked_as_a_whole_and_its_letter_nowhere_else(phrase_store):
    assert snippets(phrase_store, "A/75/704") == {
        "en:p1": "Letter <mark>A</mark>/<mark>75</mark>/<mark>704</mark> was sent; a copy went to a committee, "
                 "and a reply came.",
        "fr:p1": "La lettre <mark>A</mark>/<mark>75</mark>/<mark>704</mark> a été envoyée à New York et transmise "
                 "à l&#x27;Assemblée.",
        "ru:p1": "Письмо <mark>A</mark>/<mark>75</mark>/<mark>704</mark> направлено в Нью-Йорк. Президенту России "
                 "направлено письмо президента Казахстана.",
    }


def test_a_quoted_phrase_marks_its_own_place_and_a_lone_word_marks_everywhere(phrase_store):
    assert snippets(phrase_store, 'letter "a committee"') == {
        "en:p1": "<mark>Letter</mark> A/75/704 was sent; a copy went to <mark>a</mark> <mark>committee</mark>, "
                 "and a reply came.",
    }


def test_a_russian_phrase_in_another_case_marks_the_declined_words(phrase_store):
    assert snippets(phrase_store, '"президент россия"') == {
        "ru:p1": "Письмо A/75/704 направлено в Нью-Йорк. <mark>Президенту</mark> <mark>России</mark> "
                 "направлено письмо президента Казахстана.",
    }
