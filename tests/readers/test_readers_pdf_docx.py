"""PDF and Word documents: text layout, weak metadata and broken files."""
from __future__ import annotations

import io
import zipfile

import pytest

from indexer.config import Config
from indexer.models import Metadata, RawDocument, RejectedFile
from indexer.readers.common import Reading
from indexer.readers.docx import read_docx
from indexer.readers.pdf import read_pdf

REPORT_PAGES = [
    "SCO/2020/7 - Council of Heads of State\n\n"
    "The Council of Heads of State of the Shanghai Cooperation Organisation met in Moscow and\n"
    "reviewed the work done since the previous meeting.\n\n"
    "The member states agreed to strengthen cooperation on security, trade and culture, and to hold the\n"
    "next meeting in Dushanbe.\n\n"
    "Page 1",
    "SCO/2020/7 - Council of Heads of State\n\n"
    "Annex: the declaration adopted by the Council is reproduced below in its original language. Les\n"
    "États membres réaffirment leur engagement.\n\n"
    "Page 2",
]


def test_pdf_pages_are_separated_by_form_feeds_and_paragraphs_by_blank_lines(read_sample):
    assert read_sample("report.pdf") == Reading(
        RawDocument(
            path="report.pdf",
            format="pdf",
            text="\n\f".join(REPORT_PAGES),
            metadata=Metadata(title="Moscow meeting report", date="2020-11-10"),
        )
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("report_truncated.pdf", r"truncated PDF: the file ends before the PDF end marker \(%%EOF\)"),
        ("drawing_only.pdf", r"no extractable text: the PDF has no text layer"),
        ("encrypted.pdf", r"encrypted PDF: it needs a password"),
        ("memorandum_broken.docx", r"broken Word file: cannot open it as \.docx \(BadZipFile"),
    ],
)
def test_broken_or_empty_documents_are_rejected_with_a_reason(read_sample, name, reason):
    with pytest.raises(RejectedFile, match=reason):
        read_sample(name)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html>not a pdf</html>", r"not a PDF file: the '%PDF-' header is missing"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
         r"broken PDF: no page could be read from it"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"\n%%EOF", r"broken PDF: PDFSyntaxError: No /Root object"),
    ],
)
def test_damaged_pdf_bytes_are_rejected(data, reason):
    with pytest.raises(RejectedFile, match=reason):
        read_pdf(data, "x.pdf", Config())


def test_docx_headings_lists_and_table_cells(read_sample):
    assert read_sample("memorandum.docx") == Reading(
        RawDocument(
            path="memorandum.docx",
            format="docx",
            text=(
                "# Memorandum on cultural cooperation\n\n"
                "The parties agree to develop cooperation in culture and the arts.\n\n"
                "# Areas of cooperation\n\n"
                "- Exchanges of exhibitions\n\n"
                "- Joint festivals\n\n"
                "## Final provisions\n\n"
                "Signed in Bishkek\n\n"
                "14 June 2019\n\n"
                "This memorandum enters into force on signature."
            ),
            metadata=Metadata(title="Memorandum on cultural cooperation", date="2019-06-14"),
        )
    )


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"plain text saved with a .docx name",
        _zip({"hello.txt": "a zip, but not a Word document"}),
    ],
)
def test_files_that_are_not_word_documents_are_rejected(data):
    with pytest.raises(RejectedFile, match="broken Word file"):
        read_docx(data, "x.docx", Config())
