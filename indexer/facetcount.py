"""Facet values in a column, and facet counts in display order.

Counting itself is the engine's (Whoosh: ``engines.whoosh.segarrays.IndexArrays.count``,
one ``bincount`` over the matching documents per facet).
"""
from __future__ import annotations

from typing import Iterable, Mapping

from indexer.fields import VALUE_SEPARATOR


def encode_values(values: Iterable[str]) -> bytes:
    """Return the column bytes of several facet values."""
    return VALUE_SEPARATOR.join(v.replace(VALUE_SEPARATOR, " ") for v in values if v).encode("utf-8")


def ranked(counts: Mapping[str, int], limit: int | None = None) -> tuple[tuple[str, int], ...]:
    """Return (value, count) pairs by descending count, then value."""
    pairs = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(pairs[:limit] if limit else pairs)
