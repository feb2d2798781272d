"""Per-document arrays of what a search needs besides postings: facet values, dates, order, lengths.

Whoosh keeps these in columns read one document at a time. Each segment's
columns are decoded once into numpy arrays (a written segment never changes;
only its deletions do), and the segments of a searcher are joined into one
``IndexArrays`` so that filtering, counting and sorting are whole-array
operations.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Iterable

import numpy as np
from whoosh.util.numeric import byte_to_length

from indexer.engines.whoosh.schema import COLUMN_NAMES
from indexer.fields import UNKNOWN_DATE_HIGH, UNKNOWN_DATE_LOW, VALUE_SEPARATOR

# Whoosh keeps each field's length per document as one byte in this column (its whoosh3 codec).
LENGTH_COLUMN_PATTERN = "_%s_len"
# The length Whoosh's scorer assumes for a field without a length column (unscorable fields).
DEFAULT_FIELD_LENGTH = 1.0
BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def normalise_value(value: str) -> str:
    """Return a facet value as its filter compares it (the keyword field's lowercase form)."""
    return value.replace(",", " ").strip().lower()


@dataclass(frozen=True)
class FacetArray:
    """One facet's values: ``values[i]`` (an index into ``vocab``) belongs to document ``docs[i]``."""

    vocab: tuple[str, ...]
    values: np.ndarray
    docs: np.ndarray


def decode_facet(column: Iterable[bytes], doc_count: int) -> FacetArray:
    """Return the facet array of one segment's facet column."""
    vocab_ids: dict[str, int] = {}
    decoded: dict[bytes, tuple[int, ...]] = {}
    per_doc = []
    for raw in column:
        ids = decoded.get(raw)
        if ids is None:
            text = raw.decode("utf-8") if raw else ""
            parts = text.split(VALUE_SEPARATOR) if text else ()
            ids = decoded[raw] = tuple(vocab_ids.setdefault(v, len(vocab_ids)) for v in parts if v)
        per_doc.append(ids)
    per_doc.extend(() for _ in range(doc_count - len(per_doc)))
    counts = np.fromiter(map(len, per_doc), dtype=np.int64, count=doc_count)
    values = np.fromiter(chain.from_iterable(per_doc), dtype=np.int32, count=int(counts.sum()))
    docs = np.repeat(np.arange(doc_count, dtype=np.int32), counts)
    return FacetArray(tuple(vocab_ids), values, docs)


def join_facets(parts: list[tuple[int, FacetArray]]) -> FacetArray:
    """Return one facet array of several segments' arrays, each given with its first document number."""
    vocab_ids: dict[str, int] = {}
    values, docs = [], []
    for offset, part in parts:
        remap = np.array([vocab_ids.setdefault(v, len(vocab_ids)) for v in part.vocab], dtype=np.int32)
        values.append(remap[part.values] if len(part.vocab) else part.values)
        docs.append(part.docs + offset)
    empty = np.zeros(0, dtype=np.int32)
    return FacetArray(tuple(vocab_ids), np.concatenate(values or [empty]), np.concatenate(docs or [empty]))


def document_codes(reader, doc_count: int) -> tuple[tuple[str, ...], np.ndarray]:
    """Return one segment's document ids and, per passage, the index of its document id among them."""
    ids: dict[str, int] = {}
    column = reader.column_reader("doc_id") if reader.has_column("doc_id") else ()
    codes = np.fromiter((ids.setdefault(value, len(ids)) for value in column), dtype=np.int64, count=-1)
    if len(codes) < doc_count:
        codes = np.concatenate([codes, np.full(doc_count - len(codes), -1, dtype=np.int64)])
    return tuple(ids), codes


def numeric_column(reader, name: str, doc_count: int, default: int) -> np.ndarray:
    """Return a numeric column of one segment as an int64 array (``default`` where absent)."""
    if not reader.has_column(name):
        return np.full(doc_count, default, dtype=np.int64)
    return np.fromiter(reader.column_reader(name), dtype=np.int64, count=doc_count)


class SegmentArrays:
    """The arrays of one Whoosh segment, decoded once (field lengths on first use)."""

    def __init__(self, reader):
        self.doc_count = reader.doc_count_all()
        present = set(reader.schema.names())  # an index written before a facet existed has no values of it
        self.facets = {name: decode_facet(reader.column_reader(column) if column in present else (), self.doc_count)
                       for name, column in COLUMN_NAMES.items()}
        self.date_low = numeric_column(reader, "date_low", self.doc_count, UNKNOWN_DATE_LOW)
        self.date_high = numeric_column(reader, "date_high", self.doc_count, UNKNOWN_DATE_HIGH)
        self.ordinal = numeric_column(reader, "ordinal", self.doc_count, 0)
        self.doc_ids, self.doc_codes = document_codes(reader, self.doc_count)
        self._lengths: dict[str, np.ndarray] = {}

    def field_lengths(self, field: str, reader) -> np.ndarray:
        """Return each document's length of ``field`` as Whoosh's scorer sees it (byte-quantised)."""
        lengths = self._lengths.get(field)
        if lengths is None:
            column = LENGTH_COLUMN_PATTERN % field
            perdoc = getattr(reader, "_perdoc", None)
            if perdoc is not None and perdoc.has_column(column):
                from whoosh.codec.whoosh3 import LENGTHS_COLUMN

                raw = np.fromiter(perdoc.column_reader(column, LENGTHS_COLUMN), dtype=np.uint8,
                                  count=self.doc_count)
                lengths = BYTE_LENGTHS[raw]
            else:
                lengths = np.full(self.doc_count, DEFAULT_FIELD_LENGTH)
            self._lengths[field] = lengths
        return lengths


class IndexArrays:
    """The arrays of every segment of one searcher, joined in document-number order."""

    def __init__(self, segments: list[tuple[int, SegmentArrays, frozenset[int], object]]):
        self.segments = segments
        self.doc_count = sum(seg.doc_count for _, seg, _, _ in segments)
        self.live = np.ones(self.doc_count, dtype=bool)
        for offset, _, deleted, _ in segments:
            if deleted:
                self.live[np.fromiter(deleted, dtype=np.int64) + offset] = False
        self.facets = {name: join_facets([(offset, seg.facets[name]) for offset, seg, _, _ in segments])
                       for name in COLUMN_NAMES}
        self.date_low = self._joined("date_low")
        self.date_high = self._joined("date_high")
        self.ordinal = self._joined("ordinal")
        self._lookups: dict[str, dict[str, list[int]]] = {}
        self._lengths: dict[str, np.ndarray] = {}
        self._documents: np.ndarray | None = None
        # Expansions of prefix and fuzzy terms against this version's lexicon (bm25.expanded_terms).
        self.expansions: dict = {}

    def _joined(self, name: str) -> np.ndarray:
        parts = [getattr(seg, name) for _, seg, _, _ in self.segments]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    @property
    def documents(self) -> np.ndarray:
        """Return, per passage, a number standing for its document (the same across segments)."""
        if self._documents is None:
            ids: dict[str, int] = {}
            parts = []
            for _, seg, _, _ in self.segments:
                remap = np.array([ids.setdefault(doc_id, len(ids)) for doc_id in seg.doc_ids] + [-1], dtype=np.int64)
                parts.append(remap[seg.doc_codes])
            self._documents = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return self._documents

    def count_documents(self, name: str, mask: np.ndarray) -> dict[str, int]:
        """Return how many documents have a passage in ``mask`` carrying each value of facet ``name``."""
        facet = self.facets[name]
        chosen = mask[facet.docs]
        documents = self.documents[facet.docs[chosen]]
        pairs = np.unique(facet.values[chosen].astype(np.int64) * (len(self.documents) + 1) + documents)
        counts = np.bincount(pairs // (len(self.documents) + 1), minlength=len(facet.vocab))
        return {facet.vocab[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def field_lengths(self, field: str) -> np.ndarray:
        """Return every passage's length of ``field``."""
        lengths = self._lengths.get(field)
        if lengths is None:
            parts = [seg.field_lengths(field, reader) for _, seg, _, reader in self.segments]
            lengths = self._lengths[field] = np.concatenate(parts) if parts else np.zeros(0)
        return lengths

    def count(self, name: str, mask: np.ndarray) -> dict[str, int]:
        """Return how many documents of ``mask`` carry each value of facet ``name``."""
        facet = self.facets[name]
        counts = np.bincount(facet.values[mask[facet.docs]], minlength=len(facet.vocab))
        return {facet.vocab[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def having(self, name: str, wanted: Iterable[str]) -> np.ndarray:
        """Return the mask of documents carrying any of ``wanted`` values of facet ``name`` (any case)."""
        lookup = self._lookups.get(name)
        facet = self.facets[name]
        if lookup is None:
            lookup = self._lookups[name] = {}
            for value_id, value in enumerate(facet.vocab):
                lookup.setdefault(normalise_value(value), []).append(value_id)
        ids = [i for value in wanted for i in lookup.get(normalise_value(value), ())]
        mask = np.zeros(self.doc_count, dtype=bool)
        if ids:
            mask[facet.docs[np.isin(facet.values, ids)]] = True
        return mask

    def in_dates(self, low: int | None, high: int | None) -> np.ndarray:
        """Return the mask of documents starting on or after ``low`` and ending on or before ``high``."""
        mask = np.ones(self.doc_count, dtype=bool)
        if low is not None:
            mask &= self.date_low >= low
        if high is not None:
            mask &= self.date_high <= high
        return mask


class ArrayCache:
    """Segment arrays kept across searchers, keyed by segment id; segments merged away are dropped."""

    def __init__(self):
        self._segments: dict[str, SegmentArrays] = {}

    def arrays_for(self, searcher) -> IndexArrays:
        """Return the joined arrays of a searcher, decoding only segments not seen before."""
        kept: dict[str, SegmentArrays] = {}
        joined = []
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            key = reader.segment().segment_id() if hasattr(reader, "segment") else str(id(reader))
            arrays = self._segments.get(key)
            if arrays is None:
                arrays = SegmentArrays(reader)
            kept[key] = arrays
            deleted = frozenset(reader.segment().deleted_docs()) if reader.has_deletions() else frozenset()
            joined.append((offset, arrays, deleted, reader))
        self._segments = kept
        return IndexArrays(joined)
