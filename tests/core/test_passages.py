"""Passage splitting: merge short paragraphs, cut long ones at sentences, keep headings."""
import pytest

from indexer.config import Config
from indexer.models import Block
from indexer.passages import Draft, cut_long_text, split_blocks, split_sentences

CONFIG = Config(passage_min_chars=60, passage_max_chars=160)


def test_short_paragraphs_merge_until_the_minimum_size():
    blocks = [Block("Dear colleagues,"), Block("Ladies and gentlemen!"),
              Block("Let me welcome everyone and thank you for your attention to today's briefing."),
              Block("The heads of eight SCO member and observer states took part in the meeting.")]
    assert split_blocks(blocks, CONFIG) == [
        Draft(1, "Dear colleagues,\n\nLadies and gentlemen!\n\n"
                 "Let me welcome everyone and thank you for your attention to today's briefing.", None),
        Draft(2, "The heads of eight SCO member and observer states took part in the meeting.", None),
    ]


def test_headings_start_sections_and_are_not_passage_text():
    blocks = [Block("Moscow Declaration", "heading", 1), Block("The leaders declare the following."),
              Block("Security", "heading", 2), Block("Threats to security continue to grow.")]
    assert split_blocks(blocks, CONFIG) == [
        Draft(1, "The leaders declare the following.", "Moscow Declaration"),
        Draft(2, "Threats to security continue to grow.", "Security"),
    ]


def test_datelines_are_left_out_of_passages():
    blocks = [Block("Press release", "heading", 1), Block("2017 / 06 / 09", "dateline"), Block("The meeting was held.")]
    assert [d.text for d in split_blocks(blocks, CONFIG)] == ["The meeting was held."]


def test_long_paragraph_is_cut_at_sentence_boundaries():
    sentence = "The member states reaffirm their support for the central role of the United Nations. "
    config = Config(passage_min_chars=60, passage_max_chars=2 * len(sentence) + 10)
    drafts = split_blocks([Block(sentence * 5)], config)
    assert len(drafts) == 3
    assert all(len(d.text) <= config.passage_max_chars for d in drafts)
    assert all(d.text.endswith("Nations.") for d in drafts)
    assert " ".join(d.text for d in drafts) == (sentence * 5).strip()


def test_boundary_predicate_keeps_two_speakers_apart():
    blocks = [Block("Putin said the pandemic had not slowed the work."),
              Block("Xi Jinping emphasized that the pandemic accelerates change.")]
    drafts = split_blocks(blocks, CONFIG, is_boundary=lambda b: b.text.startswith("Xi"))
    assert [d.text for d in drafts] == [b.text for b in blocks]


def test_list_items_join_with_single_newlines():
    blocks = [Block("Tajikistan will focus on the following aspects:"), Block("• Trade.", "item"), Block("• Energy.", "item")]
    assert split_blocks(blocks, CONFIG)[0].text == "Tajikistan will focus on the following aspects:\n\n• Trade.\n• Energy."


def test_a_document_of_headings_only_keeps_its_text():
    assert [d.text for d in split_blocks([Block("Statement", "heading", 1)], CONFIG)] == ["Statement"]


@pytest.mark.parametrize("text, expected", [
    ("Mr. Lavrov spoke. Then Mr. Wang Yi answered.", ["Mr. Lavrov spoke.", "Then Mr. Wang Yi answered."]),
    ("See e.g. the Charter. It is clear.", ["See e.g. the Charter.", "It is clear."]),
    ("Он сказал. Затем ответил.", ["Он сказал.", "Затем ответил."]),
    ("会议举行。各方发言。", ["会议举行。", "各方发言。"]),
    ("N. Nazarbayev chaired the meeting. It ended.", ["N. Nazarbayev chaired the meeting.", "It ended."]),
])
def test_sentences(text, expected):
    assert split_sentences(text) == expected


def test_overlong_sentence_is_cut_at_words():
    text = "word " * 100
    pieces = cut_long_text(text.strip(), 50)
    assert all(len(piece) <= 50 for piece in pieces)
    assert " ".join(pieces) == text.strip()


def test_annexes_become_parts_of_their_own():
    from indexer.passages import split_document

    blocks = [Block("Je vous serais reconnaissant de bien vouloir faire distribuer le texte de la présente lettre."),
              Block("(Signé) Mahmadamin Mahmadaminov"),
              Block("Annexe à la lettre datée du 5 janvier 2021 adressée au Secrétaire général"),
              Block("Moscow Declaration", "heading", 1),
              Block("The leaders of the member states declare the following."),
              Block("Annex II"), Block("Statement on the digital economy.")]
    assert split_document(blocks, Config()) == [
        (0, Draft(1, "Je vous serais reconnaissant de bien vouloir faire distribuer le texte de la présente lettre."
                     "\n\n(Signé) Mahmadamin Mahmadaminov", None)),
        (1, Draft(2, "The leaders of the member states declare the following.", "Moscow Declaration")),
        (2, Draft(3, "Statement on the digital economy.", "Annex II")),
    ]


@pytest.mark.parametrize("text", ["Annex", "Annex to the letter dated 3 May 2019", "Приложение к письму",
                                  "附件", "ANNEXE"])
def test_annex_cues(text):
    from indexer.passages import is_annex_heading

    assert is_annex_heading(Block(text))


@pytest.mark.parametrize("text", ["Annexes to this report are listed below.", "Annexation of territory is illegal"])
def test_sentences_starting_with_annex_words_are_not_headings(text):
    from indexer.passages import is_annex_heading

    assert not is_annex_heading(Block(text))
