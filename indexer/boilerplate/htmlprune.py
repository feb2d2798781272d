"""Remove site furniture from a parsed HTML page before its main text is chosen."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from indexer.boilerplate.vocabulary import Vocabulary

# A furniture element (by tag, role, class or id) is kept when it holds at least this
# share of the page's text: it wraps the page ("page has-sidebar", a <nav> left open
# by broken markup), it is not a widget.
PROTECT_SHARE = 0.5
# An element named by a weak furniture word ("share", "meta", "gallery") is furniture
# only when it is about as short as a widget or mostly links.
WEAK_MAX_CHARS = 300
WEAK_LINK_DENSITY = 0.5
# An element named by a strong furniture word ("sidebar", "ads") is kept when it holds
# this many paragraphs of running text: it is a wrapper of the article.
RICH_PARAGRAPHS = 3
RICH_PARAGRAPH_CHARS = 150
# Containers that hold an article's own header (title, lead) when <header> sits inside them.
ARTICLE_CONTAINERS = ("article", "main")
# Tags never judged by class or id: the page itself.
NEVER_DROPPED = frozenset({"html", "body", "[document]"})
# Inline styles that hide an element.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
FORM_TAG = "form"
TOKEN_SPLIT_RE = re.compile(r"[^a-z0-9]+")


def _names(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, str(tag.get("id") or "")]).lower()


def has_content_hint(tag: Tag, vocabulary: Vocabulary) -> bool:
    """Tell whether an element's tag, class, id, role or itemprop names the main text."""
    if tag.name == "main" or tag.get("role") == "main":
        return True
    if str(tag.get("itemprop") or "").lower() == "articlebody":
        return True
    names = _names(tag)
    if not any(hint in names for hint in vocabulary.content_hints):
        return False
    return not set(TOKEN_SPLIT_RE.split(names)) & vocabulary.always_tokens


def _furniture_name(tag: Tag, vocabulary: Vocabulary) -> str | None:
    """Return how surely the class or id names furniture: always, strong, weak or None."""
    names = _names(tag)
    if not names.strip():
        return None
    tokens = set(TOKEN_SPLIT_RE.split(names))
    tiers = (
        ("always", vocabulary.always_tokens, vocabulary.always_substrings),
        ("strong", vocabulary.strong_tokens, vocabulary.strong_substrings),
        ("weak", vocabulary.weak_tokens, vocabulary.weak_substrings),
    )
    for tier, tier_tokens, substrings in tiers:
        if tokens & tier_tokens or any(part in names for part in substrings):
            return tier
    return None


def _text_and_links(tag: Tag) -> tuple[int, int]:
    text = len(tag.get_text(" ", strip=True))
    links = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a", href=True))
    return text, links


def _is_small_or_links(tag: Tag) -> bool:
    text, links = _text_and_links(tag)
    return text <= WEAK_MAX_CHARS or links >= WEAK_LINK_DENSITY * text


def _is_rich_in_text(tag: Tag) -> bool:
    paragraphs = 0
    for paragraph in tag.find_all("p"):
        text, links = _text_and_links(paragraph)
        if text >= RICH_PARAGRAPH_CHARS and links < WEAK_LINK_DENSITY * text:
            paragraphs += 1
            if paragraphs >= RICH_PARAGRAPHS:
                return True
    return False


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return bool(style) and HIDDEN_STYLE_RE.search(str(style)) is not None


def _is_page_header(tag: Tag) -> bool:
    if tag.find("h1") is not None:
        return False
    return tag.find_parent(ARTICLE_CONTAINERS) is None


def _looks_like_furniture(tag: Tag, vocabulary: Vocabulary, protected: set[int]) -> bool:
    name = tag.name
    if name in vocabulary.furniture_tags or name == FORM_TAG:
        return True
    if name == "header":
        return _is_page_header(tag)
    if _is_hidden(tag) or tag.get("role") in vocabulary.drop_roles:
        return True
    if id(tag) in protected or name == "article":
        return False
    tier = _furniture_name(tag, vocabulary)
    if tier == "always":
        return True
    if tier == "strong":
        return not _is_rich_in_text(tag)
    return tier == "weak" and _is_small_or_links(tag)


def _protected(root: Tag, vocabulary: Vocabulary) -> set[int]:
    """Return the ids of the elements that name the main text and of their ancestors."""
    protected: set[int] = set()
    for tag in root.find_all(True):
        if has_content_hint(tag, vocabulary):
            protected.add(id(tag))
            protected.update(id(parent) for parent in tag.parents)
    return protected


def prune_furniture(soup: BeautifulSoup, vocabulary: Vocabulary) -> None:
    """Remove furniture elements (navigation, widgets, notices, hidden parts) in place."""
    root = soup.body or soup
    for tag in root.find_all(vocabulary.silent_tags):
        tag.decompose()
    total = len(root.get_text()) or 1
    protected = _protected(root, vocabulary)
    for tag in root.find_all(True):
        if tag.decomposed or tag.name in NEVER_DROPPED:
            continue
        if _looks_like_furniture(tag, vocabulary, protected):
            if len(tag.get_text()) < PROTECT_SHARE * total:
                tag.decompose()
