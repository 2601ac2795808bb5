"""Read a PDF back for tests: characters with positions and fonts (pdfium), text (poppler)."""

from __future__ import annotations

import ctypes
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass
class Char:
    text: str
    x0: float  # loose box, PDF points
    x1: float
    baseline: float
    size: float  # pt
    font: str


@dataclass
class TextLine:
    page: int
    baseline: float
    chars: list[Char] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        """Right end of the last character's advance. A full-width character advances
        1 em; pdfium's box is the ink, which in a bold face can be wider."""
        last = self.chars[-1]
        if ord(last.text) >= 0x2E80 or last.text in "“”‘’":
            return last.x0 + last.size
        return last.x1

    @property
    def font(self) -> str:
        return self.chars[0].font

    @property
    def size(self) -> float:
        return self.chars[0].size


def read_chars(path: Path) -> list[list[Char]]:
    """Every drawn character of every page, in content order."""
    pdf = pdfium.PdfDocument(str(path))
    pages = []
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for page in pdf:
        text_page = page.get_textpage()
        chars = []
        for i in range(text_page.count_chars()):
            if raw.FPDFText_IsGenerated(text_page.raw, i):
                continue
            code = raw.FPDFText_GetUnicode(text_page.raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
                continue
            x = ctypes.c_double()
            y = ctypes.c_double()
            raw.FPDFText_GetCharOrigin(text_page.raw, i, x, y)
            raw.FPDFText_GetFontInfo(text_page.raw, i, buffer, 256, flags)
            left, _, right, _ = text_page.get_charbox(i, loose=True)
            size = raw.FPDFText_GetFontSize(text_page.raw, i) * 0.75  # CSS px → pt
            font = buffer.value.decode("latin-1").split("+", 1)[-1]
            chars.append(Char(chr(code), left, right, round(y.value, 1), round(size, 2), font))
        pages.append(chars)
    pdf.close()
    return pages


def read_lines(path: Path) -> list[TextLine]:
    """Characters grouped into lines: same page, same baseline, adjacent in content order."""
    lines = []
    for number, chars in enumerate(read_chars(path)):
        current = None
        for char in chars:
            if char.text == " " and current is None:
                continue
            joins = current is not None and abs(char.baseline - current.baseline) < 0.5 \
                and char.x0 >= current.chars[-1].x0 - 0.01 \
                and char.x0 - current.chars[-1].x1 < 6
            if not joins:
                current = TextLine(number, char.baseline)
                lines.append(current)
            current.chars.append(char)
    for line in lines:  # a trailing space glyph is not part of the line's ink
        while line.chars and line.chars[-1].text == " ":
            line.chars.pop()
    return [line for line in lines if line.chars]


def pdftotext_pages(path: Path) -> list[str]:
    """Text of each page by poppler, in content order (-raw). Poppler's default
    'reading order' mode interleaves the lines of CJK columns in any PDF, even a plain
    WeasyPrint one; content order is the order pressroom writes: column by column."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def pdfium_pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    pages = [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in pdf]
    pdf.close()
    return pages
