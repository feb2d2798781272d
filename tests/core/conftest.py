"""A small store (of each engine) of hand-made passages in four languages, built once per session."""
import pytest

from indexer.engines import ENGINES, open_store
from indexer.models import Passage

PASSAGES = [
    ("decl", [
        Passage("decl:p1", "decl", 1, "The member states reaffirm cooperation against terrorism, separatism and extremism.",
                lang="en", date="2020-11-10", speakers=("Vladimir Putin",), topics=("terrorism",),
                title="Moscow Declaration", doc_type="declaration", source="United Nations",
                reported=("Kassym-Jomart Tokayev",)),
        Passage("decl:p2", "decl", 2, "The document A/75/704 was circulated. Kasym-Jomart Tokayev spoke about the Shanghai spirit.",
                lang="en", date="2020-11-10", speakers=("Kassym-Jomart Tokayev",), topics=("un",),
                title="Moscow Declaration", doc_type="declaration", source="United Nations"),
    ]),
    ("lettre", [
        Passage("lettre:p1", "lettre", 1, "La République du Tadjikistan assure la présidence de l'Organisation de coopération.",
                lang="fr", date="2021-01-05", speakers=("Mahmadamin Mahmadaminov",), title="Lettre datée du 5 janvier 2021",
                doc_type="letter", source="United Nations", symbol="A/75/704"),
    ]),
    ("zayav", [
        Passage("zayav:p1", "zayav", 1, "Сотрудничество в области безопасности и борьбы с терроризмом.",
                lang="ru", date="2019", speakers=("Vladimir Putin",), topics=("security", "terrorism"),
                title="Заявление", doc_type="statement", source="Kremlin"),
    ]),
    ("zh", [
        Passage("zh:p1", "zh", 1, "上海合作组织成员国元首理事会会议以视频方式举行。", lang="zh", date="2017-06-09",
                speakers=("Xi Jinping",), title="新闻公报", doc_type="press release", source="SCO Secretariat"),
    ]),
    ("undated", [
        Passage("undated:p1", "undated", 1, "Address on the eve of the anniversary of the Organisation, <script>alert(1)</script>.",
                lang="en", speakers=("Vladimir Norov",), title="Address by Vladimir Norov", doc_type="speech",
                reported=("Vladimir Putin", "Xi Jinping")),
    ]),
]


def engine_store(engine: str, folder, documents):
    """Return a new store of ``engine`` in ``folder`` holding ``documents``."""
    store = open_store(folder, create=True, engine=engine)
    store.replace_documents(documents)
    return store


@pytest.fixture(scope="session", params=ENGINES)
def store(request, tmp_path_factory):
    """Return a store of each engine holding PASSAGES: the store tests are the engines' contract."""
    store = engine_store(request.param, tmp_path_factory.mktemp(f"core-index-{request.param}"), PASSAGES)
    yield store
    store.close()
