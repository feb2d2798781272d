"""Each single-line rule, on lines it must and must not catch."""
from __future__ import annotations

import pytest

from indexer.boilerplate.pdf import is_page_furniture
from indexer.boilerplate.textrules import (
    is_glued_menu,
    is_label,
    is_name_list,
    is_title_like,
    is_url_line,
    is_widget,
    strip_bullet,
    strip_markdown,
)
from indexer.boilerplate.vocabulary import (
    has_notice,
    is_credit,
    is_date_line,
    is_prompt,
    load_vocabulary,
)

VOCABULARY = load_vocabulary()
NAMES = ", ".join(f"Name{i} Surname{i}" for i in range(12))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Make Infoshos my homepageContact usAdd to FavoritesHome", True),
        ("HomeAboutNewsContact", True),
        ("ГлавнаяНовостиКонтакты", True),
        ("The YouTube channel of the Secretariat", False),
        ("Watch the summit on YouTube and LinkedIn today.", False),
    ],
)
def test_glued_menu(line, expected):
    assert is_glued_menu(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12:36Abu Dhabi", True),
        ("15:36 Phnom Penh", True),
        ("Moscow 09:15", True),
        ("+12°C Beijing", True),
        ("12:36 The meeting opened with a minute of silence for the victims.", False),
        ("18.11.2020 17:07", False),
    ],
)
def test_widget(line, expected):
    assert is_widget(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Add Comment", True),
        ("  • Print", True),
        ("Leave a comment", True),
        ("Comments (3)", True),
        ("Сообщите об орфографической ошибке", True),
        ("Lire aussi", True),
        ("Ähnliche Beiträge", True),
        ("Print media covered the summit widely.", False),
        ("Security", False),
    ],
)
def test_prompt(line, expected):
    assert is_prompt(line, VOCABULARY) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The website has been created with the financial assistance of the Federal Agency", True),
        ("Diese Website verwendet Cookies.", True),
        ("© 2020 Infoshos. Все права защищены.", True),
        ("* Реестр иностранных средств массовой информации, выполняющих функции иностранного агента:", True),
        ("The member states noted the growing use of information technologies.", False),
    ],
)
def test_notice(line, expected):
    assert has_notice(line, VOCABULARY) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Photo: Xinhua", True),
        ("© Reuters", True),
        ("Source: http://eng.sectsco.org/news/20170609/289274.html", True),
        ("(c) The existence of any fact which would constitute a breach of an obligation;", False),
        ("Copyright law was discussed by the ministers of justice.", False),
    ],
)
def test_credit(line, expected):
    assert is_credit(line, VOCABULARY) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("18.11.2020 17:07", True),
        ("*2017 / 06 / 09*", True),
        ("Published on 18 November 2020", True),
        ("Mittwoch, 31. Mai 2012", True),
        ("10 ноября 2020 г.", True),
        ("2020年11月18日", True),
        ("November 18, 2020 at 5:07 pm", True),
        ("The summit was held on 10 November 2020.", False),
        ("12:36", False),
        ("2020", False),
    ],
)
def test_date_line(line, expected):
    assert is_date_line(line, VOCABULARY) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("https://undocs.org/fr/A/RES/59/48", True),
        ("Source: <http://eng.sectSCO.org/news/20170609/289274.html>", True),
        ("See https://undocs.org for the full text of the resolution.", False),
    ],
)
def test_url_line(line, expected):
    assert is_url_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (NAMES, True),
        (
            "The event was attended by journalists from Xinhua, Renminwang, TASS, China Radio "
            "International, Global Times, Khabar, Kabar, Dunyo, Centreline, DNA News, Islamabad "
            "Post, and Press Trust of India.",
            False,
        ),
        ("Kazakhstan, China, Kyrgyzstan, Pakistan, Russia, Tajikistan, Uzbekistan, India", False),
        ("We welcome among us the representatives of Armenia, " + NAMES + ", and", False),
    ],
)
def test_name_list(line, expected):
    assert is_name_list(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Member States:", True),
        ("Партнеры по диалогу:", True),
        ("Mr Modi made the following specific suggestions:", False),
        ("Member States", False),
    ],
)
def test_label(line, expected):
    assert is_label(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SCO Secretary-General's press conference on the results of the SCO Summit", True),
        ("Security", True),
        ("Why does the SCO matter?", True),
        ("Dear colleagues,", False),
        ("Ladies and gentlemen!", False),
        ("and the strengthening of global security", False),
        ("It was said. Our founders called on the Organization", False),
        ("[Original : anglais, chinois et russe]", False),
    ],
)
def test_title_like(line, expected):
    assert is_title_like(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A/75/704", True),
        ("21-00374 14/16", True),
        ("21-00374 (F)", True),
        ("14/16", True),
        ("Page 3 of 10", True),
        ("- 3 -", True),
        ("33", True),
        ("02/10/2015 A/70/PV.25", True),
        ("A/75/704 is the symbol of this letter.", False),
        ("18/11/2020", False),
        ("2017 / 06 / 09", False),
        ("COVID-19", False),
    ],
)
def test_page_furniture(line, expected):
    assert is_page_furniture(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("• — Development of specific measures", ("Development of specific measures", True)),
        ("— consideration of projects", ("consideration of projects", True)),
        ("* Реестр", ("Реестр", True)),
        ("-5 degrees at night", ("-5 degrees at night", False)),
        ("*2017 / 06 / 09*", ("*2017 / 06 / 09*", False)),
    ],
)
def test_strip_bullet(line, expected):
    assert strip_bullet(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## **Press release**", "## Press release"),
        ("*2017 / 06 / 09*", "2017 / 06 / 09"),
        ("See [the declaration](http://x.org/d) now", "See the declaration now"),
        ("Source: <http://x.org/a.html>", "Source: http://x.org/a.html"),
        ("file_name_x and 2*3*4", "file_name_x and 2*3*4"),
    ],
)
def test_strip_markdown(line, expected):
    assert strip_markdown(line) == expected
