"""A document's title: the librarian's, its first heading, its first short line, or its file name.

An annex written in another language than the document's opening (a French
letter transmitting an English declaration) has a title of its own: its first
heading after the line that opens it.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Sequence

from indexer.boilerplate.vocabulary import is_credit, load_vocabulary
from indexer.facets.datelines import parse_dateline
from indexer.facets.dates import HEADER_BLOCKS
from indexer.facets.symbols import find_symbols
from indexer.models import Block, Metadata

# Longest title shown in result lists; longer ones are cut at a word boundary.
TITLE_MAX_CHARS = 200
# A first line longer than this is running text, not a title.
FIRST_LINE_MAX_CHARS = 150
# Marks a cut title.
ELLIPSIS = "…"
# Name parts that are download identifiers rather than words ("000_b1dc39bb15750822").
HASH_LIKE = re.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}", re.IGNORECASE)

# A source line in the collection's languages, also with a space before the colon ("Source : MAE").
SOURCE_LINE = re.compile(r"^\W*(?:sources?|источники?|quelle|fuente|来源|來源|出处)\s*[:：]", re.IGNORECASE)
# What may stand between the symbols of a symbol line ("A/75/704–S/2021/78", "A/75/704 and S/2021/78").
SYMBOL_JOINERS = re.compile(r"(?i)[\s,;&–—\-]+|\b(?:and|et|и)\b")
# Kinds of block a metadata line may hide in; a dateline among them goes to the "dateline" kind.
RELABELLED_KINDS = ("heading", "paragraph")
_MARKDOWN = re.compile(r"^\s*#{1,6}\s+|(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])|`")


def clean_title(text: str) -> str:
    """Return ``text`` without Markdown marks, with spaces collapsed, cut to TITLE_MAX_CHARS at a word."""
    text = " ".join(_MARKDOWN.sub("", line) for line in text.splitlines())
    text = " ".join(text.split()).strip(" -–—:|")
    if len(text) <= TITLE_MAX_CHARS:
        return text
    cut = text[: TITLE_MAX_CHARS - len(ELLIPSIS) + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:-1]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def is_symbol_line(text: str) -> bool:
    """Tell whether a line holds nothing but UN document symbols."""
    symbols = find_symbols(text)
    rest = text
    for symbol in symbols:
        rest = rest.replace(symbol, " ")
    return bool(symbols) and not SYMBOL_JOINERS.sub("", rest).strip("()[].")


def is_metadata_line(text: str) -> bool:
    """Tell whether a line is a dateline, a "Source:" line or a symbol line: metadata, never a title."""
    line = clean_title(text)
    return bool(line) and (
        parse_dateline(line) is not None or SOURCE_LINE.match(line) is not None
        or is_credit(line, load_vocabulary()) or is_symbol_line(line)
    )


def metadata_lines(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Return the blocks with header datelines as "dateline" blocks and other metadata headings as paragraphs.

    A dateline after the header zone (a letter's closing "New York, 2 March 2021") stays text and
    does not compete with the header for the document's date.
    """
    relabelled = []
    for index, block in enumerate(blocks):
        if block.kind in RELABELLED_KINDS and is_metadata_line(block.text):
            in_header = index < HEADER_BLOCKS
            kind = "dateline" if in_header and parse_dateline(clean_title(block.text)) else "paragraph"
            block = Block(block.text, kind)
        relabelled.append(block)
    return tuple(relabelled)


def document_place(blocks: Sequence[Block]) -> str | None:
    """Return the place of the document's first dateline that names one, or None."""
    for block in blocks:
        dateline = parse_dateline(clean_title(block.text)) if block.kind == "dateline" else None
        if dateline and dateline.place:
            return dateline.place
    return None


def humanise_stem(path: str) -> str:
    """Return a readable name from a file name: separators as spaces, hash-like parts dropped."""
    stem = PurePosixPath(path).stem
    words = [w for w in re.split(r"[_\-.\s]+", stem) if w and not HASH_LIKE.fullmatch(w)]
    text = " ".join(words) or stem
    return text[:1].upper() + text[1:]


def document_title(blocks: Sequence[Block], metadata: Metadata, path: str) -> str:
    """Return the librarian's title, else the first heading, else a short first line, else the file name."""
    if metadata.title and metadata.title.strip():
        return clean_title(metadata.title)
    heading = next((b for b in blocks if b.kind == "heading" and clean_title(b.text)
                    and not is_metadata_line(b.text)), None)
    if heading:
        return clean_title(heading.text)
    lines = (clean_title(line) for b in blocks if b.kind in ("paragraph", "item") for line in b.text.splitlines())
    first_line = next((line for line in lines if line and not is_metadata_line(line)), None)
    if first_line and len(first_line) <= FIRST_LINE_MAX_CHARS:
        return first_line
    return humanise_stem(path)


def _main_language(passages: Sequence[tuple[int, str, str]], part: int) -> str | None:
    """Return the language most of a part's text is written in."""
    sizes: Counter[str] = Counter()
    for index, lang, text in passages:
        if index == part:
            sizes[lang] += len(text)
    return sizes.most_common(1)[0][0] if sizes else None


def part_titles(title: str, parts: Sequence[Sequence[Block]], passages: Sequence[tuple[int, str, str]]) -> list[str]:
    """Return each passage's title: the document's, or in an annex mostly in another language, the annex's own.

    ``parts`` are the document's blocks split at its annexes (each annex opening with its heading);
    ``passages`` are (part index, language, text) of each passage in order.
    """
    opening = passages[0][1] if passages else None
    own: dict[int, tuple[str, str]] = {}
    for index, part in enumerate(parts[1:], start=1):
        lang = _main_language(passages, index)
        heading = next((clean_title(block.text) for block in part[1:] if block.kind == "heading"
                        and clean_title(block.text)), None)
        if lang not in (None, opening) and heading:
            own[index] = (lang, heading)
    return [own[index][1] if index in own and own[index][0] == lang else title for index, lang, _ in passages]
