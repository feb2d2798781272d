"""One document through the pipeline: read, clean, split, detect language, extract facets."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.boilerplate import clean
from indexer.boilerplate.repeated import block_fingerprint, drop_repeated
from indexer.config import Config
from indexer.facets.dates import document_date
from indexer.facets.doctype import document_type
from indexer.facets.source import document_source
from indexer.facets.speakers import document_speakers, passage_reported, starts_turn
from indexer.facets.symbols import document_symbol
from indexer.facets.title import document_place, document_title, metadata_lines, part_titles
from indexer.facets.topics import passage_topics
from indexer.language import detect_passage_languages
from indexer.metadata import librarian_metadata
from indexer.models import Block, Document, Metadata, Passage, passage_id_for
from indexer.passages import Draft, split_document, split_parts
from indexer.readers import read_document
from indexer.vocabularies import Vocabularies

DOC_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
# Bytes of a content hash kept in ids and the manifest: collisions are negligible at archive scale.
HASH_CHARS = 16
# Facet-less key of documents whose source is unknown, for grouping repeated blocks.
UNGROUPED = "(none)"


@dataclass(frozen=True)
class Prepared:
    """A document read and cleaned, before the corpus-wide removal of repeated blocks."""

    path: str
    format: str
    metadata: Metadata
    blocks: tuple[Block, ...]
    group: str
    warnings: tuple[str, ...]

    def fingerprints(self) -> list[str]:
        """Return the fingerprints of this document's blocks."""
        return [block_fingerprint(block.text) for block in self.blocks]


def slug_for(relative_path: str) -> str:
    """Return the URL-safe document id of a corpus file (its path without suffix)."""
    stem = relative_path.rsplit(".", 1)[0] if "." in Path(relative_path).name else relative_path
    slug = DOC_ID_UNSAFE.sub("-", stem.replace("/", "~")).strip("-")
    if slug != stem.replace("/", "~") or not slug:
        slug = f"{slug}-{hashlib.sha1(relative_path.encode()).hexdigest()[:6]}"
    return slug


def content_hash(path: Path, corpus_dir: Path, extra: bytes = b"") -> str:
    """Return the hash of a file's bytes and of the metadata that applies to it."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    digest.update(extra)
    return digest.hexdigest()[:HASH_CHARS]


def prepare_document(path: Path, config: Config, vocabularies: Vocabularies) -> Prepared:
    """Read and clean one file (raises RejectedFile), merging librarian metadata over the file's own."""
    reading = read_document(path, config.corpus_dir, config)
    raw = reading.document
    librarian, metadata_warnings = librarian_metadata(path, config.corpus_dir)
    warnings = list(dict.fromkeys(list(reading.warnings) + list(metadata_warnings)))
    metadata = librarian.merged_over(raw.metadata)
    if not metadata.symbol:  # read before cleaning: the cleaner drops the page furniture it stands in
        metadata = replace(metadata, symbol=document_symbol(raw.html or raw.text))
    blocks = clean(raw, config)
    source = document_source(raw.html or raw.text, metadata, raw.path, vocabularies.sources)
    return Prepared(raw.path, raw.format, metadata, blocks, source or UNGROUPED, tuple(warnings))


def _roles_by_part(numbered: list[tuple[int, Draft]], own_speakers: tuple[str, ...],
                   authority) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Return each passage's (speakers, reported): the document's own speakers deliver its body, not its annexes."""
    roles: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for part in sorted({part for part, _ in numbered}):
        texts = [draft.text for index, draft in numbered if index == part]
        speakers = own_speakers if part == 0 else ()
        roles.extend((speakers, reported) for reported in passage_reported(texts, speakers, authority))
    return roles


def build_passages(prepared: Prepared, doc_id: str, repeated: frozenset[str], config: Config,
                   vocabularies: Vocabularies) -> tuple[Document, list[Passage]]:
    """Split a prepared document into passages carrying every facet."""
    blocks = metadata_lines(drop_repeated(prepared.blocks, repeated) if repeated else prepared.blocks)
    metadata = prepared.metadata
    authority = vocabularies.speakers
    title = document_title(blocks, metadata, prepared.path)
    date = document_date(blocks, metadata)
    doc_type = document_type(title, blocks, metadata, vocabularies.doctypes)
    source = None if prepared.group == UNGROUPED else prepared.group
    own_speakers = document_speakers(blocks, metadata, authority)
    numbered = split_document(blocks, config, is_boundary=lambda block: starts_turn(block.text, authority))
    drafts = [draft for _, draft in numbered]
    texts = [draft.text for draft in drafts]
    langs = [metadata.lang] * len(drafts) if metadata.lang else detect_passage_languages(texts, config)
    roles = _roles_by_part(numbered, own_speakers, authority)
    parts = [(part, lang, draft.text) for (part, draft), lang in zip(numbered, langs)]
    titles = part_titles(title, split_parts(blocks), parts)
    passages = []
    for draft, lang, (speakers, reported), own_title in zip(drafts, langs, roles, titles):
        topics = tuple(sorted(set(passage_topics(draft.text, lang, vocabularies.topics)) | set(metadata.topics)))
        passages.append(Passage(
            passage_id=passage_id_for(doc_id, draft.ordinal),
            doc_id=doc_id,
            ordinal=draft.ordinal,
            text=draft.text,
            heading=draft.heading if draft.heading != title else None,
            lang=lang,
            date=date,
            speakers=speakers,
            topics=topics,
            title=own_title,
            doc_type=doc_type,
            source=source,
            path=prepared.path,
            symbol=metadata.symbol,
            reported=reported,
        ))
    document = Document(doc_id, prepared.path, "", prepared.format, blocks,
                        Metadata(title=title, date=date, speakers=own_speakers, doc_type=doc_type, source=source,
                                 symbol=metadata.symbol, version_of=metadata.version_of,
                                 place=metadata.place or document_place(blocks)))
    return document, passages
