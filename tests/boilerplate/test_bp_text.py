"""Plain-text cleaning: the web page dump of corpus/001, Markdown, clean speeches."""
from __future__ import annotations

import pytest

from indexer.boilerplate import clean, clean_text, detect_layout
from indexer.models import Block, RawDocument

WEB_DUMP = "sco_web_dump.txt"
TITLE = "SCO Secretary-General's press conference on the results of the SCO Summit"
FIRST_BODY = (
    "On 16 November 2020, the SCO Secretariat hosted a press conference by SCO Secretary-General "
    "Vladimir Norov on the results of the 20th SCO Heads of State Council Meeting, which was held "
    "online on 10 November 2020."
)
LAST_BODY = (
    "In addition to these documents, the Heads of SCO Member States signed the decision to go "
    "ahead with the signing of Memoranda of Understanding between the SCO Secretariat and the "
    "Secretariats of ESCAP, WHO and EAEC."
)
# Furniture of the dump: credits, menu, labels, clock widget, prompts, related news,
# registry notices in Russian, typo-report widget.
WEB_FURNITURE = [
    "financial assistance",
    "Federal Agency for Press",
    "homepage",
    "Member States:",
    "Observer States:",
    "Партнеры по диалогу",
    "Abu Dhabi",
    "Phnom Penh",
    "Add Comment",
    "Print",
    "Leave a comment",
    "Model SCO winners",
    "Human Solidarity Day",
    "Asylum to Hong Kong Protesters",
    "24.12.2020",
    "19.10.2020 13:32",
    "Реестр",
    "Голос Америки",
    "Фонд защиты прав граждан",
    "Аль-Каида",
    "Национал-большевистская партия",
    "орфографической ошибке",
    "Выделенный текст",
]


@pytest.fixture(scope="module")
def web_blocks(read, config):
    return clean_text(read(WEB_DUMP), config)


def test_web_dump_is_detected(read):
    assert detect_layout(read(WEB_DUMP)) == "web"


def test_web_dump_starts_with_title_dateline_and_body(web_blocks):
    assert web_blocks[:3] == (
        Block(TITLE, "heading", 1),
        Block("18.11.2020 17:07", "dateline"),
        Block(FIRST_BODY),
    )
    assert web_blocks[-1] == Block(LAST_BODY)


@pytest.mark.parametrize("furniture", WEB_FURNITURE)
def test_web_dump_furniture_is_gone(furniture, web_blocks):
    assert [b.text for b in web_blocks if furniture in b.text] == []


def test_web_dump_keeps_every_article_line(read, web_blocks):
    lines = [" ".join(line.split()).strip(" •—") for line in read(WEB_DUMP).split("\n")]
    article = [line for line in lines[lines.index(FIRST_BODY): lines.index(LAST_BODY) + 1] if line]
    kept = "\n".join(b.text for b in web_blocks)
    assert [line for line in article if line not in kept] == []


def test_web_dump_bullets_become_items(web_blocks):
    items = [b.text for b in web_blocks if b.kind == "item"]
    assert items[0].startswith("Creation of a special working group on innovation")
    assert "Construction of the China-Kyrgyzstan-Uzbekistan railway." in items
    assert len(items) == 64  # 66 bulleted lines, two of them the prompts "Add Comment", "Print"


MARKDOWN = """

## **Press release on the results of the Heads of State Council Meeting**

*2017 / 06 / 09*

---

The meeting of the Heads of State Council was held on 8-9 June 2017 in Astana.

The heads of state noted the importance of building a more equitable, polycentric

state, promoting the democratisation of international relations.

- Kazakhstan chaired the meeting.

---

Source: <http://eng.sectSCO.org/news/20170609/289274.html>
"""


def test_markdown_press_release(config):
    assert clean_text(MARKDOWN, config) == (
        Block("Press release on the results of the Heads of State Council Meeting", "heading", 2),
        Block("2017 / 06 / 09", "dateline"),
        Block("The meeting of the Heads of State Council was held on 8-9 June 2017 in Astana."),
        Block(
            "The heads of state noted the importance of building a more equitable, polycentric "
            "state, promoting the democratisation of international relations."
        ),
        Block("Kazakhstan chaired the meeting.", "item"),
    )


SPEECH = """Remarks by the Secretary-General at the Council of Foreign Ministers

Mr Lavrov,

I would like to join in the words of gratitude to our Russian hosts for the hospitality.

The organisation has established itself as an effective platform for countering modern
security challenges. Our collective efforts have received international recognition.

Dear colleagues,

Thank you.
"""


def test_clean_speech_loses_nothing(config):
    assert clean_text(SPEECH, config) == (
        Block("Remarks by the Secretary-General at the Council of Foreign Ministers", "heading", 1),
        Block("Mr Lavrov,"),
        Block("I would like to join in the words of gratitude to our Russian hosts for the hospitality."),
        Block(
            "The organisation has established itself as an effective platform for countering modern "
            "security challenges. Our collective efforts have received international recognition."
        ),
        Block("Dear colleagues,"),
        Block("Thank you."),
    )


def test_related_list_needs_two_title_timestamp_pairs(config):
    one = "Summit opens in Moscow\n18.11.2020 17:07\n\nThe summit opened with a minute of silence."
    two = one + "\n\nMinisters meet in Dushanbe\n24.12.2020 16:13\nYouth council convenes\n07.12.2020 17:34\n"
    assert [b.kind for b in clean_text(one, config)] == ["heading", "dateline", "paragraph"]
    assert clean_text(two, config) == clean_text(one, config)


@pytest.mark.parametrize("name", [WEB_DUMP, "un_letter_excerpt.txt"])
def test_cleaning_rendered_blocks_again_changes_nothing(name, read, config):
    blocks = clean_text(read(name), config)
    assert clean_text(_render(blocks), config) == blocks


def test_clean_dispatches_on_format(config):
    raw = RawDocument(path="a.md", format="md", text=MARKDOWN)
    assert clean(raw, config) == clean_text(MARKDOWN, config)


def _render(blocks) -> str:
    lines = []
    for block in blocks:
        if block.kind == "heading":
            lines.append("#" * block.level + " " + block.text)
        elif block.kind == "item":
            lines.append("• " + block.text)
        else:
            lines.append(block.text)
    return "\n\n".join(lines) + "\n"
