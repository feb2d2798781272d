"""Frozen records passed between the indexing stages.

Data flows one way: a reader turns a path into a ``RawDocument``; cleaning
turns it into ``Block``s; splitting, language detection and the facet
extractors turn those into ``Passage``s, which the store indexes.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping


class RejectedFile(Exception):
    """A file that cannot be indexed; the message says why, for a librarian."""


@dataclass(frozen=True)
class Metadata:
    """Librarian-given or file-embedded facts about a document; None means unknown."""

    title: str | None = None
    date: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    speakers: tuple[str, ...] = ()
    doc_type: str | None = None
    source: str | None = None
    topics: tuple[str, ...] = ()
    lang: str | None = None
    url: str | None = None
    symbol: str | None = None  # a document symbol such as A/75/704, the same in every language version
    version_of: tuple[str, ...] = ()  # other documents this one is a version of: paths, doc ids or symbols
    place: str | None = None  # where it was written or delivered, from its dateline (kept out of the index)

    def merged_over(self, weaker: "Metadata") -> "Metadata":
        """Return these values, falling back to ``weaker`` where unknown."""
        values = {}
        for name in self.__dataclass_fields__:
            mine = getattr(self, name)
            values[name] = mine if mine not in (None, (), "") else getattr(weaker, name)
        return Metadata(**values)


@dataclass(frozen=True)
class RawDocument:
    """What a reader found in one file, before any cleaning."""

    path: str  # relative to the corpus folder, with forward slashes
    format: str  # txt | md | html | pdf | docx
    text: str = ""  # plain text (every format but html)
    html: str | None = None  # markup, for the html format
    metadata: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class Block:
    """One unit of cleaned text: a heading, a paragraph or a list item."""

    text: str
    kind: str = "paragraph"  # heading | paragraph | item | dateline (a date line the passages leave out)
    level: int = 0  # heading level, 1 = top


@dataclass(frozen=True)
class Document:
    """A cleaned document with the metadata that applies to all its passages."""

    doc_id: str
    path: str
    content_hash: str
    format: str
    blocks: tuple[Block, ...]
    metadata: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class Passage:
    """One searchable passage with all its facets."""

    passage_id: str
    doc_id: str
    ordinal: int  # 1-based position of the passage in its document
    text: str
    heading: str | None = None
    lang: str = "und"
    date: str | None = None
    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    title: str | None = None
    doc_type: str | None = None
    source: str | None = None
    path: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)
    symbol: str | None = None  # the document's symbol (A/75/704), shared by its language versions
    reported: tuple[str, ...] = ()  # people whose words the passage reports; never one of its speakers

    def with_(self, **changes) -> "Passage":
        """Return a copy with some fields changed."""
        return replace(self, **changes)


def passage_id_for(doc_id: str, ordinal: int) -> str:
    """Return the stable id of a document's ``ordinal``-th passage."""
    return f"{doc_id}:p{ordinal}"
