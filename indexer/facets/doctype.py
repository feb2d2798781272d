"""Document type from cue phrases in the title (``corpus/doctypes.yaml``).

Cues are whole words or phrases, compared without case or accents; a final
"s" or "es" is allowed ("statement" matches "Statements"). The cue that comes
first in the title wins ("Address by … at a press conference" is a speech).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from indexer.facets.vocab import file_stamp, fold, line_of, read_yaml, require, string_list
from indexer.models import Block, Metadata

# When the title has no cue, the type may still be named in the first few blocks
# (a PDF's first lines, a web page's kicker).
HEADER_BLOCKS = 3
# Plural endings accepted after a Latin-script cue.
PLURAL_ENDINGS = r"(?:s|es)?"


@dataclass(frozen=True)
class DocTypeVocabulary:
    """Document types in file order, each with its cue phrases."""

    cues: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def pattern(self) -> re.Pattern | None:
        """Return one regex whose named groups are the types (None if there are no cues)."""
        return _compile(self.cues)


@lru_cache(maxsize=16)
def _compile(cues: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern | None:
    groups = []
    for index, (_, phrases) in enumerate(cues):
        alternatives = sorted((_phrase_regex(p) for p in phrases), key=len, reverse=True)
        if alternatives:
            groups.append(f"(?P<t{index}>{'|'.join(alternatives)})")
    if not groups:
        return None
    return re.compile("|".join(groups))


def _phrase_regex(phrase: str) -> str:
    """Return a regex for a folded cue: words joined by any spaces or hyphens, optional plural."""
    words = re.findall(r"[^\W_]+", fold(phrase))
    if not words:
        return "(?!)"
    if all("\u3400" <= c <= "\u9fff" for c in "".join(words)):
        return re.escape("".join(words))
    return r"(?<![^\W_])" + r"[\s\-‐‑]+".join(map(re.escape, words)) + PLURAL_ENDINGS + r"(?![^\W_])"


def _first_cue(text: str, vocab: DocTypeVocabulary) -> str | None:
    pattern = vocab.pattern()
    match = pattern.search(fold(text)) if pattern else None
    return vocab.cues[int(match.lastgroup[1:])][0] if match else None


def title_type(title: str, vocab: DocTypeVocabulary) -> str | None:
    """Return the type whose cue comes first in a title, or None when the title has no cue."""
    return _first_cue(title, vocab)


def document_type(
    title: str | None, blocks: Sequence[Block], metadata: Metadata, vocab: DocTypeVocabulary
) -> str | None:
    """Return the librarian's type, else the first cue found in the title, then in the first blocks."""
    if metadata.doc_type:
        return metadata.doc_type
    for text in (title or "", *(block.text for block in blocks[:HEADER_BLOCKS])):
        found = _first_cue(text, vocab)
        if found:
            return found
    return None


def parse_doctypes(data, path: Path | str = "doctypes.yaml") -> DocTypeVocabulary:
    """Build the vocabulary from the parsed YAML mapping {type: [cue, ...]}."""
    if data is None:
        return DocTypeVocabulary()
    require(isinstance(data, dict), path, line_of(data, 1),
            "the file must map each document type to a list of cue phrases")
    cues = []
    for doc_type, phrases in data.items():
        require(isinstance(doc_type, str) and doc_type.strip(), path, line_of(data), f"{doc_type!r} is not a type name")
        line = line_of(phrases, line_of(data))
        cues.append((doc_type.strip(), string_list(phrases, path, line, f"the cues of {doc_type!r}")))
    return DocTypeVocabulary(tuple(cues))


def load_doctypes(path: Path | str) -> DocTypeVocabulary:
    """Return the document-type vocabulary for a file, re-read only when the file changes."""
    return _load_doctypes(str(path), file_stamp(path))


@lru_cache(maxsize=8)
def _load_doctypes(path: str, stamp: int | None) -> DocTypeVocabulary:
    return parse_doctypes(read_yaml(path) if stamp is not None else None, path)
