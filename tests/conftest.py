"""Session-wide fixtures: the sample corpus indexed once, paths to the shared data sets, a stand-in second engine."""
import shutil
from pathlib import Path

import pytest

from indexer.config import Config
from indexer.engines.whoosh.store import WhooshStore

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED_DATA = REPO.parent / "shared" / "data"


def copy_corpus(target: Path) -> Path:
    """Copy the shipped corpus (documents and vocabularies) into ``target``."""
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Config:
    """Return the configuration of an index of corpus/, built once per test session."""
    from indexer.pipeline import index_corpus

    root = tmp_path_factory.mktemp("built")
    config = Config(corpus_dir=copy_corpus(root / "corpus"), index_dir=root / "index")
    report = index_corpus(config)
    assert not report.rejected, report.rejected
    return config


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return the shared data folder, or skip where it is absent (CI always has it)."""
    import os

    if not SHARED_DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED_DATA} is missing in CI")
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    return SHARED_DATA



class StandInStore(WhooshStore):
    """The store of ``other_engine``: a Whoosh store under another engine's name."""


@pytest.fixture
def other_engine(monkeypatch) -> str:
    """Return the name of a second engine, served by ``StandInStore``, while only Whoosh is implemented."""
    from indexer import engines

    name = next(engine for engine in engines.ENGINES if engine != "whoosh")
    monkeypatch.setitem(engines.ENGINE_CLASSES, name, (__name__, StandInStore.__name__))
    return name
