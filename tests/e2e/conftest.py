"""Fixtures of the browser test: the web app on a free local port and headless Chromium."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from indexer.config import Config
from tests.conftest import build_corpus_index
from tests.webapp.web_sample import build_sample_index
from webapp import create_app

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ADMIN_PASSWORD = "e2e password, not for production"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Return the Chromium executable, skipping (or failing in CI) when it is missing."""
    path = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if not path:
        missing_tool(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    return path


def missing_tool(message: str):
    """Skip a test for a missing tool, or fail it in CI, which must install every tool."""
    if os.environ.get("CI") == "true":
        pytest.fail(message + ": CI must install it")
    pytest.skip(message)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """Return axe-core's script (installed by `make install` with npm)."""
    if not AXE_SCRIPT.is_file():
        missing_tool(f"axe-core is missing at {AXE_SCRIPT} (npm ci)")
    return AXE_SCRIPT


def serve(app):
    """Serve ``app`` on 127.0.0.1 and a free port in a thread; return its base URL and a stop function."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        thread.join()

    return f"http://127.0.0.1:{server.server_port}", stop


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Serve the app over the sample index on 127.0.0.1 and a free port; yield its base URL."""
    index_dir = tmp_path_factory.mktemp("e2eindex")
    build_sample_index(index_dir)
    base, stop = serve(create_app({"ARCHIVE_CONFIG": Config(index_dir=index_dir)}))
    yield base
    stop()


@pytest.fixture(scope="session")
def corpus_server(tmp_path_factory):
    """Serve corpus/ (copied and indexed with the default engine) with the admin area; yield its base URL."""
    config = build_corpus_index(tmp_path_factory.mktemp("e2ecorpus"), Config().engine)
    app = create_app({"ARCHIVE_CONFIG": config, "ADMIN_PASSWORD": ADMIN_PASSWORD,
                      "SECRET_KEY": "e2e secret key, not for production", "ADMIN_INSECURE_COOKIES": True})
    base, stop = serve(app)
    yield base
    stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Return a headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
