"""Cross-language equivalents: topics.yaml's equivalents lines, the speaker authority's spellings, one table."""
from __future__ import annotations

import pytest

from indexer.equivalents import Equivalent, Form, Match, load_equivalents
from indexer.facets.topics import load_taxonomy
from indexer.facets.vocab import VocabularyError
from tests.facets.blocks import CORPUS

TOPIC = "- id: terrorism\n  label: Terrorism\n  terms: {en: [terroris], fr: [terroris], ru: [террор], zh: [恐怖]}\n" \
        "  weak_terms: {en: [threat]}\n"


@pytest.fixture(scope="module")
def table():
    return load_equivalents(CORPUS)


def shown(match: Match | None) -> list[tuple[str, str | None]] | None:
    return None if match is None else [(equivalent.word, equivalent.lang) for equivalent in match.also]


def test_equivalents_lines_are_read_per_language(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text(TOPIC + "  equivalents:\n    - {en: terrorism, ru: [терроризм, террор], zh: 恐怖主义}\n",
                    encoding="utf-8")
    assert load_taxonomy(path).topics[0].equivalents == (
        {"en": ("terrorism",), "ru": ("терроризм", "террор"), "zh": ("恐怖主义",)},)


@pytest.mark.parametrize(("lines", "line", "problem"), [
    ("  equivalents:\n    - {en: threats, ru: терроризм}\n", 6,
     "the en word 'threats' of an equivalents line of topic 'terrorism' begins with none of its en terms"),
    ("  equivalents:\n    - {de: Terrorismus, ru: терроризм}\n", 6,
     "the de word 'Terrorismus' of an equivalents line of topic 'terrorism' begins with none of its de terms"),
    ("  equivalents:\n    - {en: terrorism}\n", 6, "an equivalents line of topic 'terrorism' needs two languages"),
    ("  equivalents: {en: terrorism}\n", 5,
     "'equivalents' of topic 'terrorism' must be a list of lines such as {en: terrorism, fr: terrorisme}"),
])
def test_a_bad_equivalents_line_names_its_line_and_problem(tmp_path, lines, line, problem):
    path = tmp_path / "topics.yaml"
    path.write_text(TOPIC + lines, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_taxonomy(path)
    assert (caught.value.line, caught.value.problem) == (line, problem)


def test_a_topic_word_is_searched_as_the_beginning_its_term_gives_it(table):
    assert table.lookup(("терроризм",)) == Match(also=(
        Equivalent("terrorism", "en", (Form(("terroris",), prefix=True),)),
        Equivalent("terrorisme", "fr", (Form(("terroris",), prefix=True),)),
        Equivalent("恐怖主义", "zh", (Form(("恐怖",)),)),
    ), lang="ru")


@pytest.mark.parametrize(("words", "expected", "lang"), [
    (("терроризм",), [("terrorism", "en"), ("terrorisme", "fr"), ("恐怖主义", "zh")], "ru"),
    (("терроризма",), [("terrorism", "en"), ("terrorisme", "fr"), ("恐怖主义", "zh")], "ru"),
    (("Terrorism",), [("terrorisme", "fr"), ("терроризм", "ru"), ("恐怖主义", "zh")], "en"),
    (("terroristes",), [("terrorism", "en"), ("terrorisme", "fr"), ("терроризм", "ru"), ("恐怖主义", "zh")],
     None),  # English and French share the term: either language
    (("打击恐怖主义",), [("terrorism", "en"), ("terrorisme", "fr"), ("терроризм", "ru")], "zh"),
    (("international", "security"),
     [("sécurité internationale", "fr"), ("международная безопасность", "ru"), ("国际安全", "zh")], "en"),
    (("Мирзиёев",), [("Mirziyoyev", None), ("Mirziyoev", None), ("Mirzioyev", None), ("Mirzijojev", None),
                     ("米尔济约耶夫", "zh")], "ru"),
    (("Путина",), [("Putin", None), ("Poutine", None), ("普京", "zh")], "ru"),
    (("Putin",), [("Путин", "ru"), ("普京", "zh")], None),
    (("Xi", "Jinping"), [("Си Цзиньпин", "ru"), ("习近平", "zh"), ("習近平", "zh")], None),
    (("security",), None, None),  # generic (weak) terms never reach other languages
    (("peace",), None, None),
    (("cooperation",), None, None),
    (("Xi",), None, None),  # too short a surname to stand for one person
])
def test_words_reach_their_equivalents_in_other_languages_and_scripts(table, words, expected, lang):
    match = table.lookup(words)
    assert (shown(match), match.lang if match else None) == (expected, lang)


def test_a_multi_word_equivalent_is_searched_as_a_phrase(table):
    assert table.lookup(("информационная", "безопасность")).also[0] == Equivalent(
        "information security", "en", (Form(("information", "security")),))


def test_a_prefix_keeps_accents_as_written_and_as_the_term_folds_them(table):
    assert table.lookup(("экстремизм",)).also[1] == Equivalent(
        "extrémisme", "fr", (Form(("extrémis",), prefix=True), Form(("extremis",), prefix=True)))


def test_speaker_names_are_searched_by_surname_in_each_script(table):
    assert table.lookup(("Мирзиёев",)).also[-1] == Equivalent("米尔济约耶夫", "zh", (Form(("米尔济约耶夫",)),))
    assert table.lookup(("Putin",)).also[0] == Equivalent("Путин", "ru", (Form(("Путин",)),))


def test_missing_vocabularies_reach_nothing(tmp_path):
    assert load_equivalents(tmp_path).lookup(("терроризм",)) is None
