"""Topics of a passage from a controlled vocabulary (``corpus/topics.yaml``).

English, French and Russian terms are matched as word prefixes on folded text
(lower case, no accents): every word of a term must begin a word of the text,
in order ("drug traffick" matches "drug trafficking"); a term word ending in
``$`` must be the whole word ("un$" matches "UN", not "under"). Chinese terms
are matched as substrings. A passage gets a topic on one specific term or on
several generic ones (``weak_terms``). A topic's ``equivalents`` lines name one
meaning in several languages, each word reached by one of the topic's specific
terms (``reaching_term``): a search for one of them also finds the others.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from indexer.facets.names import is_han
from indexer.facets.vocab import check_fields, file_stamp, fold, line_of, read_yaml, require, string_list

# Evidence for a topic: this many specific-term matches...
SPECIFIC_MATCHES = 1
# ...or this many generic-term matches (one mention of "economic" is not a passage about trade).
WEAK_MATCHES = 2
# Languages whose terms are matched as substrings (no spaces between words).
SUBSTRING_LANGUAGES = ("zh",)
# Cap on memoised word lookups per language, so a long run cannot grow without bound.
MEMO_LIMIT = 200_000
# Marks a term word that must match a whole word, not a prefix.
WHOLE_WORD = "$"
# An equivalents line links one meaning across languages: it needs at least two.
MIN_EQUIVALENT_LANGUAGES = 2

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Topic:
    """One entry of the vocabulary: id, English label, specific and generic terms per language."""

    id: str
    label: str
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    weak_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    equivalents: tuple[Mapping[str, tuple[str, ...]], ...] = ()  # per line: language -> words as shown


class Taxonomy:
    """The topic vocabulary with its term index, ready to match passages."""

    def __init__(self, topics: tuple[Topic, ...]) -> None:
        self.topics = topics
        self.languages = tuple(sorted({lang for t in topics for lang in (*t.terms, *t.weak_terms)}))
        self._index: dict[str, dict[str, list[tuple[str, tuple[str, ...], bool]]]] = {}
        self._substrings: dict[str, list[tuple[str, str, bool]]] = {}
        self._memo: dict[str, dict[str, tuple]] = {}
        for topic in topics:
            for strong, table in ((True, topic.terms), (False, topic.weak_terms)):
                for lang, terms in table.items():
                    for term in terms:
                        self._add(topic.id, lang, term, strong)

    def _add(self, topic_id: str, lang: str, term: str, strong: bool) -> None:
        if lang in SUBSTRING_LANGUAGES:
            self._substrings.setdefault(lang, []).append((topic_id, term, strong))
            return
        words = term_words(term)
        if words:
            key = words[0].rstrip(WHOLE_WORD)
            self._index.setdefault(lang, {}).setdefault(key, []).append((topic_id, words, strong))

    def _starting_with(self, word: str, lang: str) -> tuple:
        """Return the terms of ``lang`` whose first word is a prefix of ``word`` (memoised: words repeat)."""
        index, memo = self._index[lang], self._memo.setdefault(lang, {})
        found = memo.get(word)
        if found is None:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            found = tuple(entry for length in range(1, len(word) + 1) for entry in index.get(word[:length], ()))
            memo[word] = found
        return found

    def matches(self, text: str, lang: str) -> tuple[Counter, Counter]:
        """Return (specific, generic) match counts per topic id for ``text`` in ``lang``."""
        languages = (lang,) if lang in self.languages else self.languages
        strong, weak = Counter(), Counter()
        for language in languages:
            if language in self._substrings and is_han(text):
                for topic_id, term, is_strong in self._substrings[language]:
                    (strong if is_strong else weak)[topic_id] += text.count(term)
            if language in self._index:
                self._count_words(text, language, strong, weak)
        return strong, weak

    def _count_words(self, text: str, lang: str, strong: Counter, weak: Counter) -> None:
        words = _WORD.findall(fold(text))
        covered: dict[str, int] = {}  # topic -> first word after its last match (matches do not overlap)
        for position, word in enumerate(words):
            best: dict[str, tuple[bool, int]] = {}
            for topic_id, term, is_strong in self._starting_with(word, lang):
                if covered.get(topic_id, 0) <= position and term_at(term, words, position):
                    was_strong, end = best.get(topic_id, (False, position))
                    best[topic_id] = (was_strong or is_strong, max(end, position + len(term)))
            for topic_id, (is_strong, end) in best.items():
                (strong if is_strong else weak)[topic_id] += 1
                covered[topic_id] = end


def term_at(term: tuple[str, ...], words: list[str], position: int) -> bool:
    """Return True if every word of ``term`` begins (or, with ``$``, equals) the words from ``position``."""
    if position + len(term) > len(words):
        return False
    for part, word in zip(term, words[position:]):
        if part.endswith(WHOLE_WORD):
            if word != part[:-1]:
                return False
        elif not word.startswith(part):
            return False
    return True


def reaching_term(topic: Topic, lang: str, word: str) -> str | None:
    """Return the longest specific term of ``topic`` in ``lang`` that reaches ``word`` (weak terms never do)."""
    folded = fold(word)
    if lang in SUBSTRING_LANGUAGES:
        reaching = [term for term in topic.terms.get(lang, ()) if term in word]
    else:
        words = _WORD.findall(folded)
        reaching = [term for term in topic.terms.get(lang, ())
                    if len(term_words(term)) == len(words) and term_at(term_words(term), words, 0)]
    return max(reaching, key=len, default=None)


def term_words(term: str) -> tuple[str, ...]:
    """Return the folded words of a term, a whole-word mark kept on its word."""
    return tuple(re.findall(r"[^\W_]+\$?", fold(term)))


def passage_topics(text: str, lang: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Return the sorted ids of the topics a passage has enough evidence for."""
    strong, weak = taxonomy.matches(text, lang)
    return tuple(sorted(
        topic.id for topic in taxonomy.topics
        if strong[topic.id] >= SPECIFIC_MATCHES or weak[topic.id] >= WEAK_MATCHES
    ))


def topic_labels(taxonomy: Taxonomy) -> dict[str, str]:
    """Return topic id -> English label."""
    return {topic.id: topic.label for topic in taxonomy.topics}


def parse_taxonomy(data, path: Path | str = "topics.yaml") -> Taxonomy:
    """Build a taxonomy from the parsed YAML list of {id, label, terms, weak_terms}."""
    if data is None:
        return Taxonomy(())
    require(isinstance(data, list), path, line_of(data, 1),
            "the file must be a list of topics (lines starting with '- id:')")
    topics, seen = [], {}
    for entry in data:
        line = line_of(entry, line_of(data))
        require(isinstance(entry, dict), path, line,
                f"each topic must be a mapping with 'id' and 'label', got {entry!r}")
        check_fields(entry, ("id", "label", "terms", "weak_terms", "equivalents"), path, line, "a topic")
        topic_id = entry.get("id")
        require(isinstance(topic_id, str) and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", topic_id or ""), path, line,
                f"a topic id must be a lower-case slug (letters, digits, '-', '_'), got {topic_id!r}")
        require(topic_id not in seen, path, line,
                f"topic id {topic_id!r} is used twice (first at line {seen.get(topic_id)})")
        seen[topic_id] = line
        label = entry.get("label")
        require(isinstance(label, str) and label.strip(), path, line, f"topic {topic_id!r} has no 'label'")
        terms = _terms_by_language(entry.get("terms"), path, line, topic_id, "terms")
        weak = _terms_by_language(entry.get("weak_terms"), path, line, topic_id, "weak_terms")
        require(bool(terms or weak), path, line, f"topic {topic_id!r} has no terms")
        topic = Topic(topic_id, label.strip(), terms, weak)
        topics.append(replace(topic, equivalents=_equivalents(entry.get("equivalents"), path, line, topic)))
    return Taxonomy(tuple(topics))


def _terms_by_language(value, path, line, topic_id: str, key: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    line = line_of(value, line)
    require(isinstance(value, dict), path, line,
            f"'{key}' of topic {topic_id!r} must map languages (en, fr, ru, zh) to lists")
    result = {}
    for lang, terms in value.items():
        require(isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}", lang), path, line,
                f"'{key}' of topic {topic_id!r}: {lang!r} is not a language code such as en, fr, ru, zh")
        result[lang] = string_list(terms, path, line, f"the {lang} {key} of topic {topic_id!r}")
    return result


def _equivalents(value, path, line, topic: Topic) -> tuple[dict[str, tuple[str, ...]], ...]:
    """Return a topic's equivalents lines, each word checked to be reached by a specific term of its language."""
    if value is None:
        return ()
    require(isinstance(value, list), path, line_of(value, line),
            f"'equivalents' of topic {topic.id!r} must be a list of lines such as {{en: terrorism, fr: terrorisme}}")
    lines = []
    for group in value:
        at = line_of(group, line_of(value, line))
        words = _terms_by_language(group, path, at, topic.id, "equivalents")
        require(len(words) >= MIN_EQUIVALENT_LANGUAGES, path, at,
                f"an equivalents line of topic {topic.id!r} needs two languages")
        for lang, shown in words.items():
            for word in shown:
                require(reaching_term(topic, lang, word) is not None, path, at,
                        f"the {lang} word {word!r} of an equivalents line of topic {topic.id!r} "
                        f"{'holds' if lang in SUBSTRING_LANGUAGES else 'begins with'} none of its {lang} terms")
        lines.append(words)
    return tuple(lines)


def load_taxonomy(path: Path | str) -> Taxonomy:
    """Return the taxonomy for a topics file, re-read only when the file changes."""
    return _load_taxonomy(str(path), file_stamp(path))


@lru_cache(maxsize=8)
def _load_taxonomy(path: str, stamp: int | None) -> Taxonomy:
    return parse_taxonomy(read_yaml(path) if stamp is not None else None, path)
