"""Language per passage: script, function words, seeded langdetect, short-text fallback."""
import pytest

from indexer.config import Config
from indexer.language import detect_language, detect_passage_languages, langdetect_language

CONFIG = Config()


@pytest.mark.parametrize("text, lang", [
    ("The member states note that transnational challenges and threats to security continue to grow.", "en"),
    ("La République du Tadjikistan, qui assure la présidence de l'Organisation, a le plaisir de vous faire tenir", "fr"),
    ("Государства-члены отмечают, что транснациональные вызовы и угрозы безопасности продолжают расти.", "ru"),
    ("上海合作组织成员国元首理事会会议以视频方式举行。", "zh"),
    ("Die Mitgliedstaaten stellen fest, dass die Herausforderungen für die Sicherheit weiter zunehmen.", "de"),
    ("Україна та її партнери обговорили питання безпеки і співпраці в регіоні протягом наступного року.", "uk"),
    ("Los Estados miembros señalan que los desafíos para la seguridad siguen creciendo en la región.", "es"),
])
def test_languages(text, lang):
    assert detect_language(text, CONFIG) == lang


def test_short_text_takes_the_fallback():
    assert detect_language("Dear colleagues,", CONFIG, fallback="fr") == "fr"


def test_langdetect_is_deterministic():
    text = "Coopération entre les États membres"
    assert len({langdetect_language(text, CONFIG) for _ in range(20)}) == 1


def test_mixed_document_gets_a_language_per_passage():
    passages = [
        "Me référant à la résolution 59/48 du 2 décembre 2004, par laquelle l'Assemblée générale a octroyé le statut d'observateur",
        "(Signé) Mahmadamin Mahmadaminov",
        "The leaders of the member states of the Shanghai Cooperation Organisation declare the following.",
        "Security",
    ]
    assert detect_passage_languages(passages, CONFIG) == ["fr", "fr", "en", "en"]
