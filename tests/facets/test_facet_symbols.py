"""UN document symbols: the grammar's shapes, and a document's own symbol in its page furniture."""
from __future__ import annotations

import pytest

from indexer.facets.symbols import document_symbol, find_symbols
from tests.facets.blocks import CORPUS


@pytest.mark.parametrize("text, expected", [
    ("A/75/704", ["A/75/704"]),
    ("S/2020/1234", ["S/2020/1234"]),
    ("A/HRC/45/L.1", ["A/HRC/45/L.1"]),
    ("E/CN.4/2005/L.10/Add.1", ["E/CN.4/2005/L.10/Add.1"]),
    ("E/CN.4/Sub.2/2005/2/Rev.1", ["E/CN.4/Sub.2/2005/2/Rev.1"]),
    ("A/C.3/75/L.1/Corr.1", ["A/C.3/75/L.1/Corr.1"]),
    ("A/RES/59/48 and S/RES/2532", ["A/RES/59/48", "S/RES/2532"]),
    ("A/70/PV.22", ["A/70/PV.22"]),
    ("A/PV.1859", ["A/PV.1859"]),
    ("A/ES-10/L.22", ["A/ES-10/L.22"]),
    ("A/AC.109/2000/5", ["A/AC.109/2000/5"]),
    ("ST/SGB/2019/8", ["ST/SGB/2019/8"]),
    ("CEDAW/C/CHN/CO/9", ["CEDAW/C/CHN/CO/9"]),
    ("CCPR/C/GC/36", ["CCPR/C/GC/36"]),
    ("(see A/70/PV.22).", ["A/70/PV.22"]),
    ("document A/75/704.", ["A/75/704"]),
])
def test_symbols_of_the_un_grammar_are_found(text, expected):
    assert find_symbols(text) == expected


@pytest.mark.parametrize("text", [
    "14/16", "21-00374", "10/11/2020", "A/B testing", "and/or", "TCP/IP", "N/A", "km/h", "A/36/PV. 15",
    "https://undocs.org/fr/A/RES/59/48", "resolution 59/48", "AS/75/704", "a/75/704",
])
def test_other_slashed_tokens_are_not_symbols(text):
    assert find_symbols(text) == []


def test_the_sample_letter_carries_its_symbol_in_its_page_furniture():
    raw = (CORPUS / "000_b1dc39bb15750822.txt").read_text(encoding="utf-8")
    assert document_symbol(raw) == "A/75/704"


@pytest.mark.parametrize("raw, expected", [
    ("Text.\n\n01/10/2015 A/70/PV.22\n\nMore text.\n\nA/70/PV.22 01/10/2015\n", "A/70/PV.22"),
    ("Speech.\n\n A/64/470  \n\nText.\n\n21-00374 2/16\n\nA/64/470\n", "A/64/470"),
    # cited documents, in sentences or a sentence wrapped onto a line of its own: no symbol of its own
    ("When I spoke here (see A/70/PV.22), Israel stood alone.\n", None),
    ("These damages are detailed in official document\nS/1994/921.\nBefore the war", None),
    ("https://undocs.org/fr/A/RES/59/48\n", None),
    ("<html><body><p>Document</p><p>A/75/704</p><p>Text citing S/2020/1 here.</p></body></html>", "A/75/704"),
    ("", None),
])
def test_a_documents_own_symbol_is_the_one_in_its_furniture(raw, expected):
    assert document_symbol(raw) == expected
