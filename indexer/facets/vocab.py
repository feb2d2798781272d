"""Read the librarian-editable vocabulary files (``corpus/*.yaml``) with clear errors.

Mappings and lists read from a file remember the line they start on
(``.line``), so a validator can say *where* an entry is wrong, not only *what*.
A missing file is an empty vocabulary; a malformed one raises ``VocabularyError``.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml


class VocabularyError(Exception):
    """A vocabulary file cannot be used; the message names the file, the line and the problem."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        where = f"{path}, line {line}" if line else f"{path}"
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


class LineDict(dict):
    """A mapping read from YAML that remembers its first line (1-based)."""

    line: int | None = None


class LineList(list):
    """A sequence read from YAML that remembers its first line (1-based)."""

    line: int | None = None


# libyaml's parser where PyYAML has it (its wheels do): five to ten times faster than the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SAFE_LOADER):
    """Safe YAML loader that keeps line numbers and refuses duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def file_stamp(path: Path | str) -> int | None:
    """Return the file's modification time in nanoseconds, or None if it does not exist."""
    try:
        return Path(path).stat().st_mtime_ns
    except FileNotFoundError:
        return None


def read_yaml(path: Path | str) -> Any:
    """Return the parsed YAML file (None if missing or empty); raise VocabularyError if malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise VocabularyError(path, None, f"cannot read the file: {error}") from error
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise VocabularyError(path, line, f"not valid YAML: {problem}") from error
    except yaml.YAMLError as error:
        raise VocabularyError(path, None, f"not valid YAML: {error}") from error


def line_of(value: Any, default: int | None = None) -> int | None:
    """Return the line a mapping or list read by ``read_yaml`` starts on."""
    return getattr(value, "line", None) or default


def require(condition: bool, path: Path | str, line: int | None, problem: str) -> None:
    """Raise VocabularyError(path, line, problem) unless ``condition`` holds."""
    if not condition:
        raise VocabularyError(path, line, problem)


def check_fields(entry: dict, allowed: tuple[str, ...], path: Path | str, line: int | None, what: str) -> None:
    """Raise VocabularyError if ``entry`` has fields other than ``allowed`` (usually a typing mistake)."""
    unknown = sorted(map(str, set(entry) - set(allowed)))
    require(not unknown, path, line, f"{what}: unknown field(s) {', '.join(unknown)}; expected {', '.join(allowed)}")


def string_list(value: Any, path: Path | str, line: int | None, what: str) -> tuple[str, ...]:
    """Return ``value`` as a tuple of non-empty strings (a lone string counts as a list of one)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    require(isinstance(value, list), path, line_of(value, line), f"{what} must be a list of strings")
    items = []
    for item in value:
        require(
            isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip(),
            path, line_of(value, line), f"{what} holds {item!r}, which is not a non-empty string",
        )
        items.append(str(item).strip())
    return tuple(items)


def fold(text: str) -> str:
    """Return ``text`` case-folded, without diacritics, spaces plain; one output character per input character."""
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict):
    """Translation table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace() and char not in "\n\r":
            folded = " "
        else:
            decomposed = unicodedata.normalize("NFD", char.casefold())
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            folded = base[:1] if base else char
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()
