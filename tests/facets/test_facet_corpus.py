"""The five sample documents of corpus/: title, type, date, own speakers and source of each."""
from __future__ import annotations

import pytest

from indexer.facets.dates import document_date
from indexer.facets.doctype import document_type
from indexer.facets.source import document_source
from indexer.facets.speakers import document_speakers
from indexer.facets.title import document_title
from indexer.models import Metadata
from tests.facets.blocks import CORPUS, blocks_from_text, corpus_text

EXPECTED = {
    "000_b1dc39bb15750822.txt": (
        "Lettre datée du 5 janvier 2021, adressée au Secrétaire général", "letter", "2021-01-05",
        ("Mahmadamin Mahmadaminov",), "United Nations",
    ),
    "001_5ebd3e9147405e68.txt": (
        "SCO Secretary-General's press conference on the results of the SCO Summit", "press conference",
        "2020-11-18", ("Vladimir Norov",), "InfoSCO",
    ),
    "002_5053c25469639f1a.txt": (
        "Address by SCO Secretary-General Vladimir Norov at a press conference", "speech", None,
        ("Vladimir Norov",), None,
    ),
    "003_498fa46aacb9f803.txt": (
        "Remarks by SCO Secretary-General Vladimir Norov at a Meeting of the Council of Ministers of Foreign "
        "Affairs of SCO Member States (September 10, 2020, Moscow)", "speech", "2020-09-10", ("Vladimir Norov",), None,
    ),
    "004_e01e7e91aa2e5400.txt": (
        "Press release on the results of the Shanghai Cooperation Organisation Heads of State Council Meeting",
        "press release", "2017-06-09", (), "SCO Secretariat",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_document_facets(vocabularies, name):
    blocks = blocks_from_text(corpus_text(name))
    raw = (CORPUS / name).read_text(encoding="utf-8")
    title = document_title(blocks, Metadata(), name)
    found = (
        title,
        document_type(title, blocks, Metadata(), vocabularies.doctypes),
        document_date(blocks, Metadata()),
        document_speakers(blocks, Metadata(), vocabularies.speakers),
        document_source(raw, Metadata(), name, vocabularies.sources),
    )
    assert found == EXPECTED[name]


def test_001_date_comes_from_its_dateline():
    blocks = blocks_from_text(corpus_text("001_5ebd3e9147405e68.txt"))
    assert [(b.kind, b.text) for b in blocks[:2]] == [
        ("heading", "SCO Secretary-General's press conference on the results of the SCO Summit"),
        ("dateline", "18.11.2020 17:07"),
    ]
    assert document_date(blocks[1:2], Metadata()) == "2020-11-18"
