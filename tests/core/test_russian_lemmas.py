"""Russian by dictionary form: on real sentences, every case and number of a noun or a name finds the others.

The sentences are real news sentences (``data/russian/SOURCE.md``); the forms below are each word's
paradigm as a grammar gives it, written here by hand, not by the analyser under test. The nouns and
names were chosen before the index was tried: the collection's own words (Россия, безопасность,
государство …) and every surname the sentences hold in more than one case.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from indexer.engines import ENGINES, SearchQuery
from indexer.engines.tantivy.schema import analyse as tantivy_analyse
from indexer.engines.whoosh.compile import analyse as whoosh_analyse
from indexer.models import Passage
from tests.conftest import CORPUS
from tests.core.conftest import engine_store

SENTENCES = Path(__file__).parent / "data" / "russian" / "eld-sentences.txt"
# The example: a speech whose heading, dateline and first sentences are real (its SOURCE.md).
SPEECH = Path(__file__).parents[1] / "facets" / "data" / "mirziyoyev_dushanbe_2021_ru.txt"
LEXEMES = {
    "Россия": "Россия России Россию Россией",
    "Украина": "Украина Украины Украине Украину Украиной",
    "Москва": "Москва Москвы Москве Москву Москвой",
    "Китай": "Китай Китая Китаю Китаем Китае",
    "Киев": "Киев Киева Киеву Киевом Киеве",
    "Пекин": "Пекин Пекина Пекину Пекином Пекине",
    "Берлин": "Берлин Берлина Берлину Берлином Берлине",
    "безопасность": "безопасность безопасности безопасностью",
    "свобода": "свобода свободы свободе свободу свободой свобод свободам свободами свободах",
    "государство": "государство государства государству государством государстве государств государствам "
                   "государствами государствах",
    "страна": "страна страны стране страну страной стран странам странами странах",
    "человек": "человек человека человеку человеком человеке люди людей людям людьми людях",
    "президент": "президент президента президенту президентом президенте президенты президентов президентам",
    "Медведев": "Медведев Медведева Медведеву Медведевым Медведеве",
    "Черномырдин": "Черномырдин Черномырдина Черномырдину Черномырдиным Черномырдине",
    "Девятов": "Девятов Девятова Девятову Девятовым Девятове",
    "Семенов": "Семенов Семенова Семенову Семеновым Семенове",
    "Азаров": "Азаров Азарова Азарову Азаровым Азарове",
    "Пономарев": "Пономарев Пономарева Пономареву Пономаревым Пономареве",
    "Лебедев": "Лебедев Лебедева Лебедеву Лебедевым Лебедеве",
    "Сталин": "Сталин Сталина Сталину Сталиным Сталине",
    "Обама": "Обама Обамы Обаме Обаму Обамой",
}


def sentences() -> list[str]:
    return SENTENCES.read_text(encoding="utf-8").splitlines()


def holding(form: str) -> set[str]:
    """Return the ids of the sentences holding ``form`` as a whole word."""
    pattern = re.compile(rf"(?<!\w){form}(?!\w)")
    return {f"s:p{n}" for n, text in enumerate(sentences(), 1) if pattern.search(text)}


def cases() -> list[tuple[str, str]]:
    """Return (lexeme, form) for every form the sentences hold."""
    return [(lexeme, form) for lexeme, forms in LEXEMES.items() for form in forms.split() if holding(form)]


@pytest.fixture(scope="module", params=ENGINES)
def russian_store(request, tmp_path_factory):
    """Return a store of each engine holding every sentence as a Russian passage of one document."""
    passages = [Passage(f"s:p{n}", "s", n, text, lang="ru") for n, text in enumerate(sentences(), 1)]
    store = engine_store(request.param, tmp_path_factory.mktemp(f"russian-{request.param}"), [("s", passages)])
    yield store
    store.close()


def found(store, text: str) -> set[str]:
    results = store.search(SearchQuery(text=text, limit=500, with_facets=False))
    return {hit.passage.passage_id for hit in results.hits}


def test_every_lexeme_is_held_in_more_than_one_form():
    forms = {}
    for lexeme, form in cases():
        forms.setdefault(lexeme, []).append(form)
    assert sorted(lexeme for lexeme, held in forms.items() if len(held) > 1) == sorted(LEXEMES)


@pytest.mark.parametrize(("lexeme", "form"), cases())
def test_each_form_finds_every_sentence_holding_any_form(russian_store, lexeme, form):
    expected = set().union(*(holding(other) for other in LEXEMES[lexeme].split()))
    assert found(russian_store, form) >= expected


@pytest.mark.parametrize(("lexeme", "form"), cases())
def test_a_name_or_noun_typed_in_lower_case_or_capitalised_finds_the_same(russian_store, lexeme, form):
    assert found(russian_store, form.lower()) == found(russian_store, form) == found(russian_store, form.capitalize())


@pytest.mark.parametrize("lexeme", ["Медведев", "Азаров", "Сталин", "безопасность", "человек"])
def test_the_dictionary_form_finds_the_declined_forms_and_nothing_else(russian_store, lexeme):
    expected = set().union(*(holding(form) for form in LEXEMES[lexeme].split()))
    assert found(russian_store, lexeme) == expected


@pytest.mark.parametrize(("query", "marked"), [
    ("Россия", "России"), ("человек", "людей"), ("Медведев", "Медведеву"), ("безопасность", "безопасности")])
def test_snippets_mark_the_declined_forms(russian_store, query, marked):
    results = russian_store.search(SearchQuery(text=query, limit=500, with_facets=False))
    assert any(f"<mark>{marked}</mark>" in hit.snippet_html for hit in results.hits)


@pytest.mark.parametrize(("typed", "written"), [
    ('"президенту России"', "Президент России"), ('"президентом Украине"', "Президент Украины")])
def test_a_phrase_in_other_cases_finds_the_phrase_as_written(russian_store, typed, written):
    assert found(russian_store, typed) == holding(written) != set()


@pytest.fixture(scope="module", params=ENGINES)
def speech_index(request, tmp_path_factory):
    """Return an open store of corpus/ with the Russian speech of the issue added, indexed by the whole pipeline."""
    from indexer.config import Config
    from indexer.engines import open_store
    from indexer.pipeline import index_corpus
    from tests.conftest import copy_corpus

    root = tmp_path_factory.mktemp(f"speech-{request.param}")
    corpus = copy_corpus(root / "corpus")
    shutil.copy(SPEECH, corpus / SPEECH.name)
    config = Config(corpus_dir=corpus, index_dir=root / "index", engine=request.param)
    assert not index_corpus(config).rejected
    store = open_store(config.index_dir, engine=request.param)
    yield store
    store.close()


@pytest.mark.parametrize("typed", ["Афганистан", "афганистан", "Афганистане", "Афганистаном"])
def test_the_speech_is_found_from_every_case_of_afghanistan(speech_index, typed):
    results = speech_index.search(SearchQuery(text=typed, with_facets=False))
    hit = next(hit for hit in results.hits if hit.passage.path == SPEECH.name)
    assert (hit.passage.lang, "<mark>Афганистане</mark>" in hit.snippet_html) == ("ru", True)


# Share of the speaker authority's Russian name words that must read alike in all five cases:
# short Chinese names that are also Russian words (Ган/Гана, Мин/Мина) can never all be told apart.
MIN_NAMES_READ_ALIKE = 0.95


def declined(word: str) -> list[str]:
    """Return a masculine name's five cases by the grammar's rule for its ending ([] for other endings)."""
    if word.endswith("ич"):
        return [word + ending for ending in ("", "а", "у", "ем", "е")]
    if re.search(r"(?:ов|ев|ёв|ин|ын)$", word):
        return [word + ending for ending in ("", "а", "у", "ым", "е")]
    if re.search(r"[бвгджзклмнпрстфхцчшщ]$", word):
        return [word + ending for ending in ("", "а", "у", "ом", "е")]
    return []


@pytest.mark.parametrize("engine", ENGINES)
def test_the_authority_names_read_alike_in_every_case(engine):
    analyse = {"tantivy": tantivy_analyse, "whoosh": whoosh_analyse}[engine]
    authority = yaml.safe_load((CORPUS / "speakers.yaml").read_text(encoding="utf-8"))
    words = {word for person in authority for variant in person.get("variants", [])
             for word in re.findall(r"[А-ЯЁ][а-яё]{2,}", variant)}
    names = [word for word in sorted(words) if declined(word)]
    split = [word for word in names if len({analyse("text_ru", form) for form in declined(word)}) > 1]
    assert len(names) > 100
    assert 1 - len(split) / len(names) >= MIN_NAMES_READ_ALIKE, split
