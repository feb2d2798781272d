"""Topics: the matching conventions on a small vocabulary, then the collection's vocabulary in four languages."""
from __future__ import annotations

import pytest

from indexer.facets.topics import load_taxonomy, passage_topics, topic_labels
from tests.facets.blocks import DATA


@pytest.fixture(scope="module")
def small():
    return load_taxonomy(DATA / "topics_small.yaml")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Terrorists and terrorism remain a threat.", "en", ("terrorism",)),  # stem prefix
        ("Counterterrorism is a separate word.", "en", ()),  # a prefix of the word, not inside it
        ("Борьба с терроризмом и терроризма.", "ru", ("terrorism",)),  # Russian inflection
        ("上海合作组织打击恐怖主义", "zh", ("terrorism",)),  # Chinese substring
        ("drug trafficking channels", "en", ("drugs",)),  # every word of a phrase, in order
        ("trafficking of drug", "en", ()),
        ("the UN Charter", "en", ("united-nations",)),  # whole word
        ("under unilateral pressure", "en", ()),
        ("economic growth", "en", ()),  # one generic term is not enough
        ("economic growth of the economy", "en", ("economy",)),  # two are
        ("croissance économique et économie", "fr", ("economy",)),  # accents ignored
        ("terrorism", "fr", ()),  # English terms are not used for French text
        ("terrorism and the UN", "und", ("terrorism", "united-nations")),  # unknown language: all terms
        ("the cross-border nature of ICT", "en", ()),  # overlapping terms are one match
        ("border guards at the cross-border checkpoint", "en", ("border",)),
    ],
)
def test_matching_conventions(small, text, lang, expected):
    assert passage_topics(text, lang, small) == expected


def test_topic_labels(small):
    assert topic_labels(small) == {
        "terrorism": "Terrorism", "drugs": "Drug trafficking",
        "united-nations": "United Nations", "economy": "Economy", "border": "Border",
    }


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The member states note that transnational challenges and threats to security, primarily terrorism, "
         "separatism, extremism, drug trafficking, organised crime and cybercrime, continue to grow.",
         "en", ("drugs", "information-security", "justice", "security", "terrorism")),
        ("La Déclaration vise à étendre la coopération face aux défis mondiaux et régionaux, y compris la pandémie "
         "de maladie à coronavirus (COVID-19).", "fr", ("health",)),
        ("Государства-члены выступают за укрепление сотрудничества в сфере торговли, инвестиций и транспорта, "
         "включая строительство железной дороги Китай — Кыргызстан — Узбекистан.", "ru",
         ("trade-economy", "transport")),
        ("成员国强调，应加强打击恐怖主义、分裂主义和极端主义合作，共同应对新冠肺炎疫情。", "zh", ("health", "terrorism")),
        ("The situation in Afghanistan remains of particular concern.", "en", ("afghanistan",)),
        ("Thank you.", "en", ()),
    ],
)
def test_collection_topics_in_four_languages(vocabularies, text, lang, expected):
    assert passage_topics(text, lang, vocabularies.topics) == expected


def test_every_collection_topic_has_terms_in_all_four_languages(vocabularies):
    missing = {
        topic.id: sorted({"en", "fr", "ru", "zh"} - set(topic.terms) - set(topic.weak_terms))
        for topic in vocabularies.topics.topics
    }
    assert {k: v for k, v in missing.items() if v} == {}
