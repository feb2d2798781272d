"""Web pages: decoding by declared charset and the page's own metadata."""
from __future__ import annotations

import pytest
from indexer.config import Config
from indexer.models import Metadata, RejectedFile
from indexer.readers.html import decode_html, page_metadata, parse_html, read_html


def test_cp1251_page_is_decoded_and_its_metadata_read(read_sample, data_dir):
    reading = read_sample("news_cp1251.html")
    document = reading.document
    assert (document.path, document.format, document.text, reading.warnings) == ("news_cp1251.html", "html", "", ())
    assert "Министры обсудили подготовку к саммиту" in document.html
    assert document.html == (data_dir / "news_cp1251.html").read_bytes().decode("cp1251")
    assert document.metadata == Metadata(
        title="Заседание Совета министров",
        date="2020-11-18",
        source="Секретариат ШОС",
        lang="ru",
        url="https://example.org/ru/news/20201118/",
    )


def _metadata(head: str, body: str = "<p>Text</p>", lang: str = "") -> Metadata:
    html = f"<html{lang}><head>{head}</head><body>{body}</body></html>"
    return page_metadata(parse_html(html))


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta property="og:title" content="Moscow Declaration - SCO"><meta property="og:site_name" content="SCO">'
         "<title>Other</title>", "", Metadata(title="Moscow Declaration", source="SCO")),
        ("<title>Summit results | Shanghai Cooperation Organisation</title>", "",
         Metadata(title="Summit results")),
        ("<title>Summit – a new stage</title>", "", Metadata(title="Summit – a new stage")),
        ('<meta property="og:site_name" content="Infoshos"><title>Infoshos — Press conference</title>', "",
         Metadata(title="Press conference", source="Infoshos")),
        ("", "<h1>  Press   release </h1>", Metadata(title="Press release")),
        ('<meta name="DC.date.issued" content="10 November 2020">', "", Metadata(date="2020-11-10")),
        ('<meta name="date" content="not a date"><meta name="dc.date" content="2019-06-14">', "",
         Metadata(date="2019-06-14")),
        ("", '<aside><time datetime="2001-01-01">old</time></aside><article><time datetime="2020-09-10T10:00">x'
             "</time></article>", Metadata(date="2020-09-10")),
        ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": '
         '"2017-06-09T08:00:00Z"}]}</script>', "", Metadata(date="2017-06-09")),
        ('<link rel="canonical" href="https://www.sectsco.org/news/1.html">', "",
         Metadata(url="https://www.sectsco.org/news/1.html", source="sectsco.org")),
        ('<link rel="canonical" href="/relative"><meta property="og:url" content="http://x.org/a">', "",
         Metadata(url="http://x.org/a", source="x.org")),
    ],
)
def test_page_metadata(head, body, expected):
    assert _metadata(head, body) == expected


@pytest.mark.parametrize(("lang", "expected"), [(' lang="fr-FR"', "fr"), (' lang="ZH"', "zh"), (' lang="x"', None)])
def test_page_language_is_the_first_two_letters_of_the_lang_attribute(lang, expected):
    assert _metadata("", lang=lang).lang == expected


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ('<meta charset="koi8-r"><p>Совет</p>'.encode("koi8_r"), "<p>Совет</p>", "koi8_r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Etat – €</p>'.encode("cp1252"),
         "<p>Etat – €</p>", "cp1252"),
        ('<meta charset="iso-8859-1"><p>Привет, мир</p>'.encode("utf-8"), "<p>Привет, мир</p>", "utf-8"),
        ("\ufeff<p>上海合作组织</p>".encode("utf-16"), "<p>上海合作组织</p>", "utf-16"),
    ],
)
def test_decode_html_honours_bom_and_declaration_and_survives_a_wrong_one(data, text, encoding):
    decoded = decode_html(data)
    assert (decoded.text.lstrip("\ufeff").endswith(text), decoded.encoding) == (True, encoding)


def test_page_without_words_is_rejected():
    with pytest.raises(RejectedFile, match="no extractable text"):
        read_html(b"<html><head><title></title></head><body><img src=a.png></body></html>", "a.html", Config())
