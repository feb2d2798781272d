"""What every reader shares: the result record and the checks on raw bytes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from indexer.config import Config
from indexer.models import RawDocument, RejectedFile


@dataclass(frozen=True)
class Reading:
    """A reader's result: the document and problems worth telling a librarian."""

    document: RawDocument
    warnings: tuple[str, ...] = ()


def relative_path(path: Path, corpus_dir: Path) -> str:
    """Return ``path`` relative to ``corpus_dir`` with forward slashes."""
    try:
        relative = path.absolute().relative_to(corpus_dir.absolute())
    except ValueError:
        relative = path.resolve().relative_to(corpus_dir.resolve())
    return relative.as_posix()


def read_bytes(path: Path, config: Config) -> bytes:
    """Return the file's bytes; raise RejectedFile if it is empty, too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes:
            raise RejectedFile(
                f"file too large: {size:,} bytes, more than the limit of "
                f"{config.max_file_bytes:,} (max_file_bytes)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise RejectedFile(f"cannot read the file: {error.strerror or error}") from error
    if not data:
        raise RejectedFile("empty file (0 bytes)")
    return data


def require_text(text: str, what: str) -> str:
    """Return ``text``; raise RejectedFile if it holds nothing but white space."""
    if not text.strip():
        raise RejectedFile(f"no extractable text: {what}")
    return text
