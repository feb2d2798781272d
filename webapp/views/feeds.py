"""Every search as an Atom feed and a CSV export, and the OpenSearch description of the site."""
from __future__ import annotations

import re
from dataclasses import replace

from flask import Blueprint, Response, render_template

from webapp.access import index_access
from webapp.results import hit_view
from webapp.serialize import csv_header, csv_row
from webapp.views import current_search, labels, links_for, run_search, store_query

bp = Blueprint("feeds", __name__)
# Passages fetched from the store per round while streaming a CSV export.
CSV_BATCH = 500
CSV_FILENAME = "archive-search.csv"
# Spreadsheets (Excel) read a CSV as UTF-8 only when it starts with a byte-order mark; others skip it.
CSV_BYTE_ORDER_MARK = "\ufeff"
# A timestamp offset written +HHMM, which Atom (RFC 3339) wants as +HH:MM.
COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
EPOCH = "1970-01-01T00:00:00Z"


@bp.app_template_filter("rfc3339")
def rfc3339(value: str | None) -> str:
    """Return an ISO date of any precision, or an ISO timestamp, as an RFC 3339 timestamp."""
    if not value:
        return EPOCH
    if "T" in value:
        return COMPACT_OFFSET.sub(r"\1:\2", value)
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


@bp.get("/search.atom")
def atom():
    """Return the hits of a search as an Atom feed, newest first unless another sort is chosen."""
    search = current_search()
    page = run_search(search, links_for("feeds.atom", external=True), default_sort="newest", with_facets=False)
    dates = [hit.date for hit in page.hits if hit.date]
    updated = rfc3339(max(dates)) if dates else rfc3339(index_access().stats().built_at)
    html_url = links_for("search.search", external=True).search(search)
    body = render_template("feed.atom.xml", page=page, html_url=html_url, updated=updated)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/search.csv")
def csv():
    """Stream every passage matching a search (all pages) as CSV."""
    search = current_search()
    store, names, links = index_access().store(), labels(), links_for("search.search", external=True)
    query, like = store_query(search, links)
    first_query = replace(query, offset=0, limit=0 if like and not like.words else CSV_BATCH, with_facets=False,
                          with_snippets=False, group_by_document=False)

    def lines():
        """Yield the header, then every match, one store page of CSV_BATCH at a time."""
        yield CSV_BYTE_ORDER_MARK + csv_header()
        query = first_query
        while True:
            results = store.search(query)  # not kept: an export's pages are read once
            for hit in results.hits:
                yield csv_row(hit_view(hit, search, names, links))
            query = replace(query, offset=query.offset + CSV_BATCH)
            if not results.hits or query.offset >= results.total:
                return

    headers = {"Content-Disposition": f'attachment; filename="{CSV_FILENAME}"'}
    return Response(lines(), mimetype="text/csv", headers=headers)


@bp.get("/opensearch.xml")
def opensearch():
    """Return the OpenSearch description: HTML and Atom search URLs and the suggestion URL."""
    return Response(render_template("opensearch.xml"), mimetype="application/opensearchdescription+xml")
