"""Incremental runs read only files whose size, time or metadata files changed since their hash was taken."""
import os

import pytest

from indexer import pipeline
from indexer.pipeline import index_corpus
from tests.indexing.test_pipeline import search_total, small_corpus

SAMPLES = ("003_498fa46aacb9f803.txt", "004_e01e7e91aa2e5400.txt")


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """Record the name of every file whose content is hashed."""
    names: list[str] = []
    real = pipeline._file_state

    def counting(path, config):
        names.append(path.name)
        return real(path, config)

    monkeypatch.setattr(pipeline, "_file_state", counting)
    return names


def touch_later(path) -> None:
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def test_unchanged_files_are_not_read_again(tmp_path, hashed):
    config = small_corpus(tmp_path, *SAMPLES)
    index_corpus(config)
    assert sorted(hashed) == sorted(SAMPLES)
    hashed.clear()
    report = index_corpus(config)
    assert hashed == [] and report.unchanged == 2


def test_a_touched_file_is_hashed_again_but_not_reindexed_if_its_bytes_are_the_same(tmp_path, hashed):
    config = small_corpus(tmp_path, *SAMPLES)
    index_corpus(config)
    hashed.clear()
    touch_later(config.corpus_dir / SAMPLES[0])
    report = index_corpus(config)
    assert hashed == [SAMPLES[0]] and report.unchanged == 2 and report.replaced == []


def test_a_new_sidecar_or_catalogue_changes_the_stamp_of_its_documents(tmp_path, hashed):
    config = small_corpus(tmp_path, *SAMPLES)
    index_corpus(config)
    hashed.clear()
    (config.corpus_dir / (SAMPLES[0] + ".meta.json")).write_text('{"title": "A new title"}', encoding="utf-8")
    report = index_corpus(config)
    assert hashed == [SAMPLES[0]] and report.replaced == [SAMPLES[0]]
    hashed.clear()
    (config.corpus_dir / "catalogue.csv").write_text(f"path,type\n{SAMPLES[1]},speech\n", encoding="utf-8")
    report = index_corpus(config)
    assert sorted(hashed) == sorted(SAMPLES) and report.replaced == [SAMPLES[1]]


def test_an_edited_file_is_reindexed(tmp_path, hashed):
    config = small_corpus(tmp_path, *SAMPLES)
    index_corpus(config)
    path = config.corpus_dir / SAMPLES[1]
    path.write_text(path.read_text(encoding="utf-8") + "\n\nA closing line about zebrafish.\n", encoding="utf-8")
    report = index_corpus(config)
    assert report.replaced == [SAMPLES[1]]
    assert search_total(config, "zebrafish") == 1
