"""Search engines behind the ``IndexStore`` interface, and which one wrote each index generation.

Each generation folder records its engine in ``ENGINE_FILE``; the live index is
always opened with the engine that wrote it, whatever the configuration says.
An engine is a store class with ``create_generation(index_dir) -> Path``,
``open_generation(index_dir, generation) -> IndexStore`` and
``damage(generation) -> list[str]`` (what is wrong with its files), registered
in ``ENGINE_CLASSES`` by module and class name and imported only when used.
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path

from indexer import layout
from indexer.engines.base import (
    FACET_FIELDS,
    SORTS,
    DiskFull,
    EngineMismatch,
    FacetFilter,
    Hit,
    IndexDamaged,
    Relaxed,
    IndexMissing,
    IndexStats,
    IndexStore,
    SearchQuery,
    SearchResults,
    StoreError,
)

__all__ = [
    "DEFAULT_ENGINE", "ENGINES", "ENGINE_FILE", "FACET_FIELDS", "SORTS", "DiskFull", "EngineMismatch",
    "FacetFilter", "Hit", "IndexDamaged", "IndexMissing", "IndexStats", "IndexStore", "Relaxed", "SearchQuery",
    "SearchResults", "StoreError", "create_generation", "damage", "engine_class", "open_generation", "open_store",
    "recorded_engine",
]

# Store class of each engine, as (module, class name).
ENGINE_CLASSES = {
    "tantivy": ("indexer.engines.tantivy.store", "TantivyStore"),
    "whoosh": ("indexer.engines.whoosh.store", "WhooshStore"),
}
ENGINES = tuple(ENGINE_CLASSES)
DEFAULT_ENGINE = "tantivy"
# Written into each generation folder: {"engine": name}.
ENGINE_FILE = "engine.json"
# Generations written before engines were recorded are Whoosh indexes.
UNRECORDED_ENGINE = "whoosh"


def engine_class(name: str) -> type:
    """Return the store class of the engine called ``name``."""
    if name not in ENGINE_CLASSES:
        raise StoreError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    module_name, class_name = ENGINE_CLASSES[name]
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise StoreError(f"engine {name} is not available ({error})") from error
    return getattr(module, class_name)


def recorded_engine(generation: Path) -> str:
    """Return the name of the engine that wrote ``generation``."""
    path = Path(generation) / ENGINE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))["engine"]
    except FileNotFoundError:
        return UNRECORDED_ENGINE
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoreError(f"cannot read the engine of the index from {path}: {error}") from error


def create_generation(index_dir: Path, engine: str) -> Path:
    """Create an empty generation (not yet live) written by ``engine`` and return its folder."""
    generation = engine_class(engine).create_generation(Path(index_dir))
    (generation / ENGINE_FILE).write_text(json.dumps({"engine": engine}), encoding="utf-8")
    return generation


def open_generation(index_dir: Path, generation: Path) -> IndexStore:
    """Open one generation of the index with the engine that wrote it (``IndexDamaged`` names what is broken)."""
    try:
        return engine_class(recorded_engine(generation)).open_generation(Path(index_dir), generation)
    except StoreError as error:
        problems = damage(generation)
        if problems:
            raise IndexDamaged(generation.name, problems) from error
        raise


def damage(generation: Path) -> list[str]:
    """Return what is wrong with the files of one generation (truncated, corrupt, missing): empty when sound."""
    try:
        return engine_class(recorded_engine(generation)).damage(generation)
    except StoreError as error:
        return [str(error)]


def open_store(index_dir: Path, create: bool = False, engine: str | None = None) -> IndexStore:
    """Open the live index with its recorded engine; with ``create``, make an empty one if none exists.

    ``engine`` (callers pass the configured one) only chooses the engine of an index created here.
    """
    index_dir = Path(index_dir)
    generation = layout.live_generation(index_dir)
    if generation is None:
        if not create:
            raise IndexMissing(f"no index at {index_dir}: run 'archive-search index' first")
        generation = create_generation(index_dir, engine or DEFAULT_ENGINE)
        layout.activate(index_dir, generation)
    return open_generation(index_dir, generation)
