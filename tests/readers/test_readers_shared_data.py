"""Reader heuristics checked on shared data they were not written from (slow)."""
from __future__ import annotations

import json
import tarfile
import unicodedata
from pathlib import Path
from typing import Iterator

import pytest

from indexer.config import Config
from indexer.readers.encoding import decode_text
from indexer.readers.html import read_html
from indexer.readers.markdown import looks_like_markdown

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
# Session 79 (2024) speeches were saved as Markdown; all earlier ones are plain text.
MARKDOWN_SESSION = "_79_2024.txt"
# Every n-th page of the web sample, to keep the test to seconds.
PAGE_STRIDE = 3
# Measured on all 990 pages: 586/845 titles exact (69%), 453/516 dates found agree (88%).
MIN_EXACT_TITLES = 0.65
MIN_DATE_PRECISION = 0.85


def _members(archive: str, suffix: str | tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    path = SHARED / archive
    if not path.exists():
        pytest.skip(f"shared data {path} not available")
    with tarfile.open(path, "r|gz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(suffix):
                yield member.name, tar.extractfile(member).read()


@pytest.mark.slow
def test_un_speeches_decode_cleanly_and_plain_ones_are_not_taken_for_markdown():
    plain_flagged, markdown_flagged, problems = [], 0, []
    for name, data in _members("ungdc.tar.gz", ".txt"):
        if "/TXT/" not in name or "/._" in name:
            continue
        decoded = decode_text(data)
        if decoded.encoding not in ("utf-8", "utf-8-sig") or decoded.warnings:
            problems.append(name)
        if looks_like_markdown(decoded.text):
            if name.endswith(MARKDOWN_SESSION):
                markdown_flagged += 1
            else:
                plain_flagged.append(name)
    assert (plain_flagged, problems) == ([], [])
    assert markdown_flagged >= 30  # 56 of the 192 speeches of 2024 use heavy Markdown


def _same(a: str | None, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return a is not None and norm(a) == norm(b)


@pytest.mark.slow
def test_web_page_titles_and_dates_match_the_annotations():
    pages = dict(_members("trafilatura-eval.tar.gz", (".html", "/evaldata.json")))
    gold = json.loads(pages["trafilatura-eval/evaldata.json"])
    titles = exact = dates = agreeing = 0
    for entry in list(gold.values())[::PAGE_STRIDE]:
        data = pages.get(f"trafilatura-eval/cache/{entry['file']}") or pages[f"trafilatura-eval/eval/{entry['file']}"]
        metadata = read_html(data, entry["file"], Config()).document.metadata
        if entry.get("title"):
            titles += 1
            exact += _same(metadata.title, entry["title"])
        if entry.get("date") and metadata.date:
            dates += 1
            agreeing += entry["date"].startswith(metadata.date)
    assert (exact / titles >= MIN_EXACT_TITLES, agreeing / dates >= MIN_DATE_PRECISION) == (True, True)
