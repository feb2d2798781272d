"""Language versions linked at index time: by a shared symbol or a librarian's version_of, on both engines.

The links are kept beside the index (``versions.json`` in the generation) and follow every change of the
manifest: incremental runs, withdrawals and rebuilds.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer import layout
from indexer.config import Config
from indexer.documents import slug_for
from indexer.engines import ENGINES, open_store
from indexer.librarian import withdraw_document
from indexer.pipeline import index_corpus
from indexer.versions import Version, load_versions
from tests.conftest import CORPUS

VOCABULARY_FILES = ("speakers.yaml", "topics.yaml", "doctypes.yaml", "sources.yaml")
LETTER = "000_b1dc39bb15750822.txt"  # French letter, English annex; "A/75/704" in its page furniture
PRESS = "004_e01e7e91aa2e5400.txt"  # English press release
ADDRESS = "002_5053c25469639f1a.txt"
REMARKS = "003_498fa46aacb9f803.txt"
RUSSIAN = Path(__file__).resolve().parents[1] / "readers" / "data" / "russian_utf8.txt"


def doc_id(name: str) -> str:
    return name.removesuffix(".txt")


def corpus_with(root: Path, engine: str, names: tuple[str, ...], sidecars: dict[str, dict] | None = None) -> Config:
    """Return the configuration of a corpus of some sample documents, with sidecars, and an index of ``engine``."""
    corpus = root / "corpus"
    corpus.mkdir()
    for name in VOCABULARY_FILES + names:
        shutil.copy(CORPUS / name, corpus / name)
    for name, fields in (sidecars or {}).items():
        (corpus / f"{name}.meta.json").write_text(json.dumps(fields), encoding="utf-8")
    return Config(corpus_dir=corpus, index_dir=root / "index", engine=engine)


def version(config: Config, name: str) -> Version:
    """Return how a sample document stands in the index as a version: its id, language, title and symbol."""
    store = open_store(config.index_dir)
    try:
        first = store.get_document(doc_id(name))[0]
    finally:
        store.close()
    return Version(first.doc_id, first.lang, first.title, first.symbol)


def groups(config: Config) -> set[tuple[str, ...]]:
    """Return the linked documents of the live index, each group as its sorted doc ids."""
    versions = load_versions(layout.live_generation(config.index_dir))
    return {tuple(sorted(v.doc_id for v in group)) for group in versions.groups}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_sidecar_version_of_links_both_documents(tmp_path, engine):
    config = corpus_with(tmp_path, engine, (LETTER, PRESS, ADDRESS), {PRESS: {"version_of": LETTER}})
    index_corpus(config)
    versions = load_versions(layout.live_generation(config.index_dir))
    letter, press = version(config, LETTER), version(config, PRESS)
    assert (letter.lang, letter.symbol, press.lang, press.symbol) == ("fr", "A/75/704", "en", None)
    assert versions.of(letter.doc_id) == (press,)
    assert versions.of(press.doc_id) == (letter,)
    assert versions.of(doc_id(ADDRESS)) == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_shared_symbol_links_documents(tmp_path, engine):
    config = corpus_with(tmp_path, engine, (LETTER, PRESS, ADDRESS), {PRESS: {"symbol": "a/75/704"}})
    index_corpus(config)
    assert groups(config) == {(doc_id(LETTER), doc_id(PRESS))}


def test_links_by_doc_id_or_symbol_are_followed_from_document_to_document(tmp_path):
    config = corpus_with(tmp_path, "tantivy", (LETTER, PRESS, ADDRESS, REMARKS), {
        ADDRESS: {"version_of": doc_id(PRESS)}, PRESS: {"version_of": ["A/75/704"]}})
    index_corpus(config)
    assert groups(config) == {(doc_id(LETTER), doc_id(ADDRESS), doc_id(PRESS))}


def test_documents_naming_the_same_missing_document_are_versions_of_each_other(tmp_path):
    config = corpus_with(tmp_path, "tantivy", (PRESS, ADDRESS, REMARKS), {
        ADDRESS: {"version_of": "gone.txt"}, REMARKS: {"version_of": "./gone.txt"}})
    index_corpus(config)
    assert groups(config) == {(doc_id(ADDRESS), doc_id(REMARKS))}


def test_a_version_added_later_links_both_and_a_withdrawn_one_unlinks(tmp_path):
    config = corpus_with(tmp_path, "tantivy", (LETTER, ADDRESS))
    index_corpus(config)
    assert groups(config) == set()
    shutil.copy(CORPUS / PRESS, config.corpus_dir / PRESS)
    (config.corpus_dir / f"{PRESS}.meta.json").write_text(json.dumps({"symbol": "A/75/704"}), encoding="utf-8")
    second = index_corpus(config)
    assert (second.added, second.replaced, second.unchanged) == ([PRESS], [], 2)
    assert groups(config) == {(doc_id(LETTER), doc_id(PRESS))}
    withdraw_document(config, PRESS)
    assert groups(config) == set()


def test_a_changed_sidecar_and_a_rebuild_keep_the_links_current(tmp_path):
    config = corpus_with(tmp_path, "whoosh", (LETTER, PRESS, ADDRESS), {PRESS: {"version_of": LETTER}})
    index_corpus(config)
    (config.corpus_dir / f"{PRESS}.meta.json").write_text(json.dumps({"version_of": ADDRESS}), encoding="utf-8")
    index_corpus(config)
    assert groups(config) == {(doc_id(ADDRESS), doc_id(PRESS))}
    index_corpus(config, rebuild=True)
    assert groups(config) == {(doc_id(ADDRESS), doc_id(PRESS))}


def test_an_index_without_links_has_no_versions(tmp_path):
    assert load_versions(tmp_path).of("anything") == ()
    assert load_versions(None).groups == ()


def with_russian_release(config: Config, **fields) -> None:
    """Add a Russian text to the corpus with a sidecar: a press release of the SCO Secretariat's."""
    target = config.corpus_dir / "ru" / "release.txt"
    target.parent.mkdir()
    shutil.copy(RUSSIAN, target)
    sidecar = {"title": "Пресс-релиз по итогам заседания Совета глав государств – членов ШОС",
               "source": "SCO Secretariat", "date": "2017-06-09", **fields}
    target.with_name("release.txt.meta.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")


def test_one_document_per_language_of_a_day_type_and_source_with_translated_titles_are_linked(tmp_path):
    config = corpus_with(tmp_path, "tantivy", (PRESS, ADDRESS))  # PRESS: an SCO Secretariat press release of 2017-06-09
    with_russian_release(config)
    index_corpus(config)
    assert groups(config) == {(doc_id(PRESS), slug_for("ru/release.txt"))}


@pytest.mark.parametrize("fields, other", [
    ({"date": "2017-06-10"}, {}),  # another day
    ({"title": "Заявление Совета глав государств – членов ШОС"}, {}),  # a statement, not a press release
    ({"title": "Пресс-релиз по итогам встречи с Владимиром Норовым"}, {}),  # its title names a speaker
    ({}, {ADDRESS: {"title": "Press release on a second meeting", "date": "2017-06-09",
                    "source": "SCO Secretariat"}}),  # two English press releases that day: which one?
])
def test_documents_of_one_day_that_may_not_be_translations_are_not_linked(tmp_path, fields, other):
    config = corpus_with(tmp_path, "tantivy", (PRESS, ADDRESS), other)
    with_russian_release(config, **fields)
    index_corpus(config)
    assert groups(config) == set()
