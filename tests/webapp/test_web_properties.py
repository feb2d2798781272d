"""Property tests over every search route on both engines: no generated query string gets a 5xx or a traceback."""
from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.query_strategies import GRAMMAR_TOKENS, query_texts
from tests.server_errors import ErrorLog, assert_not_a_server_error

from indexer.engines import FACET_FIELDS, SORTS
from webapp.request import CHART_MODES, EXCLUDE_PREFIX, GROUPS, MAX_QUERY_CHARS, MAX_VALUE_CHARS, XLANG_CHOICES

# Generated query strings per engine, each sent to every route: 2 engines × 500 × 12 routes = 12,000 requests.
EXAMPLES_PER_ENGINE = 500
# Routes that read the query string; "{doc}" is a generated document id.
ROUTES = ("/search", "/api/search", "/search.atom", "/search.csv", "/doc/{doc}", "/api/doc/{doc}", "/api/suggest",
          "/opensearch.xml", "/healthz", "/trends", "/trends.json", "/trends.csv")
# Documents of corpus/: a short English one and a long French one (curly apostrophes), so highlighting runs.
DOC_IDS = ("003_498fa46aacb9f803", "000_b1dc39bb15750822")
# Passages of the corpus to compare with, a missing one and a hostile value.
PASSAGE_IDS = ("003_498fa46aacb9f803:p1", "000_b1dc39bb15750822:p2", "000_b1dc39bb15750822:p999", "", "<b>:p1")
# Words of corpus/ (whole, prefix*, fuzzy~), of the collection's other languages, and control characters.
CORPUS_WORDS = ["Shanghai", "Organisation", "coopération", "l’Organisation", "d’observateur", "Déclaration", "Moscou",
                "COVID-19", "59/48", "Tadjikistan", "security", "terrorism", "Norov", "Tokayev", "Secretary-General",
                "press", "2020", "coop*", "sécu*", "Shanghia~", "Шанхайская", "организация", "сотрудничества", "上海",
                "合作", "安全", "терроризм", "Мирзиёев", "恐怖主义", "Shavkat Mirziyoyev", "\x01", "\x1b[0m", "\t", "\n"]
# Facet values of corpus/, for filters that match something.
FACET_VALUES = ["Vladimir Norov", "Xi Jinping", "Kassym-Jomart Tokayev", "security", "terrorism", "united-nations",
                "en", "fr", "zh", "press release", "letter", "speech", "InfoSCO", "United Nations", "2020", "2017",
                "v" * (MAX_VALUE_CHARS + 1)]
# Dates valid and not: partial, impossible, out of range, other digits, other separators.
DATES = ["2017", "2020-11", "2020-11-10", "2020-02-29", "2021-02-29", "2020-13", "2020-00", "0000", "0001", "9999",
         "9999-12-31", "2020-1-1", " 2020 ", "２０２０", "٢٠٢٠-١١", "2020/11/10", "2020-11-10T00:00", "-2020", ""]
# Page numbers and sizes valid and not.
NUMBERS = ["1", "2", "15", "100", "101", "0", "-1", "+1", " 7 ", "1000000", "1000001", "999999999", "1e3", "３",
           "0x10", "00001", ""]

garbage = st.text(max_size=20)
queries = st.one_of(
    st.none(),
    query_texts([*GRAMMAR_TOKENS, *CORPUS_WORDS]),
    st.text(),
    st.builds(lambda text, times: text * times, query_texts(CORPUS_WORDS, max_pieces=8), st.integers(2, 60)),
)


def pairs(names, values: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, str]]:
    """Return a strategy of (name, value) parameters, the name drawn from ``names``."""
    return st.tuples(st.sampled_from(names), values)


FACET_PARAMETERS = [*FACET_FIELDS, *(EXCLUDE_PREFIX + name for name in FACET_FIELDS)]
KNOWN_PARAMETERS = ["q", *FACET_PARAMETERS, "from", "to", "sort", "page", "per_page", "more", "group", "like", "chart",
                    "xlang"]
# Mostly values the routes accept, so that most requests reach the engine; two branches of eight are arbitrary text.
other_parameters = st.lists(st.one_of(
    pairs(FACET_PARAMETERS, st.sampled_from(FACET_VALUES)),
    pairs(["from", "to"], st.sampled_from(DATES)),
    pairs(["sort"], st.sampled_from([*SORTS, "", "Newest", " oldest "])),
    pairs(["page", "per_page"], st.one_of(st.sampled_from(NUMBERS), st.integers(-1, 120).map(str))),
    pairs(["more"], st.sampled_from([*FACET_FIELDS, "", "nothing"])),
    pairs(["group"], st.sampled_from([*GROUPS, "", "Document"])),
    pairs(["like"], st.sampled_from(PASSAGE_IDS)),
    pairs(["chart"], st.sampled_from([*CHART_MODES, "", "Share", "bars"])),
    pairs(["xlang"], st.sampled_from([*XLANG_CHOICES, "", " 0 ", "2", "off"])),
    pairs(["q"], query_texts()),
    pairs(KNOWN_PARAMETERS, garbage),
    st.tuples(garbage, garbage),
), max_size=5)
# Raw endings no encoder writes: empty names, bare names, broken percent escapes.
raw_endings = st.sampled_from(["", "&", "&&=&", "&=x", "&q", "&%", "&q=%ff%fe", "&%zz=1", "&page=%00"])
query_strings = st.builds(
    lambda q, others, ending: urlencode(([("q", q)] if q is not None else []) + others) + ending,
    queries, other_parameters, raw_endings,
)
doc_ids = st.one_of(st.sampled_from(DOC_IDS), st.text(min_size=1, max_size=20))

# Known troublemakers, and queries just under MAX_QUERY_CHARS that reach the engine ("\x00" is sent as %00).
HOSTILE_QUERIES = ["alpha (+)- thalassemia", "a (-) b", "((((", '"', "NOT", "-", "*", "x:", "\x00", "%00", "a" * 10_000,
                   "(" * (MAX_QUERY_CHARS // 2) + "a", "NOT " * (MAX_QUERY_CHARS // 4 - 1) + "a",
                   "a* " * (MAX_QUERY_CHARS // 3), "Shanghai~2 " * (MAX_QUERY_CHARS // 11)]


@pytest.fixture(scope="module")
def checked_client(engine_app, request_tally):
    """Return a function that GETs a URL of ``engine_app`` and asserts it answers below 500 without a traceback."""
    errors = ErrorLog()
    engine_app.logger.addHandler(errors)
    client = engine_app.test_client()

    def check(url: str, route: str) -> None:
        errors.lines.clear()
        request_tally["GET " + route] += 1
        assert_not_a_server_error(client.get(url), url, errors)

    yield check
    engine_app.logger.removeHandler(errors)


def route_urls(query_string: str, doc_id: str) -> list[tuple[str, str]]:
    """Return (URL, route) of every route with ``query_string``, document routes at ``doc_id``."""
    return [(route.format(doc=quote(doc_id, safe="")) + "?" + query_string, route) for route in ROUTES]


@settings(max_examples=EXAMPLES_PER_ENGINE, deadline=None, derandomize=True)
@given(query_string=query_strings, doc_id=doc_ids)
def test_no_route_answers_a_server_error(checked_client, query_string, doc_id):
    for url, route in route_urls(query_string, doc_id):
        checked_client(url, route)


@pytest.mark.parametrize("q", HOSTILE_QUERIES, ids=[ascii(q)[:24] for q in HOSTILE_QUERIES])
def test_hostile_queries_answer_below_500_on_every_route(checked_client, q):
    for url, route in route_urls(urlencode({"q": q}), DOC_IDS[0]):
        checked_client(url, route)
