"""tantivy's files on disk: checking every segment file's footer and checksum, and reading tantivy's IO errors.

Each file of a segment ends with a footer: a JSON object with the CRC-32 of
the bytes before it, the object's length (4 bytes, little-endian) and a magic
number. tantivy checks the magic number when it opens a file, but not the
checksum, so a flipped byte may go unseen until a search reads it; this module
reads every file of every segment that ``meta.json`` lists.
"""
from __future__ import annotations

import json
import os
import re
import struct
import zlib
from pathlib import Path

META_JSON = "meta.json"
# The last 8 bytes of a segment file: the footer's length and tantivy's magic number, little-endian.
FOOTER_TAIL = struct.Struct("<II")
FOOTER_MAGIC = 1337
# The files every segment has, by ending (deletions add "<opstamp>.del" files, listed in meta.json).
SEGMENT_FILES = (".fast", ".fieldnorm", ".idx", ".pos", ".store", ".term")
# Bytes read at a time while checksumming.
CHUNK_BYTES = 1 << 20
# How tantivy names the operating system's error in its IO errors: "... (os error 28)".
OS_ERROR = re.compile(r"\(os error (\d+)\)")
# The class name of a Rust panic surfacing in Python (pyo3's PanicException derives from BaseException).
PANIC = "PanicException"


def os_error(error: BaseException) -> OSError | None:
    """Return the operating system's error behind a tantivy IO error (ENOSPC for a full disk), or None."""
    found = OS_ERROR.search(str(error))
    if found is None:
        return None
    number = int(found.group(1))
    return OSError(number, os.strerror(number))


def engine_failure(error: BaseException) -> bool:
    """Return whether ``error`` is tantivy failing to read its files: an IO error, or a Rust panic."""
    return isinstance(error, (ValueError, OSError)) or type(error).__name__ == PANIC


def segment_files(generation: Path) -> list[str]:
    """Return the names of the files the generation's ``meta.json`` says its segments consist of."""
    meta = json.loads((generation / META_JSON).read_text(encoding="utf-8"))
    names = []
    for segment in meta["segments"]:
        stem = segment["segment_id"].replace("-", "")
        names += [stem + ending for ending in SEGMENT_FILES]
        if segment.get("deletes"):
            names.append(f"{stem}.{segment['deletes']['opstamp']}.del")
    return names


def file_problem(path: Path) -> str | None:
    """Return what is wrong with one segment file (missing, truncated, checksum), or None when it is sound."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            if size < FOOTER_TAIL.size:
                return f"{path.name} is truncated"
            handle.seek(size - FOOTER_TAIL.size)
            length, magic = FOOTER_TAIL.unpack(handle.read(FOOTER_TAIL.size))
            body = size - FOOTER_TAIL.size - length
            if magic != FOOTER_MAGIC or body < 0:
                return f"{path.name} is truncated or overwritten (no footer)"
            handle.seek(body)
            expected = json.loads(handle.read(length))["crc"]
            handle.seek(0)
            crc, left = 0, body
            while left > 0:
                chunk = handle.read(min(CHUNK_BYTES, left))
                if not chunk:
                    return f"{path.name} is truncated"
                crc, left = zlib.crc32(chunk, crc), left - len(chunk)
    except FileNotFoundError:
        return f"{path.name} is missing"
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"{path.name} cannot be read ({error})"
    return None if crc == expected else f"{path.name} is corrupt (its checksum does not match)"


def damage(generation: Path) -> list[str]:
    """Return what is wrong with a tantivy generation's files: an empty list when every file is sound."""
    try:
        names = segment_files(generation)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{META_JSON} cannot be read ({type(error).__name__}: {error})"]
    return [problem for name in names if (problem := file_problem(generation / name))]
