"""Where the live index is: generations of index folders behind an atomic pointer.

``INDEX/current`` is a symbolic link to ``INDEX/generations/<name>``. A full
rebuild writes a new generation beside the live one and then swaps the link
with one ``os.replace``, so readers see the old index or the new, never half.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

CURRENT_LINK = "current"
GENERATIONS = "generations"
# Old generations kept after a switch, so a reader that opened one just before keeps working.
GENERATIONS_KEPT = 2


def live_generation(index_dir: Path) -> Path | None:
    """Return the folder of the live index generation, or None if there is none."""
    link = Path(index_dir) / CURRENT_LINK
    try:
        target = os.readlink(link)
    except OSError:
        return None
    path = (link.parent / target).resolve()
    return path if path.is_dir() else None


def new_generation(index_dir: Path) -> Path:
    """Create and return an empty folder for a new generation of the index."""
    folder = Path(index_dir) / GENERATIONS
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for attempt in range(1000):
        path = folder / f"{stamp}-{os.getpid()}-{attempt}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a new generation folder in {folder}")


def activate(index_dir: Path, generation: Path) -> None:
    """Make ``generation`` the live index in one atomic step, then prune old generations."""
    index_dir = Path(index_dir)
    link = index_dir / CURRENT_LINK
    temporary = index_dir / f".{CURRENT_LINK}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(Path(GENERATIONS) / generation.name, temporary)
    os.replace(temporary, link)
    prune(index_dir)


def prune(index_dir: Path) -> None:
    """Delete generations older than the live one beyond ``GENERATIONS_KEPT``."""
    live = live_generation(index_dir)
    folder = Path(index_dir) / GENERATIONS
    if live is None or not folder.is_dir():
        return
    others = sorted((p for p in folder.iterdir() if p.is_dir() and p != live), key=lambda p: p.stat().st_mtime)
    for stale in others[: max(len(others) - (GENERATIONS_KEPT - 1), 0)]:
        shutil.rmtree(stale, ignore_errors=True)
