"""Russian words by their dictionary form, so that any case or number of a word finds every other.

Both engines index and search a Russian word as one term: the lemma (dictionary
form) pymorphy3 gives it, or, for a word its dictionary lacks, the engine's own
Snowball stem. Names need two rules of their own, because a surname's
nominative is also a plural genitive ("Токаев" reads as the genitive of
"токай") and an unlisted name gets guesses that differ from case to case:

- a capitalised word ending like a surname (-ов, -ев, -ин …) that the analyser
  can read as a plural genitive is kept as written: it is the nominative;
- a capitalised word read as a singular surname takes that surname's
  nominative ("Мирзиёевым" -> "мирзиёев");
- any other capitalised word the dictionary lacks that may be a name loses one
  noun case ending ("Кэцяном" -> "кэцян"), where Snowball would also cut -ев and -ов.

Capitals are what tell a name from a common word ("Городов", "городов"), so a
query word is searched both as typed and in the other case where that reads
otherwise (``query_forms``).

Every term is lower case, with ё read as е. Nothing here keeps state between
calls except the memo of words already analysed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

# Distinct (word as written) analyses remembered: a collection's Russian vocabulary fits.
TERM_MEMO = 200_000
# Words the analyser reads: Russian letters only (Latin words, digits and dotted tokens are stemmed as they are).
RUSSIAN_WORD = re.compile(r"[а-яё]+")
# Endings of a surname's nominative that a plural genitive shares ("Токаев", "Путин", "Масимов").
SURNAME_NOMINATIVE = re.compile(r"(?:ов|ев|ёв|ин|ын)$")
# Case endings of a name the dictionary lacks, longest first; at least two letters stay before one.
NAME_CASE_ENDING = re.compile(r"(?<=\w\w)(?:ами|ями|ом|ем|ём|ой|ей|а|я|у|ю|е|ы|и)$")
# pymorphy3's tags of a surname, of the singular and of the plural genitive.
SURNAME, SINGULAR, PLURAL_GENITIVE = "Surn", "sing", frozenset({"plur", "gent"})
# pymorphy3's tags of personal names: an unlisted word the analyser guesses may be one loses a case ending.
NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
# Russian readers write ё as е as often as not; the index reads both as е.
YO_AS_YE = str.maketrans("ёЁ", "еЕ")


@lru_cache(maxsize=1)
def russian_analyser():
    """Load the Russian morphological analyser once, on first use (it takes a moment)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def name_lemma(lowered: str, parses) -> str | None:
    """Return the bare form of a capitalised word read as a name, or None if it reads as none."""
    if SURNAME_NOMINATIVE.search(lowered) and any(PLURAL_GENITIVE <= p.tag.grammemes for p in parses):
        return lowered
    surname = next((p for p in parses if SURNAME in p.tag.grammemes and SINGULAR in p.tag.grammemes), None)
    return surname.normal_form if surname else None


@lru_cache(maxsize=TERM_MEMO)
def dictionary_lemma(word: str) -> str | None:
    """Return a Russian word's lemma (or a name's bare form), or None when the analyser can only guess at it."""
    lowered = word.lower()
    if not RUSSIAN_WORD.fullmatch(lowered):
        return None
    analyser = russian_analyser()
    parses = analyser.parse(lowered)
    capitalised = word[:1].isupper()
    lemma = name_lemma(lowered, parses) if capitalised else None
    if lemma:
        return lemma
    if analyser.word_is_known(lowered):
        return parses[0].normal_form
    if capitalised and any(NAME_TAGS & parse.tag.grammemes for parse in parses):
        return NAME_CASE_ENDING.sub("", lowered)
    return None


def query_forms(word: str) -> tuple[str, ...]:
    """Return the forms a typed Russian word is searched in: as typed, and in the other case where it reads otherwise.

    Text capitalises names, and capitals are what tell a name from a common word here ("Токаев" the
    surname, "токаев" of токай); a query may capitalise a common word or not capitalise a name, so a
    word typed in lower case is also searched capitalised, and one typed capitalised also in lower case.
    """
    if not RUSSIAN_WORD.fullmatch(word.lower()) or word not in (word.lower(), word.capitalize()):
        return (word,)
    other = word.capitalize() if word.islower() else word.lower()
    return (word, other) if dictionary_lemma(other) != dictionary_lemma(word) else (word,)


@lru_cache(maxsize=TERM_MEMO)
def russian_term(word: str, stem: Callable[[str], str]) -> str:
    """Return the indexed term of a Russian word as written: its lemma, else ``stem`` of it."""
    lemma = dictionary_lemma(word)
    term = lemma if lemma else stem(word.lower().translate(YO_AS_YE))
    return (term or word.lower()).translate(YO_AS_YE)
