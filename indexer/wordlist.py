"""The unstemmed words of the index, kept beside it for "did you mean", prefix* and fuzzy~.

Stemmed fields hide word forms ("cooperat*" would have to match the stem
"cooper"), and a second, unstemmed copy of every passage in Whoosh doubled the
indexing time. Instead each commit adds its words to this list; prefix and
fuzzy terms are expanded into real words here, then analysed per language.
Counts only grow between full rebuilds, so a suggestion is checked for hits
before it is offered.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from indexer.atomic import replace_file
from indexer.facets.names import edit_distance

WORDLIST_FILE = "words.tsv"
# Words shorter than this are not worth suggesting or expanding.
MIN_WORD_CHARS = 3
WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_CHARS},}}")
# A prefix or fuzzy term expands to at most this many words (the most frequent).
MAX_EXPANSIONS = 64


def count_words(texts: Iterable[str]) -> Counter:
    """Return how many texts each lowercased word occurs in."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(set(WORD.findall(text.lower())))
    return counts


class WordList:
    """Sorted words with the number of passages each was seen in."""

    def __init__(self, counts: Counter | None = None):
        self.counts: Counter = counts or Counter()
        self.words = sorted(self.counts)
        self._by_start_and_length: dict[tuple[str, int], list[str]] | None = None

    def _bucket(self, first: str, length: int) -> list[str]:
        """Return the words starting with ``first`` that are ``length`` characters long."""
        if self._by_start_and_length is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for word in self.words:
                buckets.setdefault((word[0], len(word)), []).append(word)
            self._by_start_and_length = buckets
        return self._by_start_and_length.get((first, length), [])

    @classmethod
    def load(cls, folder: Path) -> "WordList":
        """Return the word list saved in an index generation (empty if none)."""
        counts: Counter = Counter()
        try:
            with open(Path(folder) / WORDLIST_FILE, encoding="utf-8") as handle:
                for line in handle:
                    word, _, count = line.rstrip("\n").partition("\t")
                    if word and count.isdigit():
                        counts[word] = int(count)
        except FileNotFoundError:
            pass
        return cls(counts)

    def merged(self, counts: Counter) -> "WordList":
        """Return a word list with ``counts`` added."""
        return WordList(self.counts + counts)

    def save(self, folder: Path) -> None:
        """Write the list into an index generation atomically."""
        replace_file(Path(folder) / WORDLIST_FILE,
                     lambda handle: handle.writelines(f"{word}\t{self.counts[word]}\n" for word in self.words))

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.counts

    def _ranked(self, words: Iterable[str], limit: int) -> list[str]:
        return sorted(words, key=lambda word: (-self.counts[word], word))[:limit]

    def with_prefix(self, prefix: str, limit: int = MAX_EXPANSIONS) -> list[str]:
        """Return the most frequent words starting with ``prefix``."""
        prefix = prefix.lower()
        start = bisect.bisect_left(self.words, prefix)
        end = bisect.bisect_left(self.words, prefix + "\U0010ffff")
        return self._ranked(self.words[start:end], limit)

    def near(self, word: str, max_distance: int, limit: int = MAX_EXPANSIONS) -> list[str]:
        """Return known words within ``max_distance`` edits of ``word``, closest and most frequent first."""
        word = word.lower()
        if not word:
            return []
        found = []
        for length in range(len(word) - max_distance, len(word) + max_distance + 1):
            for candidate in self._bucket(word[0], length):
                distance = edit_distance(word, candidate, max_distance)
                if distance <= max_distance:
                    found.append((distance, -self.counts[candidate], candidate))
        return [candidate for _, _, candidate in sorted(found)[:limit]]
