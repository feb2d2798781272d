"""Logging in and out of the admin area."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, redirect, render_template, request, url_for

from webapp.admin.auth import client_keys, log_in, log_out, logged_in, secret_matches
from webapp.admin.blueprint import admin_state, bp, locked_response
from webapp.admin.forms import ActionForm, LoginForm

WRONG_PASSWORD = "Wrong password."
# Hosts where browsers keep Secure cookies even over plain HTTP.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
COOKIE_WARNING = ("This page came over plain HTTP, but the session cookie is only kept over HTTPS, so a login "
                  "will not hold. Serve the site over HTTPS (behind a proxy, let the app trust X-Forwarded-Proto), "
                  "or set ARCHIVE_SEARCH_ADMIN_INSECURE_COOKIES=1 on a trusted local network.")


def cookie_warning() -> str | None:
    """Return a warning when Secure session cookies cannot survive this plain-HTTP connection."""
    if request.is_secure or not current_app.config["SESSION_COOKIE_SECURE"]:
        return None
    return None if urlsplit(request.host_url).hostname in LOCAL_HOSTS else COOKIE_WARNING


def _safe_next(target: str | None) -> str:
    """Return ``target`` if it is an admin page of this site, else the status page (no open redirect)."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/admin") or parts.path.startswith("/admin/login"):
        return url_for("admin.status")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _render_login(form: LoginForm, status: int = 200, error: str | None = None):
    return render_template("admin/login.html", form=form, error=error, page_title="Log in",
                           warning=cookie_warning()), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form; check the password, rate-limited per address and account."""
    form = LoginForm()
    if request.method == "GET":
        if logged_in():
            return redirect(_safe_next(request.args.get("next")))
        form.next.data = request.args.get("next", "")
        return _render_login(form)
    state, keys = admin_state(), client_keys()
    window = current_app.config["ADMIN_LOGIN_WINDOW_SECONDS"]
    if wait := state.throttle.retry_after(keys, window):
        return locked_response(wait)
    state.csrf.protect()
    if not form.validate():
        return _render_login(form, 400)
    if not secret_matches(form.password.data):
        state.throttle.failure(keys)
        current_app.logger.warning("admin: failed login from %s", request.remote_addr)
        return _render_login(form, 401, WRONG_PASSWORD)
    for key in keys:
        if key[0] == "address":
            state.throttle.forget(key)
    log_in()
    return redirect(_safe_next(form.next.data))


@bp.post("/logout")
def logout():
    """End the admin session."""
    ActionForm()
    log_out()
    return redirect(url_for("admin.login"))
