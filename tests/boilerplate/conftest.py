"""Fixtures for the boilerplate stripper's tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.config import Config

DATA_DIR = Path(__file__).parent / "data"
REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO_ROOT / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def config() -> Config:
    """Return the default configuration."""
    return Config()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Return the folder of this test package's sample files."""
    return DATA_DIR


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return ../shared/data beside the repository, or skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def read():
    """Return a function giving the text of a sample file."""

    def read_sample(name: str) -> str:
        return (DATA_DIR / name).read_text(encoding="utf-8")

    return read_sample
