"""The JSON API: search, documents and query suggestions."""
from __future__ import annotations

from flask import Blueprint, Response, json

from webapp.access import index_access
from webapp.serialize import document_json, results_json
from webapp.views import current_search, links_for, query_text, run_search
from webapp.views.documents import load_document

bp = Blueprint("api", __name__, url_prefix="/api")
# Completions offered for the last word of a query.
SUGGESTIONS = 10
SUGGESTIONS_TYPE = "application/x-suggestions+json"


@bp.get("/search")
def search():
    """Return a search's hits, facets (with API URLs of each toggled state) and suggestion as JSON."""
    page = run_search(current_search(), links_for("api.search", external=True))
    return results_json(page)


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str):
    """Return a document's metadata and passages as JSON."""
    return document_json(load_document(doc_id, ""), links_for("api.search", external=True))


@bp.get("/suggest")
def suggest():
    """Return OpenSearch suggestions: [query, [query with its last word completed, ...]]."""
    q = query_text()
    head, _, last = q.rpartition(" ")
    words = index_access().store().complete(last, limit=SUGGESTIONS) if last else []
    completions = [f"{head} {word}".strip() for word in words]
    return Response(json.dumps([q, completions]), mimetype=SUGGESTIONS_TYPE)

