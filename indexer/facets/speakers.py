"""The speaker authority: one canonical name for every spelling of a person.

``corpus/speakers.yaml`` lists people with their role and their variant spellings
(Latin, Cyrillic, Chinese, common misspellings). Names are compared after
folding case and diacritics and stripping honorifics; a spelling not in the file
is matched on its surname by edit distance. Attribution of documents and passages
to speakers lives in ``attribution.py`` and is re-exported here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from indexer.facets.attribution import document_speakers, passage_reported, starts_turn
from indexer.facets.names import (
    MAX_HONORIFIC_WORDS, edit_distance, is_han, is_honorific, name_readings, normalise_name, plain,
    russian_name_forms, russian_name_roles,
)
from indexer.facets.vocab import (
    check_fields, file_stamp, fold, line_of, read_yaml, require, string_list,
)
from indexer.morphology import RUSSIAN_WORD

__all__ = [
    "Speaker", "SpeakerAuthority", "load_authority", "parse_authority",
    "document_speakers", "passage_reported", "starts_turn",
]

# A misspelt surname may differ from the listed one by this share of its length
# ("Gutteres"/"Guterres" 2 of 8, "Mirziev"/"Mirziyoyev" 3 of 10) when the given name agrees too...
SURNAME_EDIT_RATIO = 0.3
# ...and by this share when the surname stands alone ("Nazarbaev"/"Nazarbayev" 1 of 10),
LONE_SURNAME_EDIT_RATIO = 0.2
# if it is long enough to be distinctive ("Rahman" is not "Rahmon").
LONE_SURNAME_MIN_LENGTH = 8
# Russian case endings tried on a Cyrillic surname the analyser does not read as a name
# ("Путина", "Токаевым" → "Путин", "Токаев").
RUSSIAN_CASE_ENDINGS = ("ыми", "ому", "ым", "ом", "ой", "ою", "ей", "ая", "ую", "а", "у", "е", "ы", "и")
# A misspelt surname is compared only with listed surnames that begin with the same letters
# (misspellings keep the start: "Gutteres", "Mirziev", "Nazarbaev"); this keeps lookups fast.
FUZZY_PREFIX = 2
# Shorter words are too common to be matched approximately ("Khan", "Wang").
FUZZY_MIN_LENGTH = 5
# A bare surname in running text counts only if at least this long ("Putin", "Guterres");
# shorter ones ("Xi", "Modi", "Li") need a title before them ("President Xi", "Mr Modi").
BARE_SURNAME_MIN_LENGTH = 5
# A listed given name shorter than this ("И" of Ван И) is too common a word to tell another person's name.
MIN_GIVEN_NAME_CHARS = 3
# Capitalised word runs tried as misspelt names in running text, in words.
NAME_RUN_WORDS = (2, 3)
# Cap on memoised lookups, so a long run over a large collection cannot grow without bound.
MEMO_LIMIT = 200_000

# Longest listed spelling looked for in running text, in words.
MAX_NAME_WORDS = 5

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_WORD = re.compile(r"[^\W_]+")
# Between two words of one name there may be spaces, hyphens, dots or a middle dot, but no other punctuation.
_NAME_GAP = re.compile(r"[^\s\-‐‑.·・'’]")
_NAME_RUN = re.compile(rf"(?<![\w'’-])[{_UPPER}][\w'’-]+(?:[^\S\n]+[{_UPPER}][\w'’-]+){{1,{MAX_NAME_WORDS}}}")


@dataclass(frozen=True)
class Speaker:
    """One person: canonical name, short role, other spellings and (if not the last word) surname."""

    name: str
    role: str | None = None
    variants: tuple[str, ...] = ()
    surname: str | None = None
    surname_alone: bool = True  # False: the surname is also a common word or name, so it needs a title


@dataclass(frozen=True)
class _Form:
    """One spelling split into given-name words and surname, folded."""

    canonical: str
    given: tuple[str, ...]
    surname: str


class SpeakerAuthority:
    """Look up canonical speaker names and find mentions of known people in text."""

    def __init__(self, speakers: Iterable[Speaker]) -> None:
        self.speakers = tuple(speakers)
        self._roles = {s.name: s.role for s in self.speakers}
        self._titled_only = {s.name for s in self.speakers if not s.surname_alone}
        self._exact: dict[str, set[str]] = {}
        self._forms: dict[str, list[_Form]] = {}
        for speaker in self.speakers:
            self._index(speaker)
        self._owners: dict[str, set[str]] = {}
        self._given: dict[str, set[str]] = {}  # canonical name -> its given-name words, folded
        for group in self._forms.values():
            for form in group:
                self._owners.setdefault(form.surname, set()).add(form.canonical)
                self._given.setdefault(form.canonical, set()).update(form.given)
        self._any_given = {word for words in self._given.values() for word in words if len(word) >= MIN_GIVEN_NAME_CHARS}
        self._longest_from: dict[str, int] = {}  # first word of a multi-word spelling -> most words
        for key in self._exact:
            words = key.split()
            if len(words) > 1 and not is_han(key):
                self._longest_from[words[0]] = max(len(words), self._longest_from.get(words[0], 0))
        self._starts = set(self._longest_from) | {k for k in self._exact if " " not in k} | set(self._owners)
        self._memo: dict[str, str | None] = {}

    def _index(self, speaker: Speaker) -> None:
        surname_first = bool(speaker.surname) and plain(speaker.name).split()[:1] == plain(speaker.surname).split()
        for spelling in (speaker.name, *speaker.variants):
            key = normalise_name(spelling)
            if not key:
                continue
            self._exact.setdefault(key, set()).add(speaker.name)
            words = key.split()
            if is_han(key) or not words:
                continue
            surname = words[0] if surname_first and len(words) > 1 else words[-1]
            given = tuple(words[1:] if surname_first and len(words) > 1 else words[:-1])
            self._forms.setdefault(surname[:FUZZY_PREFIX], []).append(_Form(speaker.name, given, surname))

    def role(self, canonical: str) -> str | None:
        """Return the role of a canonical name, or None."""
        return self._roles.get(canonical)

    def surname_owners(self, surname: str) -> set[str]:
        """Return the canonical names whose listed surname is exactly ``surname`` (folded)."""
        return self._owners.get(surname, set())

    def _bare_owners(self, word: str) -> set[str]:
        """Return who a single word names exactly: a listed one-word spelling or surname, or its Russian case form."""
        owners = next((found for form in russian_name_forms(word)
                       for found in (self._exact.get(form), self.surname_owners(form)) if found), set())
        if not owners and RUSSIAN_WORD.fullmatch(word):
            for ending in RUSSIAN_CASE_ENDINGS:
                if word.endswith(ending) and len(word) - len(ending) >= FUZZY_MIN_LENGTH - 1:
                    owners = self.surname_owners(word[: -len(ending)])
                    if owners:
                        break
        return set(owners)

    def _exact_reading(self, key: str) -> str | None:
        """Return the first reading of a folded key (as written, then Russian nominatives) that is listed."""
        return next((reading for reading in name_readings(key) if reading in self._exact), None)

    def canonical(self, name: str) -> str | None:
        """Return the canonical name for a spelling, or None if nobody matches unambiguously."""
        key = normalise_name(name)
        if key not in self._memo:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = self._lookup(key)
        return self._memo[key]

    def _lookup(self, key: str) -> str | None:
        if not key:
            return None
        reading = key if is_han(key) else self._exact_reading(key)
        exact = self._exact.get(reading, set()) if reading else set()
        if len(exact) == 1:
            return next(iter(exact))
        words = key.split()
        if exact or is_han(key) or not words:
            return None
        if len(words) == 1:
            owners = self._bare_owners(words[0]) if len(words[0]) >= BARE_SURNAME_MIN_LENGTH else set()
            if owners or len(words[0]) < LONE_SURNAME_MIN_LENGTH:
                return next(iter(owners)) if len(owners) == 1 else None
            return self._fuzzy(words[0], (), LONE_SURNAME_EDIT_RATIO)
        found = {self._fuzzy(words[-1], tuple(words[:-1]), SURNAME_EDIT_RATIO),
                 self._fuzzy(words[0], tuple(words[1:]), SURNAME_EDIT_RATIO)} - {None}
        return next(iter(found)) if len(found) == 1 else None

    def _fuzzy(self, surname: str, given: tuple[str, ...], ratio: float) -> str | None:
        """Return the one canonical name whose surname (and given names) are close enough."""
        best: dict[str, int] = {}
        for form in self._forms.get(surname[:FUZZY_PREFIX], ()):
            if len(form.surname) < FUZZY_MIN_LENGTH and form.surname != surname:
                continue
            limit = int(max(len(surname), len(form.surname)) * ratio)
            distance = edit_distance(surname, form.surname, limit)
            if distance > limit or not _given_agree(given, form.given):
                continue
            best[form.canonical] = min(distance, best.get(form.canonical, distance))
        if not best or len(surname) < FUZZY_MIN_LENGTH and min(best.values()) > 0:
            return None
        lowest = min(best.values())
        winners = [name for name, distance in best.items() if distance == lowest]
        return winners[0] if len(winners) == 1 else None

    def find_mentions(self, text: str) -> list[tuple[str, int, int]]:
        """Return (canonical name, start, end) for each known person named in ``text``, in order."""
        folded = fold(text)
        mentions = self._word_mentions(folded) + self._han_mentions(folded)
        for match in _NAME_RUN.finditer(text):
            mentions = self._fuzzy_run(match, mentions)
        return sorted(mentions, key=lambda mention: mention[1])

    def _word_mentions(self, folded: str) -> list[tuple[str, int, int]]:
        """Return listed spellings found as runs of words, longest first, in folded text."""
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
        mentions, index = [], 0
        while index < len(words):
            word = words[index][0]
            if self._starts.isdisjoint(russian_name_forms(word)) and not (
                    RUSSIAN_WORD.match(word) and self._bare_owners(word)):
                index += 1
                continue
            found = self._mention_at(folded, words, index)
            if found:
                mentions.append(found[0])
                index = found[1]
            else:
                index += 1
        return mentions

    def _mention_at(self, folded: str, words: list, index: int) -> tuple[tuple[str, int, int], int] | None:
        """Return the mention starting at word ``index`` and the index after it, or None."""
        starts = (self._longest_from.get(form, 1) for form in russian_name_forms(words[index][0]))
        longest = min(max(starts), MAX_NAME_WORDS, len(words) - index)
        for size in range(longest, 0, -1):
            run = words[index:index + size]
            if any(_NAME_GAP.search(folded, a[2], b[1]) for a, b in zip(run, run[1:])):
                continue
            key = " ".join(word for word, _, _ in run)
            if size == 1 and not self._bare_ok(key, folded, words, index):
                continue
            if size == 1:
                canonical = next(iter(self._bare_owners(key)))
            else:
                reading = self._exact_reading(key)
                canonical = self.canonical(reading) if reading else None
            if canonical:
                return (canonical, run[0][1], run[-1][2]), index + size
        return None

    def _bare_ok(self, key: str, folded: str, words: list, index: int) -> bool:
        """Return True if a single word names one person exactly and is long enough or follows a title.

        A person whose surname is also a common word or name (``surname_alone: no``) always needs the title.
        """
        owners = self._bare_owners(key)
        owner = next(iter(owners), None)
        if len(owners) != 1 or self._names_someone_else(owner, folded, words, index):
            return False
        if len(key) >= BARE_SURNAME_MIN_LENGTH and owner not in self._titled_only:
            return True
        before = [w for w, _, _ in words[max(0, index - MAX_HONORIFIC_WORDS):index]]
        return any(is_honorific(" ".join(before[-size:])) for size in range(1, len(before) + 1))

    def _names_someone_else(self, owner: str, folded: str, words: list, index: int) -> bool:
        """Return True if the words around a lone surname make it another person's name.

        A given name right before it that is not the owner's ("Анна Герман", "Alexander Lebedev" for
        Sergei Lebedev), or, when the word is itself a given name, a surname or patronymic beside it
        ("Герман Греф", "Захаров Герман Константинович").
        """
        before = words[index - 1][0] if index and _adjacent(folded, words[index - 1], words[index]) else None
        after = words[index + 1][0] if index + 1 < len(words) and _adjacent(folded, words[index], words[index + 1]) \
            else None
        given = self._given.get(owner, set())
        if before and self._is_given_name(before) and not _given_agree((before,), tuple(given)):
            return not any(form in given for form in russian_name_forms(before))
        return "Name" in russian_name_roles(words[index][0]) and any(
            {"Surn", "Patr"} & russian_name_roles(word) for word in (before, after) if word)

    def _is_given_name(self, word: str) -> bool:
        """Return True if a folded word is someone's given name: the authority's, or read as one in Russian."""
        return word in self._any_given or "Name" in russian_name_roles(word)

    def _han_mentions(self, folded: str) -> list[tuple[str, int, int]]:
        """Return listed Chinese spellings found as substrings, longest first, without overlaps."""
        if not is_han(folded):
            return []
        taken: list[tuple[str, int, int]] = []
        for key in sorted((k for k in self._exact if is_han(k)), key=len, reverse=True):
            canonical = self.canonical(key)
            start = folded.find(key)
            while canonical and start >= 0:
                end = start + len(key)
                if not any(s < end and start < e for _, s, e in taken):
                    taken.append((canonical, start, end))
                start = folded.find(key, end)
        return taken

    def _fuzzy_run(self, match: re.Match, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Return mentions with a misspelt or inflected name in a run of capitalised words added or widened."""
        start, end = match.span()
        inside = [m for m in found if m[1] < end and start < m[2]]
        if len(inside) > 1 or inside and inside[0][1] == start:
            return found
        words = list(re.finditer(r"\S+", match.group()))
        for size in sorted(NAME_RUN_WORDS, reverse=True):
            for first in range(len(words) - size + 1):
                last = first + size - 1
                span = (start + words[first].start(), start + words[last].end())
                if inside and not (span[0] < inside[0][1] and inside[0][2] <= span[1]):
                    continue  # only widen a found surname leftwards ("Владимира Путина")
                canonical = self.canonical(match.string[span[0]:span[1]])
                if canonical and (not inside or canonical == inside[0][0]):
                    while first < last and is_honorific(plain(words[first].group())):
                        first += 1
                    widened = (canonical, start + words[first].start(), span[1])
                    return [m for m in found if m not in inside] + [widened]
        return found

def _adjacent(folded: str, first: tuple, second: tuple) -> bool:
    """Return True if only a name's own gap (spaces, a hyphen, a dot) stands between two words."""
    return not _NAME_GAP.search(folded, first[2], second[1])


def _given_agree(query: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """Return True if every given name in the query fits one listed (initial or close spelling)."""
    for word in query:
        if not any(_given_word_agrees(word, other) for other in listed):
            return False
    return True


def _given_word_agrees(word: str, other: str) -> bool:
    if len(word) == 1:
        return other.startswith(word)
    limit = int(max(len(word), len(other)) * SURNAME_EDIT_RATIO)
    return edit_distance(word, other, limit) <= limit


def parse_authority(data, path: Path | str = "speakers.yaml") -> SpeakerAuthority:
    """Build an authority from the parsed YAML list of {name, role, variants, surname, surname_alone}."""
    if data is None:
        return SpeakerAuthority(())
    require(isinstance(data, list), path, line_of(data, 1),
            "the file must be a list of people (lines starting with '- name:')")
    speakers, seen = [], {}
    for entry in data:
        line = line_of(entry, line_of(data))
        require(isinstance(entry, dict), path, line, f"each person must be a mapping with 'name', got {entry!r}")
        check_fields(entry, ("name", "role", "variants", "surname", "surname_alone"), path, line, "a person")
        name = entry.get("name")
        require(isinstance(name, str) and name.strip(), path, line, "a person has no 'name'")
        require(name not in seen, path, line, f"{name!r} is listed twice (first at line {seen.get(name)})")
        seen[name] = line
        role, surname = entry.get("role"), entry.get("surname")
        require(role is None or isinstance(role, str), path, line, f"the role of {name!r} must be text")
        require(surname is None or isinstance(surname, str) and f" {plain(surname)} " in f" {plain(name)} ",
                path, line, f"the surname of {name!r} must be one of the words of its name")
        variants = string_list(entry.get("variants"), path, line, f"the variants of {name!r}")
        alone = entry.get("surname_alone", True)
        require(isinstance(alone, bool), path, line, f"'surname_alone' of {name!r} must be yes or no, got {alone!r}")
        speakers.append(Speaker(name.strip(), role, variants, surname, alone))
    return SpeakerAuthority(speakers)


def load_authority(path: Path | str) -> SpeakerAuthority:
    """Return the authority for a speakers file, re-read only when the file changes."""
    return _load_authority(str(path), file_stamp(path))


@lru_cache(maxsize=8)
def _load_authority(path: str, stamp: int | None) -> SpeakerAuthority:
    return parse_authority(read_yaml(path) if stamp is not None else None, path)
