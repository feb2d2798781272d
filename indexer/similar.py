"""Similar passages: a query made of the words that most distinguish one passage, searched in other documents.

The same idea as a more-like-this query, built from the word list's counts so
that both engines do it alike: a passage's words are scored by tf-idf (how
often the passage uses a word, times how rare the word is among all passages),
stop words and words no other passage holds are left out, and the best ones
are searched as an OR, ranked by BM25. Chinese, which has no spaces, offers its
character pairs instead, scored by how often the passage uses them.
"""
from __future__ import annotations

import math
from collections import Counter

from indexer.highlight import HAN_RUN
from indexer.models import Passage
from indexer.stopwords import stop_words
from indexer.wordlist import WORD as WORDLIST_WORD  # the words the word list counts

# Words of a passage that make its similarity query: enough to characterise a paragraph, few enough to stay fast.
SIMILAR_WORDS = 25


def han_pairs(text: str) -> Counter:
    """Return how often each pair of neighbouring Chinese characters occurs in ``text``."""
    pairs: Counter = Counter()
    for run in HAN_RUN.findall(text):
        pairs.update(run[i:i + 2] for i in range(len(run) - 1))
    return pairs


def distinctive_words(passage: Passage, counts: Counter, passages: int, limit: int = SIMILAR_WORDS) -> list[str]:
    """Return the words that most distinguish ``passage``: by tf-idf, held by at least one other passage.

    ``counts`` gives how many passages hold each lowercase word; ``passages`` how many there are.
    """
    if passage.lang == "zh":
        return [pair for pair, _ in han_pairs(passage.text).most_common(limit)]
    stops = stop_words(passage.lang)
    used = Counter(word for word in WORDLIST_WORD.findall(passage.text.lower()) if word not in stops)
    scored = []
    for word, times in used.items():
        holding = counts.get(word, 0)
        if holding > 1:
            scored.append((times * math.log((passages + 1) / (holding + 0.5)), word))
    return [word for _, word in sorted(scored, key=lambda pair: (-pair[0], pair[1]))[:limit]]


def similar_query_text(passage: Passage, counts: Counter, passages: int) -> str:
    """Return the query text (an OR of distinctive words) of the passages worded like ``passage``."""
    return " OR ".join(distinctive_words(passage, counts, passages))
