"""Cut a parsed HTML tree into text segments, one per paragraph, heading or list item."""
from __future__ import annotations

from dataclasses import dataclass

from bs4 import NavigableString, Tag

from indexer.boilerplate.textrules import INVISIBLE

HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
ITEM_TAGS = frozenset({"li", "dt", "dd"})
PARAGRAPH_TAGS = frozenset({"p", "blockquote", "pre", "td", "th", "figcaption", "address", "caption"})
# Tags that start and end a segment of their own; everything else is inline.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol",
        "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul", *HEADING_TAGS,
    }
)
LINK_TAG = "a"
BREAK_TAG = "br"


@dataclass(frozen=True)
class Segment:
    """A run of text between block boundaries, with where it sits in the tree."""

    text: str
    kind: str
    level: int
    link_chars: int
    ancestors: tuple[int, ...]  # id() of the enclosing block elements, outermost first

    @property
    def link_density(self) -> float:
        """Return the share of the text that is link text."""
        return self.link_chars / len(self.text) if self.text else 0.0


def _kind(stack: list[Tag]) -> tuple[str, int]:
    for element in reversed(stack):
        name = element.name
        if name in HEADING_TAGS:
            return "heading", HEADING_TAGS[name]
        if name in ITEM_TAGS:
            return "item", 0
        if name in PARAGRAPH_TAGS:
            return "paragraph", 0
    return "paragraph", 0


class _Collector:
    """Accumulate inline text and emit a segment at each block boundary."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.stack: list[Tag] = []
        self.ids: list[int] = []
        self.elements: dict[int, Tag] = {}

    def open(self, element: Tag) -> None:
        """Start a block element: what came before it is a segment."""
        self.flush()
        self.stack.append(element)
        self.ids.append(id(element))
        self.elements[id(element)] = element

    def close(self) -> None:
        """End the innermost block element."""
        self.flush()
        self.stack.pop()
        self.ids.pop()

    def add(self, text: str, in_link: bool) -> None:
        """Add inline text, counting it as link text inside a link."""
        self.parts.append(text)
        if in_link:
            self.link_chars += len(" ".join(text.split()))

    def flush(self) -> None:
        """Emit the text gathered so far as a segment."""
        text = " ".join("".join(self.parts).translate(INVISIBLE).split())
        if text:
            kind, level = _kind(self.stack)
            link_chars = min(self.link_chars, len(text))
            self.segments.append(Segment(text, kind, level, link_chars, tuple(self.ids)))
        self.parts = []
        self.link_chars = 0


def _is_link(node: Tag) -> bool:
    return node.name == LINK_TAG and node.has_attr("href")


def segments_of(root: Tag) -> tuple[list[Segment], dict[int, Tag]]:
    """Return the text segments under ``root`` in document order, and their elements by id."""
    collector = _Collector()
    link_depth = 0
    events: list[tuple[object, bool]] = [(root, False)]
    while events:
        node, closing = events.pop()
        if closing:
            if _is_link(node):
                link_depth -= 1
            if node.name in BLOCK_TAGS:
                collector.close()
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:
                collector.add(str(node), link_depth > 0)
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == BREAK_TAG:
            collector.flush()
            continue
        if node.name in BLOCK_TAGS:
            collector.open(node)
        if _is_link(node):
            link_depth += 1
        events.append((node, True))
        events.extend((child, False) for child in reversed(node.contents))
    collector.flush()
    return collector.segments, collector.elements
