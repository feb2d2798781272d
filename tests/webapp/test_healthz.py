"""/healthz: what a load balancer asks before sending traffic."""
from indexer.config import Config
from webapp import create_app


def test_healthz_names_the_live_generation_and_its_last_run(tmp_path):
    from tests.conftest import build_corpus_index
    config = build_corpus_index(tmp_path, "tantivy")
    app = create_app({"ARCHIVE_CONFIG": config, "TESTING": True})
    try:
        body = app.test_client().get("/healthz").get_json()
    finally:
        app.extensions["archive_search"].close()
    generation = (config.index_dir / "current").resolve().name
    assert (body["status"], body["generation"], body["documents"], body["passages"]) == ("ok", generation, 5, 298)
    assert body["last_run"]["added"] == 5 and body["built_at"]


def test_healthz_says_unavailable_without_an_index(tmp_path):
    app = create_app({"ARCHIVE_CONFIG": Config(corpus_dir=tmp_path, index_dir=tmp_path / "none"), "TESTING": True})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "message": "There is no usable index to search."}
