"""The admin blueprint and its gate: nothing under /admin answers without a login (or an API token)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from indexer.config import Config
from webapp.access import index_access
from webapp.admin.auth import LoginThrottle, bearer_token, client_keys, logged_in, secret_matches
from webapp.admin.jobs import JobRunner
from webapp.admin.overview import OverviewCache
from webapp.admin.settings import admin_enabled

EXTENSION_KEY = "archive_admin"
API_PREFIX = "/admin/api/"
PUBLIC_ENDPOINTS = frozenset({"admin.login"})
MEGABYTE = 1024 * 1024
DISABLED_MESSAGE = ("The admin area is disabled: set ARCHIVE_SEARCH_ADMIN_PASSWORD (or "
                    "ARCHIVE_SEARCH_ADMIN_PASSWORD_HASH) in the server's environment and restart it.")
CSRF_MESSAGE = ("This form was not sent from an open admin page, or the page is too old ({reason}). "
                "Go back, reload the page and send the form again.")
LOCKED_MESSAGE = "Too many failed logins. Try again in {minutes} minute(s)."
TITLES = {400: "The request cannot be done", 401: "Please log in", 403: "Not allowed", 404: "Not found",
          409: "The index is busy", 413: "Upload too large", 429: "Too many attempts",
          503: "Admin is disabled"}

bp = Blueprint("admin", __name__, url_prefix="/admin")
assets = Blueprint("admin_assets", __name__, static_folder="static", static_url_path="/admin-assets")


@dataclass
class AdminState:
    """What the admin area keeps per app: login throttle, indexing jobs, overview cache, CSRF checker."""

    throttle: LoginThrottle
    jobs: JobRunner
    overviews: OverviewCache
    csrf: CSRFProtect


def admin_state() -> AdminState:
    """Return the current app's admin state."""
    return current_app.extensions[EXTENSION_KEY]


def archive_config() -> Config:
    """Return the indexer configuration the web app serves."""
    return index_access().config


def is_api() -> bool:
    """Return whether the request is to the admin JSON API."""
    return request.path.startswith(API_PREFIX)


def human_size(size: int) -> str:
    """Return a byte count in megabytes (of 1,048,576 bytes, as file managers count), or bytes below one."""
    return f"{size / MEGABYTE:,.0f} MB" if size >= MEGABYTE else f"{size:,} bytes"


def error_page(status: int, message: str, headers: dict | None = None):
    """Return an error as JSON for the admin API, or as an admin page."""
    headers = dict(headers or {})
    if is_api():
        return {"error": {"status": status, "message": message}}, status, headers
    body = render_template("admin/error.html", status=status, title=TITLES.get(status, "Error"), message=message)
    return body, status, headers


def locked_response(seconds: int):
    """Answer 429 with Retry-After while the client's logins are locked."""
    message = LOCKED_MESSAGE.format(minutes=max(1, -(-seconds // 60)))
    return error_page(429, message, {"Retry-After": str(seconds)})


def _check_token(token: str):
    throttle, keys = admin_state().throttle, client_keys()
    window = current_app.config["ADMIN_LOGIN_WINDOW_SECONDS"]
    if wait := throttle.retry_after(keys, window):
        return locked_response(wait)
    if not secret_matches(token):
        throttle.failure(keys)
        return error_page(401, "The API token is wrong.", {"WWW-Authenticate": 'Bearer realm="archive-admin"'})
    return None


NAMELESS_FIELD_MESSAGE = "The form sent a field without a name. Reload the page and send the form again."


@bp.before_request
def gate():
    """Refuse every admin request without a session or token; check the CSRF token of every form."""
    request.max_content_length = current_app.config["ADMIN_MAX_REQUEST_BYTES"]
    if not admin_enabled(current_app.config):
        return error_page(503, DISABLED_MESSAGE)
    if request.method == "POST" and (None in request.form or None in request.files):
        return error_page(400, NAMELESS_FIELD_MESSAGE)  # Flask-WTF's CSRF check fails on such a field
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if is_api() and (token := bearer_token()) is not None:
        return _check_token(token)  # no cookie is involved, so no CSRF token is needed
    if not logged_in():
        if is_api():
            return error_page(401, "Log in at /admin/login first, or send Authorization: Bearer TOKEN.",
                              {"WWW-Authenticate": 'Bearer realm="archive-admin"'})
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("admin.login", next=target))
    admin_state().csrf.protect()
    return None


@bp.after_request
def no_store(response):
    """Keep admin pages out of browser and proxy caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def admin_context() -> dict:
    """Tell admin templates whether the librarian is logged in (to show the admin menu)."""
    return {"admin_logged_in": admin_enabled(current_app.config) and logged_in()}


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError):
    """Answer 400 when a form comes without a valid CSRF token."""
    return error_page(400, CSRF_MESSAGE.format(reason=error.description))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    """Answer 413 with the upload limit."""
    limit = current_app.config["ADMIN_MAX_REQUEST_BYTES"]
    return error_page(413, f"The upload is too large: at most {human_size(limit)} can be sent at once. "
                           "Send fewer or smaller files at a time.")


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Answer other 4xx errors as admin pages or JSON."""
    return error_page(error.code or 500, error.description or TITLES.get(error.code, "Error"))
