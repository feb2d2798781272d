"""Fixtures of the browser test: the web app on a free local port and headless Chromium."""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from indexer.config import Config
from tests.webapp.web_sample import build_sample_index
from webapp import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Return the Chromium executable, skipping (or failing in CI) when it is missing."""
    path = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must install it (apt-get install chromium)")
        pytest.skip("Chromium is not installed")
    return path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Serve the app over the sample index on 127.0.0.1 and a free port; yield its base URL."""
    index_dir = tmp_path_factory.mktemp("e2eindex")
    build_sample_index(index_dir)
    app = create_app({"ARCHIVE_CONFIG": Config(index_dir=index_dir)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Return a headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
