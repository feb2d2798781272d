"""Count facet values over a set of matching passages.

Whoosh's own multi-valued facet counting walks every match through its
collector machinery; here each facet's column is decoded once per index
version into a per-document tuple of values, and counting is one pass over the
matching document numbers.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

from indexer.schema import COLUMN_NAMES, VALUE_SEPARATOR


def encode_values(values: Iterable[str]) -> bytes:
    """Return the column bytes of several facet values."""
    return VALUE_SEPARATOR.join(v.replace(VALUE_SEPARATOR, " ") for v in values if v).encode("utf-8")


class FacetColumns:
    """Each facet's values per document number, decoded once for one reader."""

    def __init__(self, reader):
        self.values: dict[str, list[tuple[str, ...]]] = {}
        for name, column in COLUMN_NAMES.items():
            decoded: dict[bytes, tuple[str, ...]] = {}
            per_doc = []
            for raw in reader.column_reader(column):
                values = decoded.get(raw)
                if values is None:
                    text = raw.decode("utf-8") if raw else ""
                    values = decoded[raw] = tuple(text.split(VALUE_SEPARATOR)) if text else ()
                per_doc.append(values)
            self.values[name] = per_doc

    def count(self, name: str, docnums: Iterable[int]) -> Counter:
        """Return how many of ``docnums`` carry each value of facet ``name``."""
        per_doc = self.values[name]
        counts: Counter = Counter()
        for docnum in docnums:
            counts.update(per_doc[docnum])
        return counts


def ranked(counts: Mapping[str, int], limit: int | None = None) -> tuple[tuple[str, int], ...]:
    """Return (value, count) pairs by descending count, then value."""
    pairs = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(pairs[:limit] if limit else pairs)
