"""Long questions on every engine: words that cannot all be found are dropped, and each hit says what it lacks."""
import pytest

from indexer.engines import ENGINES, SearchQuery
from indexer.engines.relax import RELAX_BELOW_HITS, plan
from indexer.models import Passage
from indexer.querylang import Coordinated, Phrase, Term, parse_query
from tests.core.conftest import engine_store

# Enough passages about cooperation of the United Nations that a two-word query keeps strict results.
COMMON_PASSAGES = RELAX_BELOW_HITS + 5


def passage(doc: str, ordinal: int, text: str, **fields) -> Passage:
    return Passage(f"{doc}:p{ordinal}", doc, ordinal, text, lang=fields.pop("lang", "en"), **fields)


def relax_documents():
    common = [passage(f"un{i}", 1, f"The United Nations cooperation report number {i} on regional development.",
                      speakers=("Antonio Guterres",), date=f"20{10 + i % 10}") for i in range(COMMON_PASSAGES)]
    return [(p.doc_id, [p]) for p in common] + [
        ("health", [passage("health", 1, "Alpha thalassemia trait screening began in the region's hospitals.",
                            speakers=("Tedros Ghebreyesus",), date="2019")]),
        ("spirit", [passage("spirit", 1, "The Shanghai spirit of mutual trust guides the member states.",
                            speakers=("Vladimir Putin",), date="2021"),
                    passage("spirit", 2, "Screening of migrants is not the Shanghai way; trust is.",
                            speakers=("Xi Jinping",), date="2021")]),
        ("both", [passage("both", 1, "The United Nations welcomed thalassemia screening in member states.",
                          speakers=("Antonio Guterres",), date="2022")]),
    ]


@pytest.fixture(scope="module", params=ENGINES)
def relax_store(request, tmp_path_factory):
    store = engine_store(request.param, tmp_path_factory.mktemp(f"relax-{request.param}"), relax_documents())
    yield store
    store.close()


def search(store, text, **options):
    return store.search(SearchQuery(text=text, **options))


def test_a_long_question_with_a_word_found_nowhere_still_finds_ranked_hits(relax_store):
    results = search(relax_store, "what did the member states say about aeroelastic thalassemia screening")
    assert results.relaxed is not None and results.relaxed.strict_total == 0
    assert results.relaxed.words == ("member", "states", "say", "aeroelastic", "thalassemia", "screening")
    assert results.relaxed.ignored == ("what", "did", "the", "about")
    first = results.hits[0]
    assert first.passage.passage_id == "both:p1"
    assert (first.matched_words, first.missing_words) == (("member", "states", "thalassemia", "screening"),
                                                           ("say", "aeroelastic"))
    assert all("aeroelastic" in hit.missing_words for hit in results.hits)
    assert all(hit.matched_words for hit in results.hits)
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True)


def test_the_rarest_word_is_kept_longest(relax_store):
    results = search(relax_store, "United thalassemia hospitals")
    assert [hit.passage.passage_id for hit in results.hits[:2]] == ["health:p1", "both:p1"]
    assert results.hits[0].missing_words == ("United",)


def test_a_query_whose_words_all_appear_often_keeps_strict_results(relax_store):
    results = search(relax_store, "United Nations cooperation", limit=100)
    assert results.relaxed is None
    assert results.total == COMMON_PASSAGES
    assert {(hit.matched_words, hit.missing_words) for hit in results.hits} == {(("United", "Nations", "cooperation"), ())}


def test_strict_hits_come_first_when_there_are_too_few(relax_store):
    results = search(relax_store, "thalassemia screening member states", limit=100)
    assert results.relaxed.strict_total == 1
    assert results.hits[0].passage.passage_id == "both:p1"
    assert results.hits[0].missing_words == ()
    assert all(hit.missing_words for hit in results.hits[1:])
    assert results.total > results.relaxed.strict_total


@pytest.mark.parametrize("text, holds", [
    ('"Shanghai spirit" screening aeroelastic', lambda p: "Shanghai spirit" in p.text),
    ("speaker:Putin trust aeroelastic", lambda p: p.speakers == ("Vladimir Putin",)),
    ("+trust screening aeroelastic", lambda p: "trust" in p.text),
    ("(Shanghai OR Alpha) screening aeroelastic", lambda p: "Shanghai" in p.text or "Alpha" in p.text),
    ("screening aeroelastic -Shanghai", lambda p: "Shanghai" not in p.text),
    ("scree* aeroelastic", lambda p: "creening" in p.text),
])
def test_what_the_user_typed_as_an_operator_is_never_dropped(relax_store, text, holds):
    results = search(relax_store, text, limit=100)
    assert results.relaxed is not None and results.hits
    assert all(holds(hit.passage) for hit in results.hits), [hit.passage.passage_id for hit in results.hits]
    assert all("aeroelastic" in hit.missing_words for hit in results.hits)


def test_stop_words_never_count_against_a_passage(relax_store):
    results = search(relax_store, "the of thalassemia aeroelastic")
    assert results.relaxed.ignored == ("the", "of")
    assert [hit.missing_words for hit in results.hits] == [("aeroelastic",), ("aeroelastic",)]


def test_date_orders_keep_every_word(relax_store):
    results = search(relax_store, "thalassemia aeroelastic", sort="newest")
    assert (results.total, results.relaxed) == (0, None)


def test_filters_narrow_a_relaxed_search(relax_store):
    from indexer.engines import FacetFilter
    results = search(relax_store, "thalassemia screening aeroelastic", filters=(FacetFilter("year", ("2021",)),))
    assert {hit.passage.passage_id for hit in results.hits} == {"spirit:p2"}
    assert results.facets["year"] == (("2019", 1), ("2021", 1), ("2022", 1))


def test_both_engines_relax_alike(tmp_path):
    stores = [engine_store(engine, tmp_path / engine, relax_documents()) for engine in ENGINES]
    try:
        for text in ("what did the member states say about aeroelastic thalassemia screening",
                     "United thalassemia hospitals", "Shanghai trust aeroelastic migrants"):
            outcomes = [search(store, text, limit=100) for store in stores]
            assert len({r.total for r in outcomes}) == 1, text
            assert len({r.relaxed for r in outcomes}) == 1, text
            assert len({tuple((h.passage.passage_id, h.missing_words) for h in r.hits[:2]) for r in outcomes}) == 1, text
            assert len({tuple(sorted(h.missing_words for h in r.hits)) for r in outcomes}) == 1, text
    finally:
        for store in stores:
            store.close()


@pytest.mark.parametrize("text, required, optional, ignored", [
    ("the alpha (thalassemia trait)", (), ("alpha", "thalassemia", "trait"), ("the",)),
    ('"alpha thalassemia" trait', (Phrase(("alpha", "thalassemia"), quoted=True),), ("trait",), ()),
    ("+alpha trait of", (Term("alpha", required=True),), ("trait",), ("of",)),
    ("Kasym-Jomart Tokayev", (), ("Kasym-Jomart", "Tokayev"), ()),
    ("la coopération de sécurité", (), ("coopération", "sécurité"), ("la", "de")),
])
def test_plans_keep_operators_and_leave_out_stop_words(text, required, optional, ignored):
    relaxation = plan(parse_query(text))
    assert isinstance(relaxation.tree, Coordinated)
    assert relaxation.tree.required == required
    assert (relaxation.words, relaxation.stop_words) == (optional, ignored)


@pytest.mark.parametrize("text", ["the of", '"alpha thalassemia"', "a OR b", "-a -b", "speaker:Putin"])
def test_nothing_to_drop_means_no_plan(text):
    assert plan(parse_query(text)) is None


def test_a_lone_word_is_never_relaxed(relax_store):
    assert plan(parse_query("thalassemia")).can_drop is False
    results = search(relax_store, "aeroelastic")
    assert (results.total, results.relaxed) == (0, None)
    assert [hit.matched_words for hit in search(relax_store, "hospitals").hits] == [("hospitals",)]
