"""Where things are and how the pipeline is tuned.

Precedence, strongest first: command-line options, environment variables
(``ARCHIVE_SEARCH_CORPUS``, ``ARCHIVE_SEARCH_INDEX``, ``ARCHIVE_SEARCH_ENGINE``, ...), a TOML file
(``ARCHIVE_SEARCH_CONFIG`` or ``archive-search.toml`` in the working folder),
then the defaults below, which work from the repository root.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from indexer.engines import ENGINES

DEFAULT_CORPUS = "corpus"
DEFAULT_INDEX = "var/index"  # git ignores var/
CONFIG_FILE_NAME = "archive-search.toml"

# Librarian-editable knowledge, looked up in the corpus folder.
SPEAKERS_FILE = "speakers.yaml"
TOPICS_FILE = "topics.yaml"
DOCTYPES_FILE = "doctypes.yaml"
SOURCES_FILE = "sources.yaml"
CATALOGUE_FILE = "catalogue.csv"
SIDECAR_SUFFIX = ".meta.json"

DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


# Settings an environment variable may give.
ENVIRONMENT_SETTINGS = (("corpus_dir", "ARCHIVE_SEARCH_CORPUS"), ("index_dir", "ARCHIVE_SEARCH_INDEX"),
                        ("result_cache_size", "ARCHIVE_SEARCH_RESULT_CACHE"), ("engine", "ARCHIVE_SEARCH_ENGINE"))


class ConfigError(Exception):
    """The configuration file or an environment variable is unusable."""


@dataclass(frozen=True)
class Config:
    """Settings shared by the indexer, the CLI and the web app."""

    corpus_dir: Path = Path(DEFAULT_CORPUS)
    index_dir: Path = Path(DEFAULT_INDEX)
    # Passages: merge paragraphs shorter than this many characters...
    passage_min_chars: int = 300
    # ...and cut passages longer than this at a sentence boundary (about one screen).
    passage_max_chars: int = 1500
    # Files larger than this are refused rather than read (a runaway dump, not a document).
    max_file_bytes: int = 64 * 1024 * 1024
    # Languages the collection is written in: langdetect chooses among these first.
    languages: tuple[str, ...] = ("en", "fr", "ru", "zh")
    # Searches whose results the web app keeps per index version (0 turns the cache off).
    result_cache_size: int = 256
    # The search engine new indexes are built with (an existing index is read with its own).
    engine: str = "tantivy"

    @property
    def vocabulary_dir(self) -> Path:
        """Return the folder holding the librarian-editable data files."""
        return self.corpus_dir


def _from_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown settings in {path}: {', '.join(unknown)}")
    return data


def _coerce(name: str, value):
    if name in ("corpus_dir", "index_dir"):
        return Path(value)
    if name == "languages":
        return tuple(value)
    if name == "result_cache_size":
        try:
            size = int(value)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"result_cache_size must be a whole number, not {value!r}") from error
        if size < 0:
            raise ConfigError(f"result_cache_size must be 0 or more, not {size}")
        return size
    if name == "engine" and value not in ENGINES:
        raise ConfigError(f"unknown engine {value!r}: choose one of {', '.join(ENGINES)}")
    return value


def load_config(**overrides) -> Config:
    """Return the configuration after file, environment and explicit overrides."""
    values: dict = {}
    config_path = os.environ.get("ARCHIVE_SEARCH_CONFIG")
    candidate = Path(config_path) if config_path else Path(CONFIG_FILE_NAME)
    if config_path or candidate.exists():
        values.update(_from_toml(candidate))
    for name, env in ENVIRONMENT_SETTINGS:
        if os.environ.get(env):
            values[name] = os.environ[env]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Config(), **{k: _coerce(k, v) for k, v in values.items()})
