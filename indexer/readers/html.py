"""Read web pages: decode the markup and take the page's own metadata.

The markup is kept whole in ``RawDocument.html`` (``text`` stays empty): the
boilerplate stage removes site furniture from it.
"""
from __future__ import annotations

import codecs
import json
from typing import Iterator
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from bs4.dammit import EncodingDetector
from lxml.html import HtmlElement

from indexer.config import Config
from indexer.metadata import MetadataError, normalise_date
from indexer.models import Metadata, RawDocument, RejectedFile
from indexer.readers.common import Reading
from indexer.readers.encoding import Decoded, bom_encoding, check_not_binary, decode_bytes, normalise_text

# Declared encodings a browser replaces (WHATWG Encoding Standard): Latin-1 and
# ASCII mean cp1252; a UTF-16 declaration inside byte-readable markup is wrong.
DECLARED_REPLACEMENTS = {"iso8859_1": "cp1252", "ascii": "cp1252", "utf_16": "utf_8",
                         "utf_16_le": "utf_8", "utf_16_be": "utf_8"}
# Meta tags naming the title, strongest first.
TITLE_KEYS = ("og:title", "twitter:title", "dc.title")
# Meta tags naming the publication date, strongest first.
DATE_KEYS = ("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
             "dcterms.issued", "dcterms.date", "pubdate", "publishdate")
SITE_NAME_KEYS = ("og:site_name", "application-name")
# What sits between a page title and the site name in <title>.
TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " « ", " » ", " / ")
# Those that, with no site name known, mark a site suffix more often than a
# subtitle (measured on the trafilatura evaluation pages: en dashes split subtitles)...
SITE_SUFFIX_SEPARATORS = (" | ", " - ", " :: ", " « ", " » ")
# ...a pipe always; the others only before a part shorter than the title itself.
ALWAYS_SITE_SEPARATOR = " | "
# Where a page's own <time datetime> lives; times elsewhere date other items.
ARTICLE_TIME_XPATHS = ("//article//time[@datetime]", "//main//time[@datetime]",
                       "//*[@role='main']//time[@datetime]")
JSON_LD_XPATH = "//script[@type='application/ld+json']"
CANONICAL_XPATH = "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"


def _declared(data: bytes) -> str | None:
    name = EncodingDetector.find_declared_encoding(data, is_html=True)
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None
    return DECLARED_REPLACEMENTS.get(codec, codec)


def decode_html(data: bytes) -> Decoded:
    """Decode page bytes honouring a BOM, then valid UTF-8, then the declared charset, then detection.

    Valid UTF-8 goes before the declaration because pages saved as UTF-8 often
    keep a stale declaration, while text in another encoding is practically
    never valid UTF-8 by chance.
    """
    for codec in (bom_encoding(data), "utf-8", _declared(data)):
        if codec:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                continue
    return decode_bytes(data)


def parse_html(markup: str) -> HtmlElement:
    """Return the lxml tree of ``markup`` (fast; only the page's metadata is looked up in it)."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    return lxml.html.document_fromstring(markup.encode("utf-8", errors="replace"), parser=parser)


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _meta_values(root: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = (tag.get("content") or "").strip()
        if key and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _json_ld(root: HtmlElement) -> Iterator[dict]:
    for script in root.xpath(JSON_LD_XPATH):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(value for key, value in item.items() if key == "@graph")


def _without_site_name(title: str, site_name: str | None) -> str:
    for separator in TITLE_SEPARATORS:
        if site_name and title.endswith(separator + site_name):
            return title[: -len(separator + site_name)].strip()
        if site_name and title.startswith(site_name + separator):
            return title[len(site_name + separator):].strip()
    cut = max((title.rfind(s), s) for s in SITE_SUFFIX_SEPARATORS)
    if cut[0] > 0:
        head, tail = title[: cut[0]].strip(), title[cut[0] + len(cut[1]):].strip()
        if cut[1] == ALWAYS_SITE_SEPARATOR or len(tail) < len(head):
            return head
    return title


def page_title(root: HtmlElement, meta: dict[str, str], site_name: str | None) -> str | None:
    """Return the page's title (a title meta tag, else <title>) without the site name, else the first h1."""
    for key in TITLE_KEYS:
        if meta.get(key):
            return _without_site_name(" ".join(meta[key].split()), site_name)
    title = _text(root.find(".//title"))
    if title:
        return _without_site_name(title, site_name)
    return _text(root.find(".//h1")) or None


def _date_candidates(root: HtmlElement, meta: dict[str, str]) -> Iterator[str]:
    yield from (meta[key] for key in DATE_KEYS if meta.get(key))
    for item in _json_ld(root):
        if isinstance(item.get("datePublished"), str):
            yield item["datePublished"]
    for xpath in ARTICLE_TIME_XPATHS:
        yield from (time.get("datetime") for time in root.xpath(xpath))


def page_date(root: HtmlElement, meta: dict[str, str]) -> str | None:
    """Return the page's publication date as ISO, from its meta tags, JSON-LD or article <time>."""
    for candidate in _date_candidates(root, meta):
        try:
            date = normalise_date(candidate)
        except MetadataError:
            continue
        if date:
            return date
    return None


def _absolute_url(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if urlsplit(value).scheme in ("http", "https") else None


def page_metadata(root: HtmlElement) -> Metadata:
    """Return the metadata a parsed page states about itself."""
    meta = _meta_values(root)
    site_name = next((meta[key] for key in SITE_NAME_KEYS if meta.get(key)), None)
    canonical = next(iter(root.xpath(CANONICAL_XPATH)), None)
    url = _absolute_url(canonical) or _absolute_url(meta.get("og:url"))
    host = urlsplit(url).hostname if url else None
    if host and host.startswith("www."):
        host = host[len("www."):]
    lang = (root.get("lang") or "").strip()[:2].lower()
    return Metadata(
        title=page_title(root, meta, site_name),
        date=page_date(root, meta),
        source=site_name or host,
        url=url,
        lang=lang if lang.isalpha() and len(lang) == 2 else None,
    )


def read_html(data: bytes, path: str, config: Config) -> Reading:
    """Read the bytes of a web page found at ``path`` (relative to the corpus)."""
    decoded = decode_html(data)
    check_not_binary(decoded.text)
    markup = normalise_text(decoded.text)
    try:
        root = parse_html(markup)
    except (lxml.etree.ParserError, ValueError) as error:
        raise RejectedFile(f"no extractable text: the page cannot be parsed ({error})") from error
    if not root.text_content().strip():
        raise RejectedFile("no extractable text: the page has markup but no words")
    document = RawDocument(path=path, format="html", text="", html=markup, metadata=page_metadata(root))
    return Reading(document, decoded.warnings)
