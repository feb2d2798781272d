"""The furniture vocabulary (furniture.yaml) and the phrase tests built on it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_VOCABULARY = Path(__file__).with_name("furniture.yaml")

# Characters stripped from both ends of a line before it is compared with the prompts.
PROMPT_EDGE_CHARS = " \t•·*-–—|>»›<«‹:.!?…()[]{}\"'“”„"
# A prompt may carry a count ("Comments (3)", "2 Kommentare").
COUNT_RE = re.compile(r"^\d+\s+|\s*\(?\d+\)?$")

NUMERIC_DATE = (
    r"\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?(?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{1,2}(?!\d)"
    r"|\d{4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?"
)
TIME_OF_DAY = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?"
# Credit lines are short; a long paragraph starting "Source:" is text.
CREDIT_MAX_CHARS = 200
# Punctuation and symbols allowed between the parts of a dateline.
DATE_SEPARATORS = r"[\s,|/·•–—()\-:.*_#\[\]]"


@dataclass(frozen=True)
class Vocabulary:
    """Compiled furniture vocabulary."""

    silent_tags: tuple[str, ...]
    furniture_tags: frozenset[str]
    drop_roles: frozenset[str]
    always_tokens: frozenset[str]
    always_substrings: tuple[str, ...]
    strong_tokens: frozenset[str]
    weak_tokens: frozenset[str]
    strong_substrings: tuple[str, ...]
    weak_substrings: tuple[str, ...]
    content_hints: tuple[str, ...]
    prompts: frozenset[str]
    notices: re.Pattern
    credit_prefixes: tuple[str, ...]
    fragment_end_words: frozenset[str]
    date: re.Pattern
    date_filler: re.Pattern


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _date_patterns(data: dict) -> tuple[re.Pattern, re.Pattern]:
    months = _alternation(m for group in data["months"] for m in group)
    named = (
        rf"(?:\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s*)?(?:{months})\.?,?\s*"
        rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?\d{{4}}"
    )
    date = re.compile(rf"(?<!\w)(?:{NUMERIC_DATE}|{named})(?!\w)", re.IGNORECASE)
    words = _alternation(list(data["date_words"]) + [d for group in data["weekdays"] for d in group])
    filler = re.compile(
        rf"(?<!\w)(?:{TIME_OF_DAY}|{words})(?!\w)|{DATE_SEPARATORS}", re.IGNORECASE
    )
    return date, filler


@lru_cache(maxsize=8)
def load_vocabulary(path: Path = DEFAULT_VOCABULARY) -> Vocabulary:
    """Load and compile a furniture vocabulary file (cached per path)."""
    with Path(path).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    html = data["html"]
    date, filler = _date_patterns(data)
    return Vocabulary(
        silent_tags=tuple(html["silent_tags"]),
        furniture_tags=frozenset(html["furniture_tags"]),
        drop_roles=frozenset(html["drop_roles"]),
        always_tokens=frozenset(html["always_tokens"]),
        always_substrings=tuple(html["always_substrings"]),
        strong_tokens=frozenset(html["strong_tokens"]),
        weak_tokens=frozenset(html["weak_tokens"]),
        strong_substrings=tuple(html["strong_substrings"]),
        weak_substrings=tuple(html["weak_substrings"]),
        content_hints=tuple(html["content_hints"]),
        prompts=frozenset(p.lower() for p in data["prompts"]),
        notices=re.compile(_alternation(n.lower() for n in data["notices"])),
        credit_prefixes=tuple(p.lower() for p in data["credit_prefixes"]),
        fragment_end_words=frozenset(str(w).lower() for w in data["fragment_end_words"]),
        date=date,
        date_filler=filler,
    )


def normalise(text: str) -> str:
    """Return ``text`` lowercased with runs of whitespace collapsed."""
    return " ".join(text.lower().split())


def is_prompt(text: str, vocabulary: Vocabulary) -> bool:
    """Tell whether a short line is a furniture prompt such as "Print" or "Related news"."""
    core = normalise(text).strip(PROMPT_EDGE_CHARS)
    core = COUNT_RE.sub("", core).strip(PROMPT_EDGE_CHARS)
    return core in vocabulary.prompts


def has_notice(text: str, vocabulary: Vocabulary) -> bool:
    """Tell whether a line carries a cookie, legal, credit or comment-form notice."""
    return vocabulary.notices.search(normalise(text)) is not None


def is_credit(text: str, vocabulary: Vocabulary) -> bool:
    """Tell whether a short line is a picture credit, source or copyright line."""
    return len(text) <= CREDIT_MAX_CHARS and normalise(text).startswith(vocabulary.credit_prefixes)


def ends_with_fragment_word(text: str, vocabulary: Vocabulary) -> bool:
    """Tell whether a line ends with a word that cannot end a title ("the", "of", "и")."""
    words = text.lower().split()
    return bool(words) and words[-1].strip("\"'’”»)") in vocabulary.fragment_end_words


def is_date_line(text: str, vocabulary: Vocabulary) -> bool:
    """Tell whether a line holds nothing but a date (with time, weekday or "Published")."""
    if len(text) > 80 or not vocabulary.date.search(text):
        return False
    rest = vocabulary.date.sub(" ", text)
    return not vocabulary.date_filler.sub("", rest).strip()
