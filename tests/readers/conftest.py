"""Fixtures for the reader and metadata tests: the sample folder and a reading helper."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from indexer.config import Config
from indexer.readers import read_document

DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture
def config() -> Config:
    return Config(corpus_dir=DATA_DIR)


@pytest.fixture
def read_sample(config):
    """Return a function reading one sample file into a Reading."""
    def read(name: str):
        return read_document(DATA_DIR / name, DATA_DIR, config)
    return read


@pytest.fixture(scope="session")
def samples():
    """Return the module that wrote the sample files, for the texts it encoded."""
    script = Path(__file__).parent / "make_reader_samples.py"
    spec = importlib.util.spec_from_file_location("make_reader_samples", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
