"""Split a cleaned document into passages of a readable size.

Paragraph-based: short paragraphs are merged up to ``passage_min_chars``,
long ones are cut at sentence boundaries below ``passage_max_chars``. A heading
starts a new section; a paragraph for which ``is_boundary`` is true (a new
speaker, a change of language) starts a new passage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from indexer.config import Config
from indexer.models import Block

# Sentence ends: Latin/Cyrillic full stop, ! or ? followed by space and a capital,
# digit, quote or bracket; CJK full-width ends need no space.
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)]*\s+(?=[\"«“‘(\[A-ZА-ЯЁÀ-Ý0-9])|(?<=[。！？])")
# Abbreviations that end in a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no nos art para paras vol p pp e.g i.e etc fig gen col lt sen rep jr sr "
    "inc ltd co corp dept univ vs cf ca approx г гг т.е см им".split()
)
# Kinds of block that never become passage text.
SKIPPED_KINDS = frozenset({"dateline"})
# A line opening an annex of a letter (UN letters carry the declaration they transmit as an annex).
ANNEX_CUE = re.compile(r"(?i)(annex|annexe|anexo|anlage|приложение|附件)\b")
# An annex heading is a title line, not a paragraph that happens to start with "Annex".
ANNEX_HEADING_MAX_CHARS = 300
PARAGRAPH_JOIN = "\n\n"
ITEM_JOIN = "\n"


@dataclass(frozen=True)
class Draft:
    """A passage before language and facets: its text, section heading and ordinal."""

    ordinal: int
    text: str
    heading: str | None


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text``, keeping abbreviations such as "Mr." inside."""
    pieces: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        candidate = text[start:match.start()].rstrip()
        last_word = re.split(r"\s", candidate)[-1].rstrip(".").lower() if candidate else ""
        if last_word in ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        pieces.append(text[start:match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [piece for piece in pieces if piece]


def _pack(pieces: Iterable[str], max_chars: int) -> list[str]:
    """Join consecutive pieces with spaces into chunks of at most ``max_chars`` (a longer piece stays whole)."""
    chunks, current = [], ""
    for piece in pieces:
        if current and len(current) + 1 + len(piece) > max_chars:
            chunks.append(current)
            current = piece
        else:
            current = f"{current} {piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def cut_long_text(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into pieces no longer than ``max_chars``, at sentence boundaries."""
    if len(text) <= max_chars:
        return [text]
    sentences: list[str] = []
    for sentence in split_sentences(text):
        sentences.extend(_pack(sentence.split(" "), max_chars) if len(sentence) > max_chars else [sentence])
    return _pack(sentences, max_chars)


class _Accumulator:
    """Collect blocks into passage texts under the size rules."""

    def __init__(self, config: Config):
        self.config = config
        self.parts: list[tuple[str, str]] = []  # (kind, text)
        self.length = 0

    def add(self, block: Block) -> None:
        self.parts.append((block.kind, block.text))
        self.length += len(block.text)

    def is_full(self) -> bool:
        return self.length >= self.config.passage_min_chars

    def would_overflow(self, block: Block) -> bool:
        return bool(self.parts) and self.length + len(block.text) > self.config.passage_max_chars

    def flush(self) -> list[str]:
        text = ""
        for index, (kind, part) in enumerate(self.parts):
            if index:
                both_items = kind == "item" and self.parts[index - 1][0] == "item"
                text += ITEM_JOIN if both_items else PARAGRAPH_JOIN
            text += part
        self.parts, self.length = [], 0
        return cut_long_text(text, self.config.passage_max_chars) if text else []


def split_blocks(
    blocks: Sequence[Block],
    config: Config,
    is_boundary: Callable[[Block], bool] | None = None,
) -> list[Draft]:
    """Group blocks into passages with their section headings."""
    drafts: list[Draft] = []
    heading: str | None = None
    pending = _Accumulator(config)

    def emit(texts: Iterable[str]) -> None:
        for text in texts:
            drafts.append(Draft(len(drafts) + 1, text, heading))

    for block in blocks:
        if block.kind in SKIPPED_KINDS or not block.text.strip():
            continue
        if block.kind == "heading":
            emit(pending.flush())
            heading = block.text.strip()
            continue
        if pending.is_full() or pending.would_overflow(block) or (
            pending.parts and is_boundary is not None and is_boundary(block)
        ):
            emit(pending.flush())
        pending.add(block)
    emit(pending.flush())
    if not drafts and heading is not None:
        headings = [b.text.strip() for b in blocks if b.kind == "heading" and b.text.strip()]
        heading = None
        emit(cut_long_text(PARAGRAPH_JOIN.join(headings), config.passage_max_chars))
    return drafts


def is_annex_heading(block: Block) -> bool:
    """True for a line that opens an annex ("Annex to the letter…", "Annexe à la lettre…", "Приложение")."""
    text = block.text.strip()
    return (block.kind in ("heading", "paragraph") and len(text) <= ANNEX_HEADING_MAX_CHARS
            and not text.endswith(".") and ANNEX_CUE.match(text) is not None)


def split_parts(blocks: Sequence[Block]) -> list[tuple[Block, ...]]:
    """Split a document at its annex headings: the letter, then each annex."""
    parts: list[list[Block]] = [[]]
    for block in blocks:
        if is_annex_heading(block) and parts[-1]:
            parts.append([])
        parts[-1].append(Block(block.text, "heading", 1) if is_annex_heading(block) else block)
    return [tuple(part) for part in parts if part]


def split_document(
    blocks: Sequence[Block],
    config: Config,
    is_boundary: Callable[[Block], bool] | None = None,
) -> list[tuple[int, Draft]]:
    """Split each part (body, annexes) into passages numbered through the document; return (part, draft)."""
    numbered: list[tuple[int, Draft]] = []
    for part_index, part in enumerate(split_parts(blocks)):
        for draft in split_blocks(part, config, is_boundary):
            numbered.append((part_index, Draft(len(numbered) + 1, draft.text, draft.heading)))
    return numbered
