"""Blocks repeated across the documents of one site are furniture.

The pipeline groups documents by source, fingerprints their blocks, asks which
fingerprints recur across the group, and drops those blocks when it cleans the
documents again.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Iterable, Mapping

from indexer.models import Block

# A block is furniture when it appears in at least this many documents of a group...
MIN_DOCS = 3
# ...and in at least this share of them (a phrase shared by two press releases is not).
MIN_SHARE = 0.5
DIGIT_RE = re.compile(r"\d")


def block_fingerprint(text: str) -> str:
    """Return a fingerprint of a block's text: case, digits and spacing ignored."""
    normal = DIGIT_RE.sub("0", " ".join(text.lower().split()))
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def repeated_fingerprints(
    fingerprints_by_doc: Mapping[str, Iterable[str]],
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
) -> frozenset[str]:
    """Return the fingerprints found in at least ``min_docs`` and ``min_share`` of the documents."""
    counts: Counter[str] = Counter()
    for fingerprints in fingerprints_by_doc.values():
        counts.update(set(fingerprints))
    needed = max(min_docs, min_share * len(fingerprints_by_doc))
    return frozenset(fp for fp, count in counts.items() if count >= needed)


def drop_repeated(blocks: Iterable[Block], repeated: frozenset[str]) -> tuple[Block, ...]:
    """Return the blocks whose fingerprint is not repeated across the site.

    Headings stay when they are the document's only heading (a shared title such as
    "Press release" still names the document), and nothing is dropped when every
    block would go: a document made only of shared text is kept whole.
    """
    blocks = tuple(blocks)
    headings = [b for b in blocks if b.kind == "heading"]
    kept = tuple(
        block
        for block in blocks
        if block_fingerprint(block.text) not in repeated
        or (block.kind == "heading" and len(headings) == 1)
    )
    if not any(block.kind != "heading" for block in kept):
        return blocks
    return kept
