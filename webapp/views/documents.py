"""The document page: a whole cleaned document, its passages anchored, the query's words marked."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for

from indexer.engines.crosslang import marking_text
from webapp.access import index_access
from webapp.crosslang import equivalents_table
from webapp.documents import DocumentView, build_document
from webapp.request import parse_xlang
from webapp.versions import live_versions, version_links
from webapp.views import labels, query_text

bp = Blueprint("documents", __name__)


def load_document(doc_id: str, q: str, xlang: bool = False) -> DocumentView:
    """Return the view of document ``doc_id``, ``q`` (``xlang``: and its equivalents) marked, or abort with 404."""
    store = index_access().store()
    passages = store.get_document(doc_id)
    if not passages:
        abort(404, description=f"There is no document “{doc_id[:200]}” in the index.")
    marked = marking_text(q, equivalents_table()) if xlang and q else q
    versions = version_links(doc_id, live_versions(index_access().config.index_dir),
                             lambda other: url_for("documents.show", doc_id=other, q=q or None))
    return build_document(passages, q, lambda text, lang, _: store.highlight(text, lang, marked), labels(), versions)


@bp.get("/doc/<path:doc_id>")
def show(doc_id: str):
    """Show one document with its metadata and anchored passages."""
    q, xlang = query_text(), parse_xlang(request.args)
    return render_template("document.html", doc=load_document(doc_id, q, xlang), xlang=xlang)
