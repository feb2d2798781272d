"""Whoosh's files on disk: every segment read through, since Whoosh keeps no checksums.

A segment is one compound file (``MAIN_<id>.seg``) whose table of parts is
pickled at its end, so a truncated segment fails to open. A damaged byte
inside it shows only when something reads it: the check reads every stored
record, every term of every field and every posting list.
"""
from __future__ import annotations

import pickle
import struct
import zlib
from pathlib import Path

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader

INDEX_NAME = "MAIN"
# What Whoosh raises reading a truncated or overwritten file: its readers unpickle, unpack and decompress.
READ_ERRORS = (OSError, EOFError, IndexError, KeyError, ValueError, TypeError, AttributeError, MemoryError,
               pickle.UnpicklingError, struct.error, zlib.error)


def _read_through(storage: FileStorage, schema, segment) -> None:
    """Read every stored record, term and posting of one segment."""
    reader = SegmentReader(storage, schema, segment)
    try:
        for _ in reader.iter_docs():
            pass
        for fieldname in reader.indexed_field_names():
            for text in reader.lexicon(fieldname):
                reader.postings(fieldname, text).all_ids()
    finally:
        reader.close()


def damage(generation: Path) -> list[str]:
    """Return what is wrong with a Whoosh generation's files: an empty list when every segment reads through."""
    storage = FileStorage(str(generation))
    try:
        toc = windex.TOC.read(storage, INDEX_NAME)
    except (windex.EmptyIndexError, *READ_ERRORS) as error:
        return [f"the table of contents cannot be read ({type(error).__name__}: {error})"]
    problems = []
    for segment in toc.segments:
        name = segment.make_filename(segment.COMPOUND_EXT) if segment.is_compound() else segment.segment_id()
        try:
            _read_through(storage, toc.schema, segment)
        except READ_ERRORS as error:
            problems.append(f"{name} is truncated or corrupt ({type(error).__name__}: {error})")
    return problems
