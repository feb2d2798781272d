"""Who a General Debate speech reports, on real passages (tests/facets/data/ungdc_reported_passages.txt).

Each case names the speech and passages it reads; the expected lists are whole: every passage of the run.
The passages come from the 1,500-speech slice of bench/reported_eval.py (both halves, now development data),
where the rules were written; none from its second held-out set.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.facets.cues import ends_inside_quotation, governed, outside_quotes
from indexer.facets.speakers import passage_reported

DATA = Path(__file__).parent / "data" / "ungdc_reported_passages.txt"
ANNAN, GUTERRES, BAN = ("Kofi Annan",), ("António Guterres",), ("Ban Ki-moon",)
PEREZ_DE_CUELLAR = ("Javier Pérez de Cuéllar",)


def _passages() -> dict[tuple[str, int], tuple[str, str]]:
    """Return (speech, ordinal) -> (catalogue speaker, text) from the data file."""
    text = "\n".join(line for line in DATA.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    found = {}
    for head, body in re.findall(r"^=== ([^\n]+)\n(.*?)(?=\n=== |\Z)", text, flags=re.S | re.M):
        speech, ordinal, speaker = head.split(" ", 2)
        found[(speech, int(ordinal))] = (speaker, body.strip())
    return found


PASSAGES = _passages()


def _reported(authority, speech: str, ordinals: list[int]) -> list[tuple[str, ...]]:
    """Return who each of a speech's passages reports, read in order with the speech's catalogue speaker."""
    speaker = PASSAGES[(speech, ordinals[0])][0]
    return passage_reported([PASSAGES[(speech, ordinal)][1] for ordinal in ordinals], (speaker,), authority)


@pytest.mark.parametrize(
    ("speech", "ordinals", "expected"),
    [
        # thanks and tribute: "express my highest appreciation to the secretary-General …, His Excellency
        # Javier Perez de Cuellar, for his outstanding report, which outlines our hopes"
        ("YUG_46_1991", [2], [()]),
        # support: "Bulgaria supports the efforts of Secretary-General Kofi Annan … and expresses the hope"
        ("BGR_60_2005", [3], [()]),
        # the agent of another verb: "the reform measures introduced by Secretary-General Kofi Annan have reaffirmed"
        ("AUT_54_1999", [9], [()]),
        # an object and the speaker's own "we": "discussions with President Putin in which we advocated for the
        # mediation proposed by the Organization …"
        ("FRA_75_2020", [22], [()]),
        # the object of "called on": "The resolution also called on the Secretary-General to organize …"
        ("MAR_78_2023", [1, 12], [GUTERRES, ()]),
        # a reporting verb that names its agent after it is kept: "proposed by President Islam Karimov",
        # "As underlined by President Khatami"; the next passage is the delegate's ("which, we think, …")
        ("UZB_58_2003", [13, 14], [("Islam Karimov",), ()]),
        ("IRN_55_2000", [7, 8], [("Mohammad Khatami",), ()]),
    ],
)
def test_a_person_thanked_supported_or_an_object_is_not_reported(authority, speech, ordinals, expected):
    assert _reported(authority, speech, ordinals) == expected


@pytest.mark.parametrize(
    ("speech", "ordinals", "expected"),
    [
        # "He said we must create equal opportunities …" continues; "It is in the spirit of this New Global Deal,
        # that we call on …" and "we reiterate our position" are the delegate's
        ("ZAF_75_2020", [4, 5, 6, 7], [GUTERRES, GUTERRES, (), ()]),
        # a sentence in the delegate's voice after the report ("We will join hands …") ends it there
        ("CHN_60_2005", [10, 11], [("Hu Jintao",), ()]),
        # a closed quotation holds the reported words: the next paragraph is the delegate's
        ("POL_55_2000", [15, 16], [ANNAN, ()]),
        ("SGP_45_1990", [6, 7], [PEREZ_DE_CUELLAR, ()]),
        # "… he said:" carries into the quotation that follows, which closes; "As the Secretary-General also
        # remarked, we all share the same island." is his ("we" after the verb is his words), and "Also, we must
        # consider my country's connection to the ocean" is the delegate's
        ("NRU_69_2014", [2, 3, 4, 5, 6], [BAN, BAN, (), BAN, ()]),
        # a quotation left open ("In the same introduction, he cautions: “Globalization offers …") runs into the
        # next passage, which then turns to the delegate ("We all know the protests …")
        ("AND_55_2000", [10, 11, 12, 13], [ANNAN, ANNAN, ANNAN, ()]),
    ],
)
def test_a_report_is_not_carried_through_the_delegates_own_words(authority, speech, ordinals, expected):
    assert _reported(authority, speech, ordinals) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("I should also like to express my highest appreciation to the secretary-General of the United Nations, "
         "His Excellency Javier Perez de Cuellar, for his outstanding report", "Javier", True),  # YUG_46_1991
        ("Bulgaria supports the efforts of Secretary-General Kofi Annan in this respect", "Kofi", True),  # BGR_60_2005
        ("we had the opportunity to hold discussions with President Putin in which", "Putin", True),  # FRA_75_2020
        ("As the Secretary-General, Mr. Javier Peres de Cuellar, said recently in Bogota", "Cuellar", False),  # SGP
        ("Speaking at the Warsaw conference, Secretary-General Kofi Annan said", "Kofi", False),  # POL_55_2000
        # corpus/001: a phrase before a comma or another phrase is not what governs the name
        ("Opening the meeting of the Council of Heads of SCO Member States, Russian President Vladimir Putin stated",
         "Vladimir", False),
        ("By the way, in his video message to the SCO Summit the UN Secretary General Antanio Gutteres noted",
         "Antanio", False),
    ],
)
def test_governed_tells_an_object_from_a_subject(text, name, expected):
    assert governed(text, text.index(name)) is expected


def test_quotation_marks_left_open_carry_into_the_next_passage():
    # AND_55_2000, passages 11 and 12
    first = "In the same introduction, he cautions:\n\n“Globalization offers great opportunities, but …"
    second = "“Thus the central challenge we face today is …” (A/54/2000, paras. 13 and 14) We all know the protests"
    assert (ends_inside_quotation(first), ends_inside_quotation(second, opened=True)) == (True, False)
    plain = outside_quotes(second, opened=True)
    assert (len(plain), plain.strip()) == (len(second), "(A/54/2000, paras. 13 and 14) We all know the protests")


@pytest.mark.parametrize(
    ("speech", "ordinals", "expected"),
    [
        # "by Mr. Boutros Boutros-Ghali": the full stop of "Mr." does not free the name from "done by"
        ("BFA_51_1996", [3], [()]),
        # "our calls for his wisdom" is a noun after a determiner, not "he calls for"
        ("LSO_61_2006", [22], [()]),
        # "announced during President Xi Jinping's visit": the object of "during"
        ("PAK_70_2015", [10], [()]),
        # "“My delegation believes that the Annan plan …”": the delegation speaks even inside the quotation
        # mark its text opens on every paragraph, and nothing is carried into the next one
        ("GMB_67_2012", [20, 21], [(), ()]),
    ],
)
def test_an_object_a_noun_or_the_delegation_in_quotation_marks_is_not_reported(authority, speech, ordinals, expected):
    assert _reported(authority, speech, ordinals) == expected


@pytest.mark.parametrize(
    ("speech", "ordinals", "expected"),
    [
        # "the false allegations made by President Hassan Rouhani": spoken words named with their agent
        ("BHR_70_2015", [2], [("Hassan Rouhani",)]),
        # "I echo the opening remarks of Secretary-General Guterres, we need to renew …"
        ("NRU_78_2023", [24], [GUTERRES]),
        # "… stating:" then a passage opening with “We are the ones who go around the world …”, which the
        # delegate's "We are still far from …" ends
        ("BRA_60_2005", [10, 11], [ANNAN, ANNAN]),
        # a sentence split over two passages: "told the Conference on Disarmament that the Treaty on the
        # Non-Proliferation of Nuclear Weapons" | "(NPT) regime, faces “a twin crisis …”"
        ("SVK_61_2006", [15, 16], [ANNAN, ANNAN]),
        # "Mr. Kofi Annan, the Secretary-General, said that:" after a comma is a subject; his quotation closes
        # in the same passage and the next is the delegate's
        ("DJI_57_2002", [5, 6], [ANNAN, ()]),
    ],
)
def test_agents_of_spoken_words_and_quotations_split_across_passages_are_reported(
        authority, speech, ordinals, expected):
    assert _reported(authority, speech, ordinals) == expected
