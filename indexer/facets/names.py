"""Normalise personal names: fold case and diacritics, strip honorifics, compare spellings.

Shared by the speaker authority (``speakers.py``) and the attribution rules
(``attribution.py``); nothing here knows any particular person.
"""
from __future__ import annotations

import re
from functools import lru_cache

from indexer.facets.vocab import fold
from indexer.morphology import RUSSIAN_WORD, russian_analyser

# Words that precede a name without being part of it: honorifics and titles
# in the collection's languages, folded (lower case, no accents, punctuation as spaces).
HONORIFICS = (
    "mr", "mrs", "ms", "miss", "mme", "mlle", "m", "dr", "prof", "sir", "dame", "lord",
    "h e", "s e", "his excellency", "her excellency", "his majesty", "her majesty",
    "his highness", "her highness", "his royal highness", "son excellence", "sa majeste",
    "monsieur", "madame", "mister", "shri", "smt", "sri", "excellency", "the honourable", "the honorable",
    "president", "vice president", "acting president", "prime minister", "premier",
    "chairman", "chairwoman", "chair", "secretary general", "deputy secretary general",
    "foreign minister", "minister", "ambassador", "general", "senator", "chancellor", "king", "queen", "emir",
    "spokesperson", "spokesman", "press secretary",
    "le president", "la presidente", "president de la republique", "premier ministre",
    "secretaire general", "ministre", "ambassadeur",
    "г н", "г жа", "господин", "госпожа", "президент", "председатель", "премьер министр",
    "генеральный секретарь", "генсек", "министр", "посол",
)
# Titles written after a name in Chinese (习近平主席, 古特雷斯秘书长).
CHINESE_TITLE_SUFFIXES = ("国家主席", "主席", "总统", "总理", "秘书长", "外长", "部长", "先生", "女士", "阁下")
# Lower-case name particles kept in lower case when a shouted name is re-cased.
NAME_PARTICLES = (
    "da", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el",
)
# Longest honorific, in words: how far a prefix is looked for.
MAX_HONORIFIC_WORDS = 4
# pymorphy3 tags of personal names: only a word read as one of these is reduced to its normal
# form, so that "Цяном" reads "цян" but a common word ("моди" as a verb) stays as written. The
# authority's spellings are nominatives, so only the text's words are reduced: a nominative the
# analyser misreads ("Мирзиёев" as a plural of "Мирзией") still matches as written.
RUSSIAN_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
# Distinct Russian words whose normal form is remembered (a collection's vocabulary of names fits).
LEMMA_MEMO = 100_000
# Readings of one name tried at most: a guessed word has a few nominatives ("жомарт", "жомарта"),
# and a name has at most five words (speakers.MAX_NAME_WORDS).
MAX_NAME_READINGS = 64

_SEPARATORS = re.compile(r"[\W_]+")
# Regnal numbers stay in capitals ("Abdullah II", "ELIZABETH II").
_REGNAL_NUMBER = re.compile(r"[IVX]{1,4}")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _honorific_set() -> frozenset[str]:
    return frozenset(HONORIFICS)


def is_honorific(phrase: str) -> bool:
    """Return True if a folded phrase is an honorific or title ("mr", "prime minister")."""
    return phrase in _honorific_set()


def is_han(text: str) -> bool:
    """Return True if ``text`` contains Chinese characters."""
    return bool(_HAN.search(text))


def plain(text: str) -> str:
    """Return ``text`` folded with every run of punctuation or spaces turned into one space."""
    return _SEPARATORS.sub(" ", fold(text)).strip()


def honorific_prefix_words(words: list[str]) -> int:
    """Return how many leading words of a folded, split name are honorifics."""
    honorifics = _honorific_set()
    start = 0
    while start < len(words):
        for size in range(min(MAX_HONORIFIC_WORDS, len(words) - start), 0, -1):
            if " ".join(words[start:start + size]) in honorifics:
                start += size
                break
        else:
            break
    return start


@lru_cache(maxsize=LEMMA_MEMO)
def russian_name_readings(word: str) -> tuple[tuple[frozenset[str], str], ...]:
    """Return the readings of a folded Russian word as a personal name: (its name tags, its folded nominative)."""
    if not RUSSIAN_WORD.fullmatch(word):
        return ()
    readings = ((RUSSIAN_NAME_TAGS & parse.tag.grammemes, parse.normal_form) for parse in russian_analyser().parse(word))
    return tuple((tags, fold(lemma)) for tags, lemma in readings if tags)


@lru_cache(maxsize=LEMMA_MEMO)
def russian_name_forms(word: str) -> tuple[str, ...]:
    """Return a folded word, then, if Russian, its nominatives as a personal name ("цяном" -> "цян")."""
    return tuple(dict.fromkeys([word, *(lemma for _, lemma in russian_name_readings(word))]))


@lru_cache(maxsize=LEMMA_MEMO)
def russian_name_roles(word: str) -> frozenset[str]:
    """Return which parts of a personal name a folded Russian word can be: "Name", "Surn" and/or "Patr"."""
    return frozenset().union(*(tags for tags, _ in russian_name_readings(word)))


def name_readings(key: str) -> list[str]:
    """Return a folded name key as written, then with its Russian words read as nominatives."""
    readings = [""]
    for word in key.split():
        forms = russian_name_forms(word)
        readings = [f"{head} {form}".lstrip() for head in readings for form in forms][:MAX_NAME_READINGS]
    return readings


def normalise_name(name: str) -> str:
    """Return the comparison key of a name: folded, punctuation as spaces, honorifics stripped."""
    words = plain(name).split()
    key = " ".join(words[min(honorific_prefix_words(words), len(words) - 1):])
    if is_han(key):
        key = key.replace(" ", "")
        for suffix in CHINESE_TITLE_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                return key[: -len(suffix)]
    return key


def clean_name(raw: str) -> str:
    """Return a name for display: honorifics removed, spaces collapsed, capitals and lower case re-cased."""
    tokens = raw.split()
    kept = list(tokens)
    while kept:
        words = plain(" ".join(kept)).split()
        drop = min(honorific_prefix_words(words), len(words) - 1)  # "Mr. King" keeps "King"
        if drop <= 0:
            break
        kept = _drop_leading_words(kept, drop)
    name = " ".join(kept).strip(" ,;:")
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.islower() for c in letters):
        return _recase(name.split())
    return _recase(name.split(), shouted_only=True)


def _drop_leading_words(tokens: list[str], count: int) -> list[str]:
    """Drop raw tokens until ``count`` folded words are gone ("H.E." is two folded words)."""
    while count > 0 and tokens:
        count -= max(1, len(plain(tokens[0]).split()))
        tokens = tokens[1:]
    return tokens


def _recase(words: list[str], shouted_only: bool = False) -> str:
    """Return words capitalised ("GANDHI" -> "Gandhi"); with ``shouted_only``, only words in capitals."""
    result = []
    for index, word in enumerate(words):
        shouted = sum(c.isalpha() for c in word) > 1 and word == word.upper()
        if index and shouted and _REGNAL_NUMBER.fullmatch(word):
            result.append(word)
        elif shouted_only and not shouted:
            result.append(word)
        elif index and word.lower() in NAME_PARTICLES:
            result.append(word.lower())
        else:
            result.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(result)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the optimal-string-alignment distance of a and b, or limit + 1 once it is exceeded."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
