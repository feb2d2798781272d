"""Withdrawal (gone from search at once, moved aside) and the single-writer queue shared with the command line."""
from __future__ import annotations

import html
import json

import pytest

from indexer import layout
from indexer.cli import EXIT_BUSY, main
from indexer.librarian import LibrarianError, withdraw_document
from indexer.manifest import load_manifest
from indexer.pipeline import index_corpus
from indexer.runlock import IndexBusy, read_progress, writer_lock
from tests.admin.conftest import csrf_token, wait_for_job

DOCUMENT = "003_498fa46aacb9f803.txt"


def api_total(client, text: str) -> int:
    response = client.get("/api/search", query_string={"q": text})
    assert response.status_code == 200
    return response.json["total"]


def unique_phrase(library, path: str) -> str:
    """Return a quoted sentence from the document, to find it by."""
    text = (library.corpus_dir / path).read_text(encoding="utf-8")
    line = max((line.strip() for line in text.splitlines()), key=len)
    return '"' + " ".join(line.split()[:6]).strip('",.:;') + '"'


def withdraw(client, path: str, confirm: bool = True):
    data = {"csrf_token": csrf_token(client, f"/admin/document?path={path}"), "path": path}
    if confirm:
        data["confirm"] = "y"
    return client.post("/admin/withdraw", data=data)


def test_a_withdrawn_document_leaves_search_at_once_and_is_moved_aside(admin_app, admin_client, library):
    phrase = unique_phrase(library, DOCUMENT)
    (library.corpus_dir / f"{DOCUMENT}.meta.json").write_text('{"type": "speech"}', encoding="utf-8")
    original = (library.corpus_dir / DOCUMENT).read_bytes()
    search = admin_app.test_client()
    assert api_total(search, phrase) >= 1
    response = withdraw(admin_client, DOCUMENT)
    assert (response.status_code, response.headers["Location"]) == (302, "/admin/documents")
    assert api_total(search, phrase) == 0
    assert not (library.corpus_dir / DOCUMENT).exists()
    moved = sorted(p.relative_to(library.corpus_dir).as_posix() for p in (library.corpus_dir / "_withdrawn").rglob("*.*"))
    assert [m.split("/", 2)[2] for m in moved] == [DOCUMENT, f"{DOCUMENT}.meta.json"]
    assert (library.corpus_dir / moved[0]).read_bytes() == original
    assert DOCUMENT not in load_manifest(layout.live_generation(library.index_dir)).files
    status = admin_client.get("/admin/api/status").json
    assert status["status"]["documents"] == 4 and DOCUMENT not in status["doc_ids"]
    report = index_corpus(library)
    assert (report.deleted, report.added, report.unchanged) == ([], [], 4)


def test_withdrawal_needs_the_confirmation_box(admin_client, library):
    response = withdraw(admin_client, DOCUMENT, confirm=False)
    assert response.status_code == 302 and (library.corpus_dir / DOCUMENT).exists()


def test_withdrawal_waits_for_a_running_index_then_refuses_with_its_description(apps, library):
    from tests.admin.conftest import log_in

    app = apps(library, ADMIN_WITHDRAW_WAIT_SECONDS=0.3)
    client = app.test_client()
    log_in(client)
    token = csrf_token(client, f"/admin/document?path={DOCUMENT}")
    with writer_lock(library.index_dir, label="command line"):
        response = client.post("/admin/withdraw", data={"csrf_token": token, "path": DOCUMENT, "confirm": "y"})
    assert response.status_code == 409
    text = html.unescape(response.get_data(as_text=True))
    assert "Not withdrawn: another indexing run (command line, process" in text
    assert (library.corpus_dir / DOCUMENT).exists()
    assert not (library.corpus_dir / "_withdrawn").exists()


@pytest.mark.parametrize("path", ["../index/writer.lock", "missing.txt", "_withdrawn/x.txt", "topics.yaml", "."])
def test_withdraw_document_refuses_what_is_not_a_corpus_document(library, path):
    with pytest.raises(LibrarianError):
        withdraw_document(library, path, wait=0)


def test_a_second_run_while_one_holds_the_lock_is_refused_clearly(admin_app, admin_client, library):
    with writer_lock(library.index_dir, label="command line"):
        page = admin_client.post("/admin/reindex", data={"csrf_token": csrf_token(admin_client, "/admin/")})
        api = admin_client.post("/admin/api/reindex", json={"rebuild": True},
                                headers={"X-CSRFToken": csrf_token(admin_client, "/admin/")})
        progress = admin_client.get("/admin/api/progress").json
    assert page.status_code == 409
    assert "Another indexing run (command line, started" in html.unescape(page.get_data(as_text=True))
    assert (api.status_code, api.json["error"]["status"]) == (409, 409)
    assert api.json["error"]["message"].startswith("Another indexing run (command line")
    assert (progress["progress"]["state"], progress["progress"]["label"], progress["busy"]) == ("running", "command line", True)
    assert admin_app.extensions["archive_admin"].jobs.last is None


def test_the_command_line_is_refused_with_status_4_while_the_admin_runs(library, capsys):
    with writer_lock(library.index_dir, label="admin"):
        status = main(["index", "--corpus", str(library.corpus_dir), "--index", str(library.index_dir), "--quiet"])
    assert status == EXIT_BUSY
    assert "another indexing run (admin, process" in capsys.readouterr().err


def test_two_admin_runs_cannot_start_together(admin_app, library):
    jobs = admin_app.extensions["archive_admin"].jobs
    first = jobs.start(rebuild=True, reason="first")
    with pytest.raises(IndexBusy) as refused:
        jobs.start(reason="second")
    assert "in progress" in str(refused.value)
    assert jobs.wait(60)
    assert (first.state, jobs.last is first) == ("finished", True)
    assert read_progress(library.index_dir)["state"] == "finished"
    again = jobs.start(reason="third")
    jobs.wait(60)
    assert again.state == "finished" and "5 unchanged" in again.message


def test_progress_page_shows_a_run_and_survives_a_reload(admin_app, admin_client, library):
    with writer_lock(library.index_dir, label="command line"):
        progress = json.loads((library.index_dir / "progress.json").read_text())
        progress.update(done=3, total=7, current="002_5053c25469639f1a.txt")
        (library.index_dir / "progress.json").write_text(json.dumps(progress))
        pages = [html.unescape(admin_client.get("/admin/progress").get_data(as_text=True)) for _ in range(2)]
    for page in pages:
        assert "reading file <strong>3</strong> of <strong>7</strong>: <code>002_5053c25469639f1a.txt</code>" in page
        assert '<meta http-equiv="refresh" content="2">' in page
    finished = html.unescape(admin_client.get("/admin/progress").get_data(as_text=True))
    assert "was interrupted at 3 of 7 files" in finished and "http-equiv" not in finished


def test_a_run_started_from_the_admin_is_followed_to_its_end(admin_app, admin_client, library):
    (library.corpus_dir / "004_e01e7e91aa2e5400.txt").unlink()
    response = admin_client.post("/admin/reindex", data={"csrf_token": csrf_token(admin_client, "/admin/")})
    assert response.headers["Location"] == "/admin/progress"
    job = wait_for_job(admin_app)
    assert job["state"] == "finished" and job["message"].startswith("0 added, 0 replaced, 1 deleted, 4 unchanged")
    progress = admin_client.get("/admin/api/progress").json["progress"]
    assert (progress["state"], progress["label"], progress["summary"]) == ("finished", "admin", job["message"])
