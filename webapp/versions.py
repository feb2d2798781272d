"""A document's language versions in the web app: "Also in" links, and a hit's version in the query's language."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from indexer import layout
from indexer.querylang import WORD
from indexer.stopwords import query_language
from indexer.versions import Versions, load_versions

# Language names as their readers write them: a link to a version is named in the language it leads to.
ENDONYMS = {"en": "English", "fr": "Français", "ru": "Русский", "zh": "中文", "de": "Deutsch", "es": "Español",
            "ar": "العربية", "kk": "Қазақша", "uz": "Oʻzbekcha", "tg": "Тоҷикӣ", "hi": "हिन्दी"}
# Scripts that tell a query's language on their own: the collection has one language written in each.
SCRIPT_LANGUAGES = (
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
    (re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
)

DocumentUrl = Callable[[str], str]  # doc_id -> URL of its page


@dataclass(frozen=True)
class VersionLink:
    """A link to another language version of a document."""

    doc_id: str
    lang: str
    label: str  # the language's name in that language
    title: str
    url: str


def live_versions(index_dir: Path) -> Versions:
    """Return the groups of versions of the live index (none without an index)."""
    return load_versions(layout.live_generation(Path(index_dir)))


def language_name(lang: str) -> str:
    """Return a language's name in that language (its code when unknown)."""
    return ENDONYMS.get(lang, lang)


def version_links(doc_id: str, versions: Versions, url: DocumentUrl) -> tuple[VersionLink, ...]:
    """Return links to a document's other versions, by language."""
    return tuple(VersionLink(version.doc_id, version.lang, language_name(version.lang), version.title,
                             url(version.doc_id)) for version in versions.of(doc_id))


def typed_language(text: str) -> str | None:
    """Return the language a query is written in: its script's, else its stop words' (None when nothing tells)."""
    for script, lang in SCRIPT_LANGUAGES:
        if script.search(text):
            return lang
    return query_language(WORD.findall(text))


def offered_versions(doc_ids: list[str], q: str, versions: Versions | None,
                     url: DocumentUrl) -> list[VersionLink | None]:
    """Return, for each hit's document, its version in the language ``q`` is written in (None where there is none)."""
    lang = typed_language(q) if versions is not None and versions.groups and q else None
    return [offered_version(doc_id, lang, versions, url) if lang else None for doc_id in doc_ids]


def offered_version(doc_id: str, lang: str | None, versions: Versions, url: DocumentUrl) -> VersionLink | None:
    """Return the version of a document in ``lang`` when the document itself is in another language, else None."""
    own = versions.get(doc_id)
    if lang is None or own is None or own.lang == lang:
        return None
    return next((link for link in version_links(doc_id, versions, url) if link.lang == lang), None)
