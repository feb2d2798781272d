"""Turn the bytes of a text file into clean Unicode, whatever its encoding.

Order: a byte-order mark (certain), then strict UTF-8 (the fast path for most
files; a BOM-prefixed UTF-16/32 file is never valid UTF-8, so checking the BOM
first changes no result), then mostly-valid UTF-8 with a few damaged bytes,
then charset-normalizer restricted to the collection's likely encodings, then
charset-normalizer unrestricted. Binary content is refused with a reason.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from indexer.models import RejectedFile

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings of the collection's languages (en, fr, ru, zh), tried before
# all others so that near-identical code pages (cp1250 vs cp1252) cannot win.
LIKELY_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "iso8859_5", "cp866",
    "mac_cyrillic", "gb18030", "big5",
)
# Where Latin-1 is detected, cp1252 is what was meant (as browsers assume):
# it gives curly quotes and the euro sign instead of C1 control characters.
LATIN1_NAMES = frozenset({"latin_1", "iso8859_1", "latin-1", "iso-8859-1"})
# A file with at most one damaged sequence per ten valid multi-byte characters is
# UTF-8 with a few broken bytes (say, a pasted Latin-1 snippet): text in a legacy
# encoding is practically never valid UTF-8, so it shows hardly any valid ones.
MAX_UTF8_DAMAGE_RATIO = 0.1
# ...provided at least this many multi-byte characters decoded correctly.
MIN_UTF8_EVIDENCE = 20
# Leading bytes decoded first to rule out damaged UTF-8 cheaply.
UTF8_SAMPLE_BYTES = 1 << 20
# How many leading bytes to inspect for the UTF-16-without-BOM pattern.
UTF16_SNIFF_BYTES = 4096
# BOM-less UTF-16 of mostly-Latin text has NULs in most high bytes, on one
# side of each pair, and (almost) none on the other.
UTF16_NUL_SHARE_HIGH = 0.4
UTF16_NUL_SHARE_LOW = 0.05
# Real text has almost no control characters; more than this share means binary.
MAX_CONTROL_RATIO = 0.01
# Binary content shows at the start; counting controls further only costs time.
CONTROL_SAMPLE_CHARS = 1 << 16
# C0/C1 controls other than tab, newline, carriage return and form feed
# (form feed marks page breaks, which the cleaner uses).
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
UNICODE_LINE_BREAKS = ("\u2028", "\u2029", "\x85")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used and any problems met."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def bom_encoding(data: bytes) -> str | None:
    """Return the codec named by the byte-order mark at the start of ``data``, if any."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return codec
    return None


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:UTF16_SNIFF_BYTES]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd >= UTF16_NUL_SHARE_HIGH and even <= UTF16_NUL_SHARE_LOW:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE_HIGH and odd <= UTF16_NUL_SHARE_LOW:
        return "utf-16-be"
    return None


def _utf8_damage(data: bytes) -> tuple[str, int, int]:
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    return text, damaged, len(data) - len(text)  # each valid multi-byte char shortens the text


def _mostly_utf8(data: bytes) -> Decoded | None:
    _, damaged, multibyte = _utf8_damage(data[:UTF8_SAMPLE_BYTES])
    if damaged > MAX_UTF8_DAMAGE_RATIO * max(multibyte, MIN_UTF8_EVIDENCE):
        return None  # clearly another encoding: spare decoding the whole file twice
    text, damaged, multibyte = _utf8_damage(data)
    if multibyte < MIN_UTF8_EVIDENCE or damaged > MAX_UTF8_DAMAGE_RATIO * multibyte:
        return None
    note = f"{damaged} damaged UTF-8 byte sequence(s) replaced by the \ufffd character"
    return Decoded(text, "utf-8", (note,))


def _detected(data: bytes) -> Decoded | None:
    for isolation in (list(LIKELY_ENCODINGS), None):
        best = charset_normalizer.from_bytes(data, cp_isolation=isolation).best()
        if best is not None:
            encoding = best.encoding
            if encoding in LATIN1_NAMES:
                encoding = "cp1252"
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                return Decoded(data.decode(best.encoding), best.encoding)
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` in its own encoding; raise RejectedFile for binary content."""
    codec = bom_encoding(data)
    if codec is None and b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec is None:
            raise RejectedFile(
                "binary content (NUL bytes): this is not a text file; is it an image, "
                "an archive or a word-processor file with the wrong name?"
            )
    if codec is not None:
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError as error:
            raise RejectedFile(f"not valid {codec} text although it looks like it ({error.reason})") from error
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    decoded = _mostly_utf8(data) or _detected(data)
    if decoded is None:
        raise RejectedFile("cannot recognise the character encoding: the content looks binary")
    return decoded


def normalise_text(text: str) -> str:
    """Return ``text`` with \\n newlines, NFC composition and no control characters but \\t and \\f."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for line_break in UNICODE_LINE_BREAKS:
        if line_break in text:
            text = text.replace(line_break, "\n")
    if CONTROL_CHARS.search(text):
        text = CONTROL_CHARS.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def check_not_binary(text: str) -> None:
    """Raise RejectedFile if the start of decoded ``text`` is largely control characters."""
    sample = text[:CONTROL_SAMPLE_CHARS]
    controls = len(CONTROL_CHARS.findall(sample))
    if controls > MAX_CONTROL_RATIO * len(sample):
        share = controls / len(sample)
        raise RejectedFile(f"binary content: {share:.0%} of the characters are control codes")


def decode_text(data: bytes) -> Decoded:
    """Decode, check and normalise the bytes of a plain-text file."""
    decoded = decode_bytes(data)
    check_not_binary(decoded.text)
    return Decoded(normalise_text(decoded.text), decoded.encoding, decoded.warnings)
