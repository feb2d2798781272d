"""One result model for a search, rendered alike by the HTML page, the JSON API, Atom and CSV."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Mapping
from urllib.parse import quote, urlencode

from markupsafe import Markup

from indexer.engines import Hit, Relaxed, SearchResults
from indexer.equivalents import Equivalent
from indexer.facets.attribution import speaker_line
from indexer.facets.vocab import fold
from webapp.facets import FACET_TITLES, FacetGroup, build_facets, label_for
from webapp.request import SearchRequest, toggled, toggled_exclusion, url_with
from webapp.similar import LikeView
from indexer.versions import Versions
from webapp.versions import VersionLink, offered_versions

# Numbered page links either side of the current page.
PAGE_WINDOW = 2
# A heading found inside the title is the title (its page's name cut off) from this many words; a shorter one
# ("Security" in "Security Council resolution ...") is a real section.
TITLE_PART_MIN_WORDS = 3
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Links:
    """Where a result page's URLs point: the search endpoint of its format and the document page."""

    search_base: str  # e.g. "/search" or "http://host/api/search"
    document_base: str  # e.g. "/doc/" or "http://host/doc/"

    def search(self, request: SearchRequest) -> str:
        """Return the canonical URL of ``request`` at this format's search endpoint."""
        return url_with(self.search_base, request)

    def document(self, doc_id: str, q: str = "", ordinal: int | None = None, xlang: bool = True) -> str:
        """Return the URL of a document with the query to mark (``xlang``: its equivalents too) and an anchor."""
        url = self.document_base + quote(doc_id, safe="")
        url += "?" + urlencode([("q", q)] + ([] if xlang else [("xlang", "0")])) if q else ""
        return url + (f"#p{ordinal}" if ordinal is not None else "")


@dataclass(frozen=True)
class HitView:
    """One hit as every format shows it."""

    passage_id: str
    doc_id: str
    ordinal: int
    title: str
    heading: str | None  # the passage's section heading, None when it merely repeats the title
    date: str | None
    lang: str
    speakers: tuple[str, ...]
    topics: tuple[tuple[str, str], ...]  # (value, label)
    doc_type: str | None
    type_label: str | None
    source: str | None
    snippet_html: Markup  # escaped by the store; only <mark> is markup
    text: str
    url: str  # the passage in its document, the query's words marked
    permalink: str  # the passage in its document, no query: the address to cite
    score: float | None
    matched_words: tuple[str, ...] = ()  # the query's plain words the passage holds
    missing_words: tuple[str, ...] = ()  # ...and those it lacks (a relaxed search only)
    document_matches: int = 0  # grouped by document: the matching passages of its document
    document_url: str = ""  # the whole document, the query's words marked
    similar_url: str = ""  # passages of other documents worded like this one
    new_section: bool = False  # the page shows the heading: not the previous hit's, of the same document, again
    symbol: str | None = None  # the document's symbol
    version: VersionLink | None = None  # the document in the query's language, when it is in another one
    reported: tuple[str, ...] = ()  # people whose words the passage reports

    @property
    def byline(self) -> str:
        """Return who delivers the passage and whom it reports ("Vladimir Norov, reporting Vladimir Putin")."""
        return speaker_line(self.speakers, self.reported)


@dataclass(frozen=True)
class PageLink:
    """One numbered page link, or a gap (number None) between them."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Chip:
    """A chosen filter shown as a removable chip."""

    label: str
    remove_url: str


@dataclass(frozen=True)
class SortLink:
    """One sort order and the URL that applies it."""

    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class GroupLink:
    """One way of listing hits (passages, or one per document) and the URL that chooses it."""

    name: str
    label: str
    url: str
    current: bool


# The label of each grouping's link.
GROUP_LABELS = {"passage": "every passage", "document": "one per document"}


@dataclass(frozen=True)
class ResultPage:
    """A search's hits, facets, pages, chips and suggestion, with every URL already built."""

    request: SearchRequest
    total: int
    took_ms: float
    hits: tuple[HitView, ...]
    facets: tuple[FacetGroup, ...]
    suggestion: tuple[str, str] | None  # (corrected query, its URL)
    pages: tuple[PageLink, ...]
    last_page: int
    prev_url: str | None
    next_url: str | None
    last_url: str
    chips: tuple[Chip, ...]
    clear_url: str
    sorts: tuple[SortLink, ...]
    self_url: str
    relaxed: Relaxed | None = None  # set when the hits go on past the passages holding every word
    groups: tuple[GroupLink, ...] = ()
    like: LikeView | None = None  # the passage compared with, for similar passages
    passage_total: int = 0  # matching passages (``total`` counts documents when grouped)
    facets_estimated: bool = False  # the facet counts of documents are estimates
    also_searched: tuple[Equivalent, ...] = ()  # equivalents of the query's words in other languages, searched too
    only_typed_url: str | None = None  # this search without them
    all_languages_url: str | None = None  # searched as typed only: this search with them

    @property
    def unit(self) -> str:
        """Return what one hit and one facet count stand for: "document" or "passage"."""
        return "document" if self.request.grouped else "passage"

    @property
    def beyond_last(self) -> bool:
        """Return whether the requested page lies after the last page of results."""
        return self.request.page > self.last_page

    @property
    def first_index(self) -> int:
        """Return the 1-based rank of the first hit on this page."""
        return (self.request.page - 1) * self.request.per_page + 1


def _letters(text: str) -> str:
    """Return ``text`` case-folded without accents, keeping letters and digits only."""
    return "".join(char for char in fold(text) if char.isalnum())


def section_heading(heading: str | None, title: str | None) -> str | None:
    """Return a passage's heading unless it has no words or is the title's text (all of it, or a long part)."""
    own = _letters(heading or "")
    if not own:
        return None
    titles = _letters(title or "")
    if own == titles or (own in titles and len(WORD.findall(heading)) >= TITLE_PART_MIN_WORDS):
        return None
    return heading


def marked_sections(hits: tuple[HitView, ...]) -> tuple[HitView, ...]:
    """Return the hits, each marked as opening a section unless it follows a hit of its document and section."""
    marked, previous = [], None
    for hit in hits:
        repeated = previous is not None and (previous.doc_id, previous.heading) == (hit.doc_id, hit.heading)
        marked.append(replace(hit, new_section=bool(hit.heading) and not repeated))
        previous = hit
    return tuple(marked)


def hit_view(hit: Hit, request: SearchRequest, labels, links: Links, version: VersionLink | None = None) -> HitView:
    """Return the view of one hit (``version``: its document in the query's language)."""
    passage = hit.passage
    return HitView(
        passage_id=passage.passage_id,
        doc_id=passage.doc_id,
        ordinal=passage.ordinal,
        title=passage.title or passage.doc_id,
        heading=section_heading(passage.heading, passage.title),
        date=passage.date,
        lang=passage.lang,
        speakers=tuple(passage.speakers),
        topics=tuple((topic, label_for("topic", topic, labels)) for topic in passage.topics),
        doc_type=passage.doc_type,
        type_label=label_for("type", passage.doc_type, labels) if passage.doc_type else None,
        source=passage.source,
        snippet_html=Markup(hit.snippet_html),
        text=passage.text,
        url=links.document(passage.doc_id, request.q, passage.ordinal, request.xlang),
        permalink=links.document(passage.doc_id, ordinal=passage.ordinal),
        score=round(hit.score, 4) if hit.score is not None else None,
        matched_words=hit.matched_words,
        missing_words=hit.missing_words,
        document_matches=hit.document_matches,
        document_url=links.document(passage.doc_id, request.q, xlang=request.xlang),
        similar_url=links.search(SearchRequest(like=passage.passage_id, xlang=request.xlang)),
        symbol=passage.symbol,
        version=version,
        reported=tuple(passage.reported),
    )


def page_links(request: SearchRequest, last_page: int, links: Links) -> tuple[PageLink, ...]:
    """Return numbered page links: the first, a window round the current page, the last, gaps between."""
    current = min(request.page, last_page)
    numbers = sorted({1, last_page} | set(range(max(1, current - PAGE_WINDOW), min(last_page, current + PAGE_WINDOW) + 1)))
    result: list[PageLink] = []
    for number in numbers:
        if result and result[-1].number is not None and number - result[-1].number > 1:
            result.append(PageLink(None))
        result.append(PageLink(number, links.search(replace(request, page=number)), number == request.page))
    return tuple(result) if last_page > 1 else ()


def chips(request: SearchRequest, labels, links: Links) -> tuple[Chip, ...]:
    """Return a removable chip for every chosen facet value, exclusion and date bound."""
    found = []
    for facet in request.filters:
        title = FACET_TITLES.get(facet.name, facet.name)
        for value in facet.include:
            found.append(Chip(f"{title}: {label_for(facet.name, value, labels)}", links.search(toggled(request, facet.name, value))))
        for value in facet.exclude:
            found.append(Chip(f"not {title}: {label_for(facet.name, value, labels)}",
                              links.search(toggled_exclusion(request, facet.name, value))))
    if request.date_from:
        found.append(Chip(f"from {request.date_from}", links.search(replace(request, date_from=None, page=1))))
    if request.date_to:
        found.append(Chip(f"to {request.date_to}", links.search(replace(request, date_to=None, page=1))))
    return tuple(found)


def sort_links(request: SearchRequest, links: Links) -> tuple[SortLink, ...]:
    """Return the sort orders that make sense for this page (no relevance without a query)."""
    default = "relevance" if request.has_query else "newest"
    names = ("relevance", "newest", "oldest") if request.has_query else ("newest", "oldest")
    return tuple(
        SortLink(name, links.search(replace(request, sort=None if name == default else name, page=1)),
                 name == request.effective_sort)
        for name in names
    )


def group_links(request: SearchRequest, links: Links) -> tuple[GroupLink, ...]:
    """Return the ways of listing hits and the URL of each."""
    return tuple(
        GroupLink(name, GROUP_LABELS[name], links.search(replace(request, group=None if name == request.default_group else name, page=1)),
                  name == request.effective_group)
        for name in GROUP_LABELS
    )


def build_result_page(results: SearchResults, request: SearchRequest, labels: Mapping, links: Links,
                      like: LikeView | None = None, equivalents: tuple[Equivalent, ...] = (),
                      versions: Versions | None = None) -> ResultPage:
    """Return the result model of a search, every URL pointing into ``links``.

    ``equivalents`` are those of the query's words in other languages, searched unless ``xlang=0``;
    ``versions`` link documents to their versions, offered in a hit when the query is in another language.
    """
    last_page = max(1, math.ceil(results.total / request.per_page))
    suggestion = None
    if results.suggestion and results.suggestion != request.q and not request.like:
        suggestion = (results.suggestion, links.search(replace(request, q=results.suggestion, page=1)))
    return ResultPage(
        request=request,
        total=results.total,
        took_ms=round(results.took_ms, 1),
        hits=marked_sections(tuple(hit_view(hit, request, labels, links, version) for hit, version in zip(
            results.hits, offered_versions([hit.passage.doc_id for hit in results.hits], request.q, versions,
                                           lambda doc_id: links.document(doc_id, request.q, xlang=request.xlang))))),
        facets=build_facets(results.facets, request, labels, links.search_base),
        suggestion=suggestion,
        pages=page_links(request, last_page, links),
        last_page=last_page,
        prev_url=links.search(replace(request, page=request.page - 1)) if 1 < request.page <= last_page else None,
        next_url=links.search(replace(request, page=request.page + 1)) if request.page < last_page else None,
        last_url=links.search(replace(request, page=last_page)),
        chips=chips(request, labels, links),
        clear_url=links.search(SearchRequest(q=request.q, sort=request.sort, per_page=request.per_page,
                                             like=request.like, xlang=request.xlang)),
        sorts=sort_links(request, links),
        self_url=links.search(request),
        relaxed=results.relaxed,
        groups=group_links(request, links),
        like=like,
        passage_total=results.passage_total if results.passage_total is not None else results.total,
        facets_estimated=results.facets_estimated,
        also_searched=equivalents if request.xlang else (),
        only_typed_url=links.search(replace(request, xlang=False, page=1)) if request.xlang and equivalents else None,
        all_languages_url=links.search(replace(request, xlang=True, page=1)) if not request.xlang and equivalents
        else None,
    )
