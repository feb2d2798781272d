"""Fixtures of the admin tests: a private copy of corpus/ with its index, and the web app with the admin area."""
from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest

from indexer.config import Config
from tests.conftest import copy_corpus
from webapp import create_app
from webapp.admin.blueprint import EXTENSION_KEY
from webapp.admin.settings import ENVIRONMENT

PASSWORD = "correct horse battery staple"
SECRET_KEY = "test secret key, not for production"
CSRF_INPUT = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
SPEECH_FILE = Path(__file__).parent / "data" / "ungdc_lux_2008_excerpt.txt"


@functools.lru_cache(maxsize=1)
def speech() -> bytes:
    """Return the sample speech excerpt (tests/admin/data/SOURCE.md)."""
    return SPEECH_FILE.read_bytes()


@pytest.fixture(autouse=True)
def no_admin_environment(monkeypatch):
    """Keep a developer's ARCHIVE_SEARCH_ADMIN_* variables out of the tests."""
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(scope="session")
def indexed_template(tmp_path_factory) -> Config:
    """Return corpus/ copied and indexed once per session (tests copy it before changing it)."""
    from indexer.pipeline import index_corpus

    root = tmp_path_factory.mktemp("admin-template")
    config = Config(corpus_dir=copy_corpus(root / "corpus"), index_dir=root / "index")
    report = index_corpus(config)
    assert not report.rejected, report.rejected
    return config


@pytest.fixture()
def library(tmp_path, indexed_template) -> Config:
    """Return a private copy of the indexed corpus that a test may change."""
    shutil.copytree(indexed_template.corpus_dir, tmp_path / "corpus")
    shutil.copytree(indexed_template.index_dir, tmp_path / "index", symlinks=True)
    return Config(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def make_app(config: Config, **settings):
    """Return the web app over ``config`` with the admin area and test settings (overridable)."""
    values = {"ARCHIVE_CONFIG": config, "TESTING": True, "ADMIN_PASSWORD": PASSWORD, "SECRET_KEY": SECRET_KEY,
              "ADMIN_INSECURE_COOKIES": True}
    values.update(settings)
    return create_app({k: v for k, v in values.items() if v is not None})


@pytest.fixture()
def apps():
    """Make apps with ``apps(config, **settings)``; their background runs are awaited and stores closed after."""
    made = []

    def factory(config: Config, **settings):
        app = make_app(config, **settings)
        made.append(app)
        return app

    yield factory
    for app in made:
        app.extensions[EXTENSION_KEY].jobs.wait(timeout=60)
        app.extensions["archive_search"].close()


@pytest.fixture()
def admin_app(apps, library):
    """Return the web app with the admin area over a private indexed corpus."""
    return apps(library)


def csrf_token(client, url: str = "/admin/login") -> str:
    """Return the CSRF token of the form on ``url``."""
    response = client.get(url)
    match = CSRF_INPUT.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url} ({response.status_code})"
    return match.group(1)


def log_in(client, password: str = PASSWORD):
    """Log ``client`` in through the login form and return the response."""
    return client.post("/admin/login", data={"password": password, "csrf_token": csrf_token(client)})


@pytest.fixture()
def admin_client(admin_app):
    """Return a test client with an admin session."""
    client = admin_app.test_client()
    assert log_in(client).status_code == 302
    return client


def wait_for_job(app, timeout: float = 60) -> dict:
    """Wait for the app's background indexing run and return its job record."""
    state = app.extensions[EXTENSION_KEY]
    assert state.jobs.wait(timeout), "the indexing run did not end in time"
    return state.jobs.last.as_json()


def admin_routes():
    """Return (rule, method) of every admin URL, from an app's URL map."""
    app = make_app(Config(corpus_dir=Path("corpus"), index_dir=Path("var/no-such-index")))
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin.") and rule.endpoint not in ("admin.login",):
            found.extend((rule.rule, method) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))
    return sorted(found)


def pytest_generate_tests(metafunc):
    """Parametrise ``admin_route`` over every admin URL and method."""
    if "admin_route" in metafunc.fixturenames:
        routes = admin_routes()
        metafunc.parametrize("admin_route", routes, ids=[f"{method} {rule}" for rule, method in routes])
