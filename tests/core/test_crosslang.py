"""Search across languages on every engine: a vocabulary word also searches its equivalents, own language first."""
from collections import Counter

import pytest

from indexer.engines import ENGINES, SearchQuery, open_store
from indexer.engines.crosslang import LANGUAGE_BONUS, lowered, widen
from indexer.engines.relax import plan
from indexer.equivalents import load_equivalents
from indexer.models import Passage
from indexer.querylang import And, Coordinated, Not, Or, Phrase, Prefix, Preferred, Term, Widened, parse_query
from indexer.wordlist import WordList
from tests.conftest import CORPUS
from tests.core.conftest import engine_store


@pytest.fixture(scope="module")
def table():
    return load_equivalents(CORPUS)


def passage(doc: str, text: str, lang: str, **fields) -> Passage:
    return Passage(f"{doc}:p1", doc, 1, text, lang=lang, **fields)


# The English and Russian passages about terrorism are alike (two words, one match): BM25 scores them equally.
DOCUMENTS = [(p.doc_id, [p]) for p in (
    passage("en", "Terrorism threatens.", "en"),
    passage("ru", "Терроризм угрожает.", "ru"),
    passage("fr", "Le terrorisme menace toujours la région.", "fr"),
    passage("zh", "恐怖主义威胁地区安全。", "zh"),
    passage("uz", "President Mirziyoyev spoke about trade.", "en"),
    passage("other", "Господин Мирзаев говорил о торговле.", "ru"),
)]


@pytest.fixture(scope="module", params=ENGINES)
def store(request, tmp_path_factory):
    store = engine_store(request.param, tmp_path_factory.mktemp(f"crosslang-{request.param}"), DOCUMENTS)
    yield store
    store.close()


def search(store, table, text, **options):
    return store.search(SearchQuery(text=text, equivalents=table, limit=100, **options))


def ids(results):
    return [hit.passage.passage_id for hit in results.hits]


def test_a_vocabulary_word_is_widened_to_its_equivalents(table):
    widening = widen(parse_query("терроризм"), table)
    assert widening.tree == Widened((Term("терроризм"),), (Prefix("terroris"), Term("恐怖")), "ru")
    assert [(equivalent.word, equivalent.lang) for equivalent in widening.added] == [
        ("terrorism", "en"), ("terrorisme", "fr"), ("恐怖主义", "zh")]


def test_prefixes_reach_the_word_lists_words(table):
    words = WordList(Counter({"terrorism": 3, "terrorist": 1, "terror": 2}))
    assert widen(parse_query("терроризм"), table, words).tree == Widened(
        (Term("терроризм"),), (Term("terrorism"), Term("terrorist"), Term("恐怖")), "ru")


def test_a_run_of_words_naming_a_person_is_widened_whole(table):
    assert widen(parse_query("Shavkat Mirziyoyev trade"), table).tree == And((
        Widened((Term("Shavkat"), Term("Mirziyoyev")), (Term("Мирзиёев"), Term("米尔济约耶夫")), None),
        Widened((Term("trade"),), (Prefix("commerce"), Prefix("торгов"), Term("贸易")), "en"),
    ))


def test_a_title_before_a_name_is_searched_as_typed(table):
    assert widen(parse_query("President Putin"), table).tree == And((
        Term("President"), Widened((Term("Putin"),), (Term("Путин"), Term("普京")), None)))


@pytest.mark.parametrize("text", ['"терроризм"', "+терроризм", "-терроризм", "title:терроризм", "терроризм*",
                                  "терроризм~", "security", "peace", '"international security"'])
def test_what_the_user_wrote_exactly_is_left_alone(table, text):
    assert widen(parse_query(text), table) == widen(parse_query(text), None)
    assert widen(parse_query(text), table).added == ()


def test_either_side_of_an_or_is_widened(table):
    tree = widen(parse_query("терроризм OR -экстремизм"), table).tree
    assert isinstance(tree, Or) and isinstance(tree.children[0], Widened)
    assert tree.children[1] == Not(Term("экстремизм"))


def test_a_widened_word_is_lowered_to_either_form_own_language_preferred():
    node = Widened((Term("терроризм"),), (Term("terrorism"), Term("恐怖")), "ru")
    assert lowered(node) == Preferred(Or((Term("терроризм"), Term("terrorism"), Term("恐怖"))), Term("ru", "lang"),
                                      LANGUAGE_BONUS)
    assert lowered(Widened((Term("Xi"), Term("Jinping")), (Phrase(("Си", "Цзиньпин")),), None)) == Or((
        And((Term("Xi"), Term("Jinping"))), Phrase(("Си", "Цзиньпин"))))


def test_a_widened_word_may_be_dropped_from_a_long_question_as_typed(table):
    tree = widen(parse_query("+security терроризм zzzz"), table).tree
    relaxation = plan(tree)
    assert relaxation.tree == Coordinated((Term("security", required=True),), tree.children[1:])
    assert relaxation.words == ("терроризм", "zzzz")


def test_the_equivalents_are_found_in_every_language(store, table):
    assert sorted(ids(search(store, table, "терроризм"))) == ["en:p1", "fr:p1", "ru:p1", "zh:p1"]
    assert ids(search(store, None, "терроризм")) == ["ru:p1"]


@pytest.mark.parametrize(("text", "first"), [("терроризм", "ru:p1"), ("terrorism", "en:p1")])
def test_passages_in_the_querys_own_language_rank_first_among_equals(store, table, text, first):
    results = search(store, table, text)
    alike = [hit.passage.passage_id for hit in results.hits if hit.passage.doc_id in ("en", "ru")]
    assert alike == [first, ({"ru:p1", "en:p1"} - {first}).pop()]


def test_snippets_mark_the_equivalents(store, table):
    snippets = {hit.passage.passage_id: hit.snippet_html for hit in search(store, table, "терроризм").hits}
    assert snippets == {
        "ru:p1": "<mark>Терроризм</mark> угрожает.",
        "en:p1": "<mark>Terrorism</mark> threatens.",
        "fr:p1": "Le <mark>terrorisme</mark> menace toujours la région.",
        "zh:p1": "<mark>恐怖</mark>主义威胁地区安全。",
    }


def test_a_relaxed_hit_holds_a_word_found_as_its_equivalent(store, table):
    results = search(store, table, "терроризм zzzz")
    assert results.relaxed is not None
    assert {hit.passage.passage_id: (hit.matched_words, hit.missing_words) for hit in results.hits} == {
        key: (("терроризм",), ("zzzz",)) for key in ("en:p1", "fr:p1", "ru:p1", "zh:p1")}


def test_a_name_in_another_script_finds_its_spelling_and_is_not_corrected(store, table):
    results = search(store, table, "Мирзиёев")
    assert (ids(results), results.suggestion) == (["uz:p1"], None)
    assert search(store, None, "Мирзиёев").suggestion == "мирзаев"


@pytest.mark.parametrize("text", ["терроризм", "Мирзиёев", "международная безопасность", "терроризм zzzz",
                                  "Путин OR 恐怖主义", "наркотики -Afghanistan"])
def test_both_engines_search_across_languages_alike(built_index, whoosh_index, table, text):
    answers = []
    for config in (built_index, whoosh_index):
        store = open_store(config.index_dir)
        results = store.search(SearchQuery(text=text, equivalents=table, limit=1000))
        store.close()
        answers.append({"total": results.total, "suggestion": results.suggestion,
                        "hits": {hit.passage.passage_id: (hit.snippet_html, hit.matched_words, hit.missing_words)
                                 for hit in results.hits},
                        "facets": {name: dict(pairs) for name, pairs in results.facets.items()}})
    assert answers[0] == answers[1] and answers[0]["total"] > 0
