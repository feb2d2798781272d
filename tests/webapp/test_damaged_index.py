"""A truncated or corrupt segment file in the live index: the server names the damaged generation (503, no
traceback), ``archive-search status`` reports it and fails, and ``index --rebuild`` repairs it from the corpus."""
import pytest

from indexer import layout
from indexer.cli import EXIT_FAILED, EXIT_OK, main
from indexer.engines import damage
from indexer.pipeline import index_corpus
from tests.indexing.test_pipeline import small_corpus
from webapp import create_app

SAMPLES = ("003_498fa46aacb9f803.txt", "002_5053c25469639f1a.txt")
PAGES = ("/search?q=cooperation", "/search", "/api/search?q=cooperation", "/api/search?q=Bishkek&page=2")
# Bytes overwritten in the middle of a file to corrupt it.
CORRUPT_BYTES = 256


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def corrupt(path):
    data = path.read_bytes()
    middle = len(data) // 2
    path.write_bytes(data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + CORRUPT_BYTES])
                     + data[middle + CORRUPT_BYTES:])


# (engine, file pattern in the generation, what happens to the largest such file)
DAMAGES = [("tantivy", "*.store", truncate), ("tantivy", "*.fast", corrupt), ("tantivy", "meta.json", truncate),
           ("whoosh", "*.seg", truncate), ("whoosh", "_MAIN_*.toc", truncate)]


def damage_largest(generation, pattern, harm) -> str:
    target = max(generation.glob(pattern), key=lambda path: path.stat().st_size)
    harm(target)
    return target.name


def status_of(config, capsys) -> tuple[int, str]:
    code = main(["status", "--index", str(config.index_dir), "--corpus", str(config.corpus_dir)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("engine, pattern, harm", DAMAGES, ids=[f"{e}-{h.__name__}-{p}" for e, p, h in DAMAGES])
def test_a_damaged_segment_is_named_by_the_server_and_status_and_a_rebuild_repairs_it(tmp_path, capsys, engine,
                                                                                       pattern, harm):
    config = small_corpus(tmp_path, *SAMPLES, engine=engine)
    index_corpus(config)
    generation = layout.live_generation(config.index_dir)
    name = damage_largest(generation, pattern, harm)
    problems = damage(generation)
    assert problems and (name in problems[0] or "table of contents" in problems[0])
    app = create_app({"ARCHIVE_CONFIG": config, "TESTING": True})
    client = app.test_client()
    try:
        for page in PAGES:
            response = client.get(page)
            text = response.get_data(as_text=True)
            assert response.status_code == 503, page
            assert f"generation {generation.name}) is damaged" in text and "Traceback" not in text, page
        health = client.get("/healthz")
        assert (health.status_code, health.get_json()["status"], health.get_json()["generation"]) == (
            503, "damaged", generation.name)
        code, output = status_of(config, capsys)
        assert code == EXIT_FAILED and f"damaged: generation {generation.name}: {problems[0]}" in output
        assert main(["index", "--rebuild", "--quiet", "--engine", engine, "--corpus", str(config.corpus_dir),
                     "--index", str(config.index_dir)]) == EXIT_OK
        assert [client.get(page).status_code for page in PAGES] == [200] * len(PAGES)
        assert client.get("/healthz").get_json()["documents"] == len(SAMPLES)
        assert status_of(config, capsys)[0] == EXIT_OK
    finally:
        app.extensions["archive_search"].close()


def test_a_changed_byte_that_tantivy_itself_does_not_check_is_found_by_status(tmp_path, capsys):
    config = small_corpus(tmp_path, *SAMPLES)
    index_corpus(config)
    generation = layout.live_generation(config.index_dir)
    name = damage_largest(generation, "*.idx", corrupt)
    code, output = status_of(config, capsys)
    assert code == EXIT_FAILED
    assert f"damaged: generation {generation.name}: {name} is corrupt (its checksum does not match)" in output
