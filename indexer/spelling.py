"""Did-you-mean: replace query words that match nothing with a close spelling that does."""
from __future__ import annotations

import re

from indexer.fields import OPERATOR_WORDS
from indexer.stopwords import query_stop_words

# Words shorter than this are too ambiguous to correct.
MIN_CORRECTABLE_CHARS = 4
# Longer "words" are not words (a pasted run of characters) and are left alone.
MAX_CORRECTABLE_CHARS = 30
# Largest edit distance of a suggested spelling.
MAX_EDIT_DISTANCE = 2
# Close spellings tried per word, most frequent first, until one has hits.
CANDIDATES_TRIED = 3
WORD = re.compile(r"(?<![\w:*~\-])([^\W\d_]+)(?![\w*~:])")


def suggest_query(text: str, wordlist, has_hits) -> str | None:
    """Return ``text`` with words that match nothing replaced by a close known word that does, or None.

    Stop words of the query's language are left as they are: a long question is searched without them.

    ``has_hits(word)`` tells whether a word matches anything in the index.
    """
    changed = False
    stops = query_stop_words(match.group(1) for match in WORD.finditer(text))

    def correct(match: re.Match) -> str:
        nonlocal changed
        word = match.group(1)
        if (word in OPERATOR_WORDS or not MIN_CORRECTABLE_CHARS <= len(word) <= MAX_CORRECTABLE_CHARS
                or word.lower() in stops or word in wordlist or has_hits(word)):
            return word
        for candidate in wordlist.near(word, MAX_EDIT_DISTANCE, limit=CANDIDATES_TRIED):
            if candidate != word.lower() and has_hits(candidate):
                changed = True
                return candidate
        return word

    corrected = WORD.sub(correct, text)
    return corrected if changed else None
