"""Listed people found in real Russian news sentences, in every case, and not where a namesake is meant.

``data/eld_names_ru.tsv`` holds every sentence of a news test set naming a listed surname in any case,
with the person a reader finds there; a surname next to another given name ("Анна Герман", "Александр
Лебедев") or itself a given name before a surname ("Герман Греф") is somebody else.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.facets.speakers import load_authority
from tests.conftest import CORPUS

DATA = Path(__file__).parent / "data" / "eld_names_ru.tsv"
# A lone common surname with no given name or title is taken as the listed person; the sentence's
# subject (a boxing match) is not read.
CONTEXT_ONLY = "встреча Хука и Лебедева"


def labelled() -> list:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines()[1:]:
        expected, sentence = line.split("\t")
        names = () if expected == "-" else tuple(sorted(expected.split("; ")))
        marks = [pytest.mark.xfail(strict=True, reason="read only from context")] if CONTEXT_ONLY in sentence else []
        rows.append(pytest.param(sentence, names, marks=marks, id=sentence[:40]))
    return rows


@pytest.fixture(scope="module")
def authority():
    return load_authority(CORPUS / "speakers.yaml")


def test_the_data_holds_declined_forms_and_namesakes():
    rows = [row.values for row in labelled()]
    assert len(rows) == 21
    assert sum(1 for _, names in rows if names) == 13 and sum(1 for _, names in rows if not names) == 8


@pytest.mark.parametrize(("sentence", "expected"), labelled())
def test_each_sentence_names_exactly_the_person_a_reader_finds(authority, sentence, expected):
    assert tuple(sorted({name for name, _, _ in authority.find_mentions(sentence)})) == expected
