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
# The generation that was live before the last switch: kept, so a reader that opened it just before keeps working.
PREVIOUS_LINK = "previous"
GENERATIONS = "generations"


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
    previous = live_generation(index_dir)
    if previous is not None and previous != generation:
        _point(index_dir, PREVIOUS_LINK, previous)
    _point(index_dir, CURRENT_LINK, generation)
    prune(index_dir)


def _point(index_dir: Path, name: str, generation: Path) -> None:
    """Point the link ``name`` at ``generation`` atomically."""
    temporary = index_dir / f".{name}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(Path(GENERATIONS) / generation.name, temporary)
    os.replace(temporary, index_dir / name)


def prune(index_dir: Path) -> None:
    """Delete every generation but the live and the previous one (half-written ones of crashed runs too).

    Called only by the writer holding the lock, after a switch, so no other generation is being written.
    """
    live = live_generation(index_dir)
    folder = Path(index_dir) / GENERATIONS
    if live is None or not folder.is_dir():
        return
    link = Path(index_dir) / PREVIOUS_LINK
    previous = (link.parent / os.readlink(link)).resolve() if link.is_symlink() else None
    for stale in folder.iterdir():
        if stale.is_dir() and stale.resolve() not in (live, previous):
            shutil.rmtree(stale, ignore_errors=True)
