"""The librarian-editable vocabularies of a corpus, loaded together for one run."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from indexer.config import DOCTYPES_FILE, SOURCES_FILE, SPEAKERS_FILE, TOPICS_FILE, Config
from indexer.facets.doctype import DocTypeVocabulary, load_doctypes
from indexer.facets.source import SourceVocabulary, load_sources
from indexer.facets.speakers import SpeakerAuthority, load_authority
from indexer.facets.topics import Taxonomy, load_taxonomy, topic_labels

VOCABULARY_FILES = (SPEAKERS_FILE, TOPICS_FILE, DOCTYPES_FILE, SOURCES_FILE)


@dataclass(frozen=True)
class Vocabularies:
    """Speakers, topics, document types and sources, with a fingerprint of their files."""

    speakers: SpeakerAuthority
    topics: Taxonomy
    doctypes: DocTypeVocabulary
    sources: SourceVocabulary
    fingerprint: str

    def labels(self) -> dict[str, dict[str, str]]:
        """Return display labels of facet values, for the web app."""
        return {"topic": topic_labels(self.topics)}


def load_vocabularies(config: Config) -> Vocabularies:
    """Load the vocabulary files of the corpus (raises VocabularyError on a malformed one)."""
    folder = config.vocabulary_dir
    digest = hashlib.sha256()
    for name in VOCABULARY_FILES:
        path = folder / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return Vocabularies(
        speakers=load_authority(folder / SPEAKERS_FILE),
        topics=load_taxonomy(folder / TOPICS_FILE),
        doctypes=load_doctypes(folder / DOCTYPES_FILE),
        sources=load_sources(folder / SOURCES_FILE),
        fingerprint=digest.hexdigest()[:16],
    )
