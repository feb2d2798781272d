"""The status page, indexing runs and their live progress (pages and JSON API)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from indexer.librarian import pending_files
from indexer.runlock import IndexBusy, read_progress
from indexer.status import index_status
from webapp.access import index_access
from webapp.admin.blueprint import admin_state, archive_config, bp, error_page
from webapp.admin.forms import ReindexForm

# Runs shown on the status page, newest first.
RUNS_SHOWN = 10
# Documents listed per "missing" list on the status page (the documents page lists them all).
MISSING_SHOWN = 25
# Seconds between reloads of the progress page while a run is going on.
REFRESH_SECONDS = 2
STATUS_FACETS = (("lang", "Language"), ("type", "Document type"), ("source", "Source"), ("year", "Year"))


def progress_data() -> dict:
    """Return the live progress of indexing (from the index folder) and this server's last job."""
    state = admin_state()
    progress = read_progress(archive_config().index_dir)
    job = state.jobs.last
    return {"progress": progress, "busy": state.jobs.busy(), "job": job.as_json() if job else None}


def _facet_table(status: dict, overview, facet: str) -> list[tuple[str, int, int]]:
    passages = dict(map(tuple, status["per_facet"].get(facet, [])))
    documents = dict(overview.documents_per_facet.get(facet, ()))
    values = sorted(set(passages) | set(documents), key=lambda v: (-documents.get(v, 0), v))
    if facet == "year":
        values = sorted(values, reverse=True)
    return [(value, documents.get(value, 0), passages.get(value, 0)) for value in values]


def status_data() -> dict:
    """Return everything the status page shows, as JSON-ready data."""
    config = archive_config()
    status = index_status(config)
    overview = admin_state().overviews.get(index_access())
    runs = list(reversed(status["runs"]))[:RUNS_SHOWN]
    return {
        "status": status,
        "facets": {facet: _facet_table(status, overview, facet) for facet, _ in STATUS_FACETS},
        "runs": runs,
        "missing_date": [row.path for row in overview.missing("date")],
        "missing_speaker": [row.path for row in overview.missing("speaker")],
        "pending": pending_files(config),
        "doc_ids": {row.path: row.doc_id for row in overview.rows},
    }


@bp.get("/")
def status():
    """Show what the index holds, the last runs, rejected files and documents to fix."""
    data = status_data()
    return render_template("admin/status.html", page_title="Status", data=data, facet_titles=STATUS_FACETS,
                           progress=progress_data(), form=ReindexForm(), missing_shown=MISSING_SHOWN)


def _start(rebuild: bool, reason: str):
    try:
        return admin_state().jobs.start(rebuild=rebuild, reason=reason), None
    except IndexBusy as error:
        return None, str(error)


@bp.post("/reindex")
def reindex():
    """Start an incremental run or a full rebuild, or say why not."""
    form = ReindexForm()
    job, refusal = _start(bool(form.rebuild.data), "full rebuild" if form.rebuild.data else "re-index")
    if refusal:
        return error_page(409, refusal)
    flash(f"{'Full rebuild' if job.rebuild else 'Re-index'} started.", "info")
    return redirect(url_for("admin.progress"))


@bp.get("/progress")
def progress():
    """Show the progress of the running (or last) indexing run; the page reloads itself while one runs."""
    data = progress_data()
    running = data["progress"].get("state") == "running" or data["busy"]
    return render_template("admin/progress.html", page_title="Indexing progress", data=data, running=running,
                           refresh=REFRESH_SECONDS, form=ReindexForm())


@bp.get("/api/progress")
def api_progress():
    """Return the live progress as JSON."""
    return progress_data()


@bp.get("/api/status")
def api_status():
    """Return the status page's data as JSON."""
    return status_data()


@bp.post("/api/reindex")
def api_reindex():
    """Start a run (JSON body or form: rebuild=true for a full rebuild); 202, or 409 with the reason."""
    payload = request.get_json(silent=True) or request.form
    rebuild = str(payload.get("rebuild", "")).lower() in ("1", "true", "yes", "on")
    job, refusal = _start(rebuild, "full rebuild (API)" if rebuild else "re-index (API)")
    if refusal:
        return error_page(409, refusal)
    return {"job": job.as_json(), "progress": url_for("admin.api_progress")}, 202
