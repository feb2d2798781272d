"""Whoosh's whoosh3 codec, with one lookup it repeats per posting made once.

When Whoosh writes a segment's postings it asks for each posting's field
length; for a field without lengths (the facet keyword fields) the whoosh3
per-document reader checks the storage for the missing length file every
time, hundreds of thousands of file-system checks per batch. Remembering the
absence changes nothing else: the files written are the same.
"""
from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader


class RememberingPerDocReader(W3PerDocReader):
    """A whoosh3 per-document reader that remembers which columns a segment lacks."""

    def _cached_reader(self, fieldname, column):
        if fieldname in self._readers:
            return self._readers[fieldname]
        reader = super()._cached_reader(fieldname, column)
        if reader is None:
            self._readers[fieldname] = None
        return reader


class ArchiveCodec(W3Codec):
    """The whoosh3 codec with ``RememberingPerDocReader``."""

    def per_document_reader(self, storage, segment):
        """Return the segment's per-document reader."""
        return RememberingPerDocReader(storage, segment)
