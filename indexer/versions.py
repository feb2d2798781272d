"""Language versions: documents that are one document in several languages, linked at index time.

Two documents are versions of one another when they share a document symbol
(A/75/704, in any case), when a librarian's ``version_of`` names the other (by
its file path, from the corpus folder or from the document's own folder, its
doc id or its symbol), or when they have the same full date, type and source
and titles that say the same in the vocabularies: the same document-type cue,
the same speakers and the same topics, one document per language and at least
two languages. Links are symmetric and transitive.

Each indexed file's manifest entry keeps a *card* of what linking needs; the
groups are worked out from all cards whenever the manifest is saved and kept
beside it as ``versions.json``, so a version added, changed or withdrawn later
links or unlinks the others without re-indexing them.
"""
from __future__ import annotations

import functools
import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from indexer.atomic import replace_text
from indexer.facets.doctype import title_type
from indexer.facets.topics import passage_topics
from indexer.models import Metadata, Passage

VERSIONS_FILE = "versions.json"
# Link sets kept in memory by the web app, one per state of the file.
VERSIONS_CACHE = 4
# A date names a day (YYYY-MM-DD): documents of one year or month are not told apart by it.
DAY_DATE_CHARS = 10
UNKNOWN_LANG = "und"


@dataclass(frozen=True)
class Version:
    """One document of a group of versions: its id, language, title and symbol."""

    doc_id: str
    lang: str
    title: str
    symbol: str | None = None


@dataclass(frozen=True)
class Versions:
    """Groups of documents that are versions of one another."""

    groups: tuple[tuple[Version, ...], ...] = ()

    @functools.cached_property
    def _by_doc(self) -> dict[str, tuple[Version, ...]]:
        return {version.doc_id: group for group in self.groups for version in group}

    def of(self, doc_id: str) -> tuple[Version, ...]:
        """Return the other versions of a document, by language then id (none when it has none)."""
        return tuple(version for version in self._by_doc.get(doc_id, ()) if version.doc_id != doc_id)

    def get(self, doc_id: str) -> Version | None:
        """Return the document as a version, or None when it has no other version."""
        return next((version for version in self._by_doc.get(doc_id, ()) if version.doc_id == doc_id), None)


def version_card(metadata: Metadata, passages: Sequence[Passage], vocabularies) -> dict:
    """Return what linking needs to know of an indexed document (its manifest entry keeps it)."""
    first = passages[0]
    lang = metadata.lang or first.lang
    title = first.title or first.doc_id
    return {
        "doc_id": first.doc_id, "lang": lang, "title": title, "symbol": metadata.symbol,
        "version_of": list(metadata.version_of), "date": first.date, "type": first.doc_type, "source": first.source,
        "concepts": title_concepts(title, lang, vocabularies),
    }


def title_concepts(title: str, lang: str, vocabularies) -> list[str]:
    """Return what a title says in the vocabularies' terms: its type cue, the speakers and topics it names."""
    cue = title_type(title, vocabularies.doctypes)
    if cue is None:
        return []
    speakers = {name for name, _, _ in vocabularies.speakers.find_mentions(title)}
    topics = set(passage_topics(title, lang, vocabularies.topics))
    return [f"type:{cue}"] + sorted(f"speaker:{name}" for name in speakers) + sorted(f"topic:{t}" for t in topics)


class _Links:
    """Documents joined through shared keys (union-find over paths)."""

    def __init__(self, paths: Iterable[str]):
        self.parent = {path: path for path in paths}

    def root(self, path: str) -> str:
        while self.parent[path] != path:
            self.parent[path] = self.parent[self.parent[path]]
            path = self.parent[path]
        return self.parent[path]

    def join(self, paths: Iterable[str]) -> None:
        roots = sorted({self.root(path) for path in paths})
        for other in roots[1:]:
            self.parent[other] = roots[0]


def _identities(path: str, card: Mapping) -> list[tuple[str, str]]:
    keys = [("name", path), ("name", card["doc_id"])]
    return keys + ([("symbol", card["symbol"].lower())] if card.get("symbol") else [])


def _reference_keys(path: str, reference: str, known: set) -> list[tuple[str, str]]:
    """Return the keys a ``version_of`` value names: those of indexed documents, else the value itself."""
    relative = posixpath.normpath(posixpath.join(posixpath.dirname(path), reference))
    candidates = [("name", reference), ("name", posixpath.normpath(reference)), ("name", relative),
                  ("symbol", reference.lower())]
    found = [key for key in candidates if key in known]
    return found or [("name", posixpath.normpath(reference))]


def _same_document_keys(cards: Mapping[str, Mapping]) -> dict[tuple, list[str]]:
    """Return documents of one day, type and source whose titles say the same, one per language, by key."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for path, card in cards.items():
        date = card.get("date") or ""
        if len(date) == DAY_DATE_CHARS and card.get("type") and card.get("source") and card.get("concepts") \
                and card.get("lang") not in (None, UNKNOWN_LANG):
            buckets[("same", date, card["type"], card["source"], *card["concepts"])].append(path)
    linked = {}
    for key, paths in buckets.items():
        langs = [cards[path]["lang"] for path in paths]
        if len(langs) > 1 and len(set(langs)) == len(langs):
            linked[key] = paths
    return linked


def version_groups(cards: Mapping[str, Mapping]) -> tuple[tuple[Version, ...], ...]:
    """Return the groups of versions among indexed documents, from their cards by path."""
    cards = {path: card for path, card in cards.items() if card}
    owners: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, card in cards.items():
        for key in _identities(path, card):
            owners[key].append(path)
    known = set(owners)
    for path, card in cards.items():
        for reference in card.get("version_of") or ():
            for key in _reference_keys(path, reference, known):
                owners[key].append(path)
    for key, paths in _same_document_keys(cards).items():
        owners[key].extend(paths)
    links = _Links(path for paths in owners.values() if len(paths) > 1 for path in paths)
    for paths in owners.values():
        if len(paths) > 1:
            links.join(paths)
    members: dict[str, list[str]] = defaultdict(list)
    for path in links.parent:
        members[links.root(path)].append(path)
    groups = [tuple(sorted((_version(cards[path]) for path in paths), key=lambda v: (v.lang, v.doc_id)))
              for paths in members.values() if len(paths) > 1]
    return tuple(sorted(groups, key=lambda group: [version.doc_id for version in group]))


def _version(card: Mapping) -> Version:
    return Version(card["doc_id"], card["lang"], card["title"], card.get("symbol"))


def save_versions(cards: Mapping[str, Mapping], generation: Path) -> None:
    """Write the groups of versions of a generation's documents beside its manifest (only when they changed)."""
    path = Path(generation) / VERSIONS_FILE
    text = json.dumps({"groups": [[vars(version) for version in group] for group in version_groups(cards)]},
                      ensure_ascii=False)
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    replace_text(path, text)


def load_versions(generation: Path | None) -> Versions:
    """Return the groups of versions of a generation (none when it has no links), read again when they change."""
    if generation is None:
        return Versions()
    path = Path(generation) / VERSIONS_FILE
    try:
        status = path.stat()
    except OSError:
        return Versions()
    return _read_versions(str(path), (status.st_ino, status.st_size, status.st_mtime_ns))


@functools.lru_cache(maxsize=VERSIONS_CACHE)
def _read_versions(path: str, stamp: tuple) -> Versions:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Versions(tuple(tuple(Version(**version) for version in group) for group in data["groups"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Versions()
