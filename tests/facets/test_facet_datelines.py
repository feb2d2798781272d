"""Datelines, "Source:" lines and symbol lines are metadata, never a title or a section heading (#12)."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.boilerplate.text import clean_text
from indexer.config import Config
from indexer.facets.datelines import Dateline, parse_dateline
from indexer.facets.dates import document_date
from indexer.facets.title import document_place, document_title, is_metadata_line, metadata_lines
from indexer.models import Block, Metadata
from indexer.passages import split_document

DATA = Path(__file__).parent / "data"
SPEECH = DATA / "mirziyoyev_dushanbe_2021_ru.txt"
SPEECH_TITLE = ("Выступление Президента Республики Узбекистан Шавката Мирзиёева на заседании "
                "Совета глав государств – членов ШОС")


@pytest.mark.parametrize("line, expected", [
    ("Душанбе, 17 сентября 2021 года", Dateline("Душанбе", "2021-09-17", None)),
    ("Москва, 10 ноября 2020 г.", Dateline("Москва", "2020-11-10", None)),
    ("Moscow, 10 November 2020", Dateline("Moscow", "2020-11-10", None)),
    ("New York, 2 March 2021", Dateline("New York", "2021-03-02", None)),
    ("BEIJING, June 15 (Xinhua) --", Dateline("BEIJING", None, "Xinhua")),
    ("Moscou, le 10 novembre 2020", Dateline("Moscou", "2020-11-10", None)),
    ("2021年9月17日，杜尚别", Dateline("杜尚别", "2021-09-17", None)),
    ("Rio de Janeiro, 5 June 1992", Dateline("Rio de Janeiro", "1992-06-05", None)),
    ("Nur-Sultan, 14.06.2019", Dateline("Nur-Sultan", "2019-06-14", None)),
    ("September 10, 2020, Moscow", Dateline("Moscow", "2020-09-10", None)),
    ("Thursday, July 28, 2011", None),
    ("24.01.2022 Meldung", None),
])
def test_datelines_are_read_as_place_date_and_agency(line, expected):
    """A weekday before the date is not a place; such a line is a plain date line for the cleaner."""
    assert parse_dateline(line) == expected


@pytest.mark.parametrize("line", [
    SPEECH_TITLE,
    "Ситуация в Афганистане остается сложной и непредсказуемой.",
    "Summit of 10 November 2020",
    "Press release on the results of the SCO Summit, 10 November 2020",
    "Remarks by SCO Secretary-General Vladimir Norov at a Meeting (September 10, 2020, Moscow)",
    "Letter dated 5 January 2021 from the Permanent Representative",
    "On 16 November 2020, the Secretariat hosted a meeting.",
    "Moscow, the capital",
    "2021年9月17日，上海合作组织成员国元首理事会第二十一次会议在杜尚别举行。",
    "The Situation in Afghanistan, 17 September 2021 Meeting of the Council",
])
def test_titles_and_sentences_are_not_datelines(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize("line, expected", [
    ("Source: Xinhua", True),
    ("Источник: пресс-служба Президента Республики Узбекистан", True),
    ("A/75/704", True),
    ("A/75/704–S/2021/78", True),
    ("Душанбе, 17 сентября 2021 года", True),
    (SPEECH_TITLE, False),
    ("Sources of financing for the SCO Development Bank", False),
    ("Letter dated 5 January 2021 (A/75/704)", False),
])
def test_metadata_lines(line, expected):
    assert is_metadata_line(line) is expected


def test_metadata_lines_become_datelines_or_text_never_headings():
    blocks = (
        Block("A/75/704", "heading", 1),
        Block("Moscow, 10 November 2020", "heading", 2),
        Block("Declaration of the Heads of State", "heading", 1),
        Block("Source: Xinhua", "heading", 2),
        Block("The member states declare."),
        Block("New York, 2 March 2021", "heading", 2),
    )
    assert metadata_lines(blocks) == (
        Block("A/75/704"),
        Block("Moscow, 10 November 2020", "dateline"),
        Block("Declaration of the Heads of State", "heading", 1),
        Block("Source: Xinhua"),
        Block("The member states declare."),
        Block("New York, 2 March 2021"),
    )


def test_russian_speech_dateline_is_date_and_place_not_title_or_heading():
    blocks = metadata_lines(clean_text(SPEECH.read_text(encoding="utf-8"), Config()))
    drafts = split_document(blocks, Config())
    found = (
        document_title(blocks, Metadata(), SPEECH.name),
        document_date(blocks, Metadata()),
        [b.text for b in blocks if b.kind == "dateline"],
        [draft.heading for _, draft in drafts],
        drafts[0][1].text.startswith("Ситуация в Афганистане остается сложной"),
    )
    assert found == (SPEECH_TITLE, "2021-09-17", ["Душанбе, 17 сентября 2021 года"], [SPEECH_TITLE], True)
    assert document_place(blocks) == "Душанбе"


def test_title_skips_a_source_line_opening_the_text():
    blocks = (Block("Source: Xinhua"), Block("SCO leaders meet in Dushanbe"), Block("The leaders met."))
    assert document_title(blocks, Metadata(), "x.txt") == "SCO leaders meet in Dushanbe"
