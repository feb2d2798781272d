"""Readers: turn a file of the corpus into a ``RawDocument``, one module per format.

``read_file`` chooses the reader by suffix and raises ``RejectedFile`` with a
reason a librarian can act on. ``read_document`` does the same and also
returns the warnings met on the way (damaged bytes, a broken front matter),
which ``read_file`` sends to the log. ``iter_corpus_files`` lists the files to
read.
"""
from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Iterator

from indexer.config import DOCUMENT_SUFFIXES, Config
from indexer.models import RawDocument, RejectedFile
from indexer.readers.common import Reading, read_bytes, relative_path

log = logging.getLogger(__name__)

# Suffix -> (module, function) of its reader, imported only when first needed.
READERS = {
    ".txt": ("text", "read_text"),
    ".text": ("text", "read_text"),
    ".md": ("markdown", "read_markdown"),
    ".markdown": ("markdown", "read_markdown"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
    ".pdf": ("pdf", "read_pdf"),
    ".docx": ("docx", "read_docx"),
}
# Names a librarian uses to keep things out of the index: hidden or "_drafts".
IGNORED_PREFIXES = (".", "_")


def _reader(suffix: str):
    if suffix not in DOCUMENT_SUFFIXES or suffix not in READERS:
        known = ", ".join(DOCUMENT_SUFFIXES)
        raise RejectedFile(f"unsupported file type {suffix or '(no suffix)'!r}: readable types are {known}")
    module, function = READERS[suffix]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def read_document(path: Path, corpus_dir: Path, config: Config) -> Reading:
    """Read ``path`` into a RawDocument with its warnings; raise RejectedFile if it cannot be indexed."""
    reader = _reader(path.suffix.lower())
    data = read_bytes(path, config)
    return reader(data, relative_path(path, corpus_dir), config)


def read_file(path: Path, corpus_dir: Path, config: Config) -> RawDocument:
    """Read ``path`` into a RawDocument, logging warnings; raise RejectedFile if it cannot be indexed."""
    reading = read_document(path, corpus_dir, config)
    for warning in reading.warnings:
        log.warning("%s: %s", reading.document.path, warning)
    return reading.document


def _wanted(name: str) -> bool:
    return not name.startswith(IGNORED_PREFIXES)


def _is_document(name: str) -> bool:
    # Sidecars (.meta.json), vocabularies (.yaml) and catalogue.csv fail the suffix test.
    return _wanted(name) and name.lower().endswith(DOCUMENT_SUFFIXES)


def iter_corpus_files(corpus_dir: Path) -> Iterator[Path]:
    """Yield every document file under ``corpus_dir`` in sorted order, skipping hidden and '_' names."""
    found = []
    for folder, subfolders, files in os.walk(corpus_dir):
        subfolders[:] = [name for name in subfolders if _wanted(name)]
        found.extend(Path(folder, name) for name in files if _is_document(name))
    found.sort(key=lambda path: path.relative_to(corpus_dir).as_posix())
    yield from found
