"""Librarian metadata: dates, sidecars, catalogues and how they combine."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indexer.metadata import (
    MetadataError,
    librarian_metadata,
    load_catalogue,
    load_sidecar,
    normalise_date,
)
from indexer.models import Metadata

HEADER = "path,title,date,speaker,type,source,topics,lang,url\n"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021", "2021"),
        ("2021-3", "2021-03"),
        ("2021-03-05", "2021-03-05"),
        ("2017/06/09", "2017-06-09"),
        ("2017 / 06 / 09", "2017-06-09"),
        ("18.11.2020", "2020-11-18"),
        ("5 January 2021", "2021-01-05"),
        ("January 2021", "2021-01"),
        ("le 5 janvier 2021", "2021-01-05"),
        ("10 ноября 2020", "2020-11-10"),
        ("ноябрь 2020", "2020-11"),
        ("2020年11月10日", "2020-11-10"),
        ("2020-11-18T17:07:00+03:00", "2020-11-18"),
        ("  ", None),
    ],
)
def test_normalise_date_keeps_the_precision_given(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020-02-30", "speech.meta.json, date: invalid date '2020-02-30': day is out of range for month"),
        ("13/13/2020", "speech.meta.json, date: invalid date '13/13/2020': month must be in 1..12"),
        ("yesterday", "speech.meta.json, date: invalid date 'yesterday': expected e.g."),
        ("12 June", "speech.meta.json, date: invalid date '12 June': expected e.g."),
        ("0999", "speech.meta.json, date: invalid date '0999': year out of range"),
    ],
)
def test_invalid_dates_raise_a_message_naming_place_and_value(value, message):
    with pytest.raises(MetadataError) as caught:
        normalise_date(value, "speech.meta.json, date")
    assert str(caught.value).startswith(message)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    _write(tmp_path / "speeches" / "2020" / "norov.txt", "text")
    _write(tmp_path / "catalogue.csv", HEADER + (
        "speeches/2020/norov.txt,Far title,2020,Far Speaker,speech,Far source,security;economy,en,\n"
    ))
    _write(tmp_path / "speeches" / "2020" / "catalogue.csv", HEADER + (
        "norov.txt,Near title,2020-11-16,Vladimir Norov; Rashid Alimov,,,,,https://x.org/1\n"
    ))
    return tmp_path


def test_nearest_catalogue_wins_field_by_field(corpus):
    doc = corpus / "speeches" / "2020" / "norov.txt"
    assert librarian_metadata(doc, corpus) == (
        Metadata(
            title="Near title", date="2020-11-16", speakers=("Vladimir Norov", "Rashid Alimov"),
            doc_type="speech", source="Far source", topics=("security", "economy"), lang="en",
            url="https://x.org/1",
        ),
        [],
    )


@pytest.mark.parametrize("sidecar_name", ["norov.txt.meta.json", "norov.meta.json"])
def test_sidecar_wins_over_catalogues(corpus, sidecar_name):
    doc = corpus / "speeches" / "2020" / "norov.txt"
    _write(doc.parent / sidecar_name, json.dumps({"title": "Sidecar title", "speakers": ["Sergey Lavrov"],
                                                  "date": "10 November 2020"}))
    metadata, warnings = librarian_metadata(doc, corpus)
    assert (metadata.title, metadata.speakers, metadata.date, metadata.source, warnings) == (
        "Sidecar title", ("Sergey Lavrov",), "2020-11-10", "Far source", [])
    assert load_sidecar(doc) == Metadata(title="Sidecar title", date="2020-11-10", speakers=("Sergey Lavrov",))


def test_bad_sidecar_json_is_a_warning_and_catalogue_values_remain(corpus):
    doc = corpus / "speeches" / "2020" / "norov.txt"
    sidecar = _write(doc.parent / "norov.txt.meta.json", '{"title": "Unclosed",')
    metadata, warnings = librarian_metadata(doc, corpus)
    assert metadata.title == "Near title"
    assert warnings == [f"{sidecar}: invalid JSON at line 1, column 22: Expecting property name enclosed "
                        "in double quotes; the sidecar is ignored"]
    with pytest.raises(MetadataError, match="invalid JSON"):
        load_sidecar(doc)


def test_bad_values_lose_only_their_field(tmp_path):
    doc = _write(tmp_path / "a.md", "text")
    sidecar = _write(tmp_path / "a.md.meta.json", json.dumps(
        {"title": "Kept", "date": "31/02/2020", "lang": "english", "url": "javascript:alert(1)", "colour": "red"}))
    metadata, warnings = librarian_metadata(doc, tmp_path)
    assert metadata == Metadata(title="Kept")
    assert warnings == [
        f"{sidecar}, date: invalid date '31/02/2020': day is out of range for month",
        f"{sidecar}, lang: invalid language 'english': expected a code such as en, fr, ru, zh",
        f"{sidecar}, url: invalid URL 'javascript:alert(1)': expected a web address starting with http:// or https://",
        f"{sidecar}: unknown key 'colour' ignored (known: date, lang, language, source, speaker, speakers, "
        "symbol, title, topic, topics, type, url, version_of)",
    ]


def test_symbol_and_versions_come_from_catalogues_and_sidecars(tmp_path):
    doc = _write(tmp_path / "fr" / "lettre.txt", "text")
    _write(tmp_path / "catalogue.csv", "path,symbol,version_of\nfr/lettre.txt,A/75/704,en/letter.txt; A/75/704/Corr.1\n")
    assert librarian_metadata(doc, tmp_path) == (
        Metadata(symbol="A/75/704", version_of=("en/letter.txt", "A/75/704/Corr.1")), [])
    _write(doc.with_name("lettre.txt.meta.json"), json.dumps({"symbol": " S/2020/1234 ", "version_of": ["../en/l.txt"]}))
    assert librarian_metadata(doc, tmp_path) == (Metadata(symbol="S/2020/1234", version_of=("../en/l.txt",)), [])


def test_a_symbol_with_spaces_is_refused(tmp_path):
    doc = _write(tmp_path / "h.txt", "text")
    sidecar = _write(tmp_path / "h.txt.meta.json", json.dumps({"title": "Kept", "symbol": "A/75 704"}))
    assert librarian_metadata(doc, tmp_path) == (Metadata(title="Kept"), [
        f"{sidecar}, symbol: invalid document symbol 'A/75 704': a symbol has no spaces (e.g. A/75/704)"])


def test_catalogue_rows_problems_are_warnings_for_their_document(tmp_path):
    doc = _write(tmp_path / "b.txt", "text")
    catalogue = _write(tmp_path / "catalogue.csv", HEADER + "b.txt,Title B,not a date,,,,,,\n,orphan row,,,,,,,\n")
    metadata, warnings = librarian_metadata(doc, tmp_path)
    assert metadata == Metadata(title="Title B")
    assert warnings == [
        f"{catalogue.absolute()}, row 3: no path; row ignored",
        f"{catalogue.absolute()}, row 2, date: invalid date 'not a date': expected e.g. 2020-11-10, 2020-11, "
        "2020 or 10 November 2020",
    ]
    with pytest.raises(MetadataError, match="row 2, date: invalid date 'not a date'"):
        load_catalogue(tmp_path)


def test_catalogue_from_a_spreadsheet_semicolons_bom_and_extra_columns(tmp_path):
    text = "\ufeffPath;Title;Speaker;Notes;Lang\n./sub\\c.txt;Заявление;А. Иванов;private;ru-RU\n"
    (tmp_path / "catalogue.csv").write_bytes(text.encode("utf-8"))
    assert load_catalogue(tmp_path) == {"sub/c.txt": Metadata(title="Заявление", speakers=("А. Иванов",), lang="ru")}


def test_catalogue_in_cp1252_is_decoded(tmp_path):
    (tmp_path / "catalogue.csv").write_bytes("path,title\nd.txt,Déclaration de l’Organisation\n".encode("cp1252"))
    assert load_catalogue(tmp_path) == {"d.txt": Metadata(title="Déclaration de l’Organisation")}


def test_catalogue_without_path_column_is_a_warning(tmp_path):
    doc = _write(tmp_path / "e.txt", "text")
    catalogue = _write(tmp_path / "catalogue.csv", "file,title\ne.txt,Lost\n")
    assert librarian_metadata(doc, tmp_path) == (
        Metadata(), [f"{catalogue.absolute()}: no 'path' column in the header row"])


def test_edited_catalogue_is_read_again(tmp_path):
    doc = _write(tmp_path / "f.txt", "text")
    catalogue = _write(tmp_path / "catalogue.csv", "path,title\nf.txt,First\n")
    assert librarian_metadata(doc, tmp_path)[0].title == "First"
    _write(catalogue, "path,title\nf.txt,Second\n")
    stat = catalogue.stat()
    os.utime(catalogue, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert librarian_metadata(doc, tmp_path)[0].title == "Second"


def test_no_librarian_metadata_at_all(tmp_path):
    doc = _write(tmp_path / "g.txt", "text")
    assert (librarian_metadata(doc, tmp_path), load_sidecar(doc), load_catalogue(tmp_path)) == (
        (Metadata(), []), None, {})
