"""The Flask web front end of archive-search: search, browse, documents, JSON API and feeds."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from webapp.access import EXTENSION_KEY, IndexAccess
from webapp.accesslog import AccessLog

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Only this site's own files: no CDN, no inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Characters written as \u escapes in JSON so no response ever holds markup from user input.
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


class SafeJSONProvider(DefaultJSONProvider):
    """JSON with readable non-Latin text, keys in insertion order and markup characters escaped."""

    ensure_ascii = False
    sort_keys = False

    def dumps(self, obj, **kwargs) -> str:
        """Return ``obj`` as JSON with <, > and & escaped."""
        text = super().dumps(obj, **kwargs)
        for character, escape in JSON_ESCAPES.items():
            text = text.replace(character, escape)
        return text


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def create_app(config: Mapping | None = None) -> Flask:
    """Return the web app for ``config["ARCHIVE_CONFIG"]`` (default: ``load_config()``) and other Flask settings."""
    from indexer.config import load_config
    from webapp import errors
    from webapp.admin import init_admin
    from webapp.views import api, documents, feeds, pages, search, trends

    settings = dict(config or {})
    archive_config = settings.pop("ARCHIVE_CONFIG", None) or load_config()
    app = Flask(__name__, template_folder=str(TEMPLATES), static_folder="static")
    app.config.update(settings)
    app.json = SafeJSONProvider(app)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.extensions[EXTENSION_KEY] = IndexAccess(archive_config)
    for blueprint in (search.bp, documents.bp, api.bp, feeds.bp, pages.bp, trends.bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    app.after_request(_security_headers)
    app.context_processor(pages.footer_context)
    init_admin(app)
    app.wsgi_app = AccessLog(app.wsgi_app)
    return app
