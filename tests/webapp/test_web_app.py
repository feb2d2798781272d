"""The app factory, the lazily opened store, cached stats and the error pages (400, 404, 500, 503)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from tests.webapp.web_sample import build_sample_index, load_sample

from indexer.config import Config
from indexer.engines.whoosh.store import WhooshStore
from webapp import create_app
from webapp.access import EXTENSION_KEY


def test_creating_the_app_opens_nothing_and_a_missing_index_is_a_503(tmp_path):
    app = create_app({"ARCHIVE_CONFIG": Config(index_dir=tmp_path / "none"), "TESTING": True})
    client = app.test_client()
    response = client.get("/search?q=security")
    assert response.status_code == 503
    soup = BeautifulSoup(response.data, "lxml")
    assert "run “archive-search index”" in soup.select_one(".error-message").text.replace("Run", "run")
    assert client.get("/api/search").get_json() == {"error": {"status": 503, "message": soup.select_one(".error-message").text}}
    assert client.get("/help").status_code == 200
    assert not (tmp_path / "none").exists()


def test_the_index_is_picked_up_once_built_without_a_restart(tmp_path):
    app = create_app({"ARCHIVE_CONFIG": Config(index_dir=tmp_path), "TESTING": True})
    client = app.test_client()
    assert client.get("/api/search").status_code == 503
    build_sample_index(tmp_path)
    assert client.get("/api/search?group=passage").get_json()["total"] == sum(len(p) for p in load_sample()[0].values())


def test_the_store_is_opened_once_and_reused(app, client):
    client.get("/search?q=security")
    store = app.extensions[EXTENSION_KEY].store()
    client.get("/doc/letter-2021")
    assert app.extensions[EXTENSION_KEY].store() is store


def test_stats_are_cached_until_the_index_changes(tmp_path):
    build_sample_index(tmp_path)
    app = create_app({"ARCHIVE_CONFIG": Config(index_dir=tmp_path), "TESTING": True})
    access = app.extensions[EXTENSION_KEY]
    first = access.stats()
    assert access.stats() is first
    documents, _ = load_sample()
    writer = WhooshStore.open(tmp_path)
    writer.delete_documents(["letter-2021"])
    writer.close()
    changed = access.stats()
    assert changed is not first
    assert (first.documents, changed.documents) == (len(documents), len(documents) - 1)
    assert app.test_client().get("/api/doc/letter-2021").status_code == 404


def test_an_unexpected_error_is_logged_and_shown_as_a_plain_500(web_config, caplog):
    app = create_app({"ARCHIVE_CONFIG": web_config})

    def broken():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/broken", "broken", broken)
    app.add_url_rule("/api/broken", "api_broken", broken)
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        response = client.get("/broken")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "secret internal detail" not in body and "Traceback" not in body
    logged = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert [(r.getMessage(), str(r.exc_info[1])) for r in logged] == [("unhandled error on /broken", "secret internal detail")]
    assert client.get("/api/broken").get_json() == {
        "error": {"status": 500, "message": "The server failed to answer this request. The error has been logged."}}


@pytest.mark.parametrize("url, status, title", [
    ("/search?page=0", 400, "This search cannot be run"),
    ("/nowhere", 404, "Not found"),
    ("/doc/nothing", 404, "Not found"),
])
def test_error_pages_are_friendly_html(client, url, status, title):
    response = client.get(url)
    assert response.status_code == status
    soup = BeautifulSoup(response.data, "lxml")
    assert soup.select_one("main h1").text == title
    assert soup.select_one('main a[href="/search"]') is not None
    assert soup.select_one("footer") is not None


def test_security_headers_forbid_foreign_scripts(client):
    headers = client.get("/search").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_default_configuration_comes_from_load_config(monkeypatch, tmp_path):
    monkeypatch.setenv("ARCHIVE_SEARCH_INDEX", str(tmp_path / "elsewhere"))
    monkeypatch.delenv("ARCHIVE_SEARCH_CONFIG", raising=False)
    app = create_app()
    assert app.extensions[EXTENSION_KEY].config.index_dir == Path(tmp_path / "elsewhere")
