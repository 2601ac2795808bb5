"""Intake: raw text extracted from a newspaper page → draft manuscript, corrections record and review report.

The mechanical normalisations defined here (whitespace, punctuation width, character
width) are also the ones `audit` allows without a record, so both stay in step.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import PressroomError, Problem

# Half-width marks that GB/T 15834 wants full width in Chinese running text.
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
FULL_TO_HALF = {v: k for k, v in HALF_TO_FULL.items()}
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—·～"


def is_han(char: str) -> bool:
    """A Chinese character (CJK unified ideographs and their extensions, 〇)."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF or char == "〇")


def is_cjk(char: str) -> bool:
    """Han, kana, hangul, or a full-width/Chinese punctuation mark (not a space)."""
    if char.isspace():
        return False
    code = ord(char)
    return (is_han(char) or char in CJK_PUNCT or 0x3000 <= code <= 0x30FF
            or 0xFF00 <= code <= 0xFFEF or 0xAC00 <= code <= 0xD7AF)


def fullwidth_alnum(char: str) -> str | None:
    """The ASCII letter or digit a full-width one (Ａ１) stands for, else None."""
    code = ord(char)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    return None


def _neighbour(chars: list[str], index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(chars):
        if not chars[index].isspace():
            return chars[index]
        index += step
    return None


def widen(chars: list[str], protected: frozenset[int] = frozenset()) -> list[int]:
    """Make half-width , ; : ( ) ! ? full width where a neighbour is Chinese; in place.

    A mark counts as Chinese context when the nearest non-space character on either
    side is Han or Chinese punctuation; marks between digits or Latin letters (1,000,
    10:30, "Hello, world") stay. Returns the indexes changed. Repeats until stable
    because a widened mark makes its neighbour's context Chinese too (e.g. "贷(APP),").
    """
    changed: list[int] = []
    while True:
        found = False
        for i, char in enumerate(chars):
            if char in HALF_TO_FULL and i not in protected and (
                    is_cjk(_neighbour(chars, i, -1) or "a") or is_cjk(_neighbour(chars, i, 1) or "a")):
                chars[i] = HALF_TO_FULL[char]
                changed.append(i)
                found = True
        if not found:
            return sorted(changed)


def squeeze_spaces(chars: list[str]) -> list[bool]:
    """Which characters survive the whitespace normalisation.

    A run of whitespace (line breaks included) disappears when it touches a Chinese
    character or punctuation mark or an end of the text; between two Latin letters or
    digits it stays as one space (the caller turns the run's first character into " ").
    """
    keep = [True] * len(chars)
    i = 0
    while i < len(chars):
        if not chars[i].isspace():
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j].isspace():
            j += 1
        before = chars[i - 1] if i else None
        after = chars[j] if j < len(chars) else None
        drop_all = before is None or after is None or is_cjk(before) or is_cjk(after)
        for k in range(i, j):
            keep[k] = not drop_all and k == i
        i = j
    return keep


def normalise(chars: list[str], offsets: list[int]) -> tuple[str, list[int]]:
    """The mechanical normalisation audit compares by: width, then whitespace.

    Returns the normalised text and, for each of its characters, the offset it came from.
    """
    chars = [fullwidth_alnum(c) or c for c in chars]
    widen(chars)
    keep = squeeze_spaces(chars)
    text, kept = [], []
    for char, offset, k in zip(chars, offsets, keep):
        if k:
            text.append(" " if char.isspace() else char)
            kept.append(offset)
    return "".join(text), kept


class IntakeError(PressroomError):
    """A raw source cannot be read or imported."""


def decode_source(data: bytes, encoding: str | None = None,
                  path: Path | str | None = None) -> tuple[str, str, str]:
    """Text with LF line ends, the codec used and a description for the user.

    Without `encoding` it detects UTF-8 (with or without BOM), UTF-16 with BOM and
    GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese offices).
    """
    codec = encoding.lower() if encoding else _detect(data)
    try:
        codecs.lookup(codec)
    except LookupError:
        raise IntakeError(Problem(f"unknown encoding '{encoding}'", path, None,
                                  "use e.g. utf-8, gb18030, gbk or big5")) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = "name the right one with --encoding" if encoding else \
            "name the file's encoding with --encoding, or save it as UTF-8"
        raise IntakeError(Problem(f"byte 0x{data[exc.start]:02x} is not valid "
                                  f"{codec.upper()}", path, line, hint)) from None
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    name = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(codec, codec.upper())
    description = name + (" with BOM" if bom else "") + (", CRLF line ends" if crlf else "")
    return text, codec, description


def _detect(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return "utf-8"  # decoding again reports the first bad byte
