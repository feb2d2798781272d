"""Read Word documents (.docx) with python-docx.

Paragraphs come out in document order, headings (styles "Title", "Heading 1"
to "Heading 6") as ``#`` lines, list paragraphs as ``- `` items, and each table
cell's paragraphs as paragraphs of their own. The core properties' title and
creation date are weak metadata, used only where the librarian gives none.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from indexer.config import Config
from indexer.models import Metadata, RawDocument, RejectedFile
from indexer.readers.common import Reading, require_text
from indexer.readers.encoding import normalise_text

HEADING_STYLE = re.compile(r"^heading ([1-6])$", re.IGNORECASE)
TITLE_STYLES = frozenset({"title"})  # the document title: a level-1 heading
LIST_STYLE_PREFIX = "list"  # "List Bullet", "List Number", "List Paragraph", ...
# What python-docx raises on a damaged package: not a zip, a missing part, bad XML.
BROKEN_PACKAGE_ERRORS = (zipfile.BadZipFile, OpcError, KeyError, XMLSyntaxError, ValueError)


def _style_name(paragraph: Paragraph) -> str:
    style = paragraph.style
    return (style.name or "").strip().lower() if style is not None else ""


def _is_list(paragraph: Paragraph, style: str) -> bool:
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.numPr is not None
    return numbered or style.startswith(LIST_STYLE_PREFIX)


def paragraph_block(paragraph: Paragraph) -> str:
    """Return one paragraph as a block of the reader-to-cleaner convention ('' if empty)."""
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    style = _style_name(paragraph)
    if style in TITLE_STYLES:
        return f"# {text}"
    if heading := HEADING_STYLE.match(style):
        return f"{'#' * int(heading.group(1))} {text}"
    if _is_list(paragraph, style):
        return f"- {text}"
    return text


def _table_blocks(table: Table) -> Iterator[str]:
    seen: set = set()  # cell elements; held here, so their identity is stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(cell._tc)
            yield from _blocks(cell)


def _blocks(container) -> Iterator[str]:
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _table_blocks(item)
        elif block := paragraph_block(item):
            yield block


def _core_metadata(document) -> Metadata:
    properties = document.core_properties
    title = " ".join((properties.title or "").split()) or None
    created = properties.created
    return Metadata(title=title, date=created.date().isoformat() if created else None)


def read_docx(data: bytes, path: str, config: Config) -> Reading:
    """Read the bytes of a Word document found at ``path`` (relative to the corpus)."""
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n\n".join(_blocks(document))
    except BROKEN_PACKAGE_ERRORS as error:
        raise RejectedFile(f"broken Word file: cannot open it as .docx ({type(error).__name__}: {error}); "
                           "a truncated download, or an old .doc renamed?") from error
    text = require_text(normalise_text(text), "the Word document has no text")
    return Reading(RawDocument(path=path, format="docx", text=text, metadata=_core_metadata(document)))
