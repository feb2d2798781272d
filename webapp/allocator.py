"""Keep the server's C heap from holding on to memory that one large search needed once.

Facet aggregations over millions of passages allocate large transient buffers
in tantivy; glibc's malloc keeps freed memory in per-thread arenas, so a worker's
anonymous memory grew with the collection (216-224 MB per worker at three
copies of the General Debate). Fewer arenas and a low trim threshold hand it
back (128-164 MB). Other C libraries are left alone.
"""
from __future__ import annotations

import ctypes
import ctypes.util

# glibc's mallopt parameters (malloc.h): M_TRIM_THRESHOLD and M_ARENA_MAX.
M_TRIM_THRESHOLD = -1
M_ARENA_MAX = -8
# Free memory at the top of the heap above this many bytes goes back to the system.
TRIM_THRESHOLD_BYTES = 128 * 1024
# Arenas shared by the server's threads: enough for a worker's handful of threads without contention.
ARENAS = 2


def limit_heap_retention() -> bool:
    """Set glibc's malloc to return freed memory sooner; return whether the C library accepted it."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)) and bool(mallopt(M_ARENA_MAX, ARENAS))
