"""Source lines: a source's text (and, for a Word file, its paragraphs and photos) in, its non-blank lines with their number, offset, preceding blank lines and line form out.

A Word photo becomes a line of its own with no text (form "image") before the
paragraph it stands before; a Word paragraph's style travels with its lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.wordfile import WordText
from .kinds import classify


@dataclass
class SourceLine:
    """A non-blank line of the source (or a Word photo)."""

    number: int
    text: str
    offset: int  # of its first character in the decoded source
    gap: int  # blank lines before it
    kind: str = ""  # its form (kinds.py); "" for running text
    style: str = ""  # Word: the paragraph style
    paragraph: int = 0  # Word: which paragraph (lines of one paragraph always join)
    bold: int = 0  # Word: characters of a bold run-in head at the start of its paragraph
    italic: bool = False  # Word: the whole paragraph is italic
    all_bold: bool = False  # Word: the whole paragraph is bold
    image: str = ""  # Word: the photo's file name (text is empty)
    inset: bool = False  # set inside a paragraph it interrupts (a caption in a column)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indented(self) -> bool:
        return self.text.startswith(("\u3000", "  ", "\t"))


def read_lines(text: str, word: WordText | None = None) -> list[SourceLine]:
    lines, gap, offset = [], 0, 0
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            lines.append(SourceLine(number, raw, offset, gap, classify(raw.strip())))
            gap = 0
        else:
            gap += 1
        offset += len(raw) + 1
    if word is not None:
        lines = _with_word(lines, word, len(text))
    return lines


def _with_word(lines: list[SourceLine], word: WordText, size: int) -> list[SourceLine]:
    """Styles, paragraphs and bold heads from the Word file; photos as lines of their own."""
    for index, paragraph in enumerate(word.paragraphs, 1):
        for line in lines:
            if paragraph.line <= line.number <= paragraph.line + paragraph.text.count("\n"):
                line.style, line.paragraph, line.italic = paragraph.style, index, paragraph.italic
                line.all_bold = paragraph.all_bold
                line.bold = paragraph.bold if line.number == paragraph.line else 0
                if paragraph.style not in ("Normal", "Body Text", "正文") and \
                        line.kind not in ("editor", "crew", "credit", "byline", "author"):
                    line.kind = ""  # a styled paragraph is what its style says
    out: list[SourceLine] = []
    images = sorted(word.images, key=lambda image: image.before_line)
    for line in lines:
        while images and images[0].before_line <= line.number:
            image = images.pop(0)
            out.append(SourceLine(line.number, "", line.offset, 1, "image", image=image.name))
        out.append(line)
    for image in images:
        out.append(SourceLine(out[-1].number if out else 1, "", size, 1, "image",
                              image=image.name))
    return out
