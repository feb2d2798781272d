"""One access-log line per request, written when its answer has been sent: who, what, status, size and time taken.

A WSGI wrapper rather than a Flask hook, so that a streamed answer (a whole CSV
export) is timed to its last byte, and an answer Flask never sees (a 413 from
the server's request limit) is still logged.
"""
from __future__ import annotations

import logging
import sys
import time
from typing import Callable, Iterable

ACCESS_LOGGER = "archive_search.access"
# Apache's combined log without referrer and agent, plus the time taken: readable by people and by awk.
LINE_FORMAT = '{address} "{method} {target} {protocol}" {status} {size} {milliseconds:.1f}ms'
TIMESTAMP_FORMAT = "%(asctime)s %(message)s"


class TimedBody:
    """The iterable of an answer, counting its bytes and logging the request when the server closes it."""

    def __init__(self, body: Iterable[bytes], on_close: Callable[[int], None]):
        self.body = body
        self.on_close = on_close
        self.size = 0

    def __iter__(self):
        for chunk in self.body:
            self.size += len(chunk)
            yield chunk

    def close(self) -> None:
        """Close the wrapped answer, then write its log line."""
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.on_close(self.size)


class AccessLog:
    """WSGI middleware writing one line per request to the ``archive_search.access`` logger."""

    def __init__(self, app, logger: logging.Logger | None = None):
        self.app = app
        self.logger = logger or logging.getLogger(ACCESS_LOGGER)

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        status = ["-"]

        def recording_start_response(line, headers, exc_info=None):
            status[0] = line.split(" ", 1)[0]
            return start_response(line, headers, exc_info)

        def log(size: int) -> None:
            self.logger.info(access_line(environ, status[0], size, (time.perf_counter() - started) * 1000))

        return TimedBody(self.app(environ, recording_start_response), log)


def access_line(environ: dict, status: str, size: int, milliseconds: float) -> str:
    """Return the log line of one request (the query string as sent; control characters escaped)."""
    target = environ.get("RAW_URI") or environ.get("REQUEST_URI") or _target(environ)
    return LINE_FORMAT.format(address=environ.get("REMOTE_ADDR", "-"), method=environ.get("REQUEST_METHOD", "-"),
                              target=target.encode("unicode_escape").decode("ascii").replace('"', "%22"),
                              protocol=environ.get("SERVER_PROTOCOL", "-"), status=status, size=size,
                              milliseconds=milliseconds)


def _target(environ: dict) -> str:
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    return path + ("?" + query if query else "")


def log_to_stderr() -> None:
    """Send access lines to standard error with their date and time (called by ``serve``, not by the app)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(TIMESTAMP_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
