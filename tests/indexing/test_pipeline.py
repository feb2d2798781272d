"""Indexing runs: whole corpus, incremental changes, bad files, CLI, status, atomic rebuilds."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import layout
from indexer.cli import EXIT_OK, EXIT_REJECTED, main
from indexer.config import Config
from indexer.engines import DEFAULT_ENGINE, SearchQuery, open_store
from indexer.pipeline import index_corpus
from indexer.status import index_status
from tests.conftest import CORPUS

READER_DATA = Path(__file__).resolve().parents[1] / "readers" / "data"
VOCABULARY_FILES = ("speakers.yaml", "topics.yaml", "doctypes.yaml", "sources.yaml")


def small_corpus(root: Path, *names: str, engine: str = DEFAULT_ENGINE) -> Config:
    corpus = root / "corpus"
    corpus.mkdir()
    for name in VOCABULARY_FILES + names:
        if (CORPUS / name).exists():
            shutil.copy(CORPUS / name, corpus / name)
    return Config(corpus_dir=corpus, index_dir=root / "index", engine=engine)


def search_total(config: Config, text: str) -> int:
    store = open_store(config.index_dir)
    try:
        return store.search(SearchQuery(text=text)).total
    finally:
        store.close()


def test_every_sample_document_is_indexed(built_index):
    status = index_status(built_index)
    assert status["documents"] == 5
    assert status["rejected"] == {}
    assert dict(map(tuple, status["per_facet"]["lang"])).keys() >= {"en", "fr"}


@pytest.mark.parametrize("text, minimum", [
    ("Shanghai spirit", 1), ('"Moscow Declaration"', 1), ("Mahmadaminov", 1), ("coopération", 1),
    ("A/RES/59/48", 0), ("Guterres", 1),
])
def test_sample_documents_are_searchable(built_index, text, minimum):
    assert search_total(built_index, text) >= minimum


@pytest.mark.parametrize("furniture", ["Add to Favorites", "Abu Dhabi", "Leave a comment", "Иностранного агента",
                                       "Model SCO winners", "21-00374"])
def test_no_site_or_page_furniture_is_searchable(built_index, furniture):
    assert search_total(built_index, f'"{furniture}"') == 0


def test_incremental_runs_add_replace_skip_and_delete(tmp_path):
    config = small_corpus(tmp_path, "002_5053c25469639f1a.txt", "003_498fa46aacb9f803.txt")
    first = index_corpus(config)
    assert (sorted(first.added), first.replaced, first.deleted, first.unchanged) == (
        ["002_5053c25469639f1a.txt", "003_498fa46aacb9f803.txt"], [], [], 0)
    again = index_corpus(config)
    assert (again.added, again.replaced, again.deleted, again.unchanged) == ([], [], [], 2)
    changed = config.corpus_dir / "003_498fa46aacb9f803.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA zanzibarian postscript.\n", encoding="utf-8")
    (config.corpus_dir / "002_5053c25469639f1a.txt").unlink()
    shutil.copy(CORPUS / "004_e01e7e91aa2e5400.txt", config.corpus_dir)
    third = index_corpus(config)
    assert (third.added, third.replaced, third.deleted, third.unchanged) == (
        ["004_e01e7e91aa2e5400.txt"], ["003_498fa46aacb9f803.txt"], ["002_5053c25469639f1a.txt"], 0)
    assert search_total(config, "zanzibarian") == 1
    assert search_total(config, '"Bishkek summit in June 2019"') == 0
    assert index_status(config)["documents"] == 2


def test_sidecar_metadata_wins_and_changes_trigger_reindexing(tmp_path):
    config = small_corpus(tmp_path, "003_498fa46aacb9f803.txt")
    index_corpus(config)
    sidecar = config.corpus_dir / "003_498fa46aacb9f803.txt.meta.json"
    sidecar.write_text(json.dumps({"date": "2020-09-11", "type": "statement"}), encoding="utf-8")
    report = index_corpus(config)
    assert report.replaced == ["003_498fa46aacb9f803.txt"]
    store = open_store(config.index_dir)
    passages = store.get_document(store.search(SearchQuery()).hits[0].passage.doc_id)
    store.close()
    assert {(p.date, p.doc_type) for p in passages} == {("2020-09-11", "statement")}


def write_bad_files(corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    shutil.copy(READER_DATA / "report_truncated.pdf", corpus / "truncated.pdf")
    (corpus / "russian.txt").write_bytes(
        "Заявление о сотрудничестве в области информационной безопасности.\n\n"
        "Государства-члены выступают за укрепление доверия и взаимопонимания.".encode("cp1251"))


def test_bad_files_are_listed_and_good_ones_searchable(tmp_path):
    config = small_corpus(tmp_path, "003_498fa46aacb9f803.txt")
    write_bad_files(config.corpus_dir)
    report = index_corpus(config)
    assert sorted(report.rejected) == ["binary.txt", "empty.txt", "truncated.pdf"]
    assert all(reason.strip() for reason in report.rejected.values())
    assert sorted(report.added) == ["003_498fa46aacb9f803.txt", "russian.txt"]
    assert search_total(config, "сотрудничестве") == 1
    assert search_total(config, "безопасность") == 1  # stemmed: безопасности


@pytest.mark.slow
def test_a_30_mb_text_file_is_indexed(tmp_path):
    config = small_corpus(tmp_path)
    paragraph = (CORPUS / "002_5053c25469639f1a.txt").read_text(encoding="utf-8")
    big = config.corpus_dir / "big.txt"
    with big.open("w", encoding="utf-8") as handle:
        copies = 0
        while handle.tell() < 30 * 1024 * 1024:
            handle.write(paragraph.replace("Bishkek", f"Bishkek{copies}") + "\n\n")
            copies += 1
    report = index_corpus(config)
    assert report.added == ["big.txt"] and not report.rejected
    assert search_total(config, "Bishkek7") >= 1


def test_cli_index_exit_status_names_rejected_files(tmp_path, capsys):
    config = small_corpus(tmp_path, "003_498fa46aacb9f803.txt")
    write_bad_files(config.corpus_dir)
    status = main(["index", "--corpus", str(config.corpus_dir), "--index", str(config.index_dir)])
    out = capsys.readouterr().out
    assert status == EXIT_REJECTED
    assert "2 added, 0 replaced, 0 deleted, 0 unchanged, 3 rejected" in out
    assert "rejected: empty.txt: " in out and "rejected: truncated.pdf: " in out
    assert main(["index", "--corpus", str(config.corpus_dir), "--index", str(config.index_dir)]) == EXIT_REJECTED


def test_status_json(tmp_path, capsys):
    config = small_corpus(tmp_path, "003_498fa46aacb9f803.txt")
    main(["index", "--corpus", str(config.corpus_dir), "--index", str(config.index_dir)])
    capsys.readouterr()
    assert main(["status", "--json", "--index", str(config.index_dir)]) == EXIT_OK
    status = json.loads(capsys.readouterr().out)
    assert (status["documents"], status["exists"], status["rejected"]) == (1, True, {})
    assert status["passages"] > 1
    assert status["last_run"]["added"] == 1


def test_rebuild_switches_generations_atomically(tmp_path):
    config = small_corpus(tmp_path, "003_498fa46aacb9f803.txt")
    index_corpus(config)
    before = layout.live_generation(config.index_dir)
    reader = open_store(config.index_dir)
    index_corpus(config, rebuild=True)
    after = layout.live_generation(config.index_dir)
    assert before != after
    assert reader.search(SearchQuery(text="marathon")).total >= 1  # the open reader follows the switch
    reader.close()


def test_extract_prints_one_json_line_per_passage(capsys):
    assert main(["extract", "--json", str(CORPUS / "003_498fa46aacb9f803.txt")]) == EXIT_OK
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines and [line["passage_id"] for line in lines] == [f"003_498fa46aacb9f803:p{i}" for i in range(1, len(lines) + 1)]
    assert set(lines[0]) >= {"doc_id", "passage_id", "text", "lang", "date", "speakers", "topics", "title", "type", "source"}
    assert {line["date"] for line in lines} == {"2020-09-10"}
    assert {line["lang"] for line in lines} == {"en"}


def test_extract_shows_the_symbol_read_from_page_furniture(capsys):
    assert main(["extract", "--json", str(CORPUS / "000_b1dc39bb15750822.txt")]) == EXIT_OK
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["symbol"] for line in lines} == {"A/75/704"}


def test_console_script_is_installed():
    result = subprocess.run([str(Path(sys.executable).parent / "archive-search"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "index" in result.stdout


@pytest.mark.parametrize("command", [[], ["index"], ["extract"], ["status"], ["withdraw"], ["meta"], ["serve"]])
def test_help_shows_no_restructuredtext_marks(command, capsys):
    with pytest.raises(SystemExit):
        main(command + ["--help"])
    shown = capsys.readouterr().out
    assert "usage: archive-search" in shown and "``" not in shown
