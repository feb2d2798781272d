"""Read PDF files with pdfminer.six.

Each page's text boxes become paragraphs separated by blank lines; lines inside
a box keep their breaks (the cleaner joins them). A page break is a form feed
at the start of a line, as pdftotext writes it: the cleaner uses pages to find
running headers and footers. The PDF's own title and creation date are weak
metadata, used only where the librarian gives none.
"""
from __future__ import annotations

import io
import re

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text as decode_pdf_string

from indexer.config import Config
from indexer.metadata import MetadataError, normalise_date
from indexer.models import Metadata, RawDocument, RejectedFile
from indexer.readers.common import Reading, require_text
from indexer.readers.encoding import normalise_text

PAGE_BREAK = "\n\f"
# pdfminer's defaults group the lines of a paragraph into one box and start a new
# box where the gap between lines exceeds half a line: that gap is a paragraph break.
LAYOUT = LAParams(line_margin=0.5, char_margin=2.0, word_margin=0.1, boxes_flow=0.5)
# A PDF starts with "%PDF-" within its first kilobyte...
HEADER_WINDOW = 1024
# ...and ends with "%%EOF" within its last kilobyte (as readers tolerate); a file
# without it was cut short, and pdfminer would silently read what is left.
EOF_WINDOW = 1024
# Justified lines come out with runs of spaces between words.
SPACE_RUNS = re.compile(r"[ \u00a0]{2,}")
PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


def check_complete(data: bytes) -> None:
    """Raise RejectedFile unless ``data`` starts like a PDF and ends with its end marker."""
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise RejectedFile("not a PDF file: the '%PDF-' header is missing")
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise RejectedFile("truncated PDF: the file ends before the PDF end marker (%%EOF); "
                           "download or export it again")


def _info_string(info: dict, key: str) -> str | None:
    value = resolve1(info.get(key))
    if isinstance(value, bytes):
        value = decode_pdf_string(value)
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _info_metadata(document: PDFDocument) -> Metadata:
    info = resolve1(document.info[0]) if document.info else {}
    if not isinstance(info, dict):
        return Metadata()
    date = None
    created = _info_string(info, "CreationDate")
    match = PDF_DATE.match(created or "")
    if match:
        try:
            date = normalise_date("-".join(part for part in match.groups() if part))
        except MetadataError:
            date = None
    return Metadata(title=_info_string(info, "Title"), date=date)


def _page_text(layout) -> str:
    boxes = (element.get_text().strip() for element in layout if isinstance(element, LTTextContainer))
    return "\n\n".join(SPACE_RUNS.sub(" ", box) for box in boxes if box)


def _extract(data: bytes) -> tuple[str, Metadata]:
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAYOUT)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        pages.append(_page_text(device.get_result()))
    if not pages:
        raise RejectedFile("broken PDF: no page could be read from it")
    return PAGE_BREAK.join(pages), _info_metadata(document)


def read_pdf(data: bytes, path: str, config: Config) -> Reading:
    """Read the bytes of a PDF found at ``path`` (relative to the corpus)."""
    check_complete(data)
    try:
        text, metadata = _extract(data)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise RejectedFile("encrypted PDF: it needs a password or forbids copying its text") from error
    except PSException as error:
        raise RejectedFile(f"broken PDF: {type(error).__name__}: {error}") from error
    except Exception as error:  # noqa: BLE001 - see below
        # pdfminer reports damaged files with whatever its parsing code raises
        # (KeyError, TypeError, ValueError, zlib.error, struct.error, ...), not
        # only with its own exception classes; one bad file must not stop a run.
        raise RejectedFile(f"broken PDF: pdfminer failed with {type(error).__name__}: {error}") from error
    text = normalise_text(text)
    require_text(text.replace("\f", ""), "the PDF has no text layer (a scan? it needs OCR first)")
    return Reading(RawDocument(path=path, format="pdf", text=text, metadata=metadata))
