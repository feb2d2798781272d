"""The array search agrees with Whoosh's own matchers and with counting by hand, over several segments."""
from collections import Counter

import numpy as np
import pytest
from whoosh import scoring

from indexer.engines import FacetFilter, SearchQuery, open_store
from indexer.engines.whoosh.arraysearch import top_documents
from indexer.engines.whoosh.bm25 import Evaluator
from indexer.engines.whoosh.compile import whoosh_query
from indexer.engines.whoosh.store import WhooshStore
from indexer.fields import passage_from_record
from tests.core.conftest import PASSAGES

QUERIES = ["cooperation", "Shanghai cooperation", "terrorism OR security", "cooperation -terrorism",
           '"Shanghai Cooperation Organisation"', "secur*", "terorism~", "speaker:putin", "topic:terrorism",
           "cooperation NOT (Shanghai OR terrorism)", "Норов", "合作", "title:declaration", "-cooperation"]
# Queries made only of terms and boolean operators: scored by the arrays exactly as Whoosh scores them.
TERM_QUERIES = ["cooperation", "Shanghai cooperation", "terrorism OR security", "spirit OR Uzbekistan", "présidence"]


@pytest.fixture(scope="module")
def sample(whoosh_index):
    store = open_store(whoosh_index.index_dir)
    yield store
    store.close()


@pytest.mark.parametrize("text", QUERIES)
def test_matches_are_whooshs_own(sample, text):
    searcher, arrays = sample._current()
    parsed = whoosh_query(text, sample.words())
    scored = Evaluator(searcher, arrays).evaluate(parsed)
    assert set(np.flatnonzero(scored.mask)) == set(searcher.docs_for_query(parsed))


@pytest.mark.parametrize("text", TERM_QUERIES)
def test_term_scores_are_whooshs_bm25f(sample, text):
    searcher, arrays = sample._current()
    parsed = whoosh_query(text, sample.words())
    scored = Evaluator(searcher, arrays).evaluate(parsed)
    with sample._index.searcher(weighting=scoring.BM25F()) as whoosh:
        expected = {hit.docnum: hit.score for hit in whoosh.search(parsed, limit=None)}
    assert expected, "the query should match something in the sample corpus"
    assert {d: pytest.approx(s, rel=1e-6) for d, s in expected.items()} == \
        {int(d): float(scored.scores[d]) for d in np.flatnonzero(scored.mask)}


def test_top_documents_order_by_keys_then_document_number():
    scores = np.array([1.0, 3.0, 3.0, 2.0, 0.5, 3.0])
    matched = np.array([True, True, False, True, True, True])
    assert top_documents([-scores], matched, 3).tolist() == [1, 5, 3]
    assert top_documents([-scores], matched, 10).tolist() == [1, 5, 3, 0, 4]
    assert top_documents([-scores], matched, 0).tolist() == []


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    """Return a store written in three commits (so three segments), one document deleted afterwards."""
    store = WhooshStore.open(tmp_path_factory.mktemp("segments"), create=True)
    for start in range(0, len(PASSAGES), 2):
        store.replace_documents(PASSAGES[start:start + 2])
    store.delete_documents(["lettre"])
    yield store
    store.close()


def counted_by_hand(store, keep) -> dict[str, Counter]:
    searcher, _ = store._current()
    counts = {name: Counter() for name in ("speaker", "reported", "topic", "lang", "type", "source", "year")}
    for stored in searcher.all_stored_fields():
        passage = passage_from_record(stored["record"])
        if not keep(passage):
            continue
        counts["speaker"].update(passage.speakers)
        counts["reported"].update(passage.reported)
        counts["topic"].update(passage.topics)
        counts["lang"][passage.lang] += 1
        counts["type"].update([passage.doc_type] if passage.doc_type else [])
        counts["source"].update([passage.source] if passage.source else [])
        counts["year"].update([passage.date[:4]] if passage.date else [])
    return counts


def test_segments_and_deletions_are_counted_like_the_stored_passages(segmented):
    searcher, arrays = segmented._current()
    assert len(searcher.leaf_searchers()) > 1
    results = segmented.search(SearchQuery())
    expected = counted_by_hand(segmented, lambda passage: True)
    assert results.total == sum(expected["lang"].values()) == 5
    assert {name: dict(pairs) for name, pairs in results.facets.items()} == \
        {name: dict(counts) for name, counts in expected.items()}


def test_filters_narrow_other_facets_but_not_their_own(segmented):
    results = segmented.search(SearchQuery(filters=(FacetFilter("speaker", include=("vladimir putin",)),)))
    expected = counted_by_hand(segmented, lambda passage: "Vladimir Putin" in passage.speakers)
    assert results.total == 2
    assert dict(results.facets["topic"]) == dict(expected["topic"])
    assert dict(results.facets["speaker"]) == dict(counted_by_hand(segmented, lambda p: True)["speaker"])
