"""The librarian's admin area under /admin: log in, upload, edit metadata, withdraw, re-index, status.

``init_admin(app)`` adds it to an app made by ``webapp.create_app``. Settings
(password, secret key, cookie and upload limits) are described in
``webapp.admin.settings``; without a configured password the area answers 503.
"""
from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from webapp.access import EXTENSION_KEY as INDEX_KEY


def init_admin(app: Flask) -> None:
    """Register the admin blueprint, its CSRF protection, login throttle, job runner and settings."""
    from webapp.admin import settings, views_auth, views_corpus, views_index  # noqa: F401  (registers the routes)
    from webapp.admin.auth import LoginThrottle
    from webapp.admin.blueprint import EXTENSION_KEY, AdminState, assets, bp
    from webapp.admin.jobs import JobRunner
    from webapp.admin.overview import OverviewCache

    settings.configure(app)
    csrf = CSRFProtect(app)
    config = app.extensions[INDEX_KEY].config
    app.extensions[EXTENSION_KEY] = AdminState(LoginThrottle(), JobRunner(config), OverviewCache(), csrf)
    app.register_blueprint(bp)
    app.register_blueprint(assets)
