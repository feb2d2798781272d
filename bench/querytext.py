"""Read the project's query language into engine-neutral clauses, so the peer engines run the same searches.

Covered: words (all must match), "phrases", OR between two clauses, -word and
NOT word, field:value (speaker and title search those fields; topic, lang and
type become facet filters), prefix* and fuzzy~ terms. A token joined by "-" or
"/" (Ban Ki-moon, A/75/704) is a phrase, as in the project.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Fields searched as text by every engine; the other user fields are facets.
TEXT_FIELD_NAMES = ("speaker", "title")
FACET_FIELD_NAMES = ("topic", "lang", "type")
TOKEN = re.compile(r'(?P<neg>-)?(?:(?P<field>[A-Za-z_]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))')
JOINED = re.compile(r"\w[/\-]\w")
FUZZY_SUFFIX = re.compile(r"~\d*$")
WORD_PARTS = re.compile(r"\w+")


@dataclass(frozen=True)
class Clause:
    """One searched unit: a word, phrase, prefix or fuzzy term, perhaps in one field, perhaps negated."""

    kind: str  # word | phrase | prefix | fuzzy
    text: str  # the words (phrase words separated by spaces), without * or ~
    field: str | None = None  # speaker | title; None = every text field
    negated: bool = False


@dataclass(frozen=True)
class ParsedText:
    """A query as groups that must all match (each group: any of its clauses), exclusions and facet filters."""

    groups: tuple[tuple[Clause, ...], ...] = ()
    excluded: tuple[Clause, ...] = ()
    facets: tuple[tuple[str, str], ...] = ()  # (facet name, value) from field:value


def _clause(word: str | None, phrase: str | None, field: str | None, negated: bool) -> Clause | None:
    if phrase is not None:
        words = " ".join(WORD_PARTS.findall(phrase))
        return Clause("phrase", words, field, negated) if words else None
    if word.endswith("*"):
        return Clause("prefix", word.rstrip("*"), field, negated) if word.rstrip("*") else None
    if FUZZY_SUFFIX.search(word):
        stem = FUZZY_SUFFIX.sub("", word)
        return Clause("fuzzy", stem, field, negated) if stem else None
    if JOINED.search(word):
        return Clause("phrase", " ".join(WORD_PARTS.findall(word)), field, negated)
    words = WORD_PARTS.findall(word)
    if not words:
        return None
    return Clause("word" if len(words) == 1 else "phrase", " ".join(words), field, negated)


def parse_text(text: str) -> ParsedText:
    """Return the clauses of a query typed in the project's query language."""
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    facets: list[tuple[str, str]] = []
    join_next, negate_next = False, False
    for match in TOKEN.finditer(text or ""):
        word, phrase = match.group("word"), match.group("phrase")
        field = (match.group("field") or "").lower() or None
        if field is None and word in ("OR", "AND", "NOT"):
            join_next, negate_next = word == "OR", word == "NOT"
            continue
        negated = bool(match.group("neg")) or negate_next
        if field in FACET_FIELD_NAMES and not negated:
            facets.append((field, phrase if phrase is not None else word))
            join_next = negate_next = False
            continue
        clause = _clause(word, phrase, field if field in TEXT_FIELD_NAMES else None, negated)
        if clause is None:
            continue
        if clause.negated:
            excluded.append(clause)
        elif join_next and groups:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = negate_next = False
    return ParsedText(tuple(tuple(g) for g in groups), tuple(excluded), tuple(facets))
