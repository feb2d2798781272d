"""Librarian-given metadata: sidecar files and catalogues, which win over extraction.

Two places hold it, strongest first:

* a sidecar JSON object beside the document, named after the full file name
  (``speech.txt.meta.json``) or, if that is absent, after the name without its
  suffix (``speech.meta.json``);
* ``catalogue.csv`` in the document's folder or any parent folder up to the
  corpus folder: one row per document, ``path`` relative to the catalogue's
  folder. A nearer catalogue wins field by field over a farther one.

Both use the keys title, date, speaker or speakers, type, source, topics, lang,
url, symbol and version_of (Markdown front matter too); several speakers,
topics or versions are a list or one string separated by ';'. Dates, language
codes, URLs (http or https) and symbols are checked and made uniform by
``indexer.metadata_values``. Problems never
lose a document: the lenient ``librarian_metadata`` reports them as warnings,
the strict loaders raise ``MetadataError``.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import charset_normalizer

from indexer.config import CATALOGUE_FILE, SIDECAR_SUFFIX
from indexer.metadata_values import (
    MetadataError,
    clean_text,
    normalise_date,
    normalise_lang,
    normalise_symbol,
    normalise_url,
)
from indexer.models import Metadata

# Accepted spellings of each key, mapped to the Metadata field they fill.
FIELD_NAMES = {
    "title": "title",
    "date": "date",
    "speaker": "speakers",
    "speakers": "speakers",
    "type": "doc_type",
    "source": "source",
    "topic": "topics",
    "topics": "topics",
    "lang": "lang",
    "language": "lang",
    "url": "url",
    "symbol": "symbol",
    "version_of": "version_of",
}
LIST_FIELDS = frozenset({"speakers", "topics", "version_of"})
LIST_SEPARATOR = ";"  # separates several speakers or topics in one string or cell
PATH_COLUMN = "path"
# Delimiters a spreadsheet may have saved catalogue.csv with (';' in French and Russian locales).
CSV_DELIMITERS = (",", ";", "\t")
# Folders whose chain of parents is remembered while planning a run.
FOLDER_CHAIN_CACHE = 4096
# Parsed catalogues kept in memory; one per folder is plenty for a corpus.
CATALOGUE_CACHE_SIZE = 256
def _as_list(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else str(value).split(LIST_SEPARATOR)
    return tuple(dict.fromkeys(cleaned for item in items if (cleaned := clean_text(item))))


def _field_value(name: str, value: Any, where: str) -> Any:
    if name in LIST_FIELDS:
        return _as_list(value)
    if isinstance(value, (list, tuple, dict)):
        raise MetadataError(f"{where}: expected one value, not {value!r}")
    if name == "date":
        return normalise_date(value.isoformat() if isinstance(value, dt.date) else clean_text(value), where)
    if name == "lang":
        return normalise_lang(value, where)
    if name == "url":
        return normalise_url(value, where)
    if name == "symbol":
        return normalise_symbol(value, where)
    return clean_text(value) or None


def metadata_from_fields(fields: Mapping[str, Any], where: str) -> tuple[Metadata, list[str]]:
    """Return the Metadata in a key/value mapping and warnings for keys or values it cannot use."""
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in fields.items():
        name = FIELD_NAMES.get(clean_text(key).lower())
        if name is None:
            warnings.append(f"{where}: unknown key {key!r} ignored (known: {', '.join(sorted(FIELD_NAMES))})")
            continue
        if value is None or value == "":
            continue
        try:
            values[name] = _field_value(name, value, f"{where}, {key}")
        except MetadataError as error:
            warnings.append(str(error))
    return Metadata(**values), warnings


def sidecar_path(doc_path: Path) -> Path | None:
    """Return the sidecar of ``doc_path`` (``NAME.meta.json``, else ``STEM.meta.json``), if one exists."""
    for candidate in (doc_path.with_name(doc_path.name + SIDECAR_SUFFIX),
                      doc_path.with_name(doc_path.stem + SIDECAR_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def _read_sidecar(path: Path) -> tuple[Metadata, list[str]]:
    try:
        fields = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise MetadataError(f"{path}: cannot read the sidecar: {error}") from error
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise MetadataError(f"{path}: invalid JSON at {where}: {error.msg}") from error
    if not isinstance(fields, dict):
        raise MetadataError(f"{path}: expected a JSON object {{\"title\": ...}}, found {type(fields).__name__}")
    return metadata_from_fields(fields, str(path))


def load_sidecar(doc_path: Path) -> Metadata | None:
    """Return the metadata in the sidecar of ``doc_path``, None if it has none; MetadataError if it is bad."""
    path = sidecar_path(doc_path)
    if path is None:
        return None
    metadata, warnings = _read_sidecar(path)
    if warnings:
        raise MetadataError("; ".join(warnings))
    return metadata


@dataclass(frozen=True)
class Catalogue:
    """One parsed catalogue.csv: entries by path, and the problems found in it."""

    entries: Mapping[str, Metadata] = field(default_factory=dict)
    row_warnings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # about the whole file or rows naming no path


def _decode_csv(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise MetadataError(f"{path}: cannot recognise the file's character encoding") from None
        return str(best)


def _delimiter(header: str) -> str:
    def known(delimiter: str) -> int:
        return sum(clean_text(name).lower() in FIELD_NAMES or clean_text(name).lower() == PATH_COLUMN
                   for name in header.split(delimiter))
    return max(CSV_DELIMITERS, key=known)


def _catalogue_key(value: str) -> str:
    return re.sub(r"^(\./)+", "", clean_text(value).replace("\\", "/"))


class _Rows:
    """Catalogue rows by path, each turned into (Metadata, warnings) only when first asked for.

    A collection's catalogue can list tens of thousands of documents while a run needs a few rows.
    """

    def __init__(self, raw: dict[str, tuple[dict, str, tuple[str, ...]]]):
        self.raw = raw  # path -> (fields, where, warnings about the row itself)
        self.parsed: dict[str, tuple[Metadata, tuple[str, ...]]] = {}

    def row(self, key: str) -> tuple[Metadata, tuple[str, ...]]:
        """Return the metadata of the row for ``key`` and its warnings (KeyError if there is none)."""
        parsed = self.parsed.get(key)
        if parsed is None:
            fields, where, own = self.raw[key]
            metadata, warnings = metadata_from_fields(fields, where)
            parsed = self.parsed[key] = (metadata, tuple(warnings) + own)
        return parsed


class _RowPart(Mapping):
    """One part (0: metadata, 1: warnings) of every row of a catalogue, as a read-only mapping by path."""

    def __init__(self, rows: _Rows, part: int):
        self.rows, self.part = rows, part

    def __getitem__(self, key: str):
        return self.rows.row(key)[self.part]

    def __iter__(self):
        return iter(self.rows.raw)

    def __len__(self) -> int:
        return len(self.rows.raw)


def _parse_rows(text: str, path: Path) -> Catalogue:
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0]))
    columns = {(clean_text(name).lower() if name else ""): name for name in reader.fieldnames or ()}
    if PATH_COLUMN not in columns:
        raise MetadataError(f"{path}: no '{PATH_COLUMN}' column in the header row")
    raw: dict[str, tuple[dict, str, tuple[str, ...]]] = {}
    problems: list[str] = []
    wanted = {name: original for name, original in columns.items() if name in FIELD_NAMES}
    for row in reader:
        where = f"{path}, row {reader.line_num}"
        key = _catalogue_key(row.get(columns[PATH_COLUMN]) or "")
        if not key:
            if any((value or "").strip() for value in row.values() if isinstance(value, str)):
                problems.append(f"{where}: no path; row ignored")
            continue
        own = (f"{where}: {key!r} is listed again; this later row is used",) if key in raw else ()
        raw[key] = ({n: row.get(o) for n, o in wanted.items()}, where, own)
    rows = _Rows(raw)
    return Catalogue(_RowPart(rows, 0), _RowPart(rows, 1), tuple(problems))


@functools.lru_cache(maxsize=CATALOGUE_CACHE_SIZE)
def _parse_catalogue(path: Path, mtime_ns: int) -> Catalogue:
    try:
        text = _decode_csv(path.read_bytes(), path)
        return _parse_rows(text, path)
    except OSError as error:
        return Catalogue(problems=(f"{path}: cannot read the catalogue: {error.strerror or error}",))
    except csv.Error as error:
        return Catalogue(problems=(f"{path}: not a valid CSV file: {error}",))
    except MetadataError as error:
        return Catalogue(problems=(str(error),))


def catalogue_in(folder: Path) -> Catalogue | None:
    """Return the parsed catalogue.csv of ``folder`` (cached by path and mtime), None if absent."""
    path = folder / CATALOGUE_FILE
    try:
        mtime_ns = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    except OSError as error:
        return Catalogue(problems=(f"{path}: cannot read the catalogue: {error.strerror or error}",))
    return _parse_catalogue(path.absolute(), mtime_ns)


def load_catalogue(folder: Path) -> dict[str, Metadata]:
    """Return the entries of ``folder``'s catalogue.csv by relative path; MetadataError if it has problems."""
    catalogue = catalogue_in(folder)
    if catalogue is None:
        return {}
    problems = list(catalogue.problems) + [w for ws in catalogue.row_warnings.values() for w in ws]
    if problems:
        raise MetadataError("; ".join(problems))
    return dict(catalogue.entries)


def metadata_sources(doc_path: str, corpus_dir: str) -> list[tuple[str, str]]:
    """Return (folder, name) of each file whose content can change a document's librarian metadata.

    The catalogues of its folder and every folder above it up to the corpus folder, and its two
    possible sidecars; existing or not. Paths are plain strings: this runs for every file of a corpus.
    """
    folder, name = os.path.split(os.path.abspath(doc_path))
    stem = os.path.splitext(name)[0]
    sources = [(ancestor, CATALOGUE_FILE) for ancestor in _folder_chain(folder, os.path.abspath(corpus_dir))]
    return sources + [(folder, name + SIDECAR_SUFFIX), (folder, stem + SIDECAR_SUFFIX)]


@functools.lru_cache(maxsize=FOLDER_CHAIN_CACHE)
def _folder_chain(folder: str, top: str) -> tuple[str, ...]:
    """Return ``folder`` and its parents up to ``top`` (just ``folder`` when it is not inside ``top``)."""
    chain = [folder]
    while folder != top and folder.startswith(top + os.sep):
        folder = os.path.dirname(folder)
        chain.append(folder)
    return tuple(chain)


def _folders_up_to(doc_path: Path, corpus_dir: Path) -> list[Path]:
    folder, top = doc_path.absolute().parent, corpus_dir.absolute()
    folders = [folder]
    while folder != top and top in folder.parents:
        folder = folder.parent
        folders.append(folder)
    return folders


def librarian_metadata(doc_path: Path, corpus_dir: Path) -> tuple[Metadata, list[str]]:
    """Return the sidecar over the catalogue entries for ``doc_path`` (nearest first), and warnings."""
    merged, warnings = Metadata(), []
    for folder in _folders_up_to(doc_path, corpus_dir):
        catalogue = catalogue_in(folder)
        if catalogue is None:
            continue
        key = doc_path.absolute().relative_to(folder).as_posix()
        warnings.extend(catalogue.problems)
        warnings.extend(catalogue.row_warnings.get(key, ()))
        merged = merged.merged_over(catalogue.entries.get(key, Metadata()))
    path = sidecar_path(doc_path)
    if path is not None:
        try:
            sidecar, sidecar_warnings = _read_sidecar(path)
        except MetadataError as error:
            warnings.append(f"{error}; the sidecar is ignored")
        else:
            warnings.extend(sidecar_warnings)
            merged = sidecar.merged_over(merged)
    return merged, warnings
