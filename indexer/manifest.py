"""What the index holds, file by file: content hashes, ids, rejections and past runs.

The manifest lives in the index generation it describes and is written
atomically after every commit, so it never claims a document the index lacks
for longer than one batch (a rerun then redoes that batch).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from indexer.atomic import replace_text
from indexer.versions import save_versions

MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
# Runs remembered for the status page.
RUNS_KEPT = 20


class ManifestError(Exception):
    """The manifest exists but cannot be read."""


@dataclass
class FileEntry:
    """One indexed file."""

    hash: str
    doc_id: str
    passages: int
    group: str
    fingerprints: list[str] = field(default_factory=list)
    card: dict = field(default_factory=dict)  # what linking language versions needs (``indexer.versions``)


@dataclass
class Manifest:
    """Indexed files, rejected files with reasons, warnings, repeated blocks and runs."""

    files: dict[str, FileEntry] = field(default_factory=dict)
    rejected: dict[str, dict] = field(default_factory=dict)  # path -> {"reason", "hash"}
    warnings: dict[str, list[str]] = field(default_factory=dict)
    repeated: dict[str, list[str]] = field(default_factory=dict)  # group -> fingerprints
    vocabulary_hash: str = ""
    runs: list[dict] = field(default_factory=list)
    # path -> size and modification times of the file and its metadata when its hash was last taken
    stamps: dict[str, str] = field(default_factory=dict)

    def doc_ids(self) -> set[str]:
        """Return the ids of every indexed document."""
        return {entry.doc_id for entry in self.files.values()}

    def to_json(self) -> dict:
        """Return the manifest as JSON-ready data."""
        return {
            "version": MANIFEST_VERSION,
            "files": {path: vars(entry) for path, entry in sorted(self.files.items())},
            "rejected": dict(sorted(self.rejected.items())),
            "warnings": dict(sorted(self.warnings.items())),
            "repeated": {group: sorted(fps) for group, fps in sorted(self.repeated.items())},
            "vocabulary_hash": self.vocabulary_hash,
            "runs": self.runs[-RUNS_KEPT:],
            "stamps": dict(sorted(self.stamps.items())),
        }


def load_manifest(generation: Path | None) -> Manifest:
    """Return the manifest of an index generation (empty if there is none)."""
    if generation is None:
        return Manifest()
    path = Path(generation) / MANIFEST_FILE
    if not path.exists():
        return Manifest()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            files={p: FileEntry(**entry) for p, entry in data.get("files", {}).items()},
            rejected=data.get("rejected", {}),
            warnings=data.get("warnings", {}),
            repeated=data.get("repeated", {}),
            vocabulary_hash=data.get("vocabulary_hash", ""),
            runs=data.get("runs", []),
            stamps=data.get("stamps", {}),
        )
    except (OSError, ValueError, TypeError) as error:
        raise ManifestError(f"cannot read {path}: {error}") from error


def save_manifest(manifest: Manifest, generation: Path) -> None:
    """Write the manifest into its generation atomically, and the language versions it links beside it."""
    replace_text(Path(generation) / MANIFEST_FILE, json.dumps(manifest.to_json(), ensure_ascii=False))
    save_versions({relative: entry.card for relative, entry in manifest.files.items()}, generation)
