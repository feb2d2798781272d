"""Write passages.json, the web tests' index: real paragraphs of corpus/ plus a few Russian and Chinese ones.

The people each passage reports come from the indexer's own attribution over the document's paragraphs.

Run from the repository root: ``.venv/bin/python tests/webapp/data/make_passages.py``.
The output is checked in; rerun only when the test collection should change.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from indexer.facets.speakers import load_authority, passage_reported

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).with_name("passages.json")
# Paragraphs shorter than this are headings, datelines or site furniture.
MIN_PARAGRAPH = 200
LABELS = {
    "topic": {
        "security": "Security",
        "terrorism": "Terrorism and extremism",
        "economy": "Economy and trade",
        "health": "Public health",
        "culture": "Culture and youth",
        "afghanistan": "Afghanistan",
        "united-nations": "United Nations",
    },
    "type": {"press-release": "Press release", "speech": "Speech", "letter": "Letter", "declaration": "Declaration"},
}
# Words that tag a paragraph with a topic (test data only).
TOPIC_WORDS = {
    "security": ("security", "sécurité", "безопасност", "安全"),
    "terrorism": ("terror", "extremis", "терроризм", "恐怖"),
    "economy": ("econom", "trade", "économ", "эконом", "经济"),
    "health": ("pandemic", "coronavirus", "health", "pandémie", "пандеми", "疫情"),
    "culture": ("cultur", "youth", "humanitarian", "культур", "人文"),
    "afghanistan": ("afghan", "афган", "阿富汗"),
    "united-nations": ("united nations", " un ", "nations unies", "оон", "联合国"),
}
RUSSIAN = [
    "Государства — члены ШОС подтвердили приверженность совместной борьбе с терроризмом, сепаратизмом и "
    "экстремизмом, а также с незаконным оборотом наркотиков, и высоко оценили работу Региональной "
    "антитеррористической структуры.",
    "Российское председательство уделяло особое внимание развитию торгово-экономического сотрудничества, "
    "реализации совместных инфраструктурных проектов и расширению расчётов в национальных валютах.",
    "Пандемия коронавирусной инфекции показала, что ни одно государство не может обеспечить свою "
    "безопасность в одиночку; необходимо укреплять сотрудничество в области здравоохранения.",
    "Мы поддерживаем усилия по мирному урегулированию в Афганистане и выступаем за центральную "
    "координирующую роль ООН в международных делах.",
]
CHINESE = [
    "上海合作组织成员国重申坚决打击恐怖主义、分裂主义和极端主义，支持地区反恐怖机构继续发挥作用，维护地区安全与稳定。",
    "各方愿深化经济合作，推进贸易和投资便利化，加强交通、能源和数字经济领域的互联互通，促进共同发展。",
    "成员国支持阿富汗和平和解进程，认为联合国应在国际事务中发挥核心协调作用。",
    "成员国将加强人文交流，扩大教育、文化、旅游和青年领域的合作，巩固各国人民之间的友谊。",
]


def paragraphs(name: str, leading_space: bool = False) -> list[str]:
    """Return the long paragraphs of one corpus file, hard line wraps joined."""
    text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
    pieces = re.split(r"\n\s*\n(?= \S)", text) if leading_space else re.split(r"\n\s*\n", text)
    joined = (re.sub(r"\s+", " ", piece).strip() for piece in pieces)
    return [p for p in joined if len(p) >= MIN_PARAGRAPH and "homepage" not in p]


def topics_of(text: str) -> list[str]:
    """Return the test topics whose words occur in ``text``."""
    lowered = f" {text.lower()} "
    return [topic for topic, words in TOPIC_WORDS.items() if any(word in lowered for word in words)]


def document(doc_id: str, texts: list[tuple[str, str]], **meta) -> list[dict]:
    """Return the passages of one document from (lang, text) pairs, each with the people it reports."""
    authority = load_authority(ROOT / "corpus" / "speakers.yaml")
    reported = passage_reported([text for _, text in texts], tuple(meta["speakers"]), authority)
    return [
        {
            "passage_id": f"{doc_id}:p{ordinal}",
            "doc_id": doc_id,
            "ordinal": ordinal,
            "text": text,
            "lang": lang,
            "topics": topics_of(text),
            "path": f"{doc_id}.txt",
            **meta,
            "reported": list(names),
        }
        for ordinal, ((lang, text), names) in enumerate(zip(texts, reported), start=1)
    ]


def main() -> None:
    """Write passages.json."""
    press_2017 = paragraphs("004_e01e7e91aa2e5400.txt")
    speech_2020 = paragraphs("002_5053c25469639f1a.txt")
    remarks_2020 = paragraphs("003_498fa46aacb9f803.txt")
    news_2020 = paragraphs("001_5ebd3e9147405e68.txt")
    letter_2021 = paragraphs("000_b1dc39bb15750822.txt", leading_space=True)
    documents = [
        document("press-2017", [("en", p) for p in press_2017[:9]], title="Press release on the results of the SCO Heads of State Council Meeting",
                 date="2017-06-09", speakers=["Nursultan Nazarbayev", "Xi Jinping", "Vladimir Putin"], doc_type="press-release", source="SCO Secretariat"),
        document("qingdao-2018", [("zh", t) for t in CHINESE], title="青岛宣言（摘录）", date="2018-06-10",
                 speakers=["Xi Jinping"], doc_type="declaration", source="SCO Secretariat"),
        document("putin-2019", [("ru", t) for t in RUSSIAN], title="Выступление на заседании Совета глав государств ШОС",
                 date="2019-06-14", speakers=["Vladimir Putin"], doc_type="speech", source="Kremlin"),
        document("norov-2020-06", [("en", p) for p in speech_2020[:10]], title="Address by SCO Secretary-General Vladimir Norov at a press conference",
                 date="2020-06", speakers=["Vladimir Norov"], doc_type="speech", source="SCO Secretariat"),
        document("norov-2020-09", [("en", p) for p in remarks_2020[:8]], title="Remarks by SCO Secretary-General Vladimir Norov at the Council of Ministers of Foreign Affairs",
                 date="2020-09-10", speakers=["Vladimir Norov", "Sergey Lavrov"], doc_type="speech", source="SCO Secretariat"),
        document("summit-2020-11", [("en", p) for p in news_2020[20:31]], title="SCO Secretary-General's press conference on the results of the SCO Summit",
                 date="2020-11-18", speakers=["Vladimir Norov", "Xi Jinping", "Narendra Modi", "Kassym-Jomart Tokayev", "Imran Khan"],
                 doc_type="press-release", source="infoSCO"),
        document("letter-2021", [("fr" if i < 4 else "en", p) for i, p in enumerate(letter_2021[:7])],
                 title="Lettre datée du 5 janvier 2021 adressée au Secrétaire général par le Représentant permanent du Tadjikistan",
                 date="2021-01-05", speakers=["Mahmadamin Mahmadaminov"], doc_type="letter", source="United Nations"),
    ]
    passages = [p for doc in documents for p in doc]
    OUT.write_text(json.dumps({"labels": LABELS, "passages": passages}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(passages)} passages in {len(documents)} documents -> {OUT}")


if __name__ == "__main__":
    main()
