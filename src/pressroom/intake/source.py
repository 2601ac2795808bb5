"""Source lines: raw decoded text in, its non-blank lines with their number, offset, preceding blank lines and line kind out."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import classify


@dataclass
class SourceLine:
    """A non-blank line of the source."""

    number: int
    text: str
    offset: int  # of its first character in the decoded source
    gap: int  # blank lines before it
    kind: str = ""  # byline, credit, photo_note, placeholder, label, editor, author; "" for text

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indented(self) -> bool:
        return self.text.startswith(("\u3000", "  ", "\t"))


def read_lines(text: str) -> list[SourceLine]:
    lines, gap, offset = [], 0, 0
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            lines.append(SourceLine(number, raw, offset, gap, classify(raw.strip())))
            gap = 0
        else:
            gap += 1
        offset += len(raw) + 1
    return lines
