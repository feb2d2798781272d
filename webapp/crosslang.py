"""Search across languages in the web app: the equivalents of the corpus's vocabularies, read as they change."""
from __future__ import annotations

from flask import current_app

from indexer.equivalents import EquivalenceTable, load_equivalents
from indexer.facets.vocab import VocabularyError
from webapp.access import index_access


def equivalents_table() -> EquivalenceTable | None:
    """Return the equivalents of the corpus's topics and speakers, or None while a vocabulary file is malformed."""
    try:
        return load_equivalents(index_access().config.vocabulary_dir)
    except VocabularyError as error:
        current_app.logger.warning("searching as typed only: %s", error)
        return None
