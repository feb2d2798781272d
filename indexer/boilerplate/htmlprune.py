"""Remove site furniture from a parsed HTML page before its main text is chosen."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from indexer.boilerplate.vocabulary import Vocabulary

# An element matched by a furniture class/id is kept when it holds at least this share
# of the page's text: it is a page wrapper ("page has-sidebar"), not a widget.
PROTECT_SHARE = 0.5
# A <form> holding at least this share of the page's text wraps the whole page
# (ASP.NET pages do); smaller forms are search boxes, logins and comment forms.
FORM_WRAPPER_SHARE = 0.5
# Containers that hold an article's own header (title, lead) when <header> sits inside them.
ARTICLE_CONTAINERS = ("article", "main")
# Tags never judged by class or id: the page itself.
NEVER_DROPPED = frozenset({"html", "body", "[document]"})
# Inline styles that hide an element.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
TOKEN_SPLIT_RE = re.compile(r"[^a-z0-9]+")


def _names(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, str(tag.get("id") or "")]).lower()


def has_content_hint(tag: Tag, vocabulary: Vocabulary) -> bool:
    """Tell whether an element's class, id, role or itemprop names the main text."""
    names = _names(tag)
    if any(hint in names for hint in vocabulary.content_hints):
        return True
    return tag.get("role") == "main" or str(tag.get("itemprop") or "").lower() == "articlebody"


def _named_furniture(tag: Tag, vocabulary: Vocabulary) -> bool:
    names = _names(tag)
    if not names.strip():
        return False
    if set(TOKEN_SPLIT_RE.split(names)) & vocabulary.class_tokens:
        return True
    return any(part in names for part in vocabulary.class_substrings)


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return bool(style) and HIDDEN_STYLE_RE.search(str(style)) is not None


def _share(tag: Tag, total: int) -> float:
    return len(tag.get_text()) / total if total else 0.0


def _is_page_header(tag: Tag) -> bool:
    if tag.find("h1") is not None:
        return False
    return tag.find_parent(ARTICLE_CONTAINERS) is None


def _is_furniture(tag: Tag, vocabulary: Vocabulary, total: int) -> bool:
    name = tag.name
    if name in NEVER_DROPPED:
        return False
    if name in vocabulary.drop_tags or name == "footer":
        return True
    if name == "header":
        return _is_page_header(tag)
    if name == "form":
        return _share(tag, total) < FORM_WRAPPER_SHARE
    if _is_hidden(tag) or tag.get("role") in vocabulary.drop_roles:
        return True
    if name in ARTICLE_CONTAINERS or has_content_hint(tag, vocabulary):
        return False
    return _named_furniture(tag, vocabulary) and _share(tag, total) < PROTECT_SHARE


def prune_furniture(soup: BeautifulSoup, vocabulary: Vocabulary) -> None:
    """Remove furniture elements (navigation, widgets, notices, hidden parts) in place."""
    root = soup.body or soup
    total = len(root.get_text())
    for tag in root.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue
        if _is_furniture(tag, vocabulary, total):
            tag.decompose()
