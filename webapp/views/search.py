"""The search and browse page."""
from __future__ import annotations

from flask import Blueprint, render_template

from webapp.views import current_search, links_for, run_search
from webapp.views.trends import results_timeline

bp = Blueprint("search", __name__)


@bp.get("/")
@bp.get("/search")
def search():
    """Show ranked hits for the query (or every passage, newest first) with facets over all matches."""
    page = run_search(current_search(), links_for("search.search"))
    alternates = {
        "atom": links_for("feeds.atom").search(page.request),
        "csv": links_for("feeds.csv").search(page.request),
        "json": links_for("api.search").search(page.request),
    }
    canonical = links_for("search.search", external=True).search(page.request)
    return render_template("search.html", page=page, alternates=alternates, canonical=canonical,
                           timeline=results_timeline(page))
