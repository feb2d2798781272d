"""Text rules on data they were not written from: UN General Debate speeches.

About a third of the speeches are PDF extractions with hard-wrapped lines, page
numbers and running headers. Cleaning must lose no sentence: every line of the
original whose letters are missing from the output must be page furniture, that
is short and numbered (a page number, a running header with a meeting number).
"""
from __future__ import annotations

import hashlib
import re
import tarfile

import pytest

from indexer.boilerplate import clean_text

ARCHIVE = "ungdc.tar.gz"
# Speeches are picked by a stable hash of their name: about 1 in 128 of 10,952.
PICK_MODULUS = 128
# A line that may be dropped as furniture: short, with a number in it.
FURNITURE_MAX_CHARS = 80
DIGIT_RE = re.compile(r"\d")


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


@pytest.fixture(scope="module")
def speeches(shared_data) -> dict[str, str]:
    picked = {}
    with tarfile.open(shared_data / ARCHIVE) as tar:
        for member in tar:
            name = member.name
            if not (member.isfile() and name.endswith(".txt") and "/TXT/" in name):
                continue
            if "/._" in name or hashlib.sha1(name.encode()).digest()[0] % PICK_MODULUS:
                continue
            handle = tar.extractfile(member)
            picked[name] = handle.read().decode("utf-8", errors="replace")
    return picked


@pytest.mark.slow
def test_speeches_lose_no_sentence(speeches, config):
    assert len(speeches) > 50
    dropped = {}
    for name, text in speeches.items():
        kept = _letters(" ".join(b.text for b in clean_text(text, config)))
        lost = [line.strip() for line in text.split("\n") if _letters(line) not in kept]
        dropped[name] = [
            line for line in lost if len(line) > FURNITURE_MAX_CHARS or not DIGIT_RE.search(line)
        ]
    assert {name: lines for name, lines in dropped.items() if lines} == {}
