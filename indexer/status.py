"""What the index holds: counts, size, last runs, rejected files, documents missing facets, damaged files."""
from __future__ import annotations

from indexer import layout
from indexer.config import Config
from indexer.engines import IndexDamaged, IndexMissing, damage, open_store, recorded_engine
from indexer.manifest import Manifest, load_manifest


def index_status(config: Config, check_files: bool = False) -> dict:
    """Return the status of the index as JSON-ready data; ``check_files`` reads every index file for damage."""
    generation = layout.live_generation(config.index_dir)
    manifest = load_manifest(generation)
    status = {
        "index_dir": str(config.index_dir),
        "corpus_dir": str(config.corpus_dir),
        "exists": generation is not None,
        "generation": generation.name if generation is not None else None,
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
        "damaged": damage(generation) if check_files and generation is not None else [],
    }
    if generation is None:
        return status
    try:
        store = open_store(config.index_dir)
        stats = store.stats()
        store.close()
    except IndexMissing:
        status["exists"] = False
        return status
    except IndexDamaged as error:
        return status | _manifest_counts(manifest) | {"damaged": status["damaged"] or list(error.problems)}
    status.update(
        documents=stats.documents,
        passages=stats.passages,
        size_bytes=stats.size_bytes,
        built_at=stats.built_at,
        per_facet={name: [list(pair) for pair in pairs] for name, pairs in stats.per_facet.items()},
    )
    return status


def _manifest_counts(manifest: Manifest) -> dict:
    """Return the documents and passages the manifest says were indexed (when the index cannot be read)."""
    return {"documents": len(manifest.files), "passages": sum(entry.passages for entry in manifest.files.values())}
