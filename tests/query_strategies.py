"""Hypothesis strategies of query text: pieces of the query language mixed with arbitrary Unicode."""
from __future__ import annotations

from typing import Sequence

from hypothesis import strategies as st

# Pieces of the grammar, mixed with arbitrary text by the property tests.
GRAMMAR_TOKENS = ['"', "(", ")", "-", "+", "*", "~", "~2", ":", "OR", "AND", "NOT", "speaker:", "topic:",
                  "title:", "lang:", "type:", "year:", "source:", "x:", "A/75/704", "Kasym-Jomart", "l'Organisation",
                  "terror*", "cooperation~", "上海合作组织", "терроризм", "U.N.", "\x00", "\u200b", " ", "  "]


def query_texts(tokens: Sequence[str] = tuple(GRAMMAR_TOKENS), max_pieces: int = 30) -> st.SearchStrategy[str]:
    """Return a strategy of strings joined from ``tokens`` and arbitrary text (control characters and NUL included)."""
    return st.lists(st.one_of(st.sampled_from(tokens), st.text(max_size=12)), max_size=max_pieces).map("".join)
