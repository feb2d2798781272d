"""PDF-extracted text: tell it apart, drop page furniture, rejoin wrapped lines.

Text extracted from PDF keeps the page layout: lines wrapped at a fixed width,
words hyphenated at line ends, running headers and footers (document symbols
such as "A/75/704", job numbers such as "21-00374", page counters "14/16") on
every page, sometimes a blank line after every line. These functions turn it
back into paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PAGE_BREAK = "\f"
# Layout detection: a text is PDF-like when it has at least this many lines...
PDF_MIN_LINES = 20
# ...wrapped at a width (90th percentile of line lengths) no wider than this...
PDF_MAX_WIDTH = 150
WIDTH_PERCENTILE = 0.9
# ...most lines filling the width ("full" = at least this share of it)...
FULL_LINE_RATIO = 0.6
PDF_FULL_SHARE = 0.5
# ...and most full lines stopping mid-sentence, as wrapped lines do.
PDF_OPEN_SHARE = 0.5
# A line ending a sentence and shorter than this share of the width ends its paragraph.
PARAGRAPH_END_RATIO = 0.8
# A line shorter than this share of the width, without final punctuation, is a title line.
TITLE_LINE_RATIO = 0.6
# Leading spaces mark paragraph starts when this share of lines (a minority) is indented.
INDENT_MIN_SHARE, INDENT_MAX_SHARE = 0.03, 0.6
# Blank lines only separate lines ("double spaced") when this share of lines is followed
# by exactly one blank line.
DOUBLED_SHARE = 0.5
# Header/footer lines are looked for among this many lines at each edge of a page...
EDGE_LINES = 3
# ...and are furniture when repeated (digits ignored) on this share of the pages and on
# at least 3 (two pages opening with "(spoke in French)" is a coincidence).
REPEAT_PAGE_SHARE = 0.3
REPEAT_MIN_PAGES = 3
# Without page breaks, a short non-sentence line with a digit (page or session number)
# repeated this often is a running header.
REPEAT_MIN_COUNT = 3
REPEAT_MAX_CHARS = 80

# Page furniture lines are short (a symbol, a job number and a counter at most).
FURNITURE_MAX_CHARS = 60
# Hyphenated word ends are looked for in this many final characters of a line.
WORD_WINDOW = 64

SENTENCE_END_RE = re.compile(r"[.!?…:;]['\"’”»)\]]*$")
# Tokens of page furniture lines: document symbols, job numbers, page counters.
FURNITURE_TOKEN_RE = re.compile(
    r"[A-Z]{1,4}(?:/[A-Z0-9.\-]*\d[A-Z0-9.\-]*)(?:/[A-Z0-9.\-]+)*"  # A/75/704, S/2021/12
    r"|\d{1,2}/\d{1,2}/\d{4}"  # date beside a symbol in a verbatim record header
    r"|(?:GE\.)?\d{2}-\d{5}"  # UN job number 21-00374, GE.21-00374
    r"|\(\w\)"  # language code of the job number: (F)
    r"|\*\d{5,}\*"  # barcode text *2100374*
    r"|\d{1,4}/\d{1,4}|\d{1,4}"  # page counter 14/16, page number
    r"|[-–—|·•]"  # separators: - 3 -
    r"|page|p\.|seite|стр\.?|страница|of|de|sur|von|из",  # Page 3 of 10
    re.IGNORECASE,
)
DATE_TOKEN_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
# Line starts that open a list item or numbered paragraph: "•", "- ", "(a) ", "a) ", "12. ".
BULLET_START_RE = re.compile(r"^(?:[•·▪◦●○■►‣∙]|[-–—*]\s|\(\w{1,4}\)\s|[a-z]\)\s|\d{1,3}[.)]\s)")
HYPHEN_END_RE = re.compile(r"(\w+)-$")
WORD_START_RE = re.compile(r"^(\w+)")
WORD_RE = re.compile(r"\w+(?:-\w+)*")
CJK_RE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
ELISION_SPACE_RE = re.compile(r"\b([dDlLjJmMnNsStTcC]|[Qq]u) ([’'])(?=\w)")
DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True)
class Layout:
    """Measured layout of a PDF-extracted text."""

    width: int
    indented_starts: bool
    doubled: bool


def _lengths(lines: list[str]) -> list[int]:
    return sorted(len(line.strip()) for line in lines if line.strip())


def _width(lengths: list[int]) -> int:
    return lengths[min(len(lengths) - 1, int(WIDTH_PERCENTILE * len(lengths)))] if lengths else 0


def ends_sentence(line: str) -> bool:
    """Tell whether a line ends with sentence-final punctuation."""
    return SENTENCE_END_RE.search(line.rstrip()) is not None


def looks_pdf_extracted(text: str) -> bool:
    """Tell whether text has the fixed-width wrapped lines of PDF extraction."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < PDF_MIN_LINES:
        return False
    width = _width(sorted(len(line) for line in lines))
    if width == 0 or width > PDF_MAX_WIDTH:
        return False
    full = [line for line in lines if len(line) >= FULL_LINE_RATIO * width]
    if len(full) < PDF_FULL_SHARE * len(lines):
        return False
    open_lines = sum(1 for line in full if not ends_sentence(line))
    return open_lines >= PDF_OPEN_SHARE * len(full)


def is_page_furniture(line: str) -> bool:
    """Tell whether a line is only page furniture: symbols, job numbers, page counters."""
    stripped = line.strip()
    if not stripped or len(stripped) > FURNITURE_MAX_CHARS or not DIGIT_RE.search(stripped):
        return False
    tokens = stripped.split()
    if all(DATE_TOKEN_RE.fullmatch(token) for token in tokens):
        return False  # a date alone is a dateline
    return all(FURNITURE_TOKEN_RE.fullmatch(token) for token in tokens)


def _shape(line: str) -> str:
    return DIGIT_RE.sub("0", " ".join(line.split()).lower())


def _repeated_edge_lines(pages: list[list[str]]) -> set[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        filled = [line for line in page if line.strip()]
        edges = {_shape(line) for line in filled[:EDGE_LINES] + filled[-EDGE_LINES:]}
        counts.update(edges)
    needed = max(REPEAT_MIN_PAGES, REPEAT_PAGE_SHARE * len(pages))
    return {shape for shape, count in counts.items() if count >= needed}


def _repeated_header_lines(lines: list[str]) -> set[str]:
    counts = Counter(
        _shape(line)
        for line in lines
        if line.strip() and len(line.strip()) <= REPEAT_MAX_CHARS and not ends_sentence(line)
        and not line.rstrip().endswith(",") and DIGIT_RE.search(line)
    )
    return {shape for shape, count in counts.items() if count >= REPEAT_MIN_COUNT}


def drop_page_furniture(text: str) -> list[str]:
    """Return the lines of ``text`` without running headers, footers and page numbers."""
    pages = [page.split("\n") for page in text.split(PAGE_BREAK)]
    if len(pages) > 1:
        repeated = _repeated_edge_lines(pages)
    else:
        repeated = _repeated_header_lines(pages[0])
    lines = [line for page in pages for line in page]
    return [
        line
        for line in lines
        if not (is_page_furniture(line) or (line.strip() and _shape(line) in repeated))
    ]


def measure_layout(lines: list[str]) -> Layout:
    """Measure wrap width, paragraph indentation and double spacing of PDF lines."""
    filled = [line for line in lines if line.strip()]
    width = _width(_lengths(filled)) or 1
    indented = sum(1 for line in filled if line[:1].isspace())
    share = indented / len(filled) if filled else 0.0
    followed_by_one_blank = sum(
        1
        for i, line in enumerate(lines[:-2])
        if line.strip() and lines[i + 1] == "" and lines[i + 2].strip()
    )
    return Layout(
        width=width,
        indented_starts=INDENT_MIN_SHARE <= share <= INDENT_MAX_SHARE,
        doubled=bool(filled) and followed_by_one_blank >= DOUBLED_SHARE * len(filled),
    )


def _lexicon(lines: list[str]) -> set[str]:
    return {word.lower() for line in lines for word in WORD_RE.findall(line)}


def join_lines(previous: str, line: str, lexicon: set[str]) -> str:
    """Join a wrapped line to the text before it, undoing end-of-line hyphenation.

    A hyphen before a lowercase word is dropped ("inter-" + "national") unless the
    document writes the hyphenated word elsewhere ("long-term"); before a capital or
    a digit it is a real hyphen ("SCO-Afghanistan", "COVID-19").
    """
    hyphen = HYPHEN_END_RE.search(previous[-WORD_WINDOW:])
    start = WORD_START_RE.match(line)
    if hyphen and start:
        joined = (hyphen.group(1) + start.group(1)).lower()
        kept = f"{hyphen.group(1)}-{start.group(1)}".lower()
        if line[:1].islower() and (joined in lexicon or kept not in lexicon):
            return previous[:-1] + line
        return previous + line
    if CJK_RE.match(previous[-1:]) and CJK_RE.match(line[:1]):
        return previous + line
    return f"{previous} {line}"


def _starts_paragraph(line: str, previous: str | None, alone: bool, layout: Layout) -> bool:
    """Tell whether ``line`` starts a paragraph; ``alone``: the previous line is one by itself."""
    if previous is None:
        return True
    stripped = line.strip()
    if BULLET_START_RE.match(stripped):
        return True
    short = len(previous.strip())
    if layout.indented_starts and line[:1].isspace():
        wrapped = not ends_sentence(previous) and short >= PARAGRAPH_END_RATIO * layout.width
        return not (wrapped or stripped[:1].islower())
    if ends_sentence(previous) and short < PARAGRAPH_END_RATIO * layout.width:
        return True
    title_line = alone and short < TITLE_LINE_RATIO * layout.width and not ends_sentence(previous)
    return title_line and not previous.rstrip().endswith(",") and stripped[:1].isupper()


def _is_break(lines: list[str], i: int, layout: Layout) -> bool:
    """Tell whether the blank line at ``i`` separates paragraphs."""
    if not layout.doubled:
        return True
    if lines[i] != "":
        return True  # a line of spaces marks a gap in double-spaced text
    return i + 1 < len(lines) and not lines[i + 1].strip()


def rejoin(lines: list[str]) -> list[str]:
    """Rejoin wrapped PDF lines into paragraphs."""
    layout = measure_layout(lines)
    lexicon = _lexicon(lines)
    paragraphs: list[str] = []
    current: list[str] = []  # lines of the paragraph being built
    for i, line in enumerate(lines):
        if not line.strip():
            if _is_break(lines, i, layout) and current:
                paragraphs.append(_joined(current, lexicon))
                current = []
            continue
        alone = len(current) == 1 and bool(paragraphs)
        if _starts_paragraph(line, current[-1] if current else None, alone, layout):
            if current:
                paragraphs.append(_joined(current, lexicon))
            current = []
        current.append(line)
    if current:
        paragraphs.append(_joined(current, lexicon))
    return [ELISION_SPACE_RE.sub(r"\1\2", " ".join(p.split())) for p in paragraphs]


def _joined(lines: list[str], lexicon: set[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        text = join_lines(text, line.strip(), lexicon)
    return text


def pdf_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of PDF-extracted text, without page furniture."""
    return rejoin(drop_page_furniture(text))
