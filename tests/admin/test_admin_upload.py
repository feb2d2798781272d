"""Uploads: accepted types, size limits, hostile names, collection folders, no accidental overwrite, sidecars."""
from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest

from indexer.librarian import LibrarianError, check_name
from tests.admin.conftest import csrf_token, log_in, speech


def upload(client, files, folder="", replace=False):
    """Post files [(name, bytes), ...] to the upload form and return the response."""
    data = {"csrf_token": csrf_token(client, "/admin/upload"), "folder": folder,
            "files": [(io.BytesIO(content), name) for name, content in files]}
    if replace:
        data["replace"] = "y"
    return client.post("/admin/upload", data=data, content_type="multipart/form-data")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def page_text(response) -> str:
    import html

    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("name", ["speech-2008.txt", "Выступление Путина 2020.txt", "上海合作组织 讲话.md",
                                  "Déclaration (finale).html", "note_v2[draft].markdown", "O'Neil + Co, 1999.text"])
def test_documents_with_ordinary_and_unicode_names_are_written_into_the_corpus(admin_client, library, name):
    response = upload(admin_client, [(name, speech())])
    assert response.status_code == 200
    assert (library.corpus_dir / name).read_bytes() == speech()
    assert "added" in page_text(response)


def test_a_decomposed_unicode_name_is_stored_composed(admin_client, library):
    decomposed = unicodedata.normalize("NFD", "Déclaration.txt")
    assert upload(admin_client, [(decomposed, speech())]).status_code == 200
    assert [p.name for p in library.corpus_dir.glob("D*.txt")] == ["Déclaration.txt"]


@pytest.mark.parametrize("name, reason", [
    ("../../etc/passwd", "may not contain a folder"),
    ("..\\x.txt", "'..' is not allowed"),  # the multipart header unescapes "\\x" to "x"
    ("a/b.txt", "may not contain a folder"),
    ("/etc/cron.d/x.txt", "may not contain a folder"),
    ("x..txt", "'..' is not allowed"),
    (".hidden.txt", "starting with '.' or '_'"),
    ("_x.txt", "starting with '.' or '_'"),
    (" padded.txt", "start or end with a space"),
    ("evil\u202etxt.exe", "characters not allowed"),
    ("<script>.txt", "characters not allowed"),
    ("a" * 300 + ".txt", "name too long"),
    ("program.exe", "file type not accepted"),
    ("notes.json", "file type not accepted"),
    ("catalogue.csv", "file type not accepted"),
    ("speakers.yaml", "file type not accepted"),
    (".meta.json", "starting with '.' or '_'"),
])
def test_hostile_or_unacceptable_names_are_refused_and_nothing_is_written(admin_client, library, name, reason):
    before = tree(library.corpus_dir.parent)
    response = upload(admin_client, [(name, speech())])
    assert response.status_code == 400
    assert reason in page_text(response)
    assert tree(library.corpus_dir.parent) == before


def test_an_upload_without_a_file_name_is_refused(admin_client, library):
    before = tree(library.corpus_dir)
    response = upload(admin_client, [("", speech())])
    assert response.status_code == 400
    assert "No file was chosen." in page_text(response)
    assert tree(library.corpus_dir) == before


@pytest.mark.parametrize("name, content, reason", [
    ("report.pdf", b"plain text pretending to be a PDF", "the content is not a .pdf file"),
    ("memo.docx", b"%PDF-1.4 a PDF with the wrong suffix", "the content is not a .docx file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "the content is a binary file"),
    ("empty.txt", b"", "the file is empty"),
])
def test_content_that_does_not_match_its_type_is_refused(admin_client, library, name, content, reason):
    response = upload(admin_client, [(name, content)])
    assert response.status_code == 400
    assert reason in page_text(response)
    assert not (library.corpus_dir / name).exists()


def test_a_real_docx_is_accepted(admin_client, library, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Statement on cooperation", level=1)
    document.add_paragraph(speech().decode("utf-8").split("\n\n")[0])
    document.save(tmp_path / "made.docx")
    assert upload(admin_client, [("statement.docx", (tmp_path / "made.docx").read_bytes())]).status_code == 200
    assert (library.corpus_dir / "statement.docx").read_bytes() == (tmp_path / "made.docx").read_bytes()


def test_a_file_over_the_per_file_limit_is_refused_alone(apps, library):
    client = apps(library, ADMIN_MAX_FILE_BYTES=2000).test_client()
    log_in(client)
    response = upload(client, [("big.txt", speech()), ("small.txt", speech()[:1500])])
    assert response.status_code == 200
    assert "file too large (more than 2,000 bytes)" in page_text(response)
    assert not (library.corpus_dir / "big.txt").exists()
    assert (library.corpus_dir / "small.txt").read_bytes() == speech()[:1500]
    assert not [p for p in library.corpus_dir.iterdir() if p.name.startswith(".upload")]


def test_a_request_over_the_upload_limit_answers_413(apps, library):
    client = apps(library, ADMIN_MAX_REQUEST_BYTES=10_000).test_client()
    log_in(client)
    before = tree(library.corpus_dir)
    response = upload(client, [(f"part{n}.txt", speech()) for n in range(5)])
    assert response.status_code == 413
    assert "The upload is too large: at most 10,000 bytes can be sent at once." in page_text(response)
    assert tree(library.corpus_dir) == before


def test_too_many_files_at_once_are_refused(apps, library):
    client = apps(library, ADMIN_MAX_FILES=2).test_client()
    log_in(client)
    response = upload(client, [(f"part{n}.txt", speech()) for n in range(3)])
    assert response.status_code == 400
    assert "at most 2 per upload" in page_text(response)
    assert not (library.corpus_dir / "part0.txt").exists()


def test_an_existing_file_is_never_overwritten_by_accident(admin_client, library):
    target = library.corpus_dir / "002_5053c25469639f1a.txt"
    original = target.read_bytes()
    response = upload(admin_client, [(target.name, speech())])
    assert response.status_code == 400
    assert "tick 'replace existing' to replace it" in page_text(response)
    assert target.read_bytes() == original
    same = upload(admin_client, [(target.name, original)])
    assert "identical to the file already there" in page_text(same)
    assert target.read_bytes() == original


def test_ticking_replace_replaces_deliberately_and_keeps_the_earlier_version(admin_client, library):
    target = library.corpus_dir / "002_5053c25469639f1a.txt"
    original = target.read_bytes()
    response = upload(admin_client, [(target.name, speech())], replace=True)
    assert response.status_code == 200
    assert target.read_bytes() == speech()
    kept = list((library.corpus_dir / "_replaced").rglob(target.name))
    assert [p.read_bytes() for p in kept] == [original]
    assert "earlier version kept as _replaced/" in page_text(response)


def test_documents_go_to_an_existing_collection_folder_only(admin_client, library):
    (library.corpus_dir / "speeches" / "2008").mkdir(parents=True)
    assert upload(admin_client, [("lux.txt", speech())], folder="speeches/2008").status_code == 200
    assert (library.corpus_dir / "speeches" / "2008" / "lux.txt").read_bytes() == speech()
    before = tree(library.corpus_dir.parent)
    for folder in ("../outside", "missing", "_withdrawn", "/tmp"):
        assert upload(admin_client, [("lux2.txt", speech())], folder=folder).status_code == 400
    assert tree(library.corpus_dir.parent) == before


def test_sidecars_are_checked_and_written_after_their_documents(admin_client, library):
    sidecar = json.dumps({"date": "25 September 2008", "speakers": ["Jean Asselborn"], "type": "speech"}).encode()
    response = upload(admin_client, [("lux.txt.meta.json", sidecar), ("lux.txt", speech())])
    assert response.status_code == 200
    assert json.loads((library.corpus_dir / "lux.txt.meta.json").read_text()) == json.loads(sidecar)


@pytest.mark.parametrize("name, content, reason", [
    ("nobody.txt.meta.json", b'{"date": "2008"}', "no document 'nobody.txt' in this folder"),
    ("002_5053c25469639f1a.meta.json", b'["not", "an", "object"]', "must be a JSON object"),
    ("002_5053c25469639f1a.meta.json", b'{"date": "2008-13-45"}', "invalid date"),
    ("002_5053c25469639f1a.meta.json", b'{"colour": "blue"}', "unknown key 'colour'"),
    ("002_5053c25469639f1a.meta.json", b'{"date": ', "not a JSON sidecar"),
])
def test_bad_sidecars_are_refused_with_their_reason(admin_client, library, name, content, reason):
    response = upload(admin_client, [(name, content)])
    assert response.status_code == 400
    assert reason in page_text(response)
    assert not (library.corpus_dir / name).exists()


@pytest.mark.parametrize("name", ["good.txt", "Выступление.md", "x.meta.json", "a b (1).html"])
def test_check_name_accepts_safe_names(name):
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["", "   ", "..", "a/../b.txt", "a\\b.txt", "x\x00.txt", "tab\there.txt", ".txt"])
def test_check_name_refuses_unsafe_names(name):
    with pytest.raises(LibrarianError):
        check_name(name)
