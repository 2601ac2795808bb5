"""Locating text: a snippet (a character, a line of a laid-out page, a URL) in, the file line that holds it out.

Findings about typeset pages know only the text they are about; these functions
point them at the manuscript, booklet description or template line it came from.
"""

from __future__ import annotations

import re
from pathlib import Path

SPACE = re.compile(r"\s")


def file_lines(path: Path) -> list[str]:
    """The lines of a text file as an editor sees them (unreadable bytes replaced)."""
    return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()


def squeeze(text: str) -> str:
    return SPACE.sub("", text)


def line_holding(lines: list[str], needle: str, squeezed: bool = False) -> int | None:
    """1-based number of the first line holding `needle`; with `squeezed`, whitespace is
    ignored on both sides (text from a page has lost the file's line breaks)."""
    if squeezed:
        needle, lines = squeeze(needle), [squeeze(line) for line in lines]
    if not needle:
        return None
    return next((number for number, line in enumerate(lines, 1) if needle in line), None)


def line_holding_piece(lines: list[str], text: str, size: int = 6, tries: int = 40) -> int | None:
    """The first line holding a `size`-character piece of `text`, trying the pieces from
    its start on: a line of a page may be split in the file by a line break or markup."""
    text = squeeze(text)
    lines = [squeeze(line) for line in lines]
    for start in range(0, min(tries, max(1, len(text) - size + 1))):
        number = line_holding(lines, text[start:start + size])
        if number:
            return number
    return None


def line_in_files(files: list[Path], needles: list[str]) -> tuple[Path, int] | None:
    """(file, line) of the first line holding a needle, the best (first) needle first."""
    texts = {path: file_lines(path) for path in files}
    for needle in filter(None, needles):
        for path in files:
            number = line_holding(texts[path], needle)
            if number:
                return path, number
    return None
