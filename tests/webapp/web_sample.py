"""The web tests' sample index and an independent model of what a filter should match."""
from __future__ import annotations

import calendar
import json
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from indexer.engines.whoosh.store import WhooshStore
from indexer.fields import facet_values
from indexer.models import Passage

DATA = Path(__file__).parent / "data" / "passages.json"
HOSTILE = "<script>alert(1)</script>"


def load_sample() -> tuple[dict[str, list[Passage]], dict]:
    """Return the sample passages grouped by document, and the facet labels."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    documents: dict[str, list[Passage]] = {}
    for record in data["passages"]:
        passage = Passage(**{**record, "speakers": tuple(record["speakers"]), "topics": tuple(record["topics"]),
                             "reported": tuple(record["reported"])})
        documents.setdefault(passage.doc_id, []).append(passage)
    return documents, data["labels"]


def build_sample_index(index_dir: Path) -> None:
    """Index the sample passages into ``index_dir``."""
    documents, labels = load_sample()
    store = WhooshStore.open(index_dir, create=True)
    store.replace_documents(documents.items())
    store.set_labels(labels)
    store.close()


def values_of(passage: Passage, facet: str) -> tuple[str, ...]:
    """Return the values a passage has in one facet."""
    return facet_values(passage)[facet]


def _days(value: str) -> tuple[str, str]:
    parts = value.split("-")
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else None
    first = f"{year:04d}-{month or 1:02d}-{int(parts[2]) if len(parts) > 2 else 1:02d}"
    last_month = month or 12
    last_day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, last_month)[1]
    return first, f"{year:04d}-{last_month:02d}-{last_day:02d}"


def matches(passage: Passage, include: Mapping[str, Iterable[str]] = {}, exclude: Mapping[str, Iterable[str]] = {},
            date_from: str | None = None, date_to: str | None = None) -> bool:
    """Return whether a passage passes the filters: any value within a facet, every facet, no excluded value."""
    for facet, wanted in include.items():
        if not set(wanted) & set(values_of(passage, facet)):
            return False
    for facet, unwanted in exclude.items():
        if set(unwanted) & set(values_of(passage, facet)):
            return False
    if date_from and (not passage.date or _days(passage.date)[0] < _days(date_from)[0]):
        return False
    if date_to and (not passage.date or _days(passage.date)[1] > _days(date_to)[1]):
        return False
    return True


def expected_counts(passages: Iterable[Passage], facet: str, include: Mapping = {}, exclude: Mapping = {}) -> dict[str, int]:
    """Return a facet's value counts over the passages matching every filter but that facet's own."""
    others_in = {name: values for name, values in include.items() if name != facet}
    others_out = {name: values for name, values in exclude.items() if name != facet}
    counts: Counter = Counter()
    for passage in passages:
        if matches(passage, others_in, others_out):
            counts.update(values_of(passage, facet))
    return dict(counts)
