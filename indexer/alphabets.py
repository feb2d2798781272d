"""Letters that only some languages of a script write, and the languages a text's letters leave possible.

Kazakh, Kyrgyz, Tajik, Uzbek and Mongolian write Russian's Cyrillic letters
plus a few of their own; Urdu adds letters to the Arabic script, Azerbaijani
and Uzbek to the Latin one. Such letters, written often enough, rule out the
languages that lack them (Russian first of all); which of the remaining ones a
text is in is left to a statistical detector.
"""
from __future__ import annotations

import re
from collections import Counter

# Letters each language adds to the Russian alphabet (lower case), from the languages' official alphabets.
CYRILLIC_EXTRA_LETTERS = {
    "kk": "әғқңөұүһі",
    "ky": "ңөү",
    "mn": "өү",
    "tg": "ғӣқӯҳҷ",
    "uz": "ўқғҳ",
    "uk": "ієїґ",
    "be": "іў",
    "sr": "ђјљњћџ",
    "mk": "ѓѕјљњќџ",
    "tt": "әөүҗңһ",
    "ba": "әөүғҡңҙҫһ",
}
# Letters of the Arabic script that Urdu writes and Arabic and Persian do not (retroflexes, nun ghunna, bari ye).
ARABIC_EXTRA_LETTERS = {"ur": "ٹڈڑںے"}
# Uzbek's oʻ and gʻ: o or g with a turned comma (or a quote standing for it) before another letter,
# but not before an English clitic (Togo's, Beijing's).
UZBEK_LATIN_DIGRAPH = re.compile(r"[og][ʻ‘’'`ʼ](?=[^\W\d_])(?!(?:s|t|d|ll|re|ve|m)\b)")
UZBEK_DIGRAPH = "oʻ"  # how the digraphs above are counted, as one letter
# Azerbaijani's schwa and Uzbek's digraphs, which no other Latin alphabet of the region writes.
LATIN_EXTRA_LETTERS = {"az": ("ə",), "uz": (UZBEK_DIGRAPH,)}
EXTRA_LETTERS_BY_SCRIPT = {
    "cyrillic": CYRILLIC_EXTRA_LETTERS,
    "arabic": ARABIC_EXTRA_LETTERS,
    "latin": LATIN_EXTRA_LETTERS,
}
# Distinctive letters must make up this share of a text's letters to narrow its language: a Kazakh
# name (Тоқаев) in a Russian sentence stays under it, a sentence in Kazakh rarely does.
MIN_DISTINCTIVE_SHARE = 0.02
# ...and number at least this many: one can be a name's (O'Neill, Тоқаев).
MIN_DISTINCTIVE_COUNT = 2


def distinctive_letters(text: str, script: str) -> Counter:
    """Return how often each letter that some languages of ``script`` add to its base alphabet occurs in ``text``."""
    extras = EXTRA_LETTERS_BY_SCRIPT.get(script, {})
    alphabet = set().union(*map(set, extras.values()))
    lowered = text.lower()
    found = Counter(char for char in lowered if char in alphabet)
    if script == "latin":
        found[UZBEK_DIGRAPH] = len(UZBEK_LATIN_DIGRAPH.findall(lowered))
    return +found


def letter_candidates(text: str, script: str | None, letters: int) -> tuple[str, ...]:
    """Return the languages whose alphabets hold every distinctive letter of ``text`` (empty: letters do not narrow).

    ``letters`` is the text's letter count; too few distinctive letters among them narrow nothing.
    """
    if script not in EXTRA_LETTERS_BY_SCRIPT or not letters:
        return ()
    found = distinctive_letters(text, script)
    count = sum(found.values())
    if count < MIN_DISTINCTIVE_COUNT or count < MIN_DISTINCTIVE_SHARE * letters:
        return ()
    return tuple(lang for lang, extra in EXTRA_LETTERS_BY_SCRIPT[script].items() if set(found) <= set(extra))
