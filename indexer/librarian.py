"""A librarian's operations on the corpus folder, shared by the admin pages and the command line.

The corpus folder stays the single source of truth: uploads are written into
it, metadata corrections become sidecar files (``NAME.meta.json``) beside the
document, and a withdrawn document is moved aside into ``_withdrawn/`` (which
the indexer skips) rather than deleted. Every write is atomic (a temporary
file, then ``os.replace``), so the indexer never reads half a file.
"""
from __future__ import annotations

import filecmp
import json
import os
import re
import secrets
import shutil
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Mapping

from indexer import layout
from indexer.config import DOCUMENT_SUFFIXES, SIDECAR_SUFFIX, Config
from indexer.manifest import load_manifest, save_manifest
from indexer.metadata import FIELD_NAMES, metadata_from_fields, sidecar_path
from indexer.readers import IGNORED_PREFIXES, iter_corpus_files
from indexer.runlock import ProgressWriter, writer_lock

WITHDRAWN_FOLDER = "_withdrawn"  # withdrawn documents, skipped by the indexer ('_' prefix)
REPLACED_FOLDER = "_replaced"  # earlier versions of replaced uploads, kept for an undo
# Longest file name accepted, in UTF-8 bytes: 255 is the usual filesystem limit, minus a sidecar suffix.
# NUL and other control characters: no file of the corpus is named with them, and the OS refuses a NUL.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
MAX_NAME_BYTES = 200
# Punctuation allowed in names besides letters, marks and digits of any script: none is special to a
# shell, a URL path or a filesystem.
NAME_PUNCTUATION = frozenset(" -_.,()[]+'")
# The first bytes of file types that must match their suffix (a renamed file is refused).
SIGNATURES = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",)}
# Binary formats that a text-type suffix (.txt, .html, .md) must not hide.
BINARY_SIGNATURES = (b"%PDF-", b"PK\x03\x04", b"\x7fELF", b"MZ", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
# Bytes read per step while copying an upload, and how many lead bytes the signature checks need.
COPY_CHUNK_BYTES = 1 << 20
# Seconds a withdrawal waits for a running indexing run before refusing with its message.
WITHDRAW_WAIT_SECONDS = 10.0
# The key each metadata field is written under in a sidecar (aliases such as "speaker" are folded in).
SIDECAR_KEYS = {"title": "title", "date": "date", "speakers": "speakers", "doc_type": "type", "source": "source",
                "topics": "topics", "lang": "lang", "url": "url", "symbol": "symbol", "version_of": "version_of"}


class LibrarianError(Exception):
    """A librarian operation that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Accepted:
    """One uploaded file written into the corpus: where, and whether it was new, replaced or identical."""

    relative: str
    status: str  # added | replaced | unchanged
    kept_as: str | None = None  # where the replaced version was kept, relative to the corpus folder


@dataclass(frozen=True)
class Withdrawn:
    """A withdrawn document: its path, where its files went, and the index document removed."""

    relative: str
    moved_to: tuple[str, ...]
    doc_id: str | None


def _is_document_name(name: str) -> bool:
    return name.lower().endswith(DOCUMENT_SUFFIXES)


def resolve_document(config: Config, path: str | Path) -> tuple[Path, str]:
    """Return a corpus document's real path and its path relative to the corpus (LibrarianError if not one)."""
    if CONTROL_CHARACTER.search(str(path)):
        raise LibrarianError(f"{str(path)!r}: a path cannot hold control characters")
    given = Path(path)
    candidate = given if given.is_absolute() else config.corpus_dir / given
    if not candidate.exists() and not given.is_absolute() and given.exists():
        candidate = given
    corpus = config.corpus_dir.resolve()
    resolved = candidate.resolve()
    if not resolved.is_relative_to(corpus) or resolved == corpus:
        raise LibrarianError(f"{path}: not inside the corpus folder {config.corpus_dir}")
    relative = resolved.relative_to(corpus)
    if any(part.startswith(IGNORED_PREFIXES) for part in relative.parts):
        raise LibrarianError(f"{path}: hidden, withdrawn or '_' files are not documents of the corpus")
    if not _is_document_name(resolved.name):
        raise LibrarianError(f"{path}: not a document type the indexer reads ({', '.join(DOCUMENT_SUFFIXES)})")
    if not resolved.is_file():
        raise LibrarianError(f"{path}: no such document in the corpus folder")
    return resolved, relative.as_posix()


def collection_folders(config: Config) -> list[str]:
    """Return the corpus's sub-folders (collections) an upload may go to, '' being the corpus folder."""
    folders = [""]
    for folder, subfolders, _ in os.walk(config.corpus_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(IGNORED_PREFIXES))
        base = Path(folder).relative_to(config.corpus_dir)
        folders.extend((base / name).as_posix() for name in subfolders)
    return sorted(folders)


def check_name(name: str) -> str:
    """Return an uploaded file's name in NFC if it is safe to create in the corpus (LibrarianError if not)."""
    name = unicodedata.normalize("NFC", name or "")
    if not name.strip():
        raise LibrarianError("the file has no name")
    if "/" in name or "\\" in name:
        raise LibrarianError(f"{name!r}: a file name may not contain a folder; choose the folder in the form")
    if ".." in name:
        raise LibrarianError(f"{name!r}: '..' is not allowed in a file name")
    if name.startswith(IGNORED_PREFIXES):
        raise LibrarianError(f"{name!r}: names starting with '.' or '_' are skipped by the indexer")
    if name != name.strip():
        raise LibrarianError(f"{name!r}: a file name may not start or end with a space")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise LibrarianError(f"{name[:40]!r}…: name too long (more than {MAX_NAME_BYTES} bytes)")
    odd = sorted({ch for ch in name if not (unicodedata.category(ch)[0] in "LMN" or ch in NAME_PUNCTUATION)})
    if odd:
        shown = ", ".join(repr(ch) for ch in odd)
        raise LibrarianError(f"{name!r}: characters not allowed in a file name: {shown}")
    stem = name[: -len(SIDECAR_SUFFIX)] if name.lower().endswith(SIDECAR_SUFFIX) else name
    if not (_is_document_name(name) or name.lower().endswith(SIDECAR_SUFFIX)) or not stem:
        allowed = ", ".join(DOCUMENT_SUFFIXES + (SIDECAR_SUFFIX,))
        raise LibrarianError(f"{name!r}: file type not accepted; accepted types are {allowed}")
    return name


def _check_signature(name: str, head: bytes) -> None:
    suffix = Path(name).suffix.lower()
    expected = SIGNATURES.get(suffix)
    if expected and not head.startswith(expected):
        raise LibrarianError(f"{name!r}: the content is not a {suffix} file")
    if not expected and head.startswith(BINARY_SIGNATURES):
        raise LibrarianError(f"{name!r}: the content is a binary file, not {suffix} text")


def copy_upload(source: BinaryIO, temporary: Path, name: str, max_bytes: int) -> None:
    """Copy an upload to a new file, refusing it if empty, too large or not of its suffix's type."""
    written = 0
    with temporary.open("xb") as out:
        while chunk := source.read(COPY_CHUNK_BYTES):
            if written == 0:
                _check_signature(name, chunk)
            written += len(chunk)
            if written > max_bytes:
                raise LibrarianError(f"{name!r}: file too large (more than {max_bytes:,} bytes)")
            out.write(chunk)
    if written == 0:
        raise LibrarianError(f"{name!r}: the file is empty")


def _check_sidecar(name: str, temporary: Path, folder: Path) -> None:
    try:
        fields = json.loads(temporary.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise LibrarianError(f"{name!r}: not a JSON sidecar: {error}") from error
    if not isinstance(fields, dict):
        raise LibrarianError(f"{name!r}: a sidecar must be a JSON object such as {{\"date\": \"2020-11-10\"}}")
    _, warnings = metadata_from_fields(fields, name)
    if warnings:
        raise LibrarianError("; ".join(warnings))
    stem = name[: -len(SIDECAR_SUFFIX)]
    documents = [p for p in folder.iterdir() if p.is_file() and _is_document_name(p.name)] if folder.is_dir() else []
    if not any(p.name == stem or p.stem == stem for p in documents):
        raise LibrarianError(f"{name!r}: no document {stem!r} in this folder for the sidecar to describe")


def _keep_earlier(config: Config, target: Path, relative: str) -> str:
    kept = config.corpus_dir / REPLACED_FOLDER / time.strftime("%Y%m%dT%H%M%S") / relative
    kept = _unique(kept)
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target, kept)
    return kept.relative_to(config.corpus_dir).as_posix()


def _unique(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _place(config: Config, temporary: Path, target: Path, relative: str, replace: bool) -> Accepted:
    if target.exists() and filecmp.cmp(temporary, target, shallow=False):
        return Accepted(relative, "unchanged")
    if target.exists():
        if not replace:
            raise LibrarianError(f"{relative}: a different file of this name is already in the corpus; "
                                 "tick 'replace existing' to replace it")
        kept = _keep_earlier(config, target, relative)
        os.replace(temporary, target)
        return Accepted(relative, "replaced", kept)
    try:
        os.link(temporary, target)  # fails if the name appeared meanwhile: never overwrites by accident
    except FileExistsError:
        raise LibrarianError(f"{relative}: a file of this name appeared meanwhile; upload it again") from None
    return Accepted(relative, "added")


def accept_upload(config: Config, name: str, source: BinaryIO, folder: str = "", replace: bool = False,
                  max_bytes: int | None = None) -> Accepted:
    """Write one uploaded document or sidecar into a corpus folder atomically (LibrarianError if refused)."""
    name = check_name(name)
    if folder not in collection_folders(config):
        raise LibrarianError(f"{folder!r}: not a collection folder of the corpus")
    limit = min(max_bytes or config.max_file_bytes, config.max_file_bytes)
    target_folder = config.corpus_dir / folder
    target = target_folder / name
    relative = (Path(folder) / name).as_posix()
    temporary = target_folder / f".upload-{secrets.token_hex(8)}"
    try:
        copy_upload(source, temporary, name, limit)
        if name.lower().endswith(SIDECAR_SUFFIX):
            _check_sidecar(name, temporary, target_folder)
        return _place(config, temporary, target, relative, replace)
    finally:
        temporary.unlink(missing_ok=True)


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """Return ``key=value`` command-line items as a dict (LibrarianError on an item without '=')."""
    changes = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise LibrarianError(f"{item!r}: expected key=value, e.g. date=2020-11-10 or speakers='A; B'")
        changes[key.strip().lower()] = value.strip()
    return changes


def _read_sidecar_object(path: Path) -> dict:
    try:
        fields = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise LibrarianError(f"{path.name}: the existing sidecar cannot be read ({error}); fix or remove it") from error
    if not isinstance(fields, dict):
        raise LibrarianError(f"{path.name}: the existing sidecar is not a JSON object; fix or remove it")
    return fields


def _write_json(path: Path, fields: dict) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    temporary.write_text(json.dumps(fields, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def save_metadata(config: Config, path: str | Path, changes: Mapping[str, Any]) -> Path:
    """Merge metadata changes into a document's sidecar and return its path; an empty value removes a key.

    Keys are those of sidecars (title, date, speakers, type, source, topics, lang, url, and their
    aliases); values are validated like the indexer's (dates in any accepted spelling become ISO).
    The next indexing run re-indexes the document, and a full rebuild keeps the correction.
    """
    document, relative = resolve_document(config, path)
    unknown = sorted(key for key in changes if key.strip().lower() not in FIELD_NAMES)
    if unknown:
        raise LibrarianError(f"unknown metadata keys: {', '.join(unknown)} (known: {', '.join(sorted(FIELD_NAMES))})")
    metadata, warnings = metadata_from_fields(changes, relative)
    if warnings:
        raise LibrarianError("; ".join(warnings))
    target = sidecar_path(document) or document.with_name(document.name + SIDECAR_SUFFIX)
    fields = _read_sidecar_object(target) if target.exists() else {}
    for key in changes:
        field_name = FIELD_NAMES[key.strip().lower()]
        for alias in [k for k in fields if FIELD_NAMES.get(k.strip().lower()) == field_name]:
            del fields[alias]
        value = getattr(metadata, field_name)
        if value not in (None, (), ""):
            fields[SIDECAR_KEYS[field_name]] = list(value) if isinstance(value, tuple) else value
    if fields:
        _write_json(target, fields)
    else:
        target.unlink(missing_ok=True)
    return target


def _sidecars_to_move(document: Path) -> list[Path]:
    own = document.with_name(document.name + SIDECAR_SUFFIX)
    shared = document.with_name(document.stem + SIDECAR_SUFFIX)
    moved = [own] if own.is_file() else []
    siblings = [p for p in document.parent.glob(f"{document.stem}.*") if p != document and _is_document_name(p.name)]
    if not moved and shared.is_file() and not any(p.stem == document.stem for p in siblings):
        moved.append(shared)
    return moved


def _drop_from_index(config: Config, relative: str) -> str | None:
    from indexer.engines import open_store

    live = layout.live_generation(config.index_dir)
    if live is None:
        return None
    manifest = load_manifest(live)
    entry = manifest.files.pop(relative, None)
    manifest.rejected.pop(relative, None)
    manifest.warnings.pop(relative, None)
    if entry is not None:
        store = open_store(config.index_dir)
        try:
            store.delete_documents([entry.doc_id])
        finally:
            store.close()
    save_manifest(manifest, live)
    return entry.doc_id if entry else None


def withdraw_document(config: Config, path: str | Path, wait: float = WITHDRAW_WAIT_SECONDS) -> Withdrawn:
    """Move a document and its sidecar to ``_withdrawn/STAMP/`` and remove it from the live index at once.

    Takes the indexer's single-writer lock, waiting up to ``wait`` seconds for a running
    indexing run (raises ``indexer.runlock.IndexBusy`` with that run's description if it
    does not end). Nothing is deleted: the files can be moved back and re-indexed.
    """
    document, relative = resolve_document(config, path)
    with writer_lock(config.index_dir, wait=wait, label="withdraw"):
        destination = config.corpus_dir / WITHDRAWN_FOLDER / time.strftime("%Y%m%dT%H%M%S")
        moved = []
        for source in [document] + _sidecars_to_move(document):
            target = _unique(destination / source.relative_to(config.corpus_dir.resolve()))
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved.append(target.relative_to(config.corpus_dir).as_posix())
        doc_id = _drop_from_index(config, relative)
        ProgressWriter(config.index_dir).finish(f"withdrawn: {relative}", 0)
    return Withdrawn(relative, tuple(moved), doc_id)


def pending_files(config: Config) -> list[str]:
    """Return corpus documents the index knows nothing about yet (neither indexed nor rejected)."""
    manifest = load_manifest(layout.live_generation(config.index_dir))
    known = set(manifest.files) | set(manifest.rejected)
    return [relative for path in iter_corpus_files(config.corpus_dir)
            if (relative := path.relative_to(config.corpus_dir).as_posix()) not in known]
