"""Listing the corpus folder and reading the five real sample documents."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.config import Config
from indexer.readers import iter_corpus_files, read_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_iter_corpus_files_lists_documents_only_in_order(tmp_path):
    names = [
        "b.txt", "a/z.md", "a/B.PDF", "a/x.htm", "c.docx", "c.docx.meta.json", "c.meta.json",
        "catalogue.csv", "speakers.yaml", ".hidden.txt", "_draft.txt", ".git/config.txt",
        "_drafts/old.txt", "a/.cache/page.html", "notes.odt", "z/deep/er/doc.markdown",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    listed = [path.relative_to(tmp_path).as_posix() for path in iter_corpus_files(tmp_path)]
    assert listed == ["a/B.PDF", "a/x.htm", "a/z.md", "b.txt", "c.docx", "z/deep/er/doc.markdown"]


def _read(name: str):
    return read_document(CORPUS / name, CORPUS, Config(corpus_dir=CORPUS)).document


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


@pytest.mark.parametrize(
    ("name", "fmt", "first", "inside"),
    [
        ("000_b1dc39bb15750822.txt", "txt", "Lettre datée du 5 janvier 2021, adressée au Secrétaire général",
         ["l’Organisation de Shanghai pour la coopération", "Déclaration de Moscou"]),
        ("001_5ebd3e9147405e68.txt", "txt", "The website has been created with the financial assistance",
         ["Партнеры по диалогу:", "SCO Secretary-General's press conference"]),
        ("002_5053c25469639f1a.txt", "txt", "Address by SCO Secretary-General Vladimir Norov at a press conference",
         ["Bishkek Declaration"]),
        ("003_498fa46aacb9f803.txt", "txt", "Remarks by SCO Secretary-General Vladimir Norov at a Meeting",
         ["Mr Lavrov,"]),
        ("004_e01e7e91aa2e5400.txt", "md",
         "## Press release on the results of the Shanghai Cooperation Organisation Heads of State Council Meeting",
         ["2017 / 06 / 09", "Source: http://eng.sectSCO.org/news/20170609/289274.html"]),
    ],
)
def test_real_corpus_documents_read_sensibly(name, fmt, first, inside):
    document = _read(name)
    paragraphs = _paragraphs(document.text)
    assert (document.path, document.format, document.html) == (name, fmt, None)
    assert paragraphs[0].startswith(first)
    assert [any(snippet in p for p in paragraphs) for snippet in inside] == [True] * len(inside)
    assert re.search(r"[\x00-\x08\x0b\r\x0e-\x1f\ufffd]", document.text) is None


def test_markdown_press_release_loses_its_markup_but_keeps_its_structure():
    document = _read("004_e01e7e91aa2e5400.txt")
    paragraphs = _paragraphs(document.text)
    headings = [p for p in paragraphs if p.startswith("#")]
    assert headings == [
        "## Press release on the results of the Shanghai Cooperation Organisation Heads of State Council Meeting"
    ]
    assert paragraphs[1] == "2017 / 06 / 09"
    assert [marker for marker in ("**", "<http", "\n---") if marker in document.text] == []
