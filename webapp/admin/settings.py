"""The admin area's settings: secrets from the environment or the Flask config, cookie flags, limits.

Flask config keys (each also read from the environment variable beside it when the
config leaves it unset):

* ``ADMIN_PASSWORD`` / ``ARCHIVE_SEARCH_ADMIN_PASSWORD``: the librarian's password;
* ``ADMIN_PASSWORD_HASH`` / ``ARCHIVE_SEARCH_ADMIN_PASSWORD_HASH``: or its
  ``werkzeug.security.generate_password_hash`` string;
* ``ADMIN_TOKEN`` / ``ARCHIVE_SEARCH_ADMIN_TOKEN``: a secret for scripts, sent to
  ``/admin/api/`` as ``Authorization: Bearer TOKEN`` (also accepted at the login form);
* ``SECRET_KEY`` / ``ARCHIVE_SEARCH_SECRET_KEY``: signs the session cookie; without it a
  random key is made per process, so sessions end when the server restarts;
* ``ADMIN_INSECURE_COOKIES`` / ``ARCHIVE_SEARCH_ADMIN_INSECURE_COOKIES``: send the session
  cookie over plain HTTP too (for local use without TLS only).

With no password, hash or token the admin area is disabled: there is no default password.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets

from flask import Flask

log = logging.getLogger(__name__)

ENVIRONMENT = {
    "ADMIN_PASSWORD": "ARCHIVE_SEARCH_ADMIN_PASSWORD",
    "ADMIN_PASSWORD_HASH": "ARCHIVE_SEARCH_ADMIN_PASSWORD_HASH",
    "ADMIN_TOKEN": "ARCHIVE_SEARCH_ADMIN_TOKEN",
    "SECRET_KEY": "ARCHIVE_SEARCH_SECRET_KEY",
    "ADMIN_INSECURE_COOKIES": "ARCHIVE_SEARCH_ADMIN_INSECURE_COOKIES",
}
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
# A librarian's working day: the session (and its CSRF tokens) lasts this long.
SESSION_HOURS = 8
# One upload request may carry this many bytes: a batch of documents, well under the server's memory.
MAX_REQUEST_BYTES = 256 * 1024 * 1024
# One uploaded file may have this many bytes (the indexer's own max_file_bytes also applies).
MAX_FILE_BYTES = 64 * 1024 * 1024
# Files accepted in one upload request: a collection's folder at a time, not a whole archive.
MAX_FILES_PER_UPLOAD = 200
# Login failures allowed per client address, and per account (from all addresses), within the window.
LOGIN_FAILURES_PER_ADDRESS = 5
LOGIN_FAILURES_PER_ACCOUNT = 20
LOGIN_WINDOW_SECONDS = 15 * 60
# Seconds a withdrawal from the web waits for a running indexing run before refusing.
WITHDRAW_WAIT_SECONDS = 5.0
DEFAULTS = {
    "ADMIN_MAX_REQUEST_BYTES": MAX_REQUEST_BYTES,
    "ADMIN_MAX_FILE_BYTES": MAX_FILE_BYTES,
    "ADMIN_MAX_FILES": MAX_FILES_PER_UPLOAD,
    "ADMIN_LOGIN_FAILURES_PER_ADDRESS": LOGIN_FAILURES_PER_ADDRESS,
    "ADMIN_LOGIN_FAILURES_PER_ACCOUNT": LOGIN_FAILURES_PER_ACCOUNT,
    "ADMIN_LOGIN_WINDOW_SECONDS": LOGIN_WINDOW_SECONDS,
    "ADMIN_WITHDRAW_WAIT_SECONDS": WITHDRAW_WAIT_SECONDS,
}


def _truthy(value) -> bool:
    return value is True or str(value).strip().lower() in TRUE_WORDS


def configure(app: Flask) -> None:
    """Fill the admin settings from the environment, set safe session cookies and the CSRF options."""
    for key, variable in ENVIRONMENT.items():
        if not app.config.get(key) and os.environ.get(variable):
            app.config[key] = os.environ[variable]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
        log.warning("no ARCHIVE_SEARCH_SECRET_KEY: using a random key, so admin sessions end on restart")
    insecure = _truthy(app.config.get("ADMIN_INSECURE_COOKIES", False))
    app.config["ADMIN_INSECURE_COOKIES"] = insecure
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not insecure,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=SESSION_HOURS),
        WTF_CSRF_CHECK_DEFAULT=False,  # the admin blueprint checks its own requests; other pages have no forms
    )
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", SESSION_HOURS * 3600)
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)


def admin_enabled(config) -> bool:
    """Return whether a password, a password hash or a token is configured."""
    return any(config.get(key) for key in ("ADMIN_PASSWORD", "ADMIN_PASSWORD_HASH", "ADMIN_TOKEN"))
