"""The result and document models as JSON-ready data and CSV rows."""
from __future__ import annotations

import csv
import io

from indexer.engines import FACET_FIELDS
from webapp.documents import DocumentView
from webapp.facets import FacetGroup
from webapp.results import HitView, Links, ResultPage

CSV_COLUMNS = ("passage_id", "doc_id", "title", "date", "lang", "speakers", "reported", "topics", "type", "source", "url",
               "text")
# Several values in one CSV cell are joined with this (names never contain it).
CSV_SEPARATOR = "; "


def hit_json(hit: HitView) -> dict:
    """Return one hit as the API gives it."""
    return {
        "passage_id": hit.passage_id,
        "doc_id": hit.doc_id,
        "title": hit.title,
        "date": hit.date,
        "lang": hit.lang,
        "speakers": list(hit.speakers),
        "reported": list(hit.reported),
        "topics": [value for value, _ in hit.topics],
        "type": hit.doc_type,
        "source": hit.source,
        "snippet": str(hit.snippet_html),
        "url": hit.url,
        "score": hit.score,
        "matched_words": list(hit.matched_words),
        "missing_words": list(hit.missing_words),
        "document_matches": hit.document_matches or None,
        "similar_url": hit.similar_url,
        "symbol": hit.symbol,
        "version": {"doc_id": hit.version.doc_id, "lang": hit.version.lang, "url": hit.version.url}
        if hit.version else None,
    }


def facet_json(group: FacetGroup) -> list[dict]:
    """Return the listed values of one facet (the most frequent and the selected) as the API gives them."""
    return [
        {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected,
         "excluded": v.excluded, "url": v.url, "exclude_url": v.exclude_url}
        for v in group.values
    ]


def results_json(page: ResultPage) -> dict:
    """Return a result page as the API gives it."""
    facets = {group.name: facet_json(group) for group in page.facets}
    return {
        "total": page.total,
        "unit": page.unit,
        "passage_total": page.passage_total,
        "page": page.request.page,
        "per_page": page.request.per_page,
        "last_page": page.last_page,
        "took_ms": page.took_ms,
        "hits": [hit_json(hit) for hit in page.hits],
        "facets": {name: facets[name] for name in FACET_FIELDS if name in facets},
        "facet_value_counts": {group.name: group.value_count for group in page.facets},
        "facet_counts_estimated": page.facets_estimated,
        "suggestion": {"q": page.suggestion[0], "url": page.suggestion[1]} if page.suggestion else None,
        "relaxed": relaxed_json(page),
        "groups": {link.name: link.url for link in page.groups},
        "like": like_json(page),
        "also_searched": [{"word": equivalent.word, "lang": equivalent.lang} for equivalent in page.also_searched],
        "only_typed_url": page.only_typed_url,
    }


def like_json(page: ResultPage) -> dict | None:
    """Return the passage a similar-passages search compares with, and the words compared."""
    if page.like is None:
        return None
    like = page.like
    return {"passage_id": like.passage_id, "doc_id": like.doc_id, "title": like.title, "ordinal": like.ordinal,
            "url": like.url, "words": list(like.words)}


def relaxed_json(page: ResultPage) -> dict | None:
    """Return how a search was relaxed (None when every hit holds every word)."""
    if page.relaxed is None:
        return None
    return {"strict_total": page.relaxed.strict_total, "words": list(page.relaxed.words),
            "ignored": list(page.relaxed.ignored)}


def document_json(document: DocumentView, links: Links) -> dict:
    """Return a document and its passages as the API gives them."""
    return {
        "doc_id": document.doc_id,
        "title": document.title,
        "date": document.date,
        "speakers": list(document.speakers),
        "reported": list(document.reported),
        "type": document.doc_type,
        "source": document.source,
        "langs": list(document.langs),
        "path": document.path,
        "url": links.document(document.doc_id),
        "symbol": document.symbol,
        "versions": [{"doc_id": v.doc_id, "lang": v.lang, "title": v.title, "url": links.document(v.doc_id)}
                     for v in document.versions],
        "passages": [
            {"passage_id": p.passage_id, "ordinal": p.ordinal, "title": p.title, "heading": p.heading, "lang": p.lang,
             "speakers": list(p.speakers), "reported": list(p.reported), "topics": [value for value, _ in p.topics], "text": p.text,
             "url": links.document(document.doc_id, ordinal=p.ordinal)}
            for p in document.passages
        ],
    }


def csv_line(values) -> str:
    """Return one CSV record (RFC 4180 quoting, CRLF line end)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def csv_header() -> str:
    """Return the CSV header line."""
    return csv_line(CSV_COLUMNS)


def csv_row(hit: HitView) -> str:
    """Return one hit as a CSV line in ``CSV_COLUMNS`` order."""
    return csv_line((
        hit.passage_id, hit.doc_id, hit.title, hit.date or "", hit.lang, CSV_SEPARATOR.join(hit.speakers),
        CSV_SEPARATOR.join(hit.reported), CSV_SEPARATOR.join(value for value, _ in hit.topics), hit.doc_type or "",
        hit.source or "", hit.url, hit.text,
    ))
