"""Plain-text reading: encodings, normalisation and refusals."""
from __future__ import annotations

import codecs

import pytest

from indexer.config import Config
from indexer.models import RawDocument, RejectedFile
from indexer.readers import read_document, read_file
from indexer.readers.common import Reading
from indexer.readers.encoding import decode_text


@pytest.mark.parametrize(
    ("name", "source", "encoding"),
    [
        ("russian_cp1251.txt", "RUSSIAN", "cp1251"),
        ("russian_utf8.txt", "RUSSIAN", "utf-8"),
        ("french_latin1.txt", "FRENCH", "cp1252"),
        ("french_cp1252.txt", "FRENCH_CP1252", "cp1252"),
        ("mixed_utf16_bom.txt", "MIXED_UTF16", "utf-16"),
        ("french_utf8_bom_crlf.txt", "FRENCH", "utf-8-sig"),
        ("chinese_gb18030.txt", "CHINESE", "gb18030"),
    ],
)
def test_text_files_decode_to_their_source_text(read_sample, samples, data_dir, name, source, encoding):
    reading = read_sample(name)
    assert reading == Reading(RawDocument(path=name, format="txt", text=getattr(samples, source)))
    assert decode_text((data_dir / name).read_bytes()).encoding == encoding


def test_koi8r_russian_decodes_to_russian(read_sample, samples):
    assert read_sample("russian_koi8r.txt").document.text == samples.RUSSIAN.replace("—", "-")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("russian_cp1251.txt", ["Шанхайской организации сотрудничества", "провёл", "Душанбе"]),
        ("french_latin1.txt", ["Déclaration des chefs d'État", "réaffirment", "Fédération"]),
        ("french_cp1252.txt", ["J’ai l’honneur", "« sur la coopération »", "œcuménique"]),
        ("mixed_utf16_bom.txt", ["Secretary-General", "上海合作组织"]),
    ],
)
def test_readable_words_come_out(read_sample, name, words):
    text = read_sample(name).document.text
    assert [word in text for word in words] == [True] * len(words)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Ligne un\r\nLigne deux\rfin".encode(), "Ligne un\nLigne deux\nfin"),
        ("Cafe\u0301 cre\u0300me".encode(), "Café crème"),
        (("word " * 100 + "\x07\x1b\n\fpage two\ttab").encode(), "word " * 100 + "\n\fpage two\ttab"),
        ("Council of Heads of State".encode("utf-16-be"), "Council of Heads of State"),
    ],
)
def test_decode_text_normalises(data, expected):
    assert decode_text(data).text == expected


def test_damaged_utf8_keeps_the_rest_and_warns():
    good = "Заседание Совета глав государств. " * 20
    decoded = decode_text(good.encode() + b"\xff" + good.encode())
    assert (decoded.encoding, decoded.text, len(decoded.warnings)) == ("utf-8", good + "\ufffd" + good, 1)


def test_plain_text_is_not_mistaken_for_markdown(tmp_path, config):
    text = "Statement *1729597*\n\n---\n\nThe delegation supports item_5 of the agenda.\n\n* * *\n\nThank you.\n"
    (tmp_path / "speech.txt").write_text(text, encoding="utf-8")
    assert read_file(tmp_path / "speech.txt", tmp_path, config) == RawDocument("speech.txt", "txt", text)


def test_path_is_relative_with_forward_slashes(tmp_path, config):
    (tmp_path / "2020" / "11").mkdir(parents=True)
    (tmp_path / "2020" / "11" / "note.text").write_text("A short note.", encoding="utf-8")
    document = read_file(tmp_path / "2020" / "11" / "note.text", tmp_path, config)
    assert (document.path, document.format, document.text) == ("2020/11/note.text", "txt", "A short note.")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("image_named.txt", r"binary content \(NUL bytes\)"),
    ],
)
def test_sample_files_are_rejected_with_a_reason(read_sample, name, reason):
    with pytest.raises(RejectedFile, match=reason):
        read_sample(name)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("blank.txt", b" \n\t\r\n  ", "no extractable text"),
        ("controls.txt", bytes(range(1, 9)) * 200 + b"some text", "binary content: .* control codes"),
        ("sheet.ods", b"PK\x03\x04", "unsupported file type '.ods'"),
        ("noext", b"hello", "unsupported file type '\\(no suffix\\)'"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, config, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(RejectedFile, match=reason):
        read_document(tmp_path / name, tmp_path, config)


def test_oversize_file_is_rejected_before_reading(data_dir):
    small = Config(corpus_dir=data_dir, max_file_bytes=100)
    with pytest.raises(RejectedFile, match=r"file too large: 406 bytes, more than the limit of 100"):
        read_file(data_dir / "russian_cp1251.txt", data_dir, small)
