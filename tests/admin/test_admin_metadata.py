"""Metadata corrections: saved as sidecars, re-indexed at once, and kept by a full rebuild."""
from __future__ import annotations

import html
import json

import pytest
from bs4 import BeautifulSoup

from indexer.engines import FacetFilter, SearchQuery, open_store
from indexer.librarian import LibrarianError, parse_assignments, save_metadata
from indexer.pipeline import index_corpus
from tests.admin.conftest import csrf_token, wait_for_job

DOCUMENT = "002_5053c25469639f1a.txt"
FORM_FIELDS = ("title", "date", "speakers", "doc_type", "topics", "source", "lang", "url")
KREMLIN_URL = "https://en.kremlin.ru/events/president/news/64380"


def indexed(config, doc_id: str):
    store = open_store(config.index_dir)
    try:
        return store.get_document(doc_id)
    finally:
        store.close()


def doc_id_of(app, path: str) -> str:
    return next(row for row in app.extensions["archive_admin"].overviews.get(app.extensions["archive_search"]).rows
                if row.path == path).doc_id


def facts(passages) -> dict:
    """Return the document-level facets of indexed passages (librarian speakers are the default of untagged turns)."""
    return {"title": {p.title for p in passages}, "date": {p.date for p in passages},
            "librarian speakers": ("Jiang Zemin", "Vladimir Putin") in {p.speakers for p in passages},
            "type": {p.doc_type for p in passages}, "has topic": all("border-security" in p.topics for p in passages)}


def edit(client, path: str, **fields):
    page = client.get(f"/admin/document?path={path}")
    assert page.status_code == 200
    data = {"csrf_token": csrf_token(client, f"/admin/document?path={path}"), "path": path}
    for name in FORM_FIELDS:
        data[name] = fields.get(name, html.unescape(_value(page.get_data(as_text=True), name)))
    return client.post("/admin/document", data=data)


def _value(page: str, name: str) -> str:
    import re

    textarea = re.search(rf'<textarea[^>]* name="{name}"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    if textarea:
        return textarea.group(1)
    return re.search(rf'<input[^>]* name="{name}"[^>]* value="([^"]*)"', page).group(1)


def test_an_edit_is_saved_as_a_sidecar_reindexed_and_survives_a_full_rebuild(admin_app, admin_client, library):
    doc_id = doc_id_of(admin_app, DOCUMENT)
    before = indexed(library, doc_id)
    response = edit(admin_client, DOCUMENT, title="Address at the Dushanbe summit", date="15 June 2001",
                    speakers="Jiang Zemin\nVladimir Putin", doc_type="statement", topics="border-security")
    assert (response.status_code, response.headers["Location"]) == (302, "/admin/progress")
    job = wait_for_job(admin_app)
    assert (job["state"], job["reason"]) == ("finished", f"metadata of {DOCUMENT}")
    assert "1 replaced" in job["message"]
    expected = {"title": {"Address at the Dushanbe summit"}, "date": {"2001-06-15"}, "librarian speakers": True,
                "type": {"statement"}, "has topic": True}
    assert facts(before) != expected and not facts(before)["librarian speakers"]
    sidecar = json.loads((library.corpus_dir / f"{DOCUMENT}.meta.json").read_text(encoding="utf-8"))
    assert sidecar == {"title": "Address at the Dushanbe summit", "date": "2001-06-15",
                       "speakers": ["Jiang Zemin", "Vladimir Putin"], "type": "statement", "topics": ["border-security"]}
    assert facts(indexed(library, doc_id)) == expected
    assert [p.text for p in indexed(library, doc_id)] == [p.text for p in before]
    index_corpus(library, rebuild=True)
    assert facts(indexed(library, doc_id)) == expected
    store = open_store(library.index_dir)
    try:
        found = store.search(SearchQuery(filters=(FacetFilter("year", include=("2001",)),), with_facets=False))
    finally:
        store.close()
    assert {hit.passage.doc_id for hit in found.hits} == {doc_id}


def test_only_the_changed_fields_are_written(admin_app, admin_client, library):
    response = edit(admin_client, DOCUMENT, date="2019-06")
    assert response.status_code == 302
    wait_for_job(admin_app)
    sidecar = json.loads((library.corpus_dir / f"{DOCUMENT}.meta.json").read_text(encoding="utf-8"))
    assert sidecar == {"date": "2019-06"}


def test_an_unchanged_form_writes_nothing(admin_app, admin_client, library):
    response = edit(admin_client, DOCUMENT)
    assert response.headers["Location"] == f"/admin/document?path={DOCUMENT}"
    assert not (library.corpus_dir / f"{DOCUMENT}.meta.json").exists()
    assert admin_app.extensions["archive_admin"].jobs.last is None


@pytest.mark.parametrize("date", ["2020-13-01", "next Tuesday", "31.02.2019"])
def test_an_invalid_date_is_refused_and_nothing_is_written(admin_app, admin_client, library, date):
    response = edit(admin_client, DOCUMENT, date=date)
    assert response.status_code == 400
    assert "invalid date" in html.unescape(response.get_data(as_text=True))
    assert not (library.corpus_dir / f"{DOCUMENT}.meta.json").exists()


def test_editing_a_path_outside_the_corpus_is_refused(admin_client, library):
    for path in ("../index/current/manifest.json", "/etc/passwd", "_withdrawn/x.txt", "speakers.yaml"):
        assert admin_client.get(f"/admin/document?path={path}").status_code == 404


def test_save_metadata_merges_folds_aliases_and_removes_emptied_keys(library):
    sidecar = library.corpus_dir / "002_5053c25469639f1a.meta.json"
    sidecar.write_text(json.dumps({"speaker": "Old Name", "source": "Kremlin", "url": "http://x"}), encoding="utf-8")
    written = save_metadata(library, DOCUMENT, {"speakers": "A; B", "url": "", "date": "10 ноября 2020"})
    assert written == sidecar
    assert json.loads(sidecar.read_text(encoding="utf-8")) == {"source": "Kremlin", "speakers": ["A", "B"],
                                                               "date": "2020-11-10"}


def test_save_metadata_writes_a_symbol_and_versions(library):
    written = save_metadata(library, DOCUMENT, {"symbol": "A/75/704", "version_of": "a.txt; A/75/704/Corr.1"})
    assert json.loads(written.read_text(encoding="utf-8")) == {"symbol": "A/75/704",
                                                               "version_of": ["a.txt", "A/75/704/Corr.1"]}


def test_save_metadata_refuses_bad_values_and_keeps_the_sidecar(library):
    sidecar = library.corpus_dir / f"{DOCUMENT}.meta.json"
    sidecar.write_text('{"date": "2001"}', encoding="utf-8")
    for changes in ({"date": "2001-02-30"}, {"colour": "blue"}, {"lang": "not a language"}):
        with pytest.raises(LibrarianError):
            save_metadata(library, DOCUMENT, changes)
    assert sidecar.read_text(encoding="utf-8") == '{"date": "2001"}'


@pytest.mark.parametrize("items, expected", [
    (["date=2020-11-10", "speakers=A; B"], {"date": "2020-11-10", "speakers": "A; B"}),
    (["Title = Moscow Declaration "], {"title": "Moscow Declaration"}),
    (["url="], {"url": ""}),
])
def test_parse_assignments(items, expected):
    assert parse_assignments(items) == expected


@pytest.mark.parametrize("item", ["date", "=2020", ""])
def test_parse_assignments_refuses_items_without_a_key(item):
    with pytest.raises(LibrarianError):
        parse_assignments([item])


def _fields(page: str) -> dict:
    """Return each text field of the metadata form: its value, label, describing texts and invalid flag."""
    soup = BeautifulSoup(page, "lxml")
    fields = {}
    for name in FORM_FIELDS:
        control = soup.select_one(f'form [name="{name}"]')
        label = soup.select_one(f'label[for="{control["id"]}"]')
        described = [soup.find(id=ident).get_text(" ", strip=True)
                     for ident in control.get("aria-describedby", "").split()]
        value = control.get_text().strip("\r\n") if control.name == "textarea" else control.get("value", "")
        fields[name] = {"value": value, "label": label.get_text(" ", strip=True) if label else None,
                        "described": described, "invalid": control.get("aria-invalid") == "true"}
    return fields


def _indexed_now(page: str) -> dict:
    soup = BeautifulSoup(page, "lxml").select_one("aside.indexed dl")
    return {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in zip(soup.select("dt"), soup.select("dd"))}


def test_source_language_and_url_are_saved_reindexed_and_shown(admin_app, admin_client, library):
    doc_id = doc_id_of(admin_app, DOCUMENT)
    response = edit(admin_client, DOCUMENT, source="Xinhua", lang="RU", url=f" {KREMLIN_URL} ")
    assert (response.status_code, response.headers["Location"]) == (302, "/admin/progress")
    assert wait_for_job(admin_app)["state"] == "finished"
    sidecar = json.loads((library.corpus_dir / f"{DOCUMENT}.meta.json").read_text(encoding="utf-8"))
    assert sidecar == {"source": "Xinhua", "lang": "ru", "url": KREMLIN_URL}
    passages = indexed(library, doc_id)
    assert ({p.source for p in passages}, {p.lang for p in passages}) == ({"Xinhua"}, {"ru"})
    document = admin_client.get(f"/api/doc/{doc_id}").get_json()
    assert (document["source"], document["langs"]) == ("Xinhua", ["ru"])
    page = admin_client.get(f"/admin/document?path={DOCUMENT}").get_data(as_text=True)
    assert {name: field["value"] for name, field in _fields(page).items() if name in ("source", "lang", "url")} == {
        "source": "Xinhua", "lang": "ru", "url": KREMLIN_URL}
    assert {k: v for k, v in _indexed_now(page).items() if k in ("Source", "Languages")} == {
        "Source": "Xinhua", "Languages": "ru"}


def test_a_url_alone_names_the_source_by_its_host(admin_app, admin_client, library):
    doc_id = doc_id_of(admin_app, DOCUMENT)
    assert {p.source for p in indexed(library, doc_id)} == {None}
    response = edit(admin_client, DOCUMENT, url=KREMLIN_URL)
    assert response.status_code == 302
    wait_for_job(admin_app)
    assert json.loads((library.corpus_dir / f"{DOCUMENT}.meta.json").read_text(encoding="utf-8")) == {"url": KREMLIN_URL}
    assert {p.source for p in indexed(library, doc_id)} == {"President of Russia"}


def test_the_new_fields_have_labels_and_hints(admin_client):
    fields = _fields(admin_client.get(f"/admin/document?path={DOCUMENT}").get_data(as_text=True))
    assert {name: (field["value"], field["label"], len(field["described"]), field["invalid"])
            for name, field in fields.items() if name in ("source", "lang", "url")} == {
        "source": ("", "Source", 1, False), "lang": ("", "Language", 1, False), "url": ("", "URL", 1, False)}


@pytest.mark.parametrize("name, value, error", [
    ("lang", "English", "invalid language 'English': expected a code such as en, fr, ru, zh"),
    ("lang", "e", "invalid language 'e': expected a code such as en, fr, ru, zh"),
    ("lang", "en gb", "invalid language 'en gb': expected a code such as en, fr, ru, zh"),
    ("url", "javascript:alert(1)", "invalid URL 'javascript:alert(1)': expected a web address starting with http:// or https://"),
    ("url", "ftp://example.org/a.txt", "invalid URL 'ftp://example.org/a.txt': expected a web address starting with http:// or https://"),
    ("url", "www.kremlin.ru/events", "invalid URL 'www.kremlin.ru/events': expected a web address starting with http:// or https://"),
    ("url", "https:///events", "invalid URL 'https:///events': no host name"),
    ("url", "https://kremlin.ru/a b", "invalid URL 'https://kremlin.ru/a b': no spaces allowed (write %20)"),
    ("source", "S" * 501, "Field cannot be longer than 500 characters."),
])
def test_a_bad_source_language_or_url_is_refused_with_the_typed_values_kept(admin_app, admin_client, library,
                                                                            name, value, error):
    typed = {"title": "A title typed meanwhile", "source": "Xinhua", "lang": "fr", "url": KREMLIN_URL, name: value}
    response = edit(admin_client, DOCUMENT, **typed)
    assert response.status_code == 400
    fields = _fields(response.get_data(as_text=True))
    assert {field: fields[field]["value"] for field in typed} == typed
    assert (fields[name]["invalid"], fields[name]["described"][-1]) == (True, error)
    assert [field for field, found in fields.items() if found["invalid"]] == [name]
    assert not (library.corpus_dir / f"{DOCUMENT}.meta.json").exists()
    assert admin_app.extensions["archive_admin"].jobs.last is None


def test_a_sidecar_gets_the_same_url_check(library):
    sidecar = library.corpus_dir / f"{DOCUMENT}.meta.json"
    for changes in ({"url": "javascript:alert(1)"}, {"url": "www.kremlin.ru/events"}):
        with pytest.raises(LibrarianError, match="invalid URL"):
            save_metadata(library, DOCUMENT, changes)
    assert not sidecar.exists()
