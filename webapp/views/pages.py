"""The help page and what every page's footer shows about the index."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, render_template

from indexer.engines import FACET_FIELDS, SORTS, IndexDamaged, StoreError
from webapp.access import index_access
from webapp.errors import damaged_message
from webapp.facets import FACET_TITLES
from webapp.request import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS

bp = Blueprint("pages", __name__)


@bp.get("/help")
def help_page():
    """Show the query language, the URL parameters and the API."""
    limits = {"max_query": MAX_QUERY_CHARS, "per_page": DEFAULT_PER_PAGE, "max_per_page": MAX_PER_PAGE,
              "max_page": MAX_PAGE}
    return render_template("help.html", facets=[(name, FACET_TITLES[name]) for name in FACET_FIELDS],
                           sorts=SORTS, limits=limits)


@bp.get("/healthz")
def healthz():
    """Return the live index's generation, counts and last run for a load balancer (503 when it cannot serve)."""
    access = index_access()
    try:
        stats = access.stats()
    except IndexDamaged as error:
        return {"status": "damaged", "generation": error.generation, "problems": list(error.problems),
                "message": damaged_message(error)}, 503
    except StoreError:
        stats = None
    version = access.version()
    if stats is None or version is None:
        return {"status": "unavailable", "message": "There is no usable index to search."}, 503
    return {"status": "ok", "generation": Path(version[0]).name, "documents": stats.documents,
            "passages": stats.passages, "built_at": stats.built_at, "last_run": access.last_run()}


def footer_context() -> dict:
    """Return the index's size and build time for every page's footer (None without an index)."""
    return {"index_stats": index_access().stats_or_none()}
