"""Strip site furniture from an HTML page and keep its main text as blocks."""
from __future__ import annotations

import warnings
from collections import defaultdict

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning

from indexer.boilerplate.htmlprune import has_content_hint, prune_furniture
from indexer.boilerplate.htmlwalk import Segment, segments_of
from indexer.boilerplate.vocabulary import (
    Vocabulary,
    has_notice,
    is_credit,
    is_date_line,
    is_prompt,
    load_vocabulary,
)
from indexer.config import Config
from indexer.models import Block

PARSER = "lxml"
# Segments at least this long, with few links, are running text (a sentence or more).
TEXT_MIN_CHARS = 80
# Segments with more link text than this share are navigation or teaser lists.
LINK_HEAVY = 0.5
# Link text counts against a container this many times its length.
LINK_PENALTY = 1.0
# A container named as the main text (article, main, "entry-content") wins when it
# scores at least this share of the best container: templates name it reliably.
HINT_SHARE = 0.5
# Elements that name the main text by themselves.
MAIN_TAGS = frozenset({"article", "main"})
# Kept segments longer than this are text even when they mention a notice phrase.
NOTICE_MAX_CHARS = 300
# Datelines are looked for among the first few kept blocks; later date-only blocks
# are timestamps of teasers and comments.
DATELINE_WINDOW = 4


def _weight(segment: Segment) -> float:
    size = len(segment.text)
    if segment.link_density > LINK_HEAVY:
        return -LINK_PENALTY * size
    if size >= TEXT_MIN_CHARS:
        return size * (1.0 - segment.link_density)
    return 0.0


def _container_scores(segments: list[Segment]) -> dict[int, float]:
    scores: dict[int, float] = defaultdict(float)
    for segment in segments:
        weight = _weight(segment)
        if weight:
            for element in segment.ancestors:
                scores[element] += weight
    return scores


def _is_hinted(element: Tag, vocabulary: Vocabulary) -> bool:
    return element.name in MAIN_TAGS or has_content_hint(element, vocabulary)


def _main_container(
    segments: list[Segment], elements: dict[int, Tag], vocabulary: Vocabulary
) -> int | None:
    scores = _container_scores(segments)
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    if scores[best] <= 0:
        return None
    hinted = [
        element
        for element, score in scores.items()
        if score >= HINT_SHARE * scores[best] and _is_hinted(elements[element], vocabulary)
    ]
    return max(hinted, key=scores.__getitem__) if hinted else best


def _is_furniture_segment(segment: Segment, vocabulary: Vocabulary) -> bool:
    if segment.link_density > LINK_HEAVY:
        return True
    if is_prompt(segment.text, vocabulary) or is_credit(segment.text, vocabulary):
        return True
    return len(segment.text) <= NOTICE_MAX_CHARS and has_notice(segment.text, vocabulary)


def _without_furniture_sections(segments: list[Segment], vocabulary: Vocabulary) -> list[Segment]:
    """Drop sections headed, after some text, by a furniture heading ("Related articles").

    A section runs to the next heading of the same or higher rank or to the end of
    the element holding its heading, whichever comes first.
    """
    kept: list[Segment] = []
    section: tuple[int, int] | None = None  # (heading level, id of the heading's parent)
    seen_text = False
    for segment in segments:
        if section and (section[1] not in segment.ancestors or (
            segment.kind == "heading" and segment.level <= section[0]
        )):
            section = None
        heading = segment.kind == "heading" and segment.level > 1
        if heading and seen_text and is_prompt(segment.text, vocabulary):
            section = (segment.level, segment.ancestors[-2] if len(segment.ancestors) > 1 else 0)
        if section is None:
            kept.append(segment)
            seen_text = seen_text or _weight(segment) > 0
    return kept


def _to_blocks(segments: list[Segment], vocabulary: Vocabulary) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for segment in segments:
        kind = segment.kind
        if is_date_line(segment.text, vocabulary):
            if len(blocks) >= DATELINE_WINDOW:
                continue
            kind = "dateline"
        block = Block(segment.text, kind, segment.level if kind == "heading" else 0)
        if not blocks or blocks[-1] != block:
            blocks.append(block)
    while blocks and blocks[-1].kind == "heading":
        blocks.pop()
    return tuple(blocks)


def clean_html(html: str, config: Config) -> tuple[Block, ...]:
    """Return the main text of an HTML page as blocks, without site furniture."""
    vocabulary = load_vocabulary()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, PARSER)
    prune_furniture(soup, vocabulary)
    segments, elements = segments_of(soup.body or soup)
    container = _main_container(segments, elements, vocabulary)
    if container is not None:
        segments = [s for s in segments if container in s.ancestors]
    segments = _without_furniture_sections(segments, vocabulary)
    kept = [s for s in segments if not _is_furniture_segment(s, vocabulary)]
    return _to_blocks(kept, vocabulary)
