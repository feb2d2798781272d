"""Strip furniture from plain text (web page dumps, PDF extractions, clean text)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer.boilerplate.pdf import (
    PAGE_BREAK,
    ends_sentence,
    is_page_furniture,
    looks_pdf_extracted,
    pdf_paragraphs,
)
from indexer.boilerplate.textrules import (
    INVISIBLE,
    is_glued_menu,
    is_headline,
    is_label,
    is_name_list,
    is_running_text,
    is_rule,
    is_title_like,
    is_url_line,
    is_widget,
    markdown_heading,
    strip_bullet,
    strip_markdown,
)
from indexer.boilerplate.vocabulary import (
    Vocabulary,
    ends_with_fragment_word,
    has_notice,
    is_credit,
    is_date_line,
    is_prompt,
    load_vocabulary,
)
from indexer.config import Config
from indexer.facets.datelines import parse_dateline
from indexer.models import Block

# A text with at least this many site furniture lines (menus, widgets, prompts, notices;
# page numbers do not count) is a web page dump.
WEB_MIN_SIGNALS = 2
# Notices are short; a long paragraph that mentions cookies is text.
NOTICE_MAX_CHARS = 300
# Related-news lists: at least this many (title, timestamp) pairs in a row.
RELATED_MIN_PAIRS = 2
# Datelines are looked for among the first few kept lines, before the body starts.
DATELINE_WINDOW = 6
# In a web dump, short non-sentence lines after the last text and before trailing
# furniture are part of that furniture (footer labels, partner names).
TRAILING_MAX_CHARS = 100
# Without blank lines to set titles apart, only short lines are taken for titles.
UNGAPPED_TITLE_MAX_WORDS = 10
# Markdown headings mean the text was written as text, not extracted from a PDF.
MARKDOWN_HEADING_RE = re.compile(r"^#{1,6} ", re.MULTILINE)


@dataclass(frozen=True)
class Unit:
    """One line or paragraph of the input, with what its markup says about it."""

    text: str
    gap: bool = False  # a blank line comes before it
    heading: int = 0  # Markdown heading level
    item: bool = False


def _unit(raw: str, gap: bool) -> Unit | None:
    heading = markdown_heading(raw)
    if heading:
        return Unit(strip_markdown(heading[1]).strip(), gap, heading=heading[0])
    text, bulleted = strip_bullet(strip_markdown(raw))
    text = " ".join(text.split())
    return Unit(text, gap, item=bulleted) if text else None


def _units(text: str, layout: str) -> list[Unit]:
    lines = pdf_paragraphs(text) if layout == "pdf" else text.split("\n")
    units: list[Unit] = []
    gap = True  # the first line stands after the start of the text
    for raw in lines:
        if not raw.strip() or is_rule(raw):
            gap = True
            continue
        unit = _unit(raw, gap or layout == "pdf")
        if unit:
            units.append(unit)
        gap = False
    return _join_continuations(units)


def _join_continuations(units: list[Unit]) -> list[Unit]:
    """Join a unit that stops mid-sentence to the next one when that starts in lowercase."""
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.heading
            and not unit.heading
            and not unit.item
            and unit.text[:1].islower()
            and not ends_sentence(previous.text)
            and not is_url_line(unit.text)
        ):
            joined[-1] = replace(previous, text=f"{previous.text} {unit.text}")
        else:
            joined.append(unit)
    return joined


def _is_furniture_line(text: str, vocabulary: Vocabulary) -> bool:
    if is_prompt(text, vocabulary) or is_credit(text, vocabulary):
        return True
    if len(text) <= NOTICE_MAX_CHARS and has_notice(text, vocabulary):
        return True
    if is_page_furniture(text) or is_url_line(text) or is_name_list(text):
        return True
    return is_glued_menu(text) or is_widget(text)


def _related_runs(units: list[Unit], vocabulary: Vocabulary) -> set[int]:
    """Return the lines of runs of (title, timestamp) pairs: related and latest news lists."""
    dropped: set[int] = set()
    i = 0
    while i < len(units) - 1:
        pairs = 0
        while i + 2 * pairs + 1 < len(units) and _is_pair(units, i + 2 * pairs, vocabulary):
            pairs += 1
        if pairs >= RELATED_MIN_PAIRS:
            dropped.update(range(i, i + 2 * pairs))
        i += max(1, 2 * pairs)
    return dropped


def _is_pair(units: list[Unit], i: int, vocabulary: Vocabulary) -> bool:
    title, stamp = units[i].text, units[i + 1].text
    return is_headline(title) and is_date_line(stamp, vocabulary)


def _label_runs(units: list[Unit], dropped: set[int]) -> set[int]:
    """Return labels ("Member States:") standing in runs, before furniture or at the end."""
    labels = {i for i, unit in enumerate(units) if is_label(unit.text)}
    found = set()
    for i in labels:
        after = i + 1
        if i - 1 in labels or after in labels or after in dropped or after == len(units):
            found.add(i)
    return found


def _listed_labels(units: list[Unit]) -> set[int]:
    """Return long labels ending with a colon that introduce a list of names."""
    return {
        i
        for i in range(len(units) - 1)
        if units[i].text.endswith(":") and is_name_list(units[i + 1].text)
    }


def _web_only(units: list[Unit], dropped: set[int], vocabulary: Vocabulary) -> set[int]:
    """Return stray timestamps and the short lines of the trailing furniture run."""
    kept = [i for i in range(len(units)) if i not in dropped]
    found = {i for i in kept[DATELINE_WINDOW:] if is_date_line(units[i].text, vocabulary)}
    seen_furniture = False
    for i in reversed(range(len(units))):
        if i in dropped or i in found:
            seen_furniture = True
            continue
        text = units[i].text
        if seen_furniture and len(text) < TRAILING_MAX_CHARS and not is_running_text(text):
            found.add(i)
            continue
        break
    return found


def furniture_lines(units: list[Unit], layout: str, vocabulary: Vocabulary) -> set[int]:
    """Return the indices of the units that are site or page furniture."""
    dropped = {i for i, unit in enumerate(units) if _is_furniture_line(unit.text, vocabulary)}
    dropped |= _related_runs(units, vocabulary)
    dropped |= _listed_labels(units)
    dropped |= _label_runs(units, dropped)
    if layout == "web":
        dropped |= _web_only(units, dropped, vocabulary)
    return dropped


def detect_layout(text: str) -> str:
    """Tell whether text looks PDF-extracted ("pdf"), a web page dump ("web") or clean ("plain")."""
    if PAGE_BREAK in text or (
        looks_pdf_extracted(text) and not MARKDOWN_HEADING_RE.search(text)
    ):
        return "pdf"
    vocabulary = load_vocabulary()
    units = _units(text, "plain")
    dropped = furniture_lines(units, "plain", vocabulary)
    signals = sum(1 for i in dropped if not is_page_furniture(units[i].text))
    return "web" if signals >= WEB_MIN_SIGNALS else "plain"


def _is_dateline(text: str, vocabulary: Vocabulary) -> bool:
    """Tell whether a line is a date alone or a place and date line ("Душанбе, 17 сентября 2021 года")."""
    return is_date_line(text, vocabulary) or parse_dateline(text) is not None


def _next_is_body(units: list[Unit], index: int, vocabulary: Vocabulary) -> bool:
    for unit in units[index + 1:]:
        if unit.heading:
            return False
        if not _is_dateline(unit.text, vocabulary):
            return is_running_text(unit.text) and not unit.item
    return False


@dataclass
class _Progress:
    """What the block builder has seen so far."""

    headings: int = 0
    body: bool = False


def _is_heading(units: list[Unit], index: int, gapped: bool, vocabulary: Vocabulary) -> bool:
    unit = units[index]
    if gapped and not unit.gap:
        return False  # blank lines separate paragraphs here, and a title stands alone
    if not gapped and len(unit.text.split()) > UNGAPPED_TITLE_MAX_WORDS:
        return False
    if not is_title_like(unit.text) or ends_with_fragment_word(unit.text, vocabulary):
        return False
    return _next_is_body(units, index, vocabulary)


def _block(
    units: list[Unit], index: int, gapped: bool, seen: _Progress, vocabulary: Vocabulary
) -> Block:
    unit = units[index]
    if unit.heading:
        seen.headings += 1
        return Block(unit.text, "heading", unit.heading)
    if not seen.body and index < DATELINE_WINDOW and _is_dateline(unit.text, vocabulary):
        return Block(unit.text, "dateline")
    if unit.item:
        return Block(unit.text, "item")
    if _is_heading(units, index, gapped, vocabulary):
        seen.headings += 1
        return Block(unit.text, "heading", 1 if seen.headings == 1 else 2)
    seen.body = True
    return Block(unit.text, "paragraph")


def _kept(units: list[Unit], dropped: set[int]) -> list[Unit]:
    """Return the units not dropped; one that followed dropped furniture stands after a gap."""
    return [
        replace(unit, gap=True) if i - 1 in dropped else unit
        for i, unit in enumerate(units)
        if i not in dropped
    ]


def clean_text(text: str, config: Config) -> tuple[Block, ...]:
    """Return plain text as blocks, without site or page furniture."""
    vocabulary = load_vocabulary()
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE)
    layout = detect_layout(text)
    units = _units(text, layout)
    kept = _kept(units, furniture_lines(units, layout, vocabulary))
    gapped = any(unit.gap for unit in kept[1:])
    seen = _Progress()
    return tuple(_block(kept, i, gapped, seen, vocabulary) for i in range(len(kept)))
