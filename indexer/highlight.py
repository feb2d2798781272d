"""Snippets with the matched words in ``<mark>``, everything else HTML-escaped.

Words are found with the index's own word pattern and analysed one by one
(remembered per language), so a passage is marked where its words' indexed forms
are among the query's matched terms; the best one or two windows around the
matches make the snippet. No state is kept between requests but that word cache.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from indexer.engines.whoosh.schema import shared_language_analyzer
from indexer.fields import WORD_PATTERN, text_field_for

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
WORD = re.compile(WORD_PATTERN)
# Chinese is cut into character pairs, not words: its passages are marked through the analyzer.
CHINESE = "zh"
# Distinct (language, word) analyses remembered: a few megabytes covers a large vocabulary.
ANALYSED_WORDS_CACHE = 200_000


def analyzer_for(lang: str):
    """Return the analyzer that indexed passages in ``lang`` (shared, it is stateless)."""
    field = text_field_for(lang)
    return shared_language_analyzer(field.removeprefix("text_"))


def terms_for_language(terms: dict[str, frozenset[str]], lang: str) -> frozenset[str]:
    """Return the analysed terms to mark in a passage written in ``lang``."""
    return frozenset(terms.get(text_field_for(lang), ()))


def lead_html(text: str, limit: int = LEAD_CHARS) -> str:
    """Return the escaped opening of ``text``, cut at a word boundary."""
    if len(text) <= limit:
        return escape(text)
    cut = text.rfind(" ", 0, limit)
    return escape(text[: cut if cut > 0 else limit]) + "…"


def matched_spans(text: str, lang: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Return the (start, end) characters of the words of ``text`` whose analysed form is in ``terms``."""
    if lang == CHINESE:
        tokens = analyzer_for(lang)(text, chars=True, removestops=False, mode="index")
        return [(t.startchar, t.endchar) for t in tokens if t.text in terms]
    spans = []
    for match in WORD.finditer(text):
        if analysed_word(lang, match.group().lower()) in terms:
            spans.append(match.span())
    return spans


@lru_cache(maxsize=ANALYSED_WORDS_CACHE)
def analysed_word(lang: str, word: str) -> str:
    """Return the indexed form of one word of a passage in ``lang`` (its analyzer works word by word)."""
    tokens = [token.text for token in analyzer_for(lang)(word)]
    return tokens[0] if tokens else ""


def marked_html(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """Return ``text[start:end]`` escaped, with the spans inside it wrapped in <mark>."""
    end = len(text) if end is None else end
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append("<mark>" + escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    return "".join(pieces)


def fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Return (score, start, end) windows of at most SNIPPET_FRAGMENT_CHARS around runs of matches.

    A window holds the matches that fit after its first one, with SNIPPET_SURROUND characters of
    context either side, cut at word boundaries; its score is its matches plus its distinct words.
    """
    windows, i = [], 0
    while i < len(spans):
        first = spans[i][0]
        j = i
        while j + 1 < len(spans) and spans[j + 1][1] - first <= SNIPPET_FRAGMENT_CHARS - SNIPPET_SURROUND:
            j += 1
        left = max(0, first - SNIPPET_SURROUND)
        if left > 0:
            space = text.find(" ", left, first)
            left = space + 1 if space >= 0 else first
        right = min(len(text), spans[j][1] + SNIPPET_SURROUND, left + SNIPPET_FRAGMENT_CHARS)
        if right < len(text):
            space = text.rfind(" ", spans[j][1], right)
            right = space if space >= 0 else spans[j][1]
        distinct = {text[s:e].lower() for s, e in spans[i:j + 1]}
        windows.append((j - i + 1 + len(distinct), left, right))
        i = j + 1
    return windows


def snippet_html(text: str, lang: str, terms: frozenset[str]) -> str:
    """Return the best fragments of ``text`` with ``terms`` marked, or its opening if none match."""
    if not terms:
        return lead_html(text)
    spans = matched_spans(text, lang, terms)
    if not spans:
        return lead_html(text)
    if len(text) <= SNIPPET_FRAGMENT_CHARS:
        return marked_html(text, spans)
    best = sorted(fragments(text, spans), key=lambda window: (-window[0], window[1]))[:SNIPPET_FRAGMENTS]
    shown, previous_end = [], 0
    for _, left, right in sorted(best, key=lambda window: window[1]):
        left = max(left, previous_end)
        shown.append(marked_html(text, spans, left, right).strip())
        previous_end = right
    ordered = sorted(best, key=lambda window: window[1])
    before = "… " if ordered[0][1] > 0 else ""
    after = " …" if ordered[-1][2] < len(text.rstrip()) else ""
    return before + ELLIPSIS.join(piece for piece in shown if piece) + after


def whole_html(text: str, lang: str, terms: frozenset[str]) -> str:
    """Return all of ``text`` escaped, with ``terms`` marked."""
    if not terms:
        return escape(text)
    return marked_html(text, matched_spans(text, lang, terms))
