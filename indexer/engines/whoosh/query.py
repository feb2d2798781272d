"""Turn what a user typed into a Whoosh query over every language's field, and find the terms it matches.

The query language: words (all must match), "phrases", OR, NOT or -word,
field:value (speaker, topic, lang, type, title), prefix*, fuzzy~. Document
symbols such as A/75/704 and hyphenated names are searched as phrases. A query
the parser cannot read is searched as plain words, never an error.
"""
from __future__ import annotations

import re

from whoosh import query as wq
from whoosh.qparser import (
    AndGroup,
    FieldAliasPlugin,
    FuzzyTermPlugin,
    MultifieldParser,
    PlusMinusPlugin,
    QueryParserError,
    SingleQuotePlugin,
)

from indexer.engines.whoosh.bm25 import expanded_terms
from indexer.engines.whoosh.schema import shared_language_analyzer
from indexer.fields import FACET_FIELD_NAMES, FIELD_BOOSTS, OPERATOR_WORDS, TEXT_FIELDS

SEARCH_FIELDS = TEXT_FIELDS + ("title", "heading", "speaker")
# Field names a user may type before a colon; any other "x:" is read as words.
USER_FIELDS = frozenset({"speaker", "topic", "lang", "type", "title"})
# topic:, lang: and type: match the exact facet values (topic:terrorism, lang:fr, type:letter).
FACET_ALIASES = {FACET_FIELD_NAMES[name]: [name] for name in ("topic", "lang", "type")}
# Largest edit distance a fuzzy~ term reaches.
MAX_FUZZY_DISTANCE = 2
# Longer queries are cut to this many words: more says nothing to BM25 and costs time.
MAX_QUERY_WORDS = 64
FIELD_PREFIX = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")
# An unquoted token with an inner "/" or "-" between word characters (A/75/704, Kasym-Jomart).
JOINED_TOKEN = re.compile(r'(?<![\w"\-*~])((?:[\w.]+[/\-])+[\w.]+)(?![\w"*~])')
PLAIN_WORD = re.compile(r"\w+")
# "-word", "-\"a phrase\"" or "NOT word": a term the results must not contain.
NEGATED_TERM = re.compile(r'(?:^|(?<=\s))(?:-|NOT\s+)("[^"]+"|[^\s"()]+)')


def _quote_joined_tokens(text: str) -> str:
    """Wrap unquoted joined tokens in quotes so they are searched as phrases."""
    parts = text.split('"')
    for index in range(0, len(parts), 2):  # outside quotes only
        parts[index] = JOINED_TOKEN.sub(r'"\1"', parts[index])
    return '"'.join(parts)


def _neutralise_unknown_fields(text: str) -> str:
    """Turn "x:value" into "x value" unless x is a field users may search."""
    return FIELD_PREFIX.sub(lambda m: m.group(0) if m.group(1).lower() in USER_FIELDS else m.group(1) + " ", text)


def _lowercase_field_names(text: str) -> str:
    return FIELD_PREFIX.sub(lambda m: m.group(1).lower() + ":", text)


def prepare(text: str) -> str:
    """Return the query text normalised for the parser (whitespace, length, fields, symbols)."""
    words = text.split()[:MAX_QUERY_WORDS]
    while words and words[-1] in OPERATOR_WORDS:  # a cut "a OR b OR" must not require the word "or"
        words.pop()
    text = " ".join(words)
    if text.count('"') % 2:
        text = text.replace('"', " ")
    text = _lowercase_field_names(_neutralise_unknown_fields(text))
    return _quote_joined_tokens(text)


def make_parser(schema):
    """Return the parser of the user query language for ``schema``."""
    boosts = {name: FIELD_BOOSTS.get(name, 1.0) for name in SEARCH_FIELDS}
    parser = MultifieldParser(list(SEARCH_FIELDS), schema, fieldboosts=boosts, group=AndGroup)
    parser.remove_plugin_class(SingleQuotePlugin)  # apostrophes in names are not quotes
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(PlusMinusPlugin())
    parser.add_plugin(FieldAliasPlugin(FACET_ALIASES))
    return parser


def _stems(field: str, word: str) -> list[str]:
    lang = field.removeprefix("text_")
    return [token.text for token in shared_language_analyzer(lang if lang != "other" else "und")(word)]


def _expander(wordlist):
    """Return a tree visitor that turns prefix* and fuzzy~ terms into the real words they reach."""
    def expand(node):
        if wordlist is None or getattr(node, "fieldname", None) not in TEXT_FIELDS:
            return node
        if isinstance(node, wq.FuzzyTerm):
            words = wordlist.near(node.text, min(node.maxdist, MAX_FUZZY_DISTANCE))
        elif isinstance(node, wq.Prefix):
            words = wordlist.with_prefix(node.text)
        else:
            return node
        terms = {stem for word in words for stem in _stems(node.fieldname, word)}
        return wq.Or([node] + [wq.Term(node.fieldname, stem) for stem in sorted(terms)]) if terms else node
    return expand


def plain_words_query(text: str, schema) -> wq.Query | None:
    """Return an all-words query from the words of ``text``, ignoring every operator."""
    words = [w for w in PLAIN_WORD.findall(text) if w not in OPERATOR_WORDS][:MAX_QUERY_WORDS]
    if not words:
        return None
    parser = MultifieldParser(list(SEARCH_FIELDS), schema, group=AndGroup)
    parser.remove_plugin_class(SingleQuotePlugin)
    return parser.parse(" ".join(words))


def parse_user_query(text: str, schema, wordlist=None) -> wq.Query | None:
    """Return the Whoosh query for ``text``, or None when there is nothing to search for."""
    if not text or not text.strip():
        return None
    prepared = prepare(text)
    try:
        parsed = make_parser(schema).parse(prepared)
    except (QueryParserError, ValueError, TypeError, IndexError, AttributeError):
        parsed = None
    excluded = _excluded_terms(prepared)
    if excluded:
        return wq.AndNot(wq.Every(), make_parser(schema).parse(" OR ".join(excluded)))
    if parsed is None or parsed is wq.NullQuery:
        return plain_words_query(text, schema)
    return parsed.accept(_expander(wordlist))


def _excluded_terms(prepared: str) -> list[str]:
    """Return the excluded terms of a query made only of exclusions (-x NOT y), else []."""
    excluded = NEGATED_TERM.findall(prepared)
    return excluded if excluded and not NEGATED_TERM.sub(" ", prepared).strip() else []


def user_words(text: str) -> list[str]:
    """Return the plain words of a query, without operators, field names or syntax."""
    text = FIELD_PREFIX.sub(" ", text or "")
    return [w for w in PLAIN_WORD.findall(text) if w not in OPERATOR_WORDS and not w.isdigit()][:MAX_QUERY_WORDS]


def query_terms(query, reader, memo: dict | None = None) -> dict[str, frozenset[str]]:
    """Return the indexed terms the query matches, by field, with prefixes and fuzzy terms expanded.

    ``memo`` keeps the expansions of prefix and fuzzy terms for one index version.
    """
    if query is None:
        return {}
    found: dict[str, set[str]] = {}
    # Query.existing_terms in Whoosh 2.7.4 rebinds its fieldname argument inside its loop
    # and skips every leaf after the first, so the leaves are walked here.
    for leaf in query.leaves():
        if isinstance(leaf, wq.MultiTerm) and memo is not None:
            expanded = expanded_terms(leaf, reader, memo)
        else:
            expanded = leaf.expanded_terms(reader, phrases=True)
        for fieldname, text in expanded:
            if fieldname not in TEXT_FIELDS:
                continue
            text = text.decode("utf-8") if isinstance(text, bytes) else text
            if (fieldname, text) in reader:
                found.setdefault(fieldname, set()).add(text)
    return {name: frozenset(values) for name, values in found.items()}
