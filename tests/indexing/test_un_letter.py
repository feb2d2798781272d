"""The sample UN letter through an indexing run, on both engines: its symbol, kept as metadata though its line is
page furniture, and the title of each language part."""
from __future__ import annotations

import pytest

from indexer.engines import SearchQuery, open_store

LETTER_ID = "000_b1dc39bb15750822"  # the French letter with an English annex; "A/75/704" heads one of its pages


@pytest.fixture(scope="module", params=["built_index", "whoosh_index"], ids=["tantivy", "whoosh"])
def corpus_store(request):
    """Return a store of the corpus/ index written by each engine in turn."""
    store = open_store(request.getfixturevalue(request.param).index_dir)
    yield store
    store.close()


@pytest.mark.parametrize("text", ["symbol:A/75/704", "symbol:a/75/704", 'symbol:"A/75/704"', "A/75/704",
                                  '"A/75/704"', "symbol:A/75/704 declaration"])
def test_the_letters_symbol_finds_it(corpus_store, text):
    results = corpus_store.search(SearchQuery(text=text, group_by_document=True))
    assert [hit.passage.doc_id for hit in results.hits] == [LETTER_ID]


@pytest.mark.parametrize("text", ["symbol:A/75", "symbol:A/75/704/Add.1", "symbol:A/RES/59/48", "symbol:75"])
def test_a_symbol_filter_matches_the_whole_symbol_only(corpus_store, text):
    assert corpus_store.search(SearchQuery(text=text)).total == 0


def test_every_passage_of_the_letter_carries_its_symbol(corpus_store):
    passages = corpus_store.get_document(LETTER_ID)
    assert {passage.symbol for passage in passages} == {"A/75/704"}
    assert "A/75/704" not in " ".join(passage.text for passage in passages)  # its line was page furniture


def test_documents_without_a_symbol_have_none(corpus_store):
    results = corpus_store.search(SearchQuery(group_by_document=True, limit=10))
    assert {hit.passage.doc_id: hit.passage.symbol for hit in results.hits if hit.passage.symbol} == {
        LETTER_ID: "A/75/704"}


LETTER_TITLE = ("Lettre datée du 5 janvier 2021, adressée au Secrétaire général par le Représentant permanent du "
                "Tadjikistan auprès de l’Organisation des Nations Unies")
ANNEX_TITLE = "Moscow Declaration of the Council of Heads of State of the Shanghai Cooperation Organization"


def test_each_language_part_of_the_letter_has_the_title_of_its_language(corpus_store):
    passages = corpus_store.get_document(LETTER_ID)
    runs = [(p.ordinal, p.lang, p.title) for i, p in enumerate(passages)
            if i == 0 or (p.lang, p.title) != (passages[i - 1].lang, passages[i - 1].title)]
    assert runs == [(1, "fr", LETTER_TITLE), (6, "en", ANNEX_TITLE)]
    assert (passages[4].heading, passages[5].heading) == (
        "Annexe à la lettre datée du 5 janvier 2021 adressée au Secrétaire général par le Représentant permanent du "
        "Tadjikistan auprès de l’Organisation des Nations Unies", ANNEX_TITLE)
