"""Snippets with the matched words in ``<mark>``, everything else HTML-escaped.

A fresh formatter is made for every call, so no state leaks between requests.
"""
from __future__ import annotations

from html import escape

from whoosh import highlight as wh

from indexer.query import TEXT_FIELDS
from indexer.schema import shared_language_analyzer, text_field_for

# One fragment of a snippet holds at most this many characters...
SNIPPET_FRAGMENT_CHARS = 220
# ...with this much context around a matched word...
SNIPPET_SURROUND = 70
# ...and a snippet shows at most this many fragments.
SNIPPET_FRAGMENTS = 2
# Without a match in the text (a title or speaker match), show the passage's opening.
LEAD_CHARS = 240
# A whole passage in a document view is never cut.
WHOLE_PASSAGE_CHARS = 10**9
ELLIPSIS = " … "


class MarkFormatter(wh.Formatter):
    """Wrap matched words in <mark> and escape all text."""

    between = ELLIPSIS

    def _text(self, text):
        return escape(text, quote=True)

    def format_token(self, text, token, replace=False):
        return "<mark>" + self._text(wh.get_text(text, token, replace)) + "</mark>"

    def __call__(self, text, fragments):
        """Join the fragments, with an ellipsis where text was left out before or after."""
        joined = super().__call__(text, fragments)
        if not fragments or not joined:
            return joined
        ordered = sorted(fragments, key=lambda fragment: fragment.startchar)
        before = "… " if ordered[0].startchar > 0 else ""
        after = " …" if ordered[-1].endchar < len(text.rstrip()) else ""
        return before + joined + after


def analyzer_for(lang: str):
    """Return the analyzer that indexed passages in ``lang`` (shared, it is stateless)."""
    field = text_field_for(lang)
    return shared_language_analyzer(field.removeprefix("text_"))


def query_terms(query, reader) -> dict[str, frozenset[str]]:
    """Return the indexed terms the query matches, by field, with prefixes and fuzzy terms expanded."""
    if query is None:
        return {}
    found: dict[str, set[str]] = {}
    # Query.existing_terms in Whoosh 2.7.4 rebinds its fieldname argument inside its loop
    # and skips every leaf after the first, so the leaves are walked here.
    for leaf in query.leaves():
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            if fieldname not in TEXT_FIELDS:
                continue
            text = text.decode("utf-8") if isinstance(text, bytes) else text
            if (fieldname, text) in reader:
                found.setdefault(fieldname, set()).add(text)
    return {name: frozenset(values) for name, values in found.items()}


def terms_for_language(terms: dict[str, frozenset[str]], lang: str) -> frozenset[str]:
    """Return the analysed terms to mark in a passage written in ``lang``."""
    return frozenset(terms.get(text_field_for(lang), ()))


def lead_html(text: str, limit: int = LEAD_CHARS) -> str:
    """Return the escaped opening of ``text``, cut at a word boundary."""
    if len(text) <= limit:
        return escape(text)
    cut = text.rfind(" ", 0, limit)
    return escape(text[: cut if cut > 0 else limit]) + "…"


def snippet_html(text: str, lang: str, terms: frozenset[str]) -> str:
    """Return the best fragments of ``text`` with ``terms`` marked, or its opening if none match."""
    if not terms:
        return lead_html(text)
    if len(text) <= SNIPPET_FRAGMENT_CHARS:
        return whole_html(text, lang, terms)
    fragmenter = wh.ContextFragmenter(maxchars=SNIPPET_FRAGMENT_CHARS, surround=SNIPPET_SURROUND)
    marked = wh.highlight(text, terms, analyzer_for(lang), fragmenter, MarkFormatter(), top=SNIPPET_FRAGMENTS)
    return marked or lead_html(text)


def whole_html(text: str, lang: str, terms: frozenset[str]) -> str:
    """Return all of ``text`` escaped, with ``terms`` marked."""
    if not terms:
        return escape(text)
    fragmenter = wh.WholeFragmenter(charlimit=WHOLE_PASSAGE_CHARS)
    marked = wh.highlight(text, terms, analyzer_for(lang), fragmenter, MarkFormatter(), top=1, minscore=0)
    return marked or escape(text)
