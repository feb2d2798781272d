"""Role references in running text ("the President of Kazakhstan", "the Chinese leader").

A reference is a title plus the places written around it; it matches a speaker
whose role (from ``corpus/speakers.yaml``, in English) has a compatible title
and shares a place: "Chinese" fits "China", "India's" fits "India".
"""
from __future__ import annotations

import re
from functools import lru_cache

from indexer.facets.vocab import fold

# Titles (folded) and the office each stands for; "leader" fits heads of state and of government.
ROLE_TITLES = {
    "head of state": r"president|chairman|chairwoman|king|emir|head of state|chef de l['’]etat"
    r"|президент|глава государства",
    "head of government": r"prime minister|premier|head of government|chancellor|premier ministre"
    r"|chef du gouvernement|премьер министр|глава правительства",
    "leader": r"leader|dirigeant|лидер",
    "secretary general": r"secretary[\s-]general|secretaire general|генеральный секретарь|генсек",
    "foreign minister": r"foreign minister|minister (?:of|for) foreign affairs|ministre des affaires etrangeres"
    r"|министр иностранных дел|глава мид",
}
# Offices a "leader" may hold.
LEADER_OFFICES = ("head of state", "head of government")
# Capitalised words in a role that are not places.
GENERIC_PLACE_WORDS = frozenset({
    "republic", "people's", "peoples", "people", "islamic", "federation", "federal", "democratic",
    "state", "states", "the", "of", "kingdom", "sultanate", "socialist", "union", "council",
})
# Places spelt differently as noun and adjective; other pairs share a prefix ("India", "Indian").
PLACE_ALIASES = {
    "un": "united nations", "chinese": "china", "prc": "china", "french": "france",
    "british": "united kingdom", "american": "united states", "us": "united states",
    "sco": "shanghai cooperation organisation", "dutch": "netherlands",
}
# Two place words are the same place if they share this many first letters ("Kazakh", "Kazakhstan").
PLACE_PREFIX = 4
# Words read before a title for places ("the Chinese leader", "India's Prime Minister").
PLACE_WORDS_BEFORE = 2

_CONNECTOR = re.compile(r"\s+(?:of|for|de|du|des|de la)\s+(?:the\s+|l['’])?")
_CAPITALISED_RUN = re.compile(r"(?:[A-ZА-ЯЁ][\w'’-]*|of|the)(?:\s+(?:[A-ZА-ЯЁ][\w'’-]*|of|the))*")


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern:
    parts = [f"(?P<t{i}>{pattern})" for i, pattern in enumerate(ROLE_TITLES.values())]
    return re.compile(rf"\b(?:{'|'.join(parts)})\b(?!s\b)")


def role_references(text: str) -> list[tuple[str, frozenset[str], int, int]]:
    """Return (office, places, start, end) for each title in ``text``."""
    folded = fold(text).replace("-", " ")
    offices = list(ROLE_TITLES)
    found = []
    for match in _title_regex().finditer(folded):
        office = offices[int(match.lastgroup[1:])]
        places = set(_places_before(text, match.start()))
        end = match.end()
        connector = _CONNECTOR.match(text, end)
        if connector:
            run = _CAPITALISED_RUN.match(text, connector.end())
            if run and run.group()[:1].isupper():
                places |= place_words(run.group())
                end = run.end()
        found.append((office, frozenset(places), match.start(), end))
    return found


def _places_before(text: str, start: int) -> set[str]:
    words = re.findall(r"[\w'’-]+", text[max(0, start - 40):start])[-PLACE_WORDS_BEFORE:]
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        run.insert(0, word)
    return place_words(" ".join(run))


def place_words(phrase: str) -> set[str]:
    """Return the folded place words of a phrase, aliases expanded, possessives dropped."""
    places = set()
    for word in re.findall(r"[\w'’-]+", phrase):
        if not word[:1].isupper() and not word.isupper():
            continue
        key = re.sub(r"['’]s$", "", fold(word))
        if key in GENERIC_PLACE_WORDS:
            continue
        places.update(PLACE_ALIASES.get(key, key).split())
    return places


def same_place(a: str, b: str) -> bool:
    """Return True if two folded place words name the same place ("kazakh", "kazakhstan")."""
    if a == b:
        return True
    shared = len(a) if len(a) < len(b) else len(b)
    return shared >= PLACE_PREFIX and a[:PLACE_PREFIX] == b[:PLACE_PREFIX]


def _offices_fit(a: str, b: str) -> bool:
    if a == b:
        return True
    return (a == "leader" and b in LEADER_OFFICES) or (b == "leader" and a in LEADER_OFFICES)


def roles_match(office: str, places: frozenset[str], role: str | None) -> bool:
    """Return True if a reference (office, places) fits a speaker's role text."""
    if not role:
        return False
    for role_office, role_places, _, _ in role_references(role):
        if _offices_fit(office, role_office) and (
            not places or any(same_place(p, q) for p in places for q in role_places)
        ):
            return True
    return False
