"""Corpus documents as blocks for the facet tests, built here rather than by the boilerplate cleaner.

Paragraphs are split on blank lines, the first one is the heading, and a short
line with digits but no letters is a dateline, so these tests do not depend on
the cleaner.
"""
from __future__ import annotations

import re
from pathlib import Path

from indexer.models import Block

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
DATA = Path(__file__).resolve().parent / "data"

# The web page 001 still carries its site furniture; keep only the article, as the
# boilerplate cleaner would (from its headline to the comment links).
ARTICLE_SPANS = {
    "001_5ebd3e9147405e68.txt": ("SCO Secretary-General's press conference", "• Add Comment"),
}
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_DATELINE = re.compile(r"[\W\d_]*\d[\W\d_]*")
DATELINE_MAX_CHARS = 40


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """Split text into blocks: first is the heading, a short letter-free line with digits is a dateline."""
    blocks: list[Block] = []
    for paragraph in (p.strip() for p in _BLANK_LINE.split(text)):
        lines, kept = paragraph.splitlines(), []
        for line in lines:
            if len(line.strip()) <= DATELINE_MAX_CHARS and _DATELINE.fullmatch(line.strip()):
                _flush(blocks, kept)
                blocks.append(Block(line.strip(), kind="dateline"))
            else:
                kept.append(line)
        _flush(blocks, kept)
    return tuple(blocks)


def _flush(blocks: list[Block], lines: list[str]) -> None:
    text = "\n".join(lines).strip()
    if text:
        blocks.append(Block(text, kind="paragraph" if blocks else "heading", level=0 if blocks else 1))
    lines.clear()


def corpus_text(name: str) -> str:
    """Return a corpus document's text, cut to its article where it has site furniture."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    if name in ARTICLE_SPANS:
        start, end = ARTICLE_SPANS[name]
        flat = text.replace("\xa0", " ")
        text = text[flat.index(start):flat.index(end)]
    return text
