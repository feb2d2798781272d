"""Markdown reading: front matter, body conversion and Markdown sniffed in .txt files."""
from __future__ import annotations

import pytest

from indexer.models import Metadata, RawDocument
from indexer.readers.common import Reading
from indexer.readers.markdown import looks_like_markdown, markdown_to_text, split_front_matter


def test_front_matter_becomes_metadata_and_body_becomes_text(read_sample):
    expected_text = (
        "# Council of Foreign Ministers meets in Moscow\n\n"
        "2020 / 09 / 10\n\n"
        "The ministers discussed regional security and\nthe economic agenda.\n\n"
        "- Preparation of the summit\n\n"
        "- Cooperation against terrorism\n\n"
        "Source: https://example.org/news/2020-09-10"
    )
    expected_metadata = Metadata(
        title="Press release on the Council of Foreign Ministers",
        date="2020-09-10",
        speakers=("Vladimir Norov", "Sergey Lavrov"),
        doc_type="press release",
        source="SCO Secretariat",
        topics=("security", "economy"),
        lang="en",
        url="https://example.org/news/2020-09-10",
    )
    assert read_sample("press_release.md") == Reading(
        RawDocument(path="press_release.md", format="md", text=expected_text, metadata=expected_metadata)
    )


def test_broken_front_matter_is_reported_and_the_body_still_read(read_sample):
    reading = read_sample("bad_front_matter.md")
    assert reading.document == RawDocument(
        path="bad_front_matter.md",
        format="md",
        text="## A document whose front matter is broken\n\nThe body must still be read.",
    )
    assert reading.warnings == (
        "bad_front_matter.md: front matter is not valid YAML and is ignored: "
        "expected ',' or ']', but got ':' (line 2 of the front matter)",
    )


def test_markdown_in_a_txt_file_is_routed_to_the_markdown_reader(read_sample):
    assert read_sample("communique_markdown.txt").document == RawDocument(
        path="communique_markdown.txt",
        format="md",
        text=(
            "## Communiqué of the Heads of Government Council\n\n"
            "2019 / 11 / 02\n\n"
            "The heads of government met in Tashkent and reviewed economic cooperation.\n\n"
            "They adopted a joint communiqué.\n\n"
            "Source: https://example.org/news/20191102.html"
        ),
    )


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("## **Bold** _title_ ##", "## Bold title"),
        ("Title\n=====\n\nSub\n---\nbody", "# Title\n\n## Sub\n\nbody"),
        ("See [the charter](https://x.org/c \"Charter\") and <https://x.org/a>.", "See the charter and https://x.org/a."),
        ("![logo](l.png) Text with ![](a.png)image", "Text with image"),
        ("A <!-- hidden\nnote --> visible <span>span</span>", "A  visible span"),
        ("* one\n+ two\n1. first\n2) second", "- one\n\n- two\n\n- 1. first\n\n- 2. second"),
        ("- item starts\n  and continues", "- item starts\nand continues"),
        ("***both*** **bold *nested***", "both bold nested"),
        ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"),
        (r"\*not emphasis\* and \_x\_", "*not emphasis* and _x_"),
        ("Use `code` here\n\n```\nkeep *this*\n```", "Use code here\n\nkeep *this*"),
        ("> quoted **line**", "quoted line"),
        ("| Name | Date |\n|---|---|\n| Summit | 2020 |", "Name\n\nDate\n\nSummit\n\n2020"),
        ("[ref link][1]\n\n[1]: https://x.org", "ref link"),
        ("text\n\n---\n\n***\n\nmore", "text\n\nmore"),
        ("*2017 / 06 / 09*\n\nBody.", "2017 / 06 / 09\n\nBody."),
    ],
)
def test_markdown_to_text(markdown, text):
    assert markdown_to_text(markdown) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Title\n\nSome **bold** text.", True),
        ("Intro\n\n---\n\nSee <https://x.org/a>.", True),
        ("**Mr President,**\n**Excellencies,**\n**Ladies and Gentlemen,**\nThank you.", True),
        ("Speech\n\n---\n\nThank you.\n\n* * *\n\nEnd.", False),
        ("Only one **bold** phrase in plain prose.", False),
        ("17-29597 (E) *1729597*\n________________\nA/72/PV.14", False),
        ("Plain text with item_5 and a-b-c.", False),
    ],
)
def test_looks_like_markdown(text, expected):
    assert looks_like_markdown(text) is expected


@pytest.mark.parametrize(
    ("text", "expected_body"),
    [
        ("---\nThis is prose between rules\n---\nBody", "---\nThis is prose between rules\n---\nBody"),
        ("Body first\n---\ntitle: x\n---\n", "Body first\n---\ntitle: x\n---\n"),
        ("---\ntitle: T\n...\nBody", "Body"),
    ],
)
def test_only_a_leading_yaml_mapping_is_front_matter(text, expected_body):
    assert split_front_matter(text, "f.md")[1] == expected_body


def test_front_matter_problems_are_warnings_naming_file_key_and_value():
    text = "---\ntitle: T\nauthor: me\ndate: 2020-02-30\nspeaker: A; B\n---\nBody"
    assert split_front_matter(text, "f.md") == (
        Metadata(title="T", speakers=("A", "B")),
        "Body",
        [
            "f.md, front matter: unknown key 'author' ignored (known: date, lang, language, source, "
            "speaker, speakers, symbol, title, topic, topics, type, url, version_of)",
            "f.md, front matter, date: invalid date '2020-02-30': day is out of range for month",
        ],
    )
