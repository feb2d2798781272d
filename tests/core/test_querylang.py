"""The query language's parser: what each construct becomes, and that no string makes it fail."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.query_strategies import query_texts

from indexer.querylang import (
    MAX_DEPTH,
    MAX_QUERY_WORDS,
    And,
    Fuzzy,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    is_negative,
    parse_query,
    positive_leaves,
    query_words,
)

@pytest.mark.parametrize("text, tree", [
    ("climate change", And((Term("climate"), Term("change")))),
    ('"Shanghai spirit" -terrorism', And((Phrase(("Shanghai", "spirit"), quoted=True), Not(Term("terrorism"))))),
    ("A/75/704", Phrase(("A", "75", "704"))),
    ("Kasym-Jomart Tokayev", And((Phrase(("Kasym", "Jomart")), Term("Tokayev")))),
    ("terror* OR extrem~2", Or((Prefix("terror"), Fuzzy("extrem", 2)))),
    ("extrem~9", Fuzzy("extrem", 2)),
    ("a*", Term("a")),
    ('speaker:"Vladimir Putin" topic:terrorism', And((Phrase(("Vladimir", "Putin"), "speaker", quoted=True), Term("terrorism", "topic")))),
    ('type:"press release"', Term("press release", "type")),
    ("symbol:A/75/704 declaration", And((Term("A/75/704", "symbol"), Term("declaration")))),
    ('Symbol:"E/CN.4/2005/L.10/Add.1"', Term("E/CN.4/2005/L.10/Add.1", "symbol")),
    ("Title:(a OR b) c", And((Or((Term("a", "title"), Term("b", "title"))), Term("c")))),
    ("http://un.org", And((Term("http"), Term("un.org")))),
    ("-a NOT b", And((Not(Term("a")), Not(Term("b"))))),
    ("NOT NOT a", Term("a")),
    ("+a -b", And((Term("a", required=True), Not(Term("b"))))),
    ("a AND b", And((Term("a"), Term("b")))),
    ("a or b", And((Term("a"), Term("or"), Term("b")))),
])
def test_constructs_parse_to_their_trees(text, tree):
    assert parse_query(text) == tree


@pytest.mark.parametrize("text, tree", [
    ("alpha (+)- thalassemia", And((Term("alpha"), Term("thalassemia")))),
    ("a (-) b", And((Term("a"), Term("b")))),
    ('"unclosed phrase', And((Term("unclosed"), Term("phrase")))),
    (")))a(((", Term("a")),
    ("a OR", Term("a")),
    ("OR a", Term("a")),
    ("speaker:", Term("speaker")),
    ("(a OR b", Or((Term("a"), Term("b")))),
])
def test_stray_operators_and_brackets_are_read_as_text(text, tree):
    assert parse_query(text) == tree


@pytest.mark.parametrize("text", ["", "   ", "NOT", "OR OR", "()", "(+)-", '""', "-", "*", "~", "\x00\x01"])
def test_text_without_words_is_nothing_to_search(text):
    assert parse_query(text) is None


def test_words_beyond_the_limit_are_dropped():
    tree = parse_query(" ".join(f"w{i}" for i in range(MAX_QUERY_WORDS + 10)))
    assert len(list(positive_leaves(tree))) == MAX_QUERY_WORDS
    phrase = parse_query('a "' + " ".join(f"w{i}" for i in range(MAX_QUERY_WORDS + 10)) + '"')
    assert phrase == And((Term("a"), Phrase(tuple(f"w{i}" for i in range(MAX_QUERY_WORDS - 1)), quoted=True)))


def test_deep_brackets_never_exhaust_the_stack():
    assert parse_query("(" * 10_000 + "a" + ")" * 10_000) == Term("a")
    assert parse_query("(" * (MAX_DEPTH + 5) + "a OR b") == Or((Term("a"), Term("b")))
    assert parse_query("NOT " * 10_000 + "a") == Term("a")


def test_exclusion_only_queries_are_negative():
    assert is_negative(parse_query("-a NOT b"))
    assert not is_negative(parse_query("a -b"))


def test_query_words_skip_negations_and_facet_values():
    assert query_words(parse_query('cooperation -terrorism topic:security symbol:A/75/704 "Shanghai spirit"')) == [
        "cooperation", "Shanghai", "spirit"]


@settings(max_examples=2000, deadline=None)
@given(query_texts())
def test_every_string_parses_without_error(text):
    tree = parse_query(text)
    assert tree is None or isinstance(tree, (And, Or, Not, Term, Phrase, Prefix, Fuzzy))
    assert sum(len(leaf.words) if isinstance(leaf, Phrase) else 1 for leaf in positive_leaves(tree)) <= MAX_QUERY_WORDS


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_arbitrary_unicode_parses_without_error(text):
    parse_query(text)
