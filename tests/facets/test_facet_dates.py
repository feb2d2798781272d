"""Dates: every written form the collection uses, impossible dates, and the document's own date."""
from __future__ import annotations

import pytest

from indexer.facets.dates import document_date, find_dates
from indexer.models import Block, Metadata


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 2020-11-18T17:07:00Z", [("2020-11-18", 10)]),
        ("18.11.2020 17:07", [("2020-11-18", 0)]),
        ("*2017 / 06 / 09*", [("2017-06-09", 1)]),
        ("Dated 09/06/2017.", [("2017-06-09", 6)]),  # ambiguous: day first
        ("Dated 06/13/2017.", [("2017-06-13", 6)]),  # month first only when day first is impossible
        ("held on 5 January 2021 in Dushanbe", [("2021-01-05", 8)]),
        ("Washington, January 5, 2021", [("2021-01-05", 12)]),
        ("(September 10, 2020, Moscow)", [("2020-09-10", 1)]),
        ("Lettre datée du 5 janvier 2021, adressée au Secrétaire général", [("2021-01-05", 16)]),
        ("Paris, le 1er décembre 2020", [("2020-12-01", 10)]),
        ("Москва, 10 ноября 2020 г.", [("2020-11-10", 8)]),
        ("2020年11月10日，上海合作组织成员国元首理事会", [("2020-11-10", 0)]),
        ("二〇二〇年十一月十日", [("2020-11-10", 0)]),
        ("Youth Council meeting in Moscow on 29–31October 2020.", [("2020-10-29", 35)]),
        ("held on 8-9 June 2017 in Astana", [("2017-06-08", 8)]),
        ("from 30 November 2020 through 28 February 2021", [("2020-11-30", 5), ("2021-02-28", 30)]),
        ("Posted on 03. November 2021", [("2021-11-03", 10)]),
    ],
)
def test_find_dates_reads_each_written_form(text, expected):
    assert find_dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 February 2021",  # no such day
        "2021-13-01",  # no such month
        "the Treaty of 5 January 1850",  # before the plausible range
        "on 5 January 2999",  # after it
        "resolution 59/48 and document A/75/704, page 21-00374 14/16",  # symbols, not dates
        "in June 2019 and on November 30 this year",  # incomplete dates stay unknown
        "le 1er décembre",  # no year: not invented
    ],
)
def test_find_dates_rejects_impossible_or_incomplete_dates(text):
    assert find_dates(text) == []


def _blocks(*items: tuple[str, str]) -> tuple[Block, ...]:
    return tuple(Block(text, kind=kind) for kind, text in items)


@pytest.mark.parametrize(
    ("blocks", "metadata", "expected"),
    [
        # the librarian's date wins over any text
        (_blocks(("heading", "Letter dated 5 January 2021")), Metadata(date="2021-01-07"), "2021-01-07"),
        # a dateline wins over a date in the heading
        (_blocks(("heading", "Summit of 10 November 2020"), ("dateline", "18.11.2020 17:07")),
         Metadata(), "2020-11-18"),
        # the title's date wins over a past event cited in the first paragraph
        (
            _blocks(
                ("paragraph", "Me référant à la résolution 59/48 du 2 décembre 2004, par laquelle"),
                ("heading", "Lettre datée du 5 janvier 2021, adressée au Secrétaire général"),
            ),
            Metadata(),
            "2021-01-05",
        ),
        # a lead that opens with a date gives the document's date
        (_blocks(("heading", "Press conference"), ("paragraph", "On 16 November 2020, the Secretariat hosted")),
         Metadata(), "2020-11-16"),
        # a date deep inside a header paragraph is about another event: unknown
        (
            _blocks(
                ("heading", "Address by the Secretary-General"),
                ("paragraph", "Allow me to express gratitude to each of you for your attention to the activities of "
                 "the Organisation, and to recall the meeting held in Bishkek on 14 June 2019."),
            ),
            Metadata(),
            None,
        ),
        # a date after the header zone is ignored
        (
            _blocks(*[("paragraph", f"Paragraph {n} without a date.") for n in range(6)],
                    ("paragraph", "On 5 May 2020 the ministers met.")),
            Metadata(),
            None,
        ),
        ((), Metadata(), None),
    ],
)
def test_document_date_prefers_metadata_dateline_title_then_lead(blocks, metadata, expected):
    assert document_date(blocks, metadata) == expected
