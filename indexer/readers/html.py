"""Read web pages: decode the markup and take the page's own metadata.

The markup is kept whole in ``RawDocument.html`` (``text`` stays empty): the
boilerplate stage removes site furniture from it.
"""
from __future__ import annotations

import codecs
import json
from typing import Iterator
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector

from indexer.config import Config
from indexer.metadata import MetadataError, normalise_date
from indexer.models import Metadata, RawDocument, RejectedFile
from indexer.readers.common import Reading
from indexer.readers.encoding import Decoded, bom_encoding, check_not_binary, decode_bytes, normalise_text

# Declared encodings a browser replaces (WHATWG Encoding Standard): Latin-1 and
# ASCII mean cp1252; a UTF-16 declaration inside byte-readable markup is wrong.
DECLARED_REPLACEMENTS = {"latin_1": "cp1252", "ascii": "cp1252", "utf_16": "utf_8",
                         "utf_16_le": "utf_8", "utf_16_be": "utf_8"}
# Meta tags naming the title, strongest first.
TITLE_KEYS = ("og:title", "twitter:title", "dc.title")
# Meta tags naming the publication date, strongest first.
DATE_KEYS = ("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
             "dcterms.issued", "dcterms.date", "pubdate", "publishdate")
SITE_NAME_KEYS = ("og:site_name", "application-name")
# What sits between a page title and the site name in <title>.
TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " « ", " » ", " / ")
# Where a page's own <time datetime> lives; times elsewhere date other items.
ARTICLE_SELECTORS = ("article", "main", "[role=main]")
JSON_LD_TYPE = "application/ld+json"


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
    """Decode page bytes honouring a BOM, then the declared charset, then detection."""
    for codec in (bom_encoding(data), _declared(data)):
        if codec:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                continue
    return decode_bytes(data)


def _meta_values(soup: BeautifulSoup) -> dict[str, str]:
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = (tag.get("content") or "").strip()
        if isinstance(key, str) and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _json_ld(soup: BeautifulSoup) -> Iterator[dict]:
    for script in soup.find_all("script", type=JSON_LD_TYPE):
        try:
            data = json.loads(script.string or "")
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
    cut = max((title.rfind(s), s) for s in TITLE_SEPARATORS)
    if cut[0] > 0:
        head, tail = title[: cut[0]].strip(), title[cut[0] + len(cut[1]):].strip()
        if len(tail) < len(head):
            return head
    return title


def page_title(soup: BeautifulSoup, meta: dict[str, str], site_name: str | None) -> str | None:
    """Return the page's title: a title meta tag, else <title> without the site name, else the first h1."""
    for key in TITLE_KEYS:
        if meta.get(key):
            return " ".join(meta[key].split())
    if soup.title and soup.title.get_text(strip=True):
        return _without_site_name(" ".join(soup.title.get_text().split()), site_name)
    heading = soup.find("h1")
    text = " ".join(heading.get_text(" ").split()) if heading else ""
    return text or None


def _date_candidates(soup: BeautifulSoup, meta: dict[str, str]) -> Iterator[str]:
    yield from (meta[key] for key in DATE_KEYS if meta.get(key))
    for item in _json_ld(soup):
        if isinstance(item.get("datePublished"), str):
            yield item["datePublished"]
    for selector in ARTICLE_SELECTORS:
        for time in soup.select(f"{selector} time[datetime]"):
            yield str(time["datetime"])


def page_date(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    """Return the page's publication date as ISO, from its meta tags, JSON-LD or article <time>."""
    for candidate in _date_candidates(soup, meta):
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


def page_metadata(soup: BeautifulSoup) -> Metadata:
    """Return the metadata a page states about itself."""
    meta = _meta_values(soup)
    site_name = next((meta[key] for key in SITE_NAME_KEYS if meta.get(key)), None)
    canonical = soup.find("link", rel="canonical")
    url = _absolute_url(canonical.get("href") if canonical else None) or _absolute_url(meta.get("og:url"))
    host = urlsplit(url).hostname if url else None
    if host and host.startswith("www."):
        host = host[len("www."):]
    lang_attr = soup.html.get("lang") if soup.html else None
    lang = str(lang_attr).strip()[:2].lower() if lang_attr else ""
    return Metadata(
        title=page_title(soup, meta, site_name),
        date=page_date(soup, meta),
        source=site_name or host,
        url=url,
        lang=lang if lang.isalpha() and len(lang) == 2 else None,
    )


def read_html(data: bytes, path: str, config: Config) -> Reading:
    """Read the bytes of a web page found at ``path`` (relative to the corpus)."""
    decoded = decode_html(data)
    check_not_binary(decoded.text)
    markup = normalise_text(decoded.text)
    soup = BeautifulSoup(markup, "lxml")
    if not soup.get_text(strip=True):
        raise RejectedFile("no extractable text: the page has markup but no words")
    document = RawDocument(path=path, format="html", text="", html=markup, metadata=page_metadata(soup))
    return Reading(document, decoded.warnings)
