"""Boilerplate stripping: turn a raw document into clean blocks of text.

HTML pages lose their site furniture (``html``); plain text is told apart as
PDF-extracted, a web page dump or clean text, and cleaned accordingly
(``text``, ``pdf``); blocks repeated across documents of one site are found
by ``repeated``.
"""
from __future__ import annotations

from indexer.boilerplate.html import clean_html
from indexer.boilerplate.text import clean_text, detect_layout
from indexer.config import Config
from indexer.models import Block, RawDocument

__all__ = ["clean", "clean_html", "clean_text", "detect_layout"]


def clean(raw: RawDocument, config: Config) -> tuple[Block, ...]:
    """Return the document's text as blocks, without furniture."""
    if raw.format == "html":
        return clean_html(raw.html or "", config)
    return clean_text(raw.text, config)
