"""Uploaded files into the corpus (documents first, then their sidecars) and files previewed without keeping them."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from werkzeug.datastructures import FileStorage

from indexer.config import SIDECAR_SUFFIX, Config
from indexer.librarian import Accepted, LibrarianError, accept_upload, check_name, copy_upload
from indexer.models import RejectedFile
from indexer.preview import preview_file


@dataclass(frozen=True)
class UploadResult:
    """What happened to one uploaded file."""

    name: str
    accepted: Accepted | None
    reason: str = ""


def _is_sidecar(upload: FileStorage) -> bool:
    return (upload.filename or "").lower().endswith(SIDECAR_SUFFIX)


def save_uploads(config: Config, uploads: Iterable[FileStorage], folder: str, replace: bool,
                 max_bytes: int) -> list[UploadResult]:
    """Write each upload into the corpus folder, documents before sidecars, each accepted or refused alone."""
    results = []
    for upload in sorted(uploads, key=_is_sidecar):
        name = upload.filename or ""
        try:
            accepted = accept_upload(config, name, upload.stream, folder=folder, replace=replace,
                                     max_bytes=max_bytes)
        except LibrarianError as error:
            results.append(UploadResult(name, None, str(error)))
        else:
            results.append(UploadResult(name, accepted))
    return results


def preview_upload(config: Config, upload: FileStorage, max_bytes: int) -> tuple[str, list[dict]]:
    """Return the name and passages of an uploaded file, read in a temporary folder and then deleted."""
    name = check_name(upload.filename or "")
    if name.lower().endswith(SIDECAR_SUFFIX):
        raise LibrarianError(f"{name!r}: a sidecar has no passages; preview its document instead")
    with tempfile.TemporaryDirectory(prefix="archive-preview-") as folder:
        path = Path(folder) / name
        copy_upload(upload.stream, path, name, min(max_bytes, config.max_file_bytes))
        try:
            return name, preview_file(path, config)
        except RejectedFile as error:
            raise LibrarianError(f"{name}: the indexer would reject this file: {error}") from error
