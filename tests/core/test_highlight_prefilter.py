"""Snippets skip words that cannot analyse to a query term; no word that can is ever skipped."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.engines.tantivy.store import analysed_word as tantivy_word
from indexer.engines.whoosh.compile import analysed_word as whoosh_word
from indexer.highlight import may_reach
from tests.conftest import CORPUS

LANGUAGES = ("en", "fr", "ru", "de", "es", "zh", "und")
ANALYSERS = {"tantivy": tantivy_word, "whoosh": whoosh_word}
ODD_FIRST_LETTERS = ["Ъ", "Ёлка", "Über", "Élysée", "Œuvre", "Æther", "ßtraße", "İstanbul", "ǅemal", "ﬁnance", "Ĳssel", "ecła"]


def corpus_words() -> list[str]:
    words = set()
    for path in sorted(CORPUS.glob("*.txt")):
        words.update(word.lower() for word in re.findall(r"\w+", path.read_text(encoding="utf-8")))
    return sorted(words) + [word.lower() for word in ODD_FIRST_LETTERS]


@pytest.mark.parametrize("engine", ANALYSERS)
def test_no_word_of_the_sample_corpus_is_skipped_wrongly(engine):
    analyse = ANALYSERS[engine]
    wrong = [(lang, word) for lang in LANGUAGES for word in corpus_words()
             if analyse(lang, word) and not may_reach(word, {analyse(lang, word)[0]}, lang)]
    assert wrong == []


@settings(max_examples=500, deadline=None)
@given(st.from_regex(r"\w{1,12}", fullmatch=True), st.sampled_from(LANGUAGES))
def test_no_generated_word_is_skipped_wrongly(word, lang):
    word = word.lower()
    for analyse in ANALYSERS.values():
        form = analyse(lang, word)
        assert not form or may_reach(word, {form[0]}, lang)


def test_words_with_another_first_letter_are_skipped():
    assert not may_reach("cooperation", {"t"}, "en")
    assert not may_reach("сотрудничество", {"т"}, "de")
    assert may_reach("terrorism", {"t"}, "en")


@pytest.mark.parametrize("engine", ANALYSERS)
def test_a_russian_word_whose_dictionary_form_starts_otherwise_is_analysed(engine):
    assert ANALYSERS[engine]("ru", "людей") == "человек"
    assert may_reach("людей", {"ч"}, "ru")
