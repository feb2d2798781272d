"""Detect the language of a passage: the script first, langdetect where it leaves doubt.

The script settles Chinese, Japanese, Korean and traditional Mongolian. Letters
only some alphabets have (``indexer.alphabets``) narrow Cyrillic, Arabic and
Latin text to the languages that write them, and py3langid, which knows
Kazakh, Kyrgyz, Uzbek, Tajik and Mongolian, picks among those. Otherwise
function words, then py3langid for the languages langdetect has no profile
for, then langdetect decide. A few words take their neighbours' language
unless both detectors are sure of the same one. langdetect is the slowest step
(it runs several randomised trials per call), so it comes last; it is seeded,
so results are repeatable.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Sequence

from indexer.alphabets import letter_candidates
from indexer.config import Config

UNKNOWN = "und"
# Fewer letters than this and either detector alone guesses almost at random: use the fallback,
# unless both are sure of one language.
SHORT_TEXT_LETTERS = 20
# Below this many letters a passage is "short": a name, a greeting, a signature.
RELIABLE_LETTERS = 80
# On short text langdetect's answer is taken only at this probability, else the context's language...
SHORT_TEXT_MIN_PROBABILITY = 0.9
# ...or when py3langid's answer is the same at this probability (a name leaves both detectors unsure).
AGREEMENT_MIN_PROBABILITY = 0.5
# langdetect converges long before this many characters; longer text only costs time.
SAMPLE_CHARS = 1000
# A script owning at least this share of the letters decides the language family.
SCRIPT_SHARE = 0.6
# The function-word guess is trusted with at least this many hits...
FUNCTION_WORD_MIN_HITS = 4
# ...and at least this many times the hits of the runner-up language.
FUNCTION_WORD_MARGIN = 3.0
# Prior weight of a language outside the collection's own (those get 1.0).
OTHER_LANGUAGE_PRIOR = 0.05
LANGDETECT_SEED = 0
# langdetect's Chinese variants are one language for searching.
LANGDETECT_ALIASES = {"zh-cn": "zh", "zh-tw": "zh"}

# Frequent function words that are rare in the other languages listed.
FUNCTION_WORDS = {
    "en": frozenset("the of and to in is that for with as on by this are be from which its have has was were it".split()),
    "fr": frozenset("le la les des du de et est une dans pour que qui sur par au aux avec sont ce cette ses été".split()),
    "de": frozenset("der die das und ist den dem nicht mit sich auf für ein eine von zu im des auch wird werden".split()),
    "es": frozenset("el la los las del y en que por con para una es se su al lo como más pero sus".split()),
    "ru": frozenset("и в не на что с по как это из к от для о но за его также был была были".split()),
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Letters, and Devanagari's vowel signs and virama: combining marks, which \w leaves out, though without
# them a Hindi sentence counts half its letters.
LETTER = re.compile(r"[^\W\d_]|[\u0900-\u0903\u093a-\u094f\u0955-\u0957\u0962\u0963]")
# Letter ranges of the scripts ``script_of`` names by range, counted in one pass each.
SCRIPT_RANGES = (
    ("latin", re.compile("[\u0000-\u024f\u1e00-\u1eff]")),
    ("cyrillic", re.compile("[\u0400-\u052f]")),
    ("kana", re.compile("[\u3040-\u30ff]")),
    ("han", re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")),
    ("hangul", re.compile("[\uac00-\ud7af\u1100-\u11ff]")),
    ("arabic", re.compile("[\u0600-\u06ff]")),
    ("devanagari", re.compile("[\u0900-\u097f]")),
)
OTHER_SCRIPTS = re.compile("|".join(pattern.pattern for _, pattern in SCRIPT_RANGES))


def script_of(char: str) -> str | None:
    """Return the script family of a letter: latin, cyrillic, han, kana, hangul, arabic or other."""
    if not char.isalpha():
        return None
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
        return "hangul"
    if 0x600 <= code <= 0x6FF:
        return "arabic"
    return unicodedata.name(char, "other").split(" ")[0].lower()


def script_counts(text: str) -> Counter:
    """Return how many letters of ``text`` each script has (as ``script_of`` names them).

    Letters are word characters other than digits; a few number signs (², ½) count as letters of their range.
    """
    letters = "".join(LETTER.findall(text))
    counts = Counter()
    for script, pattern in SCRIPT_RANGES:
        found = len(pattern.findall(letters))
        if found:
            counts[script] = found
    if sum(counts.values()) < len(letters):  # letters of other scripts: named one by one
        counts.update(script for script in map(script_of, OTHER_SCRIPTS.sub("", letters)) if script)
    return counts


def dominant_script(text: str) -> tuple[str | None, int]:
    """Return the script owning most letters (if it owns SCRIPT_SHARE of them) and the letter count."""
    counts = script_counts(text)
    letters = sum(counts.values())
    if not letters:
        return None, 0
    script, count = counts.most_common(1)[0]
    if "kana" in counts and script == "han":
        return "kana", letters
    return (script if count / letters >= SCRIPT_SHARE else None), letters


def function_word_guess(text: str, candidates: Sequence[str]) -> str | None:
    """Return the language whose function words clearly dominate ``text``, or None."""
    words = Counter(WORD.findall(text.lower()))
    hits = Counter({lang: sum(words[word] for word in FUNCTION_WORDS.get(lang, ()) if word in words)
                    for lang in candidates})
    ranked = [pair for pair in hits.most_common(2) if pair[1]]
    if not ranked or ranked[0][1] < FUNCTION_WORD_MIN_HITS:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= FUNCTION_WORD_MARGIN * max(runner_up, 1) else None


@lru_cache(maxsize=4)
def _factory(collection_languages: tuple[str, ...]):
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(LANGDETECT_SEED)
    prior = {
        lang: (1.0 if LANGDETECT_ALIASES.get(lang, lang) in collection_languages else OTHER_LANGUAGE_PRIOR)
        for lang in factory.get_lang_list()
    }
    return factory, prior


def langdetect_ranked(text: str, config: Config) -> list[tuple[str, float]]:
    """Return langdetect's seeded (language, probability) list, weighted towards the collection's languages."""
    from langdetect.lang_detect_exception import LangDetectException

    factory, prior = _factory(tuple(config.languages))
    detector = factory.create()
    detector.set_prior_map(prior)
    detector.append(text[:SAMPLE_CHARS])
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return []
    return [(LANGDETECT_ALIASES.get(item.lang, item.lang), item.prob) for item in ranked]


def langdetect_language(text: str, config: Config) -> str:
    """Return langdetect's seeded answer, weighted towards the collection's languages."""
    ranked = langdetect_ranked(text, config)
    return ranked[0][0] if ranked else UNKNOWN


def _short_text_language(text: str, config: Config, fallback: str, extra_ranked: list[tuple[str, float]]) -> str:
    """Trust langdetect on short text only when it is sure or py3langid agrees; names and labels take the fallback."""
    ranked = langdetect_ranked(text, config)
    if not ranked:
        return fallback
    (lang, probability), (extra_lang, extra_probability) = ranked[0], extra_ranked[0]
    if probability >= SHORT_TEXT_MIN_PROBABILITY or (lang == extra_lang and extra_probability >= AGREEMENT_MIN_PROBABILITY):
        return lang
    return fallback


def _very_short_text_language(text: str, config: Config, fallback: str) -> str:
    """Answer for a few words only when both detectors are sure of the same language; else the fallback."""
    ranked, extra_ranked = langdetect_ranked(text, config), py3langid_ranked(text)
    if not ranked or ranked[0][0] != extra_ranked[0][0]:
        return fallback
    sure = ranked[0][1] >= SHORT_TEXT_MIN_PROBABILITY and extra_ranked[0][1] >= AGREEMENT_MIN_PROBABILITY
    return ranked[0][0] if sure else fallback


# Letters of other Cyrillic alphabets (Ukrainian, Belarusian, Serbian, Macedonian) absent from Russian.
NON_RUSSIAN_CYRILLIC = re.compile("[іїєґўђјљњћџѓќѕІЇЄҐЎЂЈЉЊЋЏЃЌЅ]")
# Bulgarian writes ъ as a vowel, far more often than Russian's rare hard sign.
BULGARIAN_HARD_SIGN_SHARE = 0.01
SCRIPT_LANGUAGES = {"han": "zh", "kana": "ja", "hangul": "ko", "mongolian": "mn"}
LATIN_CANDIDATES = ("en", "fr", "de", "es")
# The collection's languages of each script stay possible whatever other alphabets' letters a text
# holds: a name can bring them in (Тоқаев in a Russian sentence).
BASE_LANGUAGES = {"cyrillic": ("ru",), "latin": LATIN_CANDIDATES}


# Languages of the SCO's members, observers and neighbours that langdetect has no profile for: py3langid's answer is taken.
EXTRA_DETECTOR_LANGUAGES = frozenset({"kk", "ky", "uz", "tg", "mn", "be", "az", "tk", "tt", "ba"})
# ...its likeliest of them, when py3langid gives them together at least this probability (normalised):
# a short Tajik line may split its probability between Tajik and Uzbek, and langdetect would say Bulgarian.
EXTRA_DETECTOR_MIN_PROBABILITY = 0.5
# A short Latin line is often names alone (Astana, Dushanbe, Tashkent), to which py3langid gives Uzbek odds.
SHORT_LATIN_EXTRA_MIN_PROBABILITY = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def py3langid_ranked(text: str) -> list[tuple[str, float]]:
    """Return py3langid's languages for ``text``, most probable first, with normalised probabilities."""
    return _identifier().rank(text[:SAMPLE_CHARS])


def likeliest_of(text: str, candidates: Sequence[str]) -> str:
    """Return which of ``candidates`` py3langid finds most probable for ``text``."""
    return next(lang for lang, _ in py3langid_ranked(text) if lang in candidates)


def extra_detector_language(ranked: list[tuple[str, float]], min_probability: float) -> str | None:
    """Return py3langid's likeliest language langdetect does not know, if such languages are likely enough, else None."""
    extra = [(lang, probability) for lang, probability in ranked if lang in EXTRA_DETECTOR_LANGUAGES]
    return extra[0][0] if sum(probability for _, probability in extra) >= min_probability else None


def function_word_language(text: str, script: str | None) -> str | None:
    """Return the language whose function words clearly dominate Latin or Russian-alphabet text, or None."""
    if script == "latin":
        return function_word_guess(text, LATIN_CANDIDATES)
    if script != "cyrillic" or NON_RUSSIAN_CYRILLIC.search(text):
        return None
    if text.count("ъ") > len(text) * BULGARIAN_HARD_SIGN_SHARE:
        return None
    return function_word_guess(text, ("ru",))


def detect_language(text: str, config: Config, fallback: str = UNKNOWN) -> str:
    """Return the ISO 639-1 code of ``text``'s language, ``fallback`` when too short to tell."""
    script, letters = dominant_script(text)
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script]
    if letters < SHORT_TEXT_LETTERS:
        return _very_short_text_language(text, config, fallback)
    candidates = letter_candidates(text, script, letters)
    if candidates:
        return likeliest_of(text, candidates + BASE_LANGUAGES.get(script, ()))
    guess = function_word_language(text, script)
    if guess:
        return guess
    short_latin = script == "latin" and letters < RELIABLE_LETTERS
    ranked = py3langid_ranked(text)
    guess = extra_detector_language(ranked, SHORT_LATIN_EXTRA_MIN_PROBABILITY if short_latin else EXTRA_DETECTOR_MIN_PROBABILITY)
    if guess:
        return guess
    return _short_text_language(text, config, fallback, ranked) if short_latin else langdetect_language(text, config)


def detect_passage_languages(texts: Sequence[str], config: Config) -> list[str]:
    """Return each passage's language; short ones take their neighbours' or the document's."""
    document_lang = detect_language(" ".join(texts)[: SAMPLE_CHARS * 4], config) if texts else UNKNOWN
    langs: list[str] = []
    for text in texts:
        previous = langs[-1] if langs and langs[-1] != UNKNOWN else document_lang
        langs.append(detect_language(text, config, fallback=previous))
    return langs
