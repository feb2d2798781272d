"""Friendly error pages (HTML) and error objects (JSON, under /api/), never a traceback."""
from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.engines import IndexDamaged, IndexMissing, StoreError
from webapp.request import BadSearchRequest

API_PREFIX = "/api"
TITLES = {
    400: "This search cannot be run",
    404: "Not found",
    405: "Method not allowed",
    500: "Something went wrong",
    503: "The search index is not available",
}
NO_INDEX_MESSAGE = "No index has been built yet. Run “archive-search index” on the server, then reload this page."
STORE_MESSAGE = "The search index cannot be read just now. Try again in a minute; if it persists, rebuild it with “archive-search index --rebuild”."
SERVER_MESSAGE = "The server failed to answer this request. The error has been logged."
DAMAGED_MESSAGE = ("The search index (generation {generation}) is damaged: {problems}. Searches cannot be answered "
                   "until it is rebuilt from the documents with “archive-search index --rebuild”.")
# Problems of a damaged index named on its error page; the rest are counted.
DAMAGED_PROBLEMS_SHOWN = 3


def damaged_message(error: IndexDamaged) -> str:
    """Return what a user is told about a damaged index: its generation and its first problems."""
    shown = list(error.problems[:DAMAGED_PROBLEMS_SHOWN])
    if len(error.problems) > DAMAGED_PROBLEMS_SHOWN:
        shown.append(f"and {len(error.problems) - DAMAGED_PROBLEMS_SHOWN} more")
    return DAMAGED_MESSAGE.format(generation=error.generation, problems="; ".join(shown))


def wants_json() -> bool:
    """Return whether the failing request was made to the JSON API."""
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def error_response(status: int, message: str):
    """Return an error as JSON for the API, or as a friendly HTML page."""
    if wants_json():
        return {"error": {"status": status, "message": message}}, status
    try:
        return render_template("error.html", status=status, title=TITLES.get(status, "Error"), message=message), status
    except Exception:  # the error page itself failed: fall back to plain text, never a traceback
        return f"{status} {TITLES.get(status, 'Error')}\n\n{message}\n", status, {"Content-Type": "text/plain; charset=utf-8"}


def register(app: Flask) -> None:
    """Register the error handlers of the app."""

    @app.errorhandler(BadSearchRequest)
    def bad_search(error: BadSearchRequest):
        """Answer 400 with what is wrong in the query string."""
        return error_response(400, str(error))

    @app.errorhandler(IndexMissing)
    def no_index(error: IndexMissing):
        """Answer 503 saying the index must be built first."""
        return error_response(503, NO_INDEX_MESSAGE)

    @app.errorhandler(IndexDamaged)
    def damaged(error: IndexDamaged):
        """Log and answer 503 naming the damaged generation and its broken files."""
        app.logger.error("index damaged: %s", error)
        return error_response(503, damaged_message(error))

    @app.errorhandler(StoreError)
    def store_failed(error: StoreError):
        """Log and answer 503 when the index cannot be read."""
        app.logger.error("index unavailable: %s", error)
        return error_response(503, STORE_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        """Answer a 4xx (404, 405…) as a page or JSON."""
        return error_response(error.code or 500, error.description or TITLES.get(error.code, "Error"))

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        """Log an unexpected error and answer a plain 500, no traceback."""
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, SERVER_MESSAGE)
