"""Fixtures of the web tests: an index of real paragraphs (tests/webapp/data/passages.json) and the app over it."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests.webapp.web_sample import build_sample_index, load_sample

from indexer.config import Config
from indexer.models import Passage
from webapp import create_app


@pytest.fixture(scope="session")
def sample_passages() -> list[Passage]:
    """Return every sample passage in document order."""
    documents, _ = load_sample()
    return [passage for passages in documents.values() for passage in passages]


@pytest.fixture(scope="session")
def sample_labels() -> dict:
    """Return the sample index's facet labels."""
    return load_sample()[1]


@pytest.fixture(scope="session")
def web_config(tmp_path_factory) -> Config:
    """Return a configuration whose index holds the sample passages."""
    index_dir = tmp_path_factory.mktemp("webindex")
    build_sample_index(index_dir)
    return Config(corpus_dir=Path("corpus"), index_dir=index_dir)


@pytest.fixture(scope="session")
def app(web_config):
    """Return the web app over the sample index."""
    application = create_app({"ARCHIVE_CONFIG": web_config, "TESTING": True})
    yield application
    application.extensions["archive_search"].close()


@pytest.fixture()
def client(app):
    """Return a test client of the web app."""
    return app.test_client()


@pytest.fixture(scope="module", params=["built_index", "whoosh_index"], ids=["tantivy", "whoosh"])
def engine_app(request):
    """Return the web app over the corpus/ index of each engine in turn (tantivy is the default engine)."""
    application = create_app({"ARCHIVE_CONFIG": request.getfixturevalue(request.param), "TESTING": True})
    yield application
    application.extensions["archive_search"].close()
