"""Document type, source and title."""
from __future__ import annotations

import pytest

from indexer.facets.doctype import document_type
from indexer.facets.source import document_source
from indexer.facets.title import TITLE_MAX_CHARS, document_title, part_titles
from indexer.models import Block, Metadata


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lettre datée du 5 janvier 2021, adressée au Secrétaire général", "letter"),
        ("Identical letters dated 10 November 2020 from the Permanent Representative", "letter"),
        ("Address by SCO Secretary-General Vladimir Norov at a press conference", "speech"),  # first cue wins
        ("SCO Secretary-General's press conference on the results of the SCO Summit", "press conference"),
        ("Press release on the results of the Heads of State Council Meeting", "press release"),
        ("Moscow Declaration of the Council of Heads of State", "declaration"),
        ("Déclaration conjointe des ministres des affaires étrangères", "statement"),
        ("Заявление Совета глав государств-членов ШОС", "statement"),
        ("Выступление Генерального секретаря ШОС на пресс-конференции", "speech"),
        ("外交部发言人答记者问", "press conference"),
        ("习近平在上海合作组织成员国元首理事会第二十次会议上的讲话", "speech"),
        ("SCO Secretary-General's interview on the occasion of International Human Solidarity Day", "interview"),
        ("Summit to define SCO's postpandemic era", None),
    ],
)
def test_document_type_from_title(vocabularies, title, expected):
    assert document_type(title, (), Metadata(), vocabularies.doctypes) == expected


def test_document_type_prefers_metadata_then_title_then_first_blocks(vocabularies):
    blocks = (Block("SCO news", kind="heading"), Block("Statement by the Secretary-General"))
    assert document_type("Anything", blocks, Metadata(doc_type="report"), vocabularies.doctypes) == "report"
    assert document_type("Press release", blocks, Metadata(), vocabularies.doctypes) == "press release"
    assert document_type("Summit ends", blocks, Metadata(), vocabularies.doctypes) == "news"
    assert document_type(None, (Block("Summit ends"),), Metadata(), vocabularies.doctypes) is None


@pytest.mark.parametrize(
    ("raw", "metadata", "path", "expected"),
    [
        ("Source: <http://eng.sectSCO.org/news/20170609/289274.html>", Metadata(source="TASS"), "a.txt", "TASS"),
        ("text", Metadata(source="https://www.kremlin.ru/events/president/news/1"), "a.txt", "President of Russia"),
        ("text", Metadata(url="http://english.news.cn/20201110/abc.htm"), "a.txt", "Xinhua"),
        ("---\n\nSource: <http://eng.sectSCO.org/news/20170609/289274.html>", Metadata(), "a.txt", "SCO Secretariat"),
        ("Источник: https://www.mid.ru/ru/foreign_policy/news/", Metadata(), "a.txt",
         "Ministry of Foreign Affairs of Russia"),
        ('<html><head><link rel="canonical" href="https://www.example.org/doc/1"></head></html>', Metadata(), "a.html",
         "example.org"),
        ("(Signé) Mahmadamin Mahmadaminov\n\nhttps://undocs.org/fr/A/RES/59/48\n\nA/75/704", Metadata(), "a.txt",
         "United Nations"),
        ("Make Infoshos my homepageContact usAdd to FavoritesHome\nMember States:", Metadata(), "a.txt", "InfoSCO"),
        ("journalists from Xinhua, TASS and Global Times attended", Metadata(), "a.txt", None),
        ("plain text", Metadata(), "un-letters/2021/a.txt", "un-letters"),
        ("plain text", Metadata(), "tass.ru/a.txt", "TASS"),
        ("plain text", Metadata(), "a.txt", None),
    ],
)
def test_document_source(vocabularies, raw, metadata, path, expected):
    assert document_source(raw, metadata, path, vocabularies.sources) == expected


LONG = "Statement " + "on cooperation in the field of international information security " * 5


@pytest.mark.parametrize(
    ("blocks", "metadata", "path", "expected"),
    [
        ((Block("## **Press release**", kind="heading"),), Metadata(title="  The librarian's title "), "a.txt",
         "The librarian's title"),
        ((Block("x", kind="dateline"), Block("## **Press release on the results**\n of the  meeting", kind="heading")),
         Metadata(), "a.txt", "Press release on the results of the meeting"),
        ((Block("Lettre datée du 5 janvier 2021, adressée au Secrétaire général\npar le Représentant permanent"),),
         Metadata(), "a.txt", "Lettre datée du 5 janvier 2021, adressée au Secrétaire général"),
        ((Block("A first paragraph that is far too long to be a title, because it goes on and on about the "
                "activities of the Organisation over the past year and the results of its summit meetings."),),
         Metadata(), "speeches/annual_report-2020_b1dc39bb15750822.txt", "Annual report 2020"),
        ((), Metadata(), "000_b1dc39bb15750822.txt", "000"),
    ],
)
def test_document_title(blocks, metadata, path, expected):
    assert document_title(blocks, metadata, path) == expected


def test_a_long_title_is_cut_at_a_word_boundary():
    title = document_title((Block(LONG, kind="heading"),), Metadata(), "a.txt")
    assert len(title) <= TITLE_MAX_CHARS
    assert title.endswith("…")
    assert LONG.startswith(title[:-1])
    assert LONG[len(title) - 1] == " "


LETTER = "Письмо Постоянного представителя Казахстана"
ANNEX_HEADING = Block("Приложение к письму Постоянного представителя", "heading", 1)


@pytest.mark.parametrize("parts, passages, expected", [
    # a Russian letter with an English annex that has its own title: the English passages take it
    (((Block(LETTER, "heading"), Block("Имею честь препроводить заявление.")),
      (ANNEX_HEADING, Block("**Joint Statement** of the Heads of State", "heading"), Block("Text."))),
     ((0, "ru", "Имею честь"), (1, "ru", "Приложение"), (1, "en", "The Heads"), (1, "en", "They note")),
     [LETTER, LETTER, "Joint Statement of the Heads of State", "Joint Statement of the Heads of State"]),
    # an annex without a title of its own keeps the letter's
    (((Block(LETTER, "heading"), Block("Имею честь.")), (ANNEX_HEADING, Block("Text."))),
     ((0, "ru", "Имею честь"), (1, "en", "The Heads")), [LETTER, LETTER]),
    # an annex in the letter's language: its heading is a section, not the title of another language
    (((Block(LETTER, "heading"), Block("Имею честь.")), (ANNEX_HEADING, Block("Совместное заявление", "heading"))),
     ((0, "ru", "Имею честь"), (1, "ru", "Главы государств")), [LETTER, LETTER]),
    # one part in two languages (no annex): one title
    (((Block(LETTER, "heading"), Block("Имею честь."), Block("Section", "heading")),),
     ((0, "ru", "Имею честь"), (0, "en", "The Heads")), [LETTER, LETTER]),
])
def test_each_annex_in_another_language_shows_its_own_title(parts, passages, expected):
    assert part_titles(LETTER, parts, passages) == expected
