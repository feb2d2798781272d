"""The document page: a whole cleaned document, its passages anchored, the query's words marked."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from webapp.access import index_access
from webapp.documents import DocumentView, build_document
from webapp.views import labels, query_text

bp = Blueprint("documents", __name__)


def load_document(doc_id: str, q: str) -> DocumentView:
    """Return the view of document ``doc_id`` with ``q`` highlighted, or abort with 404."""
    store = index_access().store()
    passages = store.get_document(doc_id)
    if not passages:
        abort(404, description=f"There is no document “{doc_id[:200]}” in the index.")
    return build_document(passages, q, store.highlight, labels())


@bp.get("/doc/<path:doc_id>")
def show(doc_id: str):
    """Show one document with its metadata and anchored passages."""
    q = query_text()
    return render_template("document.html", doc=load_document(doc_id, q))
