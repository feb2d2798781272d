"""Who may use the admin area: secret checks, the session marker and rate-limited login failures."""
from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections import deque
from typing import Callable, Iterable, Mapping

from flask import current_app, request, session
from werkzeug.security import check_password_hash

SESSION_KEY = "admin"
ACCOUNT = "librarian"  # the one admin account; failures from every address also count against it
# Client addresses remembered at once: bounds the memory an address-spraying attacker can take.
MAX_TRACKED_KEYS = 10_000


class LoginThrottle:
    """Count failed logins per key in a sliding window and lock a key that reaches its limit."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], window: float, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def retry_after(self, limits: Mapping[tuple[str, str], int], window: float) -> int:
        """Return the seconds until every key is below its limit again (0 if none is locked)."""
        now = self.clock()
        wait = 0.0
        with self._lock:
            for key, limit in limits.items():
                times = self._recent(key, window, now)
                if len(times) >= limit:
                    wait = max(wait, times[len(times) - limit] + window - now)
        return math.ceil(wait) if wait > 0 else 0

    def failure(self, keys: Iterable[tuple[str, str]]) -> None:
        """Record one failed attempt against each key."""
        now = self.clock()
        with self._lock:
            if len(self._failures) >= MAX_TRACKED_KEYS:
                oldest = min(self._failures, key=lambda k: self._failures[k][-1] if self._failures[k] else 0)
                del self._failures[oldest]
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)

    def forget(self, key: tuple[str, str]) -> None:
        """Clear the failures of one key (after a successful login from that address)."""
        with self._lock:
            self._failures.pop(key, None)


def client_keys() -> dict[tuple[str, str], int]:
    """Return the throttle keys of this request with their limits (per address, per account)."""
    config = current_app.config
    return {("address", request.remote_addr or "unknown"): config["ADMIN_LOGIN_FAILURES_PER_ADDRESS"],
            ("account", ACCOUNT): config["ADMIN_LOGIN_FAILURES_PER_ACCOUNT"]}


def _equal(given: str, secret: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


def secret_matches(given: str) -> bool:
    """Return whether ``given`` is the configured password (plain or hashed) or token."""
    config = current_app.config
    given = given or ""
    matched = False
    if config.get("ADMIN_PASSWORD"):
        matched |= _equal(given, str(config["ADMIN_PASSWORD"]))
    if config.get("ADMIN_PASSWORD_HASH"):
        matched |= bool(given) and check_password_hash(config["ADMIN_PASSWORD_HASH"], given)
    if config.get("ADMIN_TOKEN"):
        matched |= _equal(given, str(config["ADMIN_TOKEN"]))
    return matched


def bearer_token() -> str | None:
    """Return the token of an ``Authorization: Bearer`` header, if the request has one."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _credential_mark() -> str:
    """Return a keyed digest of the configured secrets: changing a secret ends every session."""
    config = current_app.config
    material = "\0".join(str(config.get(k) or "") for k in ("ADMIN_PASSWORD", "ADMIN_PASSWORD_HASH", "ADMIN_TOKEN"))
    return hmac.new(str(config["SECRET_KEY"]).encode(), material.encode(), hashlib.sha256).hexdigest()


def log_in() -> None:
    """Start a fresh admin session (a new session, so a planted one cannot be reused)."""
    session.clear()
    session.permanent = True
    session[SESSION_KEY] = _credential_mark()


def log_out() -> None:
    """End the admin session."""
    session.clear()


def logged_in() -> bool:
    """Return whether this request carries a valid admin session."""
    mark = session.get(SESSION_KEY)
    return isinstance(mark, str) and hmac.compare_digest(mark, _credential_mark())
