"""The corpus from the admin: upload, list documents, edit metadata, withdraw and preview."""
from __future__ import annotations

from collections import Counter

from flask import current_app, flash, redirect, render_template, request, url_for

from indexer.librarian import (LibrarianError, collection_folders, pending_files, resolve_document, save_metadata,
                               withdraw_document)
from indexer.models import RejectedFile
from indexer.preview import preview_file
from indexer.runlock import IndexBusy
from indexer.vocabularies import load_vocabularies
from webapp.access import index_access
from webapp.admin.blueprint import admin_state, archive_config, bp, error_page, human_size
from webapp.admin.editing import changes_from, fill_form, prefill
from webapp.admin.forms import MetadataForm, PreviewForm, ReindexForm, UploadForm, WithdrawForm
from webapp.admin.upload import preview_upload, save_uploads

# Documents per page of the documents list.
DOCUMENTS_PER_PAGE = 100
# Passages shown in a preview; the rest are counted.
PREVIEW_PASSAGES = 60
MISSING_FILTERS = ("date", "speaker")


def _limits() -> dict:
    config = current_app.config
    return {"file": human_size(config["ADMIN_MAX_FILE_BYTES"]), "request": human_size(config["ADMIN_MAX_REQUEST_BYTES"]),
            "files": config["ADMIN_MAX_FILES"]}


def _folder_choices() -> list[tuple[str, str]]:
    return [(folder, folder or "(the corpus folder itself)") for folder in collection_folders(archive_config())]


@bp.route("/upload", methods=["GET", "POST"])
def upload():
    """Show the upload form; write the uploaded files into the corpus, each accepted or refused with a reason."""
    form = UploadForm()
    form.folder.choices = _folder_choices()
    config = current_app.config
    if request.method == "GET":
        return render_template("admin/upload.html", page_title="Upload", form=form, results=None, limits=_limits())
    uploads = [f for f in request.files.getlist(form.files.name) if f.filename or f.content_length]
    if not form.validate():
        return render_template("admin/upload.html", page_title="Upload", form=form, results=None, limits=_limits()), 400
    if not uploads:
        return error_page(400, "No file was chosen.")
    if len(uploads) > config["ADMIN_MAX_FILES"]:
        return error_page(400, f"Too many files at once: at most {config['ADMIN_MAX_FILES']} per upload.")
    results = save_uploads(archive_config(), uploads, form.folder.data, bool(form.replace.data),
                           config["ADMIN_MAX_FILE_BYTES"])
    status = 200 if any(r.accepted for r in results) else 400
    return render_template("admin/upload.html", page_title="Upload", form=form, results=results, limits=_limits(),
                           reindex=ReindexForm()), status


def _matching(rows, text: str, missing: str):
    text = text.casefold()
    if missing in MISSING_FILTERS:
        rows = [row for row in rows if not (row.date if missing == "date" else row.speakers)]
    if text:
        rows = [row for row in rows if text in row.path.casefold() or text in (row.title or "").casefold()]
    return rows


@bp.get("/documents")
def documents():
    """List indexed documents, optionally those missing a date or a speaker, or matching a path or title."""
    overview = admin_state().overviews.get(index_access())
    text, missing = request.args.get("q", "").strip(), request.args.get("missing", "")
    rows = _matching(list(overview.rows), text, missing)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pages = max(-(-len(rows) // DOCUMENTS_PER_PAGE), 1)
    shown = rows[(page - 1) * DOCUMENTS_PER_PAGE: page * DOCUMENTS_PER_PAGE]
    return render_template("admin/documents.html", page_title="Documents", rows=shown, total=len(rows), page=page,
                           pages=pages, q=text, missing=missing, pending=pending_files(archive_config()))


def _document(path: str):
    """Return the document's real path, relative path and index row (LibrarianError if it is not a document)."""
    document, relative = resolve_document(archive_config(), path)
    overview = admin_state().overviews.get(index_access())
    row = next((r for r in overview.rows if r.path == relative), None)
    return document, relative, row


def _vocabulary_choices() -> dict:
    vocabularies = load_vocabularies(archive_config())
    return {"types": [name for name, _ in vocabularies.doctypes.cues],
            "speakers": sorted(s.name for s in vocabularies.speakers.speakers),
            "sources": [source.name for source in vocabularies.sources.sources]}


def _render_document(form, relative, row, start, withdraw, status=200):
    return render_template("admin/document.html", page_title=f"Edit {relative}", form=form, relative=relative,
                           row=row, start=start, withdraw=withdraw, choices=_vocabulary_choices()), status


@bp.route("/document", methods=["GET", "POST"])
def document():
    """Show a document's metadata form; save the changed fields to its sidecar and re-index it."""
    path = request.values.get("path", "")
    try:
        doc_path, relative, row = _document(path)
    except LibrarianError as error:
        return error_page(404, str(error))
    start = prefill(doc_path, row)
    form, withdraw = MetadataForm(), WithdrawForm(path=relative)
    if request.method == "GET":
        fill_form(form, start)
        form.path.data = relative
        return _render_document(form, relative, row, start, withdraw)
    if not form.validate():
        return _render_document(form, relative, row, start, withdraw, 400)
    changes = changes_from(form, start)
    if not changes:
        flash("Nothing was changed.", "info")
        return redirect(url_for("admin.document", path=relative))
    try:
        sidecar = save_metadata(archive_config(), relative, changes)
    except LibrarianError as error:
        return error_page(400, str(error))
    try:
        admin_state().jobs.start(reason=f"metadata of {relative}")
    except IndexBusy as error:
        flash(f"Saved to {sidecar.name}. It will be indexed by the next run: {error}", "warning")
        return redirect(url_for("admin.document", path=relative))
    flash(f"Saved {', '.join(sorted(changes))} to {sidecar.name}; re-indexing the document now.", "info")
    return redirect(url_for("admin.progress"))


@bp.post("/withdraw")
def withdraw():
    """Move a document aside into _withdrawn/ and remove it from the index at once."""
    form = WithdrawForm()
    if not form.validate():
        flash("Tick the box to confirm the withdrawal.", "warning")
        return redirect(url_for("admin.document", path=form.path.data or ""))
    try:
        withdrawn = withdraw_document(archive_config(), form.path.data,
                                      wait=current_app.config["ADMIN_WITHDRAW_WAIT_SECONDS"])
    except LibrarianError as error:
        return error_page(404, str(error))
    except IndexBusy as error:
        return error_page(409, f"Not withdrawn: {error}")
    flash(f"Withdrawn {withdrawn.relative}: it no longer appears in searches; its files were moved to "
          f"{', '.join(withdrawn.moved_to)}.", "info")
    return redirect(url_for("admin.documents"))


def _summary(passages: list[dict]) -> dict:
    first = passages[0] if passages else {}
    return {
        "title": first.get("title"), "date": first.get("date"), "type": first.get("type"),
        "source": first.get("source"),
        "langs": Counter(p["lang"] for p in passages).most_common(),
        "speakers": list(dict.fromkeys(s for p in passages for s in p["speakers"])),
        "topics": list(dict.fromkeys(t for p in passages for t in p["topics"])),
        "passages": len(passages),
    }


def _render_preview(form, name=None, passages=None, problem=None, status=200):
    passages = passages or []
    return render_template("admin/preview.html", page_title="Preview", form=form, name=name,
                           summary=_summary(passages) if name and not problem else None,
                           passages=passages[:PREVIEW_PASSAGES], hidden=max(len(passages) - PREVIEW_PASSAGES, 0),
                           problem=problem, pending=pending_files(archive_config())), status


@bp.route("/preview", methods=["GET", "POST"])
def preview():
    """Show the passages and facets a corpus file (or an uploaded file, not kept) would be indexed as."""
    form = PreviewForm()
    try:
        if request.method == "POST":
            upload = request.files.get(form.file.name)
            if upload is None or not upload.filename:
                return _render_preview(form, problem="No file was chosen.", status=400)
            name, passages = preview_upload(archive_config(), upload, current_app.config["ADMIN_MAX_FILE_BYTES"])
            return _render_preview(form, name, passages)
        if not request.args.get("path"):
            return _render_preview(form)
        document, relative = resolve_document(archive_config(), request.args["path"])
        try:
            return _render_preview(form, relative, preview_file(document, archive_config()))
        except RejectedFile as error:
            raise LibrarianError(f"{relative}: the indexer would reject this file: {error}") from error
    except LibrarianError as error:
        return _render_preview(form, problem=str(error), status=400)
