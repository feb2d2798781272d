"""Stop words: the function words of a language, which say little about what a passage is about.

The lists are Snowball's, as Whoosh ships them. A query's language is the one
whose list holds most of its words: short queries give language detectors
little to go on, but "what did the" is plainly English.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from whoosh.lang.stopwords import stoplists

# Languages whose stop lists a query is checked against: the collection's languages that have one.
STOP_LANGUAGES = ("en", "fr", "ru", "de", "es")


@lru_cache(maxsize=len(STOP_LANGUAGES) + 1)
def stop_words(lang: str) -> frozenset[str]:
    """Return the stop words of a language (empty for one without a list)."""
    return frozenset(stoplists.get(lang, ()))


def query_language(words: Iterable[str]) -> str | None:
    """Return the language whose stop list holds most of ``words`` (None when none holds any)."""
    lowered = [word.lower() for word in words]
    counts = [(sum(word in stop_words(lang) for word in lowered), lang) for lang in STOP_LANGUAGES]
    best = max(counts, key=lambda pair: pair[0])
    return best[1] if best[0] else None


def query_stop_words(words: Iterable[str]) -> frozenset[str]:
    """Return the stop words of the language of a query's words."""
    return stop_words(query_language(words) or "")
