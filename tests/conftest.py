"""Session-wide fixtures: the sample corpus indexed once, paths to the shared data sets, the engine that is not the default."""
import shutil
from collections import Counter
from pathlib import Path

import pytest

from indexer.config import Config

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED_DATA = REPO.parent / "shared" / "data"
GENERATED_REQUESTS = pytest.StashKey[Counter]()


def copy_corpus(target: Path) -> Path:
    """Copy the shipped corpus (documents and vocabularies) into ``target``."""
    shutil.copytree(CORPUS, target)
    return target


def build_corpus_index(root: Path, engine: str) -> Config:
    """Index a copy of corpus/ under ``root`` with ``engine`` and return its configuration."""
    from indexer.pipeline import index_corpus

    config = Config(corpus_dir=copy_corpus(root / "corpus"), index_dir=root / "index", engine=engine)
    report = index_corpus(config)
    assert not report.rejected, report.rejected
    return config


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Config:
    """Return the configuration of an index of corpus/ with the default engine, built once per test session."""
    from indexer.engines import DEFAULT_ENGINE

    return build_corpus_index(tmp_path_factory.mktemp("built"), DEFAULT_ENGINE)


@pytest.fixture(scope="session")
def whoosh_index(tmp_path_factory) -> Config:
    """Return the configuration of an index of corpus/ written by Whoosh, built once per test session."""
    return build_corpus_index(tmp_path_factory.mktemp("built-whoosh"), "whoosh")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return the shared data folder, or skip where it is absent (CI always has it)."""
    import os

    if not SHARED_DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED_DATA} is missing in CI")
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    return SHARED_DATA


@pytest.fixture
def other_engine() -> str:
    """Return the name of the engine that is not the default one."""
    from indexer.engines import DEFAULT_ENGINE, ENGINES

    return next(engine for engine in ENGINES if engine != DEFAULT_ENGINE)


@pytest.fixture(scope="session")
def request_tally(pytestconfig) -> Counter:
    """Return the count of generated requests per route, which the run's summary prints."""
    return pytestconfig.stash.setdefault(GENERATED_REQUESTS, Counter())


def pytest_terminal_summary(terminalreporter, config):
    """Print how many generated requests the property tests sent, and to how many routes."""
    tally = config.stash.get(GENERATED_REQUESTS, None)
    if tally:
        terminalreporter.write_line(f"property tests sent {sum(tally.values()):,} requests to {len(tally)} routes, "
                                    f"each checked for a 5xx and a traceback")
