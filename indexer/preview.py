"""Show what a file will become in the index, before it is indexed."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from indexer import layout
from indexer.config import Config
from indexer.documents import UNGROUPED, build_passages, prepare_document, slug_for
from indexer.manifest import load_manifest
from indexer.models import Passage
from indexer.vocabularies import load_vocabularies


def passage_record(passage: Passage) -> dict:
    """Return a passage as the JSON object ``extract --json`` prints."""
    return {
        "doc_id": passage.doc_id,
        "passage_id": passage.passage_id,
        "ordinal": passage.ordinal,
        "heading": passage.heading,
        "text": passage.text,
        "lang": passage.lang,
        "date": passage.date,
        "speakers": list(passage.speakers),
        "reported": list(passage.reported),
        "topics": list(passage.topics),
        "title": passage.title,
        "type": passage.doc_type,
        "source": passage.source,
        "symbol": passage.symbol,
    }


def _is_inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def preview_file(path: Path, config: Config) -> list[dict]:
    """Return the passages ``path`` would be indexed as (raises RejectedFile with the reason)."""
    vocabularies = load_vocabularies(config)
    corpus_dir = config.corpus_dir if _is_inside(path, config.corpus_dir) else path.parent
    prepared = prepare_document(path, replace(config, corpus_dir=corpus_dir), vocabularies)
    manifest = load_manifest(layout.live_generation(config.index_dir))
    repeated = frozenset(manifest.repeated.get(prepared.group, ())) if prepared.group != UNGROUPED else frozenset()
    known = manifest.files.get(prepared.path)
    doc_id = known.doc_id if known else slug_for(prepared.path)
    _, passages = build_passages(prepared, doc_id, repeated, config, vocabularies)
    return [passage_record(p) for p in passages]
