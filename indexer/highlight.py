"""Snippets with the matched words in ``<mark>``, everything else HTML-escaped.

Words are found with the index's own word pattern and analysed one by one by
the engine's own analyser, so a passage is marked where its words' indexed
forms are among the query's terms (Chinese by character pairs); the best one or two windows around the
matches make the snippet. No state is kept between requests.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import escape
from dataclasses import dataclass
from typing import Callable

from indexer.fields import WORD_PATTERN

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
# Chinese is cut into character pairs, not words: its passages are marked pair by pair.
CHINESE = "zh"
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Russian words are read by dictionary form, which may start with another letter ("людей" -> "человек"),
# and by case, which tells a surname's nominative from a plural genitive ("Токаев", "токаев").
RUSSIAN = "ru"
CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
# First letters whose folded form is remembered (every letter of the collection's scripts fits).
FIRST_LETTER_CACHE = 4096
# (language, word) -> the word's indexed form in that language, as the engine's analyser gives it.
WordAnalyser = Callable[[str, str], str]


@dataclass(frozen=True)
class MarkedTerms:
    """The analysed forms to mark: words wherever they stand, phrases only where their words stand in order."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    def every_term(self) -> frozenset[str]:
        """Return every term of the words and phrases."""
        return self.words.union(*self.phrases)


def lead_html(text: str, limit: int = LEAD_CHARS) -> str:
    """Return the escaped opening of ``text``, cut at a word boundary."""
    if len(text) <= limit:
        return escape(text)
    cut = text.rfind(" ", 0, limit)
    return escape(text[: cut if cut > 0 else limit]) + "…"


def han_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Return the spans of the Chinese character pairs (or lone characters) of ``text`` that are in ``terms``."""
    spans = []
    for run in HAN_RUN.finditer(text):
        start, chars = run.start(), run.group()
        pieces = [(i, i + 2) for i in range(len(chars) - 1)] if len(chars) > 1 else [(0, 1)]
        spans.extend((start + i, start + j) for i, j in pieces if chars[i:j] in terms)
    return spans


@lru_cache(maxsize=FIRST_LETTER_CACHE)
def first_letter_key(char: str) -> str:
    """Return a word's first letter as analysers leave it: lower case, accents and the diaeresis of ё removed."""
    return unicodedata.normalize("NFKD", char)[:1].lower()


def may_reach(word: str, firsts: set[str], lang: str) -> bool:
    """Return False only when ``word`` cannot analyse to a term starting with one of ``firsts``.

    Stemmers change endings, never a word's first letter, and folding, where an analyser folds, maps
    it to a plain Latin or Cyrillic letter; any other first letter (ß, æ, Greek…) is analysed to be sure.
    A Russian word's dictionary form may start with any letter, so every Russian word is analysed.
    """
    if lang == RUSSIAN:
        return True
    key = first_letter_key(word[0])
    if not key.isalpha():
        return True  # digits and number signs: tokenisers differ on them
    return word[0] in firsts or key in firsts or not (key.isascii() or CYRILLIC_LETTER.match(key))


def word_key(lang: str) -> Callable[[str], str]:
    """Return how words of a language are told apart before analysis: as written in Russian, else lower-cased."""
    return str if lang == RUSSIAN else str.lower


def reaching_words(text: str, lang: str, terms: frozenset[str], analysed_word: WordAnalyser) -> dict[str, str]:
    """Return the distinct words of ``text`` (by ``word_key``) whose analysed form is in ``terms``, with that form.

    ``analysed_word(lang, word)`` is the engine's indexed form of a word; each distinct word is analysed once.
    """
    firsts = {term[:1] for term in terms}
    forms = {}
    for word in set(map(word_key(lang), WORD.findall(text))):
        if may_reach(word, firsts, lang):
            form = analysed_word(lang, word)
            if form in terms:
                forms[word] = form
    return forms


def matched_spans(text: str, lang: str, terms: MarkedTerms, analysed_word: WordAnalyser) -> list[tuple[int, int]]:
    """Return the (start, end) characters of the words of ``text`` whose analysed form is to be marked.

    Chinese runs are marked by pairs; a phrase's words only where they stand in the phrase's order.
    """
    spans = han_spans(text, terms.words) if lang == CHINESE else []
    reaching = reaching_words(text, lang, terms.every_term(), analysed_word)
    if not reaching:
        return merged(spans)
    marked = {word for word, form in reaching.items() if form in terms.words}
    if lang == CHINESE:
        marked = {word for word in marked if not HAN_RUN.match(word)}
    key = word_key(lang)
    words = list(WORD.finditer(text))
    spans += [match.span() for match in words if key(match.group()) in marked]
    if terms.phrases:
        forms = [reaching.get(key(match.group())) for match in words]
        spans += phrase_spans(words, forms, terms.phrases)
    return merged(spans)


def phrase_spans(words: list[re.Match], forms: list[str | None], phrases) -> list[tuple[int, int]]:
    """Return the spans of the words that stand in one of ``phrases``' order (``forms``: each word's analysed form)."""
    spans = []
    for phrase in phrases:
        size = len(phrase)
        for start in range(len(forms) - size + 1):
            if tuple(forms[start:start + size]) == phrase:
                spans += [match.span() for match in words[start:start + size]]
    return spans


def terms_present(text: str, lang: str, terms: frozenset[str], analysed_word: WordAnalyser) -> frozenset[str]:
    """Return which of ``terms`` the words of ``text`` analyse to (Chinese pairs included)."""
    if not terms:
        return frozenset()
    found = {text[start:end] for start, end in han_spans(text, terms)} if lang == CHINESE else set()
    return frozenset(found | set(reaching_words(text, lang, terms, analysed_word).values()))


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return spans in order, overlapping ones (neighbouring Chinese pairs) joined."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


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


def snippet_html(text: str, lang: str, terms: MarkedTerms, analysed_word: WordAnalyser) -> str:
    """Return the best fragments of ``text`` with ``terms`` marked, or its opening if none match."""
    if not terms:
        return lead_html(text)
    spans = matched_spans(text, lang, terms, analysed_word)
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


def whole_html(text: str, lang: str, terms: MarkedTerms, analysed_word: WordAnalyser) -> str:
    """Return all of ``text`` escaped, with ``terms`` marked."""
    if not terms:
        return escape(text)
    return marked_html(text, matched_spans(text, lang, terms, analysed_word))
