"""Fixtures for the facet tests: the repository's own vocabularies (corpus/*.yaml)."""
from __future__ import annotations

import pytest

from indexer.config import Config
from indexer.vocabularies import load_vocabularies
from tests.facets.blocks import CORPUS


@pytest.fixture(scope="session")
def vocabularies():
    """Return the repository's own vocabularies (corpus/*.yaml)."""
    return load_vocabularies(Config(corpus_dir=CORPUS))


@pytest.fixture(scope="session")
def authority(vocabularies):
    return vocabularies.speakers
