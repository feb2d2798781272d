"""Tests on single lines of plain text: what furniture and titles look like."""
from __future__ import annotations

import re

from indexer.boilerplate.pdf import ends_sentence

# Soft hyphens and zero-width characters: invisible on the page, they split words in text.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Nav labels glued together lose their spaces: "homepageContact usAdd to FavoritesHome".
# A line with this many lowercase-to-Capital joins inside words is a menu...
GLUED_MIN_JOINS = 2
# ...when it is short, as menus are.
GLUED_MAX_WORDS = 15
# Clock and weather widgets: a time or temperature next to a place of a few words.
WIDGET_PLACE_MAX_WORDS = 3
# A line naming this many comma-separated items, nearly all short, with no final
# full stop, is a list of names (registries, tag clouds, partner lists).
NAME_LIST_MIN_ITEMS = 10
NAME_LIST_ITEM_MAX_WORDS = 5
NAME_LIST_SHORT_SHARE = 0.9
# A label ("Member States:") is a short line ending with a colon.
LABEL_MAX_WORDS = 6
# Title-like lines: short, without final punctuation.
TITLE_MIN_CHARS = 3
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
# A title ending with a question mark is a short question, not a paragraph of them.
QUESTION_TITLE_MAX_WORDS = 12
# A sentence boundary inside a line ("... said. Our founders ...") makes it text, not a title.
INNER_SENTENCE_RE = re.compile(r"\w{2,}[.!?]\s+[\"'“«]?[^\W\d_]")
# A line at least this long is running text even without final punctuation.
BODY_MIN_CHARS = 100

TIME_RE = r"\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?"
TEMPERATURE_RE = r"[+−-]?\d{1,2}\s?°\s?[CFcf]?"
PLACE_RE = r"[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,%d}" % (WIDGET_PLACE_MAX_WORDS - 1)
WIDGET_RE = re.compile(
    rf"^(?:{TIME_RE}|{TEMPERATURE_RE})\s*(?P<place>{PLACE_RE})\s*(?:{TEMPERATURE_RE})?$"
    rf"|^(?P<place2>{PLACE_RE})\s*(?:{TIME_RE}|{TEMPERATURE_RE})$"
)
URL_LINE_RE = re.compile(r"^(?:[^\W\d_][\w ]{0,20}:\s*)?<?(?:https?://|www\.)\S+?>?$", re.IGNORECASE)
BULLET_RE = re.compile(r"^(?:(?:[•·▪◦●○■□►▸‣⁃∙]|[-–—*+](?=\s))\s*)+")
RULE_RE = re.compile(r"^(?:[-*_=]\s*){3,}$")
MARKDOWN_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
EMPHASIS_RE = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
MARKDOWN_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
ANGLE_URL_RE = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
TITLE_START_RE = re.compile(r"^[\"'“«„(]?[^\W_a-zа-яё]", re.UNICODE)


def glued_joins(line: str) -> int:
    """Count lowercase-to-Capital joins inside words, as in "homepageContact"."""
    joins = 0
    for i in range(2, len(line) - 1):
        if line[i].isupper() and line[i - 1].islower() and line[i - 2].islower():
            joins += line[i + 1].islower()
    return joins


def is_glued_menu(line: str) -> bool:
    """Tell whether a line is navigation labels glued together."""
    if ends_sentence(line) or len(line.split()) > GLUED_MAX_WORDS:
        return False
    return glued_joins(line) >= GLUED_MIN_JOINS


def is_widget(line: str) -> bool:
    """Tell whether a line is a clock or weather widget ("12:36Abu Dhabi", "Moscow +3°C")."""
    match = WIDGET_RE.match(line.strip())
    if not match:
        return False
    place = match.group("place") or match.group("place2") or ""
    return place[:1].isupper()


def is_url_line(line: str) -> bool:
    """Tell whether a line is only a web address, perhaps after a short label."""
    return URL_LINE_RE.match(line.strip()) is not None


def is_name_list(line: str) -> bool:
    """Tell whether a line is a long comma-separated list of short names."""
    if ends_sentence(line):
        return False
    items = [item.strip() for item in line.split(",") if item.strip()]
    if len(items) < NAME_LIST_MIN_ITEMS or len(items[0].split()) > NAME_LIST_ITEM_MAX_WORDS:
        return False  # a sentence leading into a list ("welcoming ... Armenia, Azerbaijan") is text
    short = sum(1 for item in items if len(item.split()) <= NAME_LIST_ITEM_MAX_WORDS)
    return short >= NAME_LIST_SHORT_SHARE * len(items)


def is_label(line: str) -> bool:
    """Tell whether a line is a short label ending with a colon ("Member States:")."""
    core = BULLET_RE.sub("", line.strip())
    return core.endswith(":") and len(core.split()) <= LABEL_MAX_WORDS


def is_title_like(line: str) -> bool:
    """Tell whether a line could be a title: short, capitalised, without final punctuation."""
    text = line.strip()
    if not TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS or len(text.split()) > TITLE_MAX_WORDS:
        return False
    if text.rstrip("\"'’”»)]")[-1:] in ".,;:!…" or INNER_SENTENCE_RE.search(text):
        return False
    if text.endswith("?") and len(text.split()) > QUESTION_TITLE_MAX_WORDS:
        return False
    return TITLE_START_RE.match(text) is not None and not is_url_line(text)


def is_headline(line: str) -> bool:
    """Tell whether a line could head a news item: short, without final full stop or comma."""
    text = line.strip()
    if not TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS:
        return False
    return text.rstrip("\"'’”»)]")[-1:] not in ".,;:" and not is_url_line(text)


def is_running_text(line: str) -> bool:
    """Tell whether a line reads as body text: a sentence, or a long line that is no title."""
    if ends_sentence(line) or line.rstrip().endswith(","):
        return True
    return len(line) >= BODY_MIN_CHARS and not is_title_like(line)


def strip_bullet(line: str) -> tuple[str, bool]:
    """Return the line without leading bullets, and whether it had any."""
    stripped = BULLET_RE.sub("", line.strip())
    return stripped, stripped != line.strip()


def strip_markdown(line: str) -> str:
    """Return a line without Markdown emphasis, link targets and angle-bracketed URLs."""
    line = MARKDOWN_LINK_RE.sub(r"\1", line)
    line = ANGLE_URL_RE.sub(r"\1", line)
    return EMPHASIS_RE.sub(r"\2", line)


def markdown_heading(line: str) -> tuple[int, str] | None:
    """Return (level, text) when the line is a Markdown '#' heading."""
    match = MARKDOWN_HEADING_RE.match(line.strip())
    return (len(match.group(1)), match.group(2)) if match else None


def is_rule(line: str) -> bool:
    """Tell whether a line is a horizontal rule ("---", "***")."""
    return RULE_RE.match(line.strip()) is not None
