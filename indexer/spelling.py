"""Did-you-mean: replace query words that match nothing with a close spelling that does."""
from __future__ import annotations

import re

from indexer.query import OPERATOR_WORDS, SPELLING_FIELD

# Words shorter than this are too ambiguous to correct.
MIN_CORRECTABLE_CHARS = 4
# Longer "words" are not words (a pasted run of characters): building their automaton takes seconds.
MAX_CORRECTABLE_CHARS = 30
# Largest edit distance of a suggested spelling.
MAX_EDIT_DISTANCE = 2
WORD = re.compile(r"(?<![\w:*~\-])([^\W\d_]+)(?![\w*~:])")


def suggest_query(text: str, searcher, has_hits) -> str | None:
    """Return ``text`` with words that match nothing replaced by a close known spelling, or None.

    ``has_hits(word)`` tells whether a word matches through the stemmed fields.
    """
    reader = searcher.reader()
    changed = False

    def correct(match: re.Match) -> str:
        nonlocal changed
        word = match.group(1)
        lowered = word.lower()
        if (word in OPERATOR_WORDS or not MIN_CORRECTABLE_CHARS <= len(word) <= MAX_CORRECTABLE_CHARS
                or reader.doc_frequency(SPELLING_FIELD, lowered)):
            return word
        if has_hits(word):
            return word
        suggestions = searcher.suggest(SPELLING_FIELD, lowered, limit=1, maxdist=MAX_EDIT_DISTANCE)
        if not suggestions or suggestions[0] == lowered:
            return word
        changed = True
        return suggestions[0]

    corrected = WORD.sub(correct, text)
    return corrected if changed else None

