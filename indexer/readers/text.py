"""Read plain-text files (.txt, .text), handing disguised Markdown to the Markdown reader.

The text passes through as it is after decoding and normalisation: the cleaner
joins hard-wrapped lines and removes page furniture.
"""
from __future__ import annotations

from indexer.config import Config
from indexer.models import RawDocument
from indexer.readers.common import Reading, require_text
from indexer.readers.encoding import decode_text
from indexer.readers.markdown import looks_like_markdown, markdown_reading


def read_text(data: bytes, path: str, config: Config) -> Reading:
    """Read the bytes of a plain-text file found at ``path`` (relative to the corpus)."""
    decoded = decode_text(data)
    text = require_text(decoded.text, "the file holds only white space")
    if looks_like_markdown(text):
        return markdown_reading(text, path, decoded.warnings)
    return Reading(RawDocument(path=path, format="txt", text=text), decoded.warnings)
