"""Blueprints of the web app and the helpers they share: the parsed request, the search, the link bases."""
from __future__ import annotations

from dataclasses import replace

from flask import abort, after_this_request, g, request, url_for

from indexer.engines import SearchQuery, SearchResults
from indexer.engines.crosslang import also_searched
from webapp.access import index_access
from webapp.crosslang import equivalents_table
from webapp.request import SearchRequest, parse_query_text, parse_search_request
from webapp.results import Links, ResultPage, build_result_page
from webapp.similar import LikeView, UnknownPassage, similar_query
from webapp.versions import live_versions

# Response headers of a search: the index generation (as /healthz names it) and the exact state of it used.
GENERATION_HEADER = "X-Index-Generation"
VERSION_HEADER = "X-Index-Version"


def current_search() -> SearchRequest:
    """Return this request's ``SearchRequest``, parsed from the query string once."""
    if "search_request" not in g:
        g.search_request = parse_search_request(request.args)
    return g.search_request


def query_text() -> str:
    """Return the ``q`` parameter alone (document pages, suggestions), refusing an over-long one."""
    return parse_query_text(request.args.get("q"))


def links_for(endpoint: str, external: bool = False) -> Links:
    """Return link bases for search URLs at ``endpoint`` and HTML document URLs."""
    placeholder = "_"
    document_base = url_for("documents.show", doc_id=placeholder, _external=external).removesuffix(placeholder)
    return Links(url_for(endpoint, _external=external), document_base)


def labels() -> dict:
    """Return the index's facet labels (cached with its stats)."""
    return dict(index_access().stats().labels)


def store_query(search: SearchRequest, links: Links, default_sort: str = "relevance",
                with_facets: bool = True) -> tuple[SearchQuery, LikeView | None]:
    """Return the store query of ``search`` and, for similar passages, the passage compared with (404 if none)."""
    query = search.to_query(default_sort=default_sort, with_facets=with_facets)
    if not search.like:
        return replace(query, equivalents=equivalents_table() if search.xlang else None), None
    access = index_access()
    try:
        return similar_query(query, search.q, search.like, access.store(), access.stats().passages,
                             lambda doc_id, ordinal: links.document(doc_id, ordinal=ordinal))
    except UnknownPassage:
        abort(404, description=f"There is no passage “{search.like[:200]}” in the index to compare with.")


def run_search(search: SearchRequest, links: Links, default_sort: str = "relevance",
               with_facets: bool = True) -> ResultPage:
    """Run ``search`` against the index and return its result model."""
    query, like = store_query(search, links, default_sort, with_facets)
    if like is not None and not like.words:  # nothing distinctive to compare: no passage is similar
        results = SearchResults.nothing(query)
    else:
        results = index_access().search(query)
        after_this_request(lambda response: with_version(response, results.version))
    equivalents = also_searched(search.q, equivalents_table()) if search.q and not search.like else ()
    versions = live_versions(index_access().config.index_dir)
    return build_result_page(results, search, labels(), links, like, equivalents, versions)


def with_version(response, version: str):
    """Name the index generation and the state of it that answered (the same version always answers alike)."""
    if version:
        response.headers[GENERATION_HEADER] = version.partition(":")[0]
        response.headers[VERSION_HEADER] = version
    return response
