"""Read Markdown: YAML front matter as metadata, the body as plain text.

The output follows the reader-to-cleaner convention: blocks separated by blank
lines, headings as ``#`` lines (emphasis removed), list items as ``- `` lines,
table cells as their own paragraphs; links become their text, autolinks their
URL; images, rules, HTML comments and tags are dropped. Ordinary lines keep
their line breaks (the cleaner joins wrapped lines).
"""
from __future__ import annotations

import functools
import re

import yaml

from indexer.config import Config
from indexer.metadata import metadata_from_fields
from indexer.models import Metadata, RawDocument
from indexer.readers.common import Reading, require_text
from indexer.readers.encoding import decode_text

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

# Signs that a file named .txt is really Markdown, each a kind of evidence;
# a plain text may show one by chance (a '---' separator), rarely two.
MARKDOWN_SIGNALS = {
    "heading": re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    "bold": re.compile(r"\*\*[^*\s][^*\n]*\*\*|__[^_\s][^_\n]*__"),
    "italic": re.compile(r"(?<![*\w])\*(?=[^\W\d_])[^*\n]*[^\s*]\*(?![*\w])"),
    "rule": re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE),
    "autolink": re.compile(r"<https?://[^>\s]+>"),
    "link": re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#|mailto:)[^)\s]*\)"),
    "fence": re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE),
}
MIN_MARKDOWN_SIGNALS = 2  # distinct kinds of signal needed to call a .txt file Markdown
# Markup plain text virtually never holds: repeated this often, one kind is enough.
UNAMBIGUOUS_SIGNALS = ("bold", "link", "autolink")
MIN_UNAMBIGUOUS_REPEATS = 3
SNIFF_CHARS = 200_000  # Markdown shows itself early; looking further only costs time

HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S.*$", re.MULTILINE)
FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
RULE = MARKDOWN_SIGNALS["rule"]
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|(\d{1,9})[.)])[ \t]+(.*)$")
TABLE_DIVIDER = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")

ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
PRIVATE_USE_BASE = 0xE000  # escaped characters hide here while emphasis is removed
HIDDEN_ESCAPES = re.compile(f"[{chr(PRIVATE_USE_BASE)}-{chr(PRIVATE_USE_BASE + 127)}]")
# (character that must be present, pattern, replacement): the check spares most lines the regex.
INLINE_RULES = (
    ("`", re.compile(r"`+([^`\n]+?)`+"), r"\1"),
    ("!", re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])"), ""),
    ("[", re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^)\s]*\))*(?:[ \t]+\"[^\"\n]*\")?\)"), r"\1"),
    ("[", re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    ("<", re.compile(r"<((?:https?|ftp)://[^>\s]+)>"), r"\1"),
    ("<", re.compile(r"<(?:mailto:)?([^@\s<>]+@[^@\s<>]+)>"), r"\1"),
    ("<", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), ""),
)
EMPHASIS = (
    ("*", re.compile(r"(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1")),
    ("_", re.compile(r"(?<![\w_])(_{1,3})(?=[^\s_])(.+?)(?<=[^\s_])\1(?![\w_])")),
    ("~~", re.compile(r"(~~)(?=\S)(.+?)(?<=\S)\1")),
)


def looks_like_markdown(text: str) -> bool:
    """Return True if ``text`` shows several kinds of Markdown markup, or much of one unambiguous kind."""
    head = text[:SNIFF_CHARS]
    kinds = [name for name, pattern in MARKDOWN_SIGNALS.items() if pattern.search(head)]
    if len(kinds) >= MIN_MARKDOWN_SIGNALS:
        return True
    return any(len(MARKDOWN_SIGNALS[name].findall(head)) >= MIN_UNAMBIGUOUS_REPEATS
               for name in kinds if name in UNAMBIGUOUS_SIGNALS)


def inline_to_text(line: str) -> str:
    """Return one line of Markdown without its inline markup."""
    escaped = "\\" in line
    if escaped:
        line = ESCAPE.sub(lambda m: chr(PRIVATE_USE_BASE + ord(m.group(1))), line)
    for trigger, pattern, replacement in INLINE_RULES:
        if trigger in line:
            line = pattern.sub(replacement, line)
    for trigger, pattern in EMPHASIS:
        previous = None
        while trigger in line and previous != line:
            previous, line = line, pattern.sub(r"\2", line)
    if escaped:
        line = HIDDEN_ESCAPES.sub(lambda m: chr(ord(m.group(0)) - PRIVATE_USE_BASE), line)
    return line.strip()


def _heading(level: int, text: str) -> list[str]:
    plain = inline_to_text(text)
    return [f"{'#' * level} {plain}"] if plain else []


class _Blocks:
    """Collects output blocks; lines of one block are joined by newlines."""

    def __init__(self) -> None:
        self.blocks: list[list[str]] = []
        self.current: list[str] = []

    def flush(self) -> None:
        if self.current:
            self.blocks.append(self.current)
        self.current = []

    def add(self, lines: list[str]) -> None:
        self.flush()
        if lines:
            self.blocks.append(lines)

    def text(self) -> str:
        return "\n\n".join("\n".join(block) for block in self.blocks)


def _block_line(out: _Blocks, line: str) -> None:
    if not line.strip():
        out.flush()
    elif (underline := SETEXT_UNDERLINE.match(line)) and out.current and not out.current[0].startswith("- "):
        level = 1 if underline.group(1).startswith("=") else 2
        title, out.current = " ".join(out.current), []
        out.add(_heading(level, title))
    elif RULE.match(line) or SETEXT_UNDERLINE.match(line):
        out.flush()
    elif heading := ATX_HEADING.match(line):
        out.add(_heading(len(heading.group(1)), heading.group(2) or ""))
    elif item := LIST_ITEM.match(line):
        out.flush()
        number = f"{item.group(1)}. " if item.group(1) else ""
        out.current.append(f"- {number}{inline_to_text(item.group(2))}")
    elif TABLE_DIVIDER.match(line) and "|" in line:
        return
    elif row := TABLE_ROW.match(line):
        for cell in row.group(1).split("|"):
            out.add([text] if (text := inline_to_text(cell)) else [])
    elif text := inline_to_text(line):
        out.current.append(text)


def markdown_to_text(body: str) -> str:
    """Return the plain text of a Markdown body, following the reader-to-cleaner convention."""
    body = REFERENCE_DEFINITION.sub("", HTML_COMMENT.sub("", body))
    out = _Blocks()
    in_fence = False
    for line in body.split("\n"):
        if FENCE.match(line):
            out.flush()
            in_fence = not in_fence
        elif in_fence:
            out.current.append(line.rstrip())
        else:
            _block_line(out, BLOCKQUOTE.sub("", line.rstrip()))
    out.flush()
    return out.text()


@functools.lru_cache(maxsize=1)
def _yaml_loader() -> type:
    """Return a safe YAML loader that keeps dates as written, for normalise_date to judge."""
    class FrontMatterLoader(yaml.SafeLoader):
        pass

    FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return FrontMatterLoader


def split_front_matter(text: str, where: str) -> tuple[Metadata, str, list[str]]:
    """Return the front-matter metadata, the body and warnings; a broken block is dropped with a warning."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return Metadata(), text, []
    try:
        fields = yaml.load(match.group(1), Loader=_yaml_loader())  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or type(error).__name__
        problem += f" (line {mark.line + 1} of the front matter)" if mark is not None else ""
        return Metadata(), text[match.end():], [f"{where}: front matter is not valid YAML and is ignored: {problem}"]
    if not isinstance(fields, dict):
        return Metadata(), text, []
    metadata, warnings = metadata_from_fields(fields, f"{where}, front matter")
    return metadata, text[match.end():], warnings


def markdown_reading(text: str, path: str, warnings: tuple[str, ...] = ()) -> Reading:
    """Return the Reading of already decoded Markdown ``text`` found at ``path``."""
    metadata, body, problems = split_front_matter(text, path)
    plain = require_text(markdown_to_text(body), "the Markdown file has no text outside its markup")
    document = RawDocument(path=path, format="md", text=plain, metadata=metadata)
    return Reading(document, tuple(warnings) + tuple(problems))


def read_markdown(data: bytes, path: str, config: Config) -> Reading:
    """Read the bytes of a Markdown file found at ``path`` (relative to the corpus)."""
    decoded = decode_text(data)
    return markdown_reading(decoded.text, path, decoded.warnings)
