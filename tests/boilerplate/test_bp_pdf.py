"""PDF-extracted text: page furniture, rejoined lines, hyphenation, layout detection."""
from __future__ import annotations

import pytest

from indexer.boilerplate import clean_text, detect_layout
from indexer.boilerplate.pdf import join_lines, pdf_paragraphs
from indexer.models import Block

UN_LETTER = (
    Block(
        "Lettre datée du 5 janvier 2021, adressée au Secrétaire général par le Représentant "
        "permanent du Tadjikistan auprès de l’Organisation des Nations Unies",
        "heading",
        1,
    ),
    Block(
        "Me référant à la résolution 59/48 du 2 décembre 2004, par laquelle l’Assemblée générale "
        "a octroyé à l’Organisation de Shanghai pour la coopération le statut d’observateur auprès "
        "d’elle, ainsi qu’à ses résolutions sur la coopération entre l’Organisation des Nations "
        "Unies et l’Organisation de Shanghai pour la coopération, j’ai l’honneur de vous informer "
        "de ce qui suit."
    ),
    Block(
        "La République du Tadjikistan, qui assure la présidence de l’Organisation de Shanghai pour "
        "la coopération en 2021, a le plaisir de vous faire tenir ci-joint le texte de la "
        "Déclaration de Moscou du Conseil des chefs d’État des États membres de l’Organisation de "
        "Shanghai pour la coopération, adoptée le 10 novembre 2020 à Moscou (voir annexe)."
    ),
    Block(
        "La Déclaration vise à étendre la coopération entre les États membres dans différents "
        "domaines et à permettre une approche mieux coordonnée face aux défis mondiaux et "
        "régionaux, y compris la pandémie de maladie à coronavirus (COVID-19)."
    ),
    Block(
        "Je vous serais reconnaissant de bien vouloir faire distribuer le texte de la présente "
        "lettre et de son annexe comme document de l’Assemblée générale, au titre du point 130 s) "
        "de l’ordre du jour."
    ),
    Block("L’Ambassadeur, Représentant permanent (Signé) Mahmadamin Mahmadaminov"),
    Block(
        "Annexe à la lettre datée du 5 janvier 2021 adressée au Secrétaire général par le "
        "Représentant permanent du Tadjikistan auprès de l’Organisation des Nations Unies"
    ),
    Block("[Original : anglais, chinois et russe]"),
    Block(
        "Moscow Declaration of the Council of Heads of State of the Shanghai Cooperation "
        "Organization",
        "heading",
        2,
    ),
    Block(
        "The leaders of the member states of the Shanghai Cooperation Organisation (SCO), "
        "following the meeting of the SCO Council of Heads of State held via videoconference on "
        "10 November 2020, declare the following."
    ),
    Block(
        "The member states emphasise the need to continue efforts to reduce the risks of "
        "disasters and develop emergency response potential. They intend to enhance their "
        "cooperation in areas such as the exchange of real-time information, personnel training, "
        "and holding of joint exercises on relief efforts following natural disasters and "
        "industrial accidents. They are also going to promote cooperation on early warning and "
        "disaster relief in border areas, in part, by involving SCO observers and dialogue "
        "partners in these efforts and developing cooperation with other multilateral mechanisms "
        "in this area."
    ),
    Block(
        "The member states highly praised the results of the 10th SCO Meeting of Heads of "
        "Emergency Prevention and Relief Agencies and SCO Joint Exercise on Urban Earthquake "
        "Search and Rescue (New Delhi 4–8 November 2019)."
    ),
    Block(
        "The member states pointed to the importance of implementing the SCO Concept of "
        "Cooperation in Environmental Protection for 2019–2021 and the Programme for Developing "
        "Environmental Wellbeing of SCO Cities."
    ),
    Block(
        "The member states noted the activities of the SCO Youth Council and praised the results "
        "of its regular meeting in Moscow on 29–31October 2020. They emphasised the need for the "
        "Youth Council’s continued participation in implementing the provisions of the Joint "
        "Address of the SCO Heads of State for the Youth and the 10 June 2018 Programme of Action "
        "on its fulfilment."
    ),
)

# Written in the shape of a wrapped UN verbatim record: ~50-character lines, no
# blank lines, a lone page number and a running header inside a sentence.
WRAPPED_SPEECH = """At the outset, I would like to state that my
country endorses the statement made here by the
presidency of the European Union. We wish the
United Nations to fulfil the central role it rightly
deserves in the community of nations.
The United Nations was established in a distant
historical context, but its ideas and basic values
remain contemporary. We recall them, on occasions
such as this, because this common undertaking is
based on solid foundations and on inter-
national law.
No cause, no idea, justifies acts of pure barbarism
and the spilling of innocent blood. Terrorism is an
enemy of humankind, and it is up to the United
33
General Assembly 12th plenary meeting
Nations to contribute decisively to a global
strategy against terrorism that takes into account
the security-related responses and the SCO-
Afghanistan Contact Group as well as COVID-
19 recovery and the long-term needs
of peoples.
Let us be unyielding in the fight against terrorism,
but let us also engage ourselves in doing it
collectively.
34
General Assembly 12th plenary meeting
We believe that the meeting of world leaders was a
fundamental step towards alleviating poverty.
35
General Assembly 12th plenary meeting
"""
WRAPPED_PARAGRAPHS = [
    "At the outset, I would like to state that my country endorses the statement made here by "
    "the presidency of the European Union. We wish the United Nations to fulfil the central "
    "role it rightly deserves in the community of nations.",
    "The United Nations was established in a distant historical context, but its ideas and "
    "basic values remain contemporary. We recall them, on occasions such as this, because this "
    "common undertaking is based on solid foundations and on international law.",
    "No cause, no idea, justifies acts of pure barbarism and the spilling of innocent blood. "
    "Terrorism is an enemy of humankind, and it is up to the United Nations to contribute "
    "decisively to a global strategy against terrorism that takes into account the "
    "security-related responses and the SCO-Afghanistan Contact Group as well as COVID-19 "
    "recovery and the long-term needs of peoples.",
    "Let us be unyielding in the fight against terrorism, but let us also engage ourselves in "
    "doing it collectively.",
    "We believe that the meeting of world leaders was a fundamental step towards alleviating "
    "poverty.",
]

PAGED = "\f".join(
    f"Report of the Working Group on Regional Security\n\n{body}\n\nGE.21-00374 Page {n} of 3\n"
    for n, body in enumerate(
        [
            "The Working Group met three times during the period under review and\n"
            "examined the proposals submitted by the member states concerning",
            "the exchange of information on transnational threats. It agreed to\n"
            "continue its work in the coming year.",
            "The Working Group thanks the Secretariat for its support and for the\n"
            "preparation of the documents considered at its meetings.",
        ],
        start=1,
    )
)


def test_un_letter_excerpt_loses_page_furniture_and_rejoins_lines(read, config):
    assert clean_text(read("un_letter_excerpt.txt"), config) == UN_LETTER


def test_wrapped_speech_is_rejoined_without_page_numbers_or_headers():
    assert pdf_paragraphs(WRAPPED_SPEECH) == WRAPPED_PARAGRAPHS


def test_headers_repeated_on_pages_split_by_form_feeds_are_dropped(config):
    assert [b.text for b in clean_text(PAGED, config)] == [
        "The Working Group met three times during the period under review and examined the "
        "proposals submitted by the member states concerning the exchange of information on "
        "transnational threats. It agreed to continue its work in the coming year.",
        "The Working Group thanks the Secretariat for its support and for the preparation of "
        "the documents considered at its meetings.",
    ]


@pytest.mark.parametrize(
    ("previous", "line", "lexicon", "expected"),
    [
        ("the inter-", "national law", set(), "the international law"),
        ("the inter-", "national law", {"international"}, "the international law"),
        ("the long-", "term needs", {"long-term"}, "the long-term needs"),
        ("the SCO-", "Afghanistan group", set(), "the SCO-Afghanistan group"),
        ("the COVID-", "19 pandemic", set(), "the COVID-19 pandemic"),
        ("regional security", "and stability", set(), "regional security and stability"),
        ("上海合作组织", "成员国", set(), "上海合作组织成员国"),
    ],
)
def test_join_lines_undoes_hyphenation_only(previous, line, lexicon, expected):
    assert join_lines(previous, line, lexicon) == expected


@pytest.mark.parametrize(
    ("name", "layout"),
    [("un_letter_excerpt.txt", "pdf"), ("sco_web_dump.txt", "web")],
)
def test_detect_layout_of_samples(name, layout, read):
    assert detect_layout(read(name)) == layout


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        (WRAPPED_SPEECH, "pdf"),
        ("\n\n".join(WRAPPED_PARAGRAPHS), "plain"),
        ("# Title\n\n" + WRAPPED_SPEECH, "plain"),
    ],
)
def test_detect_layout(text, layout):
    assert detect_layout(text) == layout
