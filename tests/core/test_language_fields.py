"""Central Asian passages are labelled as such and indexed in the plain field of both engines, never the Russian one."""
from pathlib import Path

import pytest

from indexer.config import Config
from indexer.engines import ENGINES, SearchQuery
from indexer.engines.tantivy.schema import passage_document
from indexer.engines.whoosh.store import passage_fields
from indexer.fields import FALLBACK_TEXT_FIELD
from indexer.language import detect_language, detect_passage_languages
from indexer.models import Passage
from tests.core.conftest import engine_store

CONFIG = Config()
LANGID_DATA = Path(__file__).parent / "data" / "langid"
# Languages written in Cyrillic letters that the Russian analyser must never see, by sentence file.
CYRILLIC_FILES = {"kk": "kk.udhr.txt", "ky": "ky.udhr.txt", "tg": "tg.udhr.txt", "mn": "mn.udhr.txt",
                  "uz": "uz-Cyrl.udhr.txt"}


def sentences(lang: str) -> list[str]:
    """Return the real sentences of a language's test file."""
    return (LANGID_DATA / CYRILLIC_FILES[lang]).read_text(encoding="utf-8").splitlines()


def passage_of(lang: str) -> Passage:
    """Return a passage of a language's first real sentence, labelled by the detector."""
    text = sentences(lang)[0]
    return Passage(f"{lang}:p1", lang, 1, text, lang=detect_language(text, CONFIG))


@pytest.mark.parametrize("lang", CYRILLIC_FILES)
def test_a_central_asian_passage_goes_to_the_plain_field_of_tantivy(lang):
    indexed = passage_document(passage_of(lang)).to_dict()
    assert (FALLBACK_TEXT_FIELD in indexed, "text_ru" in indexed) == (True, False)


@pytest.mark.parametrize("lang", CYRILLIC_FILES)
def test_a_central_asian_passage_goes_to_the_plain_field_of_whoosh(lang):
    indexed = passage_fields(passage_of(lang))
    assert (FALLBACK_TEXT_FIELD in indexed, "text_ru" in indexed) == (True, False)


@pytest.mark.parametrize("lang", CYRILLIC_FILES)
def test_a_document_in_a_central_asian_language_has_its_language_throughout(lang):
    texts = sentences(lang)[:4]
    assert detect_passage_languages(texts, CONFIG) == [lang] * len(texts)


@pytest.mark.parametrize("engine", ENGINES)
def test_central_asian_passages_are_found_by_their_words_and_counted_by_language(engine, tmp_path):
    documents = [(lang, [passage_of(lang)]) for lang in CYRILLIC_FILES]
    store = engine_store(engine, tmp_path / engine, documents)
    try:
        word = passage_of("kk").text.split()[0]
        results = store.search(SearchQuery(text=word))
        assert ([hit.passage.passage_id for hit in results.hits][:1], dict(results.facets["lang"])["kk"]) == (["kk:p1"], 1)
        assert dict(store.search(SearchQuery(text="")).facets["lang"]) == {lang: 1 for lang in CYRILLIC_FILES}
    finally:
        store.close()
