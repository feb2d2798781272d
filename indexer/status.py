"""What the index holds: counts, size, last runs, rejected files, documents missing facets."""
from __future__ import annotations

from indexer import layout
from indexer.config import Config
from indexer.engines import IndexMissing, open_store, recorded_engine
from indexer.manifest import load_manifest


def index_status(config: Config) -> dict:
    """Return the status of the index as JSON-ready data."""
    generation = layout.live_generation(config.index_dir)
    manifest = load_manifest(generation)
    status = {
        "index_dir": str(config.index_dir),
        "corpus_dir": str(config.corpus_dir),
        "exists": generation is not None,
        "engine": recorded_engine(generation) if generation is not None else None,
        "documents": 0,
        "passages": 0,
        "size_bytes": 0,
        "built_at": None,
        "per_facet": {},
        "last_run": manifest.runs[-1] if manifest.runs else None,
        "runs": manifest.runs,
        "rejected": {path: entry["reason"] for path, entry in sorted(manifest.rejected.items())},
        "warnings": manifest.warnings,
    }
    if generation is None:
        return status
    try:
        store = open_store(config.index_dir)
    except IndexMissing:
        status["exists"] = False
        return status
    stats = store.stats()
    store.close()
    status.update(
        documents=stats.documents,
        passages=stats.passages,
        size_bytes=stats.size_bytes,
        built_at=stats.built_at,
        per_facet={name: [list(pair) for pair in pairs] for name, pairs in stats.per_facet.items()},
    )
    return status
