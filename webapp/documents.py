"""A whole document as the document page and the API show it: metadata, passages, hits to jump between."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Callable, Mapping, Sequence

from markupsafe import Markup

from indexer.models import Passage
from webapp.facets import label_for
from webapp.versions import VersionLink

# The store's highlighter marks matched words with this tag, and nothing else.
MARK_TAG = "<mark>"
# Paragraphs merged into one passage are separated by a blank line (a mark never spans one).
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

Highlighter = Callable[[str, str, str], str]  # (text, lang, query) -> escaped HTML with <mark>


@dataclass(frozen=True)
class PassageView:
    """One passage of a document, highlighted, with links to the neighbouring passages that have hits."""

    passage_id: str
    ordinal: int
    anchor: str
    title: str | None  # the document's title, or in an annex in another language the annex's own
    heading: str | None
    new_section: bool  # the heading differs from the previous passage's, so the page shows it
    lang: str
    text: str
    paragraphs: tuple[Markup, ...]  # the highlighted HTML, one item per paragraph
    speakers: tuple[str, ...]
    topics: tuple[tuple[str, str], ...]
    has_hit: bool
    prev_hit: str | None = None  # anchor of the previous passage with a hit
    next_hit: str | None = None
    reported: tuple[str, ...] = ()  # people whose words the passage reports


@dataclass(frozen=True)
class DocumentView:
    """A document's metadata and its passages in order."""

    doc_id: str
    title: str
    date: str | None
    speakers: tuple[str, ...]
    doc_type: str | None
    type_label: str | None
    source: str | None
    langs: tuple[str, ...]
    lang_labels: tuple[str, ...]
    path: str
    q: str
    passages: tuple[PassageView, ...]
    symbol: str | None = None
    versions: tuple[VersionLink, ...] = ()  # the document in other languages
    reported: tuple[str, ...] = ()  # people whose words any of its passages reports

    @property
    def hit_anchors(self) -> tuple[str, ...]:
        """Return the anchors of the passages with a hit, in order."""
        return tuple(p.anchor for p in self.passages if p.has_hit)

    @property
    def lang(self) -> str:
        """Return the document's main language (that of most passages)."""
        counts = {lang: sum(1 for p in self.passages if p.lang == lang) for lang in self.langs}
        return max(self.langs, key=lambda lang: counts[lang]) if self.langs else "und"

    @property
    def title_lang(self) -> str:
        """Return the language of the title: that of the opening passage, where the title stands."""
        return self.passages[0].lang if self.passages else "und"


def _distinct(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _passage_views(passages: Sequence[Passage], q: str, highlight: Highlighter, labels) -> list[PassageView]:
    views, previous_heading = [], None
    for passage in passages:
        html = highlight(passage.text, passage.lang, q) if q else escape(passage.text)
        new_section = bool(passage.heading) and passage.heading != previous_heading
        previous_heading = passage.heading or previous_heading
        views.append(PassageView(
            passage_id=passage.passage_id,
            ordinal=passage.ordinal,
            anchor=f"p{passage.ordinal}",
            title=passage.title,
            heading=passage.heading,
            new_section=new_section,
            lang=passage.lang,
            text=passage.text,
            paragraphs=tuple(Markup(part) for part in PARAGRAPH_BREAK.split(html.strip()) if part),
            speakers=tuple(passage.speakers),
            topics=tuple((t, label_for("topic", t, labels)) for t in passage.topics),
            has_hit=MARK_TAG in html,
            reported=tuple(passage.reported),
        ))
    return views


def _link_hits(views: list[PassageView]) -> tuple[PassageView, ...]:
    """Return the passages with each hit linked to the previous and next passage with a hit."""
    hits = [index for index, view in enumerate(views) if view.has_hit]
    linked = list(views)
    for position, index in enumerate(hits):
        previous = views[hits[position - 1]].anchor if position > 0 else None
        following = views[hits[position + 1]].anchor if position + 1 < len(hits) else None
        linked[index] = PassageView(**{**views[index].__dict__, "prev_hit": previous, "next_hit": following})
    return tuple(linked)


def build_document(passages: Sequence[Passage], q: str, highlight: Highlighter,
                   labels: Mapping[str, Mapping[str, str]], versions: tuple[VersionLink, ...] = ()) -> DocumentView:
    """Return the view of a document from its passages, with the words of ``q`` marked and links to its versions."""
    first = passages[0]
    langs = _distinct(p.lang for p in passages)
    return DocumentView(
        doc_id=first.doc_id,
        title=first.title or first.doc_id,
        date=first.date,
        speakers=_distinct(s for p in passages for s in p.speakers),
        doc_type=first.doc_type,
        type_label=label_for("type", first.doc_type, labels) if first.doc_type else None,
        source=first.source,
        langs=langs,
        lang_labels=tuple(label_for("lang", lang, labels) for lang in langs),
        path=first.path,
        q=q,
        passages=_link_hits(_passage_views(passages, q, highlight, labels)),
        symbol=first.symbol,
        versions=versions,
        reported=_distinct(name for p in passages for name in p.reported),
    )
