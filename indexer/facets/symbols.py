"""United Nations document symbols (A/75/704, S/2020/1234, E/CN.4/2005/L.10/Add.1) and a document's own one.

A symbol is a series symbol followed by components separated by slashes, as
the UN Documentation guide describes them: the main organ (A/, E/, S/, T/,
ST/) or a body with its own series (CCPR/, TD/, UNEP/ ...); subsidiary bodies
(C.3, CN.4, AC.109, HRC, Sub.2, WG.1, CONF.151); sessions and years (75, 2020,
ES-10, S-29); the nature of the document (RES, PV.22, SR.5, L.1, R.1, CRP.2,
INF, NGO, WP.3); and modifications (Add.1, Corr.2, Rev.1, Amend.1, Summary).

A document's own symbol stands in its page furniture: the running header or
footer repeated on its pages, alone on its line or beside a job number and a
page counter. Symbols inside sentences are citations of other documents. The
symbol is read from the raw text, before the cleaner drops that furniture.
"""
from __future__ import annotations

import re
from collections import Counter

from indexer.boilerplate.pdf import ends_sentence, is_page_furniture

# Series symbols: the principal organs, then bodies whose documents carry a series of their own.
SERIES = ("A", "E", "S", "T", "ST", "CAT", "CCPR", "CED", "CEDAW", "CERD", "CMW", "CRC", "CRPD", "DP", "TD",
          "UNEP", "HS", "ICEF", "ECE", "ECA", "ECLAC", "ESCAP", "ESCWA", "DC", "UNW", "FCCC", "NPT")
# One component: a body or document-nature code with an optional number (CN.4, PV.22, Add.1), a session
# or special session (75, ES-10, S-29), a number, or a country or body code (CHN, HRC).
COMPONENT = r"(?:[A-Z][A-Za-z]{0,9}(?:\.\d{1,5})?(?:-\d{1,3})?|\d{1,5}(?:\.\d{1,3})?)"
# At most this many components follow the series (E/CN.4/Sub.2/2005/L.10/Add.1/Corr.1 has seven).
MAX_COMPONENTS = 9
SYMBOL = re.compile(
    rf"(?<![\w/.\-])(?:{'|'.join(sorted(SERIES, key=len, reverse=True))})(?:/{COMPONENT}){{1,{MAX_COMPONENTS}}}"
    r"(?![\w/])"
)
# A symbol ends with a number-bearing component (704, L.1, Add.2): "A/36/PV" is a symbol cut short.
LAST_HAS_DIGIT = re.compile(r"\d[^/]*$")
# Tags of a web page, replaced by line breaks so that its text lines can be told apart.
TAG = re.compile(r"<[^>]*>")


def find_symbols(text: str) -> list[str]:
    """Return every UN document symbol in ``text``, in order (its last component carries a number)."""
    return [match.group() for match in SYMBOL.finditer(text) if LAST_HAS_DIGIT.search(match.group())]


def document_symbol(raw: str) -> str | None:
    """Return the symbol a document's page furniture carries most often (the first on a tie), or None."""
    counts: Counter[str] = Counter()
    for line in TAG.sub("\n", raw).splitlines():
        if is_page_furniture(line) and not ends_sentence(line):  # "document\nS/1994/921." is a citation
            counts.update(find_symbols(line))
    if not counts:
        return None
    return counts.most_common(1)[0][0]
