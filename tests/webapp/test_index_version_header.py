"""Search responses name the index generation and the state of it that answered (X-Index-Generation, X-Index-Version)."""
import shutil

import pytest

from indexer.engines import ENGINES
from indexer.pipeline import index_corpus
from tests.conftest import CORPUS
from tests.indexing.test_pipeline import small_corpus
from webapp import create_app

FIRST, SECOND = "003_498fa46aacb9f803.txt", "002_5053c25469639f1a.txt"
SEARCHES = ("/api/search?q=cooperation", "/search?q=cooperation", "/search.atom?q=cooperation", "/api/search?q=%22")


@pytest.mark.parametrize("engine", ENGINES)
def test_search_responses_name_the_state_that_answered_and_a_run_changes_it(tmp_path, engine):
    config = small_corpus(tmp_path, FIRST, engine=engine)
    index_corpus(config)
    app = create_app({"ARCHIVE_CONFIG": config, "TESTING": True})
    client = app.test_client()
    try:
        generation = client.get("/healthz").get_json()["generation"]
        responses = [client.get(path) for path in SEARCHES]
        assert {(r.status_code, r.headers["X-Index-Generation"]) for r in responses} == {(200, generation)}
        versions = {r.headers["X-Index-Version"] for r in responses}
        assert len(versions) == 1 and versions.pop().startswith(generation + ":")
        before = responses[0].headers["X-Index-Version"]
        shutil.copy(CORPUS / SECOND, config.corpus_dir / SECOND)
        index_corpus(config)
        after = client.get(SEARCHES[0]).headers["X-Index-Version"]
        assert after != before and after.startswith(generation + ":")
    finally:
        app.extensions["archive_search"].close()
