"""Similar passages as a search: ``like=<passage id>`` searches other documents for its distinctive words."""
from __future__ import annotations

from dataclasses import dataclass, replace

from indexer.engines import SearchQuery
from indexer.similar import distinctive_words


class UnknownPassage(LookupError):
    """The ``like`` parameter names no passage of the index."""


@dataclass(frozen=True)
class LikeView:
    """The passage a search compares with: where it is and the words compared."""

    passage_id: str
    doc_id: str
    title: str
    ordinal: int
    url: str
    words: tuple[str, ...]


def similar_query(query: SearchQuery, q: str, like: str, store, passages: int, document_url) -> tuple[SearchQuery, LikeView]:
    """Return the store query of passages worded like passage ``like`` (and matching ``q``), and its view.

    ``document_url(doc_id, ordinal)`` is the URL of a passage in its document. Raises ``UnknownPassage``.
    """
    passage = store.get_passage(like)
    if passage is None:
        raise UnknownPassage(like)
    words = tuple(distinctive_words(passage, store.words().counts, passages))
    similar = " OR ".join(words)
    text = f"({q}) ({similar})" if q and similar else similar
    view = LikeView(passage.passage_id, passage.doc_id, passage.title or passage.doc_id, passage.ordinal,
                    document_url(passage.doc_id, passage.ordinal), words)
    return replace(query, text=text, exclude_documents=(passage.doc_id,)), view
