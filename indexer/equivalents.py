"""Words that mean the same in the collection's other languages and scripts, from the librarians' vocabularies.

Two sources: the ``equivalents`` lines of ``corpus/topics.yaml`` (one meaning in
several languages, each word reached by one of its topic's specific terms) and
the speaker authority of ``corpus/speakers.yaml`` (a person's spellings in
Latin, Cyrillic and Chinese). ``EquivalenceTable.lookup`` tells what words typed
in a query reach: the equivalents in the languages they were not typed in, each
with the forms to search, and the language they were typed in when the
vocabulary tells it. Searching them is the query layer's business
(``indexer/engines/crosslang.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.config import SPEAKERS_FILE, TOPICS_FILE
from indexer.facets.names import is_han, plain
from indexer.facets.speakers import BARE_SURNAME_MIN_LENGTH, Speaker, SpeakerAuthority, load_authority
from indexer.facets.topics import (
    SUBSTRING_LANGUAGES, WHOLE_WORD, Taxonomy, load_taxonomy, reaching_term, term_at, term_words,
)
from indexer.facets.vocab import fold
from indexer.querylang import WORD

# The collection's only language written in each script; a Latin spelling serves English and French alike.
SCRIPT_LANGUAGES = {"han": "zh", "cyrillic": "ru", "latin": None}
# A person's name is looked for in runs of up to this many query words ("Shavkat Miromonovich Mirziyoyev").
MAX_NAME_WORDS = 4
# Marks between the parts of a transliterated name in Chinese (弗拉基米尔·普京).
HAN_NAME_DOTS = re.compile(r"[·・•]")
CYRILLIC = re.compile(r"[а-яё]")


@dataclass(frozen=True)
class Form:
    """How one equivalent is searched: a word or phrase, or (``prefix``) every word beginning with one word."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Equivalent:
    """A word searched beside what was typed: as shown, its language (None: no one language) and its forms."""

    word: str
    lang: str | None
    forms: tuple[Form, ...]


@dataclass(frozen=True)
class Match:
    """What typed words reach: their equivalents, and the language they were typed in when it is known."""

    also: tuple[Equivalent, ...]
    lang: str | None


@dataclass(frozen=True)
class _Entry:
    """One word of a topic's equivalents line: its language, the word as shown and the term reaching it."""

    lang: str
    word: str
    term: str

    @property
    def term_words(self) -> tuple[str, ...]:
        """Return the folded words of the term (none for a Chinese one, matched as a substring)."""
        return () if self.lang in SUBSTRING_LANGUAGES else term_words(self.term)


def script_of(text: str) -> str:
    """Return the script a name or word is written in: han, cyrillic or latin."""
    if is_han(text):
        return "han"
    return "cyrillic" if CYRILLIC.search(fold(text)) else "latin"


def topic_forms(entry: _Entry) -> tuple[Form, ...]:
    """Return how a topic word is searched: the beginning its term gives it, or the word or phrase itself."""
    if entry.lang in SUBSTRING_LANGUAGES:
        return (Form((entry.term,)),)
    words = term_words(entry.term)
    if len(words) > 1 or words[0].endswith(WHOLE_WORD):
        return (Form(tuple(WORD.findall(entry.word))),)
    as_written = entry.word[:len(entry.term)].lower()
    return tuple(Form((start,), prefix=True) for start in dict.fromkeys((as_written, words[0])))


def reaches(entry: _Entry, terms: tuple[str, ...], folded: list[str]) -> bool:
    """Return whether folded typed words are reached by an entry's term (``terms``) as a passage's words would be."""
    if entry.lang in SUBSTRING_LANGUAGES:
        return len(folded) == 1 and entry.term in folded[0]
    return len(terms) == len(folded) and term_at(terms, folded, 0)


def name_forms(speaker: Speaker) -> tuple[Equivalent, ...]:
    """Return a person's spellings to search, one per script spelling: surnames, or whole names when short."""
    surname_first = bool(speaker.surname) and plain(speaker.name).split()[:1] == plain(speaker.surname).split()
    found: dict[str, Equivalent] = {}
    for name in (speaker.name, *speaker.variants):
        script = script_of(name)
        if script == "han":
            form = HAN_NAME_DOTS.split(name)[-1].strip()
        else:
            last = name.split()[-1]
            form = name if surname_first or len(fold(last)) < BARE_SURNAME_MIN_LENGTH else last
        words = tuple(WORD.findall(form))
        if words:
            found.setdefault(fold(" ".join(words)), Equivalent(form, SCRIPT_LANGUAGES[script], (Form(words),)))
    return tuple(found.values())


class EquivalenceTable:
    """Topic equivalents and speaker spellings, looked up by the words of a query."""

    def __init__(self, taxonomy: Taxonomy, authority: SpeakerAuthority):
        self._lines = tuple(
            tuple(_Entry(lang, word, reaching_term(topic, lang, word))
                  for lang, words in line.items() for word in words)
            for topic in taxonomy.topics for line in topic.equivalents)
        self._terms = {entry: entry.term_words for line in self._lines for entry in line}
        self._starts: dict[str, set[int]] = {}  # a term's first word -> the lines holding such a term
        self._han_lines = {index for index, line in enumerate(self._lines)
                           if any(entry.lang in SUBSTRING_LANGUAGES for entry in line)}
        for index, line in enumerate(self._lines):
            for entry in line:
                if self._terms[entry]:
                    self._starts.setdefault(self._terms[entry][0].rstrip(WHOLE_WORD), set()).add(index)
        self._authority = authority
        self._people = {speaker.name: speaker for speaker in authority.speakers}
        self._name_words = frozenset(word for speaker in authority.speakers
                                     for name in (speaker.name, *speaker.variants) for word in plain(name).split())
        longest_term = max((len(terms) for terms in self._terms.values()), default=1)
        self.max_words = max(longest_term, MAX_NAME_WORDS if self._people else 1)

    def lookup(self, words: tuple[str, ...]) -> Match | None:
        """Return what typed words reach in other languages and scripts, or None when they reach nothing."""
        if not words:
            return None
        return self._person(words) or self._topics(words)

    def _person(self, words: tuple[str, ...]) -> Match | None:
        """Return the spellings, in other scripts, of the one person the words name."""
        if not self._people:
            return None
        if len(words) > 1 and not all(word in self._name_words for word in plain(" ".join(words)).split()):
            return None  # several words name someone only when each is a word of a listed spelling
        canonical = self._authority.canonical(" ".join(words))
        if canonical is None:
            return None
        script = script_of(" ".join(words))
        also = tuple(form for form in name_forms(self._people[canonical]) if script_of(form.word) != script)
        return Match(also, SCRIPT_LANGUAGES[script]) if also else None

    def _topics(self, words: tuple[str, ...]) -> Match | None:
        """Return the words of every equivalents line the typed words reach, but those of the language typed in.

        Languages sharing a spelling (English and French "terroris") leave the language typed in open
        unless the words are one of theirs as shown; then every other word is searched.
        """
        also: dict[tuple[str, str], Equivalent] = {}
        typed_in: list[str | None] = []
        typed, folded = fold(" ".join(words)), [fold(word) for word in words]
        for index in self._candidates(folded):
            line = self._lines[index]
            reached = list(dict.fromkeys(entry.lang for entry in line if reaches(entry, self._terms[entry], folded)))
            if not reached:
                continue
            lang = reached[0] if len(reached) == 1 else typed_language(line, reached, typed)
            typed_in.append(lang)
            for entry in line:
                if entry.lang != lang and fold(entry.word) != typed:
                    also.setdefault((entry.word, entry.lang), Equivalent(entry.word, entry.lang, topic_forms(entry)))
        if not also:
            return None
        return Match(tuple(also.values()), typed_in[0] if len(set(typed_in)) == 1 else None)

    def _candidates(self, folded: list[str]) -> list[int]:
        """Return, in file order, the lines with a term whose first word begins the first typed word."""
        first = folded[0]
        found = set().union(*(self._starts.get(first[:length], ()) for length in range(1, len(first) + 1)))
        return sorted(found | self._han_lines if is_han(first) else found)


def typed_language(line: tuple[_Entry, ...], reached: list[str], typed: str) -> str | None:
    """Return which of several languages sharing a term the folded words were typed in: the one whose word they are."""
    exact = {entry.lang for entry in line if entry.lang in reached and fold(entry.word) == typed}
    return exact.pop() if len(exact) == 1 else None


def load_equivalents(folder: Path | str) -> EquivalenceTable:
    """Return the equivalents of the vocabularies in ``folder``, built again only when a file changed."""
    folder = Path(folder)
    return _table(load_taxonomy(folder / TOPICS_FILE), load_authority(folder / SPEAKERS_FILE))


@lru_cache(maxsize=4)
def _table(taxonomy: Taxonomy, authority: SpeakerAuthority) -> EquivalenceTable:
    return EquivalenceTable(taxonomy, authority)
