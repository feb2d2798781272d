"""HTML furniture removal on small pages shaped like real news sites."""
from __future__ import annotations

import pytest

from indexer.boilerplate import clean, clean_html
from indexer.models import Block, RawDocument

NEWS_DE = (
    Block("Gipfeltreffen der Schanghaier Organisation in Moskau", "heading", 1),
    Block("10. November 2020", "dateline"),
    Block(
        "Die Staats- und Regierungschefs der Mitgliedstaaten haben sich am Dienstag per "
        "Videokonferenz getroffen und eine gemeinsame Erklärung zur regionalen Sicherheit "
        "verabschiedet."
    ),
    Block(
        "Nach Angaben des Sekretariats wurden außerdem Erklärungen zur Pandemie, zur digitalen "
        "Wirtschaft und zur Informationssicherheit angenommen."
    ),
    Block("Vorsitz geht an Tadschikistan", "heading", 2),
    Block(
        "Der Vorsitz der Organisation ging zum Ende des Treffens an Tadschikistan über, das den "
        "Jubiläumsgipfel im kommenden Jahr in Duschanbe ausrichten wird."
    ),
    Block("Erklärung zur Bekämpfung des Terrorismus", "item"),
    Block("Erklärung zur Drogenbekämpfung", "item"),
    Block("Die nächste Sitzung der Regierungschefs ist für den 30. November geplant."),
)
NEWS_FR = (
    Block("La Déclaration de Moscou adoptée par les chefs d'État", "heading", 1),
    Block("Publié le 18 novembre 2020", "dateline"),
    Block(
        "Les dirigeants des États membres de l'Organisation de Shanghai pour la coopération ont "
        "adopté la Déclaration de Moscou à l'issue du sommet tenu par visioconférence."
    ),
    Block(
        "Le texte réaffirme l'attachement des États membres au rôle central de l'Organisation des "
        "Nations Unies et appelle à renforcer la coopération face à la pandémie."
    ),
)
BODY = (
    "<p>The member states reaffirmed their commitment to the principles of the Charter of the "
    "United Nations and to the peaceful settlement of disputes.</p>"
)


@pytest.mark.parametrize(("name", "expected"), [("news_de.html", NEWS_DE), ("news_fr.html", NEWS_FR)])
def test_news_page_keeps_only_the_article(name, expected, config, read):
    assert clean_html(read(name), config) == expected


@pytest.mark.parametrize(
    "notice",
    [
        "Diese Website verwendet Cookies. Wenn Sie weiter surfen, stimmen Sie der Nutzung zu.",
        "Nous utilisons des cookies pour améliorer votre expérience. Accepter les cookies ?",
        "This site uses cookies. By continuing to browse you agree to our cookie policy.",
        "Сайт использует файлы cookie для улучшения работы.",
    ],
)
def test_cookie_notice_inside_the_article_is_dropped(notice, config):
    html = f"<html><body><article><h1>Summit</h1>{BODY}<p>{notice}</p></article></body></html>"
    assert [b.text for b in clean_html(html, config)] == ["Summit", _text(BODY)]


@pytest.mark.parametrize(
    "furniture",
    [
        '<div class="share"><a href="/s">Share</a> <a href="/p">Print</a></div>',
        '<ul class="tags"><li><a href="/t/1">SCO</a></li><li><a href="/t/2">Summit</a></li></ul>',
        '<div id="comments"><h3>2 Comments</h3><p>Great article, thank you for writing it so well'
        " and in so much detail!</p></div>",
        '<p><a href="/a">Previous article</a> | <a href="/b">Next article</a></p>',
        "<h3>Related news</h3><ul><li>Ministers meet in Dushanbe</li><li>Youth council</li></ul>",
        "<p>Photo: Xinhua</p>",
    ],
)
def test_furniture_inside_the_article_is_dropped(furniture, config):
    html = f"<html><body><article><h1>Summit</h1>{BODY}{furniture}</article></body></html>"
    assert [b.text for b in clean_html(html, config)] == ["Summit", _text(BODY)]


def test_page_of_only_content_loses_nothing(config):
    html = (
        "<html><body><h1>Moscow Declaration</h1>" + BODY + "<h2>Security</h2>"
        "<p>They condemn terrorism in all its forms.</p><ol><li>Terrorism</li><li>Drugs</li></ol>"
        "</body></html>"
    )
    assert clean_html(html, config) == (
        Block("Moscow Declaration", "heading", 1),
        Block(_text(BODY)),
        Block("Security", "heading", 2),
        Block("They condemn terrorism in all its forms."),
        Block("Terrorism", "item"),
        Block("Drugs", "item"),
    )


def test_cleaning_rendered_blocks_again_changes_nothing(config, read):
    blocks = clean_html(read("news_de.html"), config)
    assert clean_html(_render(blocks), config) == blocks


def test_soft_hyphens_and_whitespace_are_removed(config):
    html = "<html><body><p>Mit\u00adtel\u00adal\u00adter   und\n\tNeuzeit wurden   verglichen.</p></body></html>"
    assert clean_html(html, config) == (Block("Mittelalter und Neuzeit wurden verglichen."),)


def test_clean_dispatches_on_format(config, read):
    raw = RawDocument(path="a.html", format="html", html=read("news_fr.html"))
    assert clean(raw, config) == NEWS_FR


def test_empty_page_gives_no_blocks(config):
    assert clean_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", config) == ()


def _text(html: str) -> str:
    return html.removeprefix("<p>").removesuffix("</p>")


def _render(blocks) -> str:
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append(f"<h{block.level}>{block.text}</h{block.level}>")
        elif block.kind == "item":
            parts.append(f"<ul><li>{block.text}</li></ul>")
        else:
            parts.append(f"<p>{block.text}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"
