"""Where a document comes from (``corpus/sources.yaml``): a site, an agency, a collection.

In order: the librarian's value; the host of the document's URL, of a
"Source: <url>" line or of a canonical link, named through the hosts listed in
the vocabulary (or the bare host); a marker phrase or pattern of a listed
source found in the text (a site's name in its furniture, a UN document
symbol); the top corpus folder the file is in; else unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterable
from urllib.parse import urlsplit

from indexer.facets.vocab import (
    VocabularyError, check_fields, file_stamp, fold, line_of, read_yaml, require, string_list,
)
from indexer.models import Metadata

# Lines that give a document's origin ("Source: <http://…>", "Источник: …", "来源：…").
SOURCE_LINE = re.compile(
    r"^[\W_]*(?:source|sources|origin|url|lien|источник|来源|出处)\s*[:：]\s*<?(?P<url>(?:https?://)?[^\s<>]+\.[^\s<>]+)",
    re.IGNORECASE | re.MULTILINE,
)
# Canonical links in web pages.
CANONICAL_LINK = re.compile(
    r"<(?:link[^>]+rel=[\"']canonical[\"'][^>]*href|meta[^>]+property=[\"']og:url[\"'][^>]*content)"
    r"=[\"'](?P<url>[^\"']+)",
    re.IGNORECASE,
)
# A host prefix that does not distinguish sites.
HOST_PREFIXES = ("www.", "m.")


@dataclass(frozen=True)
class Source:
    """One known source: its facet value, its hosts, marker phrases and marker patterns."""

    name: str
    hosts: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceVocabulary:
    """Known sources in file order (earlier entries win ties between markers)."""

    sources: tuple[Source, ...] = ()

    def by_host(self, host: str) -> str | None:
        """Return the source whose host list contains ``host`` or a parent domain of it."""
        host = _bare_host(host)
        for source in self.sources:
            if any(host == h or host.endswith("." + h) for h in source.hosts):
                return source.name
        return None

    def by_name(self, value: str) -> str | None:
        """Return the source named ``value`` (any case), or None."""
        folded = fold(value.strip())
        return next((s.name for s in self.sources if fold(s.name) == folded), None)


def document_source(raw_text_or_html: str, metadata: Metadata, path: str, vocab: SourceVocabulary) -> str | None:
    """Return the document's source: librarian's, URL host, marker, corpus folder, else None."""
    if metadata.source:
        host = _host(metadata.source)
        return vocab.by_name(metadata.source) or (vocab.by_host(host) if host else None) or metadata.source
    for url in _urls(raw_text_or_html, metadata):
        host = _host(url)
        if host:
            return vocab.by_host(host) or host
    marked = _by_markers(raw_text_or_html, vocab)
    if marked:
        return marked
    parts = PurePosixPath(path).parts
    if len(parts) > 1:
        return vocab.by_name(parts[0]) or vocab.by_host(parts[0]) or parts[0]
    return None


def _urls(text: str, metadata: Metadata) -> Iterable[str]:
    if metadata.url:
        yield metadata.url
    for pattern in (CANONICAL_LINK, SOURCE_LINE):
        for match in pattern.finditer(text):
            yield match.group("url").strip(">").rstrip(".,;)")


def _host(url: str) -> str | None:
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return _bare_host(host) if host and "." in host else None


def _bare_host(host: str) -> str:
    host = host.lower().strip().rstrip(".")
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def _by_markers(text: str, vocab: SourceVocabulary) -> str | None:
    """Return the source with the most marker matches in ``text`` (file order breaks ties)."""
    folded = fold(text)
    best, best_count = None, 0
    for name, patterns, phrases in _marker_regexes(vocab):
        count = (len(patterns.findall(text)) if patterns else 0) + (len(phrases.findall(folded)) if phrases else 0)
        if count > best_count:
            best, best_count = name, count
    return best


@lru_cache(maxsize=16)
def _marker_regexes(vocab: SourceVocabulary) -> tuple[tuple[str, re.Pattern | None, re.Pattern | None], ...]:
    """Return (name, pattern regex, folded phrase regex) per source."""
    compiled = []
    for source in vocab.sources:
        patterns = re.compile("|".join(f"(?:{p})" for p in source.patterns)) if source.patterns else None
        words = sorted((re.escape(fold(m)) for m in source.markers), key=len, reverse=True)
        phrases = re.compile(rf"(?<![\w.])(?:{'|'.join(words)})(?!\w)") if words else None
        compiled.append((source.name, patterns, phrases))
    return tuple(compiled)


def parse_sources(data, path: Path | str = "sources.yaml") -> SourceVocabulary:
    """Build the vocabulary from the parsed YAML mapping {name: {hosts, markers, patterns}}."""
    if data is None:
        return SourceVocabulary()
    require(isinstance(data, dict), path, line_of(data, 1),
            "the file must map each source name to its hosts and markers")
    sources = []
    for name, entry in data.items():
        line = line_of(entry, line_of(data))
        require(isinstance(name, str) and name.strip(), path, line, f"{name!r} is not a source name")
        require(isinstance(entry, dict), path, line, f"source {name!r} must have 'hosts', 'markers' or 'patterns'")
        check_fields(entry, ("hosts", "markers", "patterns"), path, line, f"source {name!r}")
        hosts = tuple(_bare_host(h) for h in string_list(entry.get("hosts"), path, line, f"the hosts of {name!r}"))
        patterns = string_list(entry.get("patterns"), path, line, f"the patterns of {name!r}")
        for pattern in patterns:
            _check_pattern(pattern, path, line_of(entry.get("patterns"), line), name)
        markers = string_list(entry.get("markers"), path, line, f"the markers of {name!r}")
        sources.append(Source(name.strip(), hosts, markers, patterns))
    return SourceVocabulary(tuple(sources))


def _check_pattern(pattern: str, path: Path | str, line: int | None, name: str) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        problem = f"pattern {pattern!r} of {name!r} is not a valid regular expression: {error}"
        raise VocabularyError(path, line, problem) from error


def load_sources(path: Path | str) -> SourceVocabulary:
    """Return the source vocabulary for a file, re-read only when the file changes."""
    return _load_sources(str(path), file_stamp(path))


@lru_cache(maxsize=8)
def _load_sources(path: str, stamp: int | None) -> SourceVocabulary:
    return parse_sources(read_yaml(path) if stamp is not None else None, path)
