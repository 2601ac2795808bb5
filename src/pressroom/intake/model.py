"""The data of a draft: source blocks, the elements made of them, their cleaned text, and the notes for the editor."""

from __future__ import annotations

from dataclasses import dataclass, field

from .source import SourceLine


@dataclass
class Note:
    """A spot an editor should look at."""

    source_line: int
    text: str
    block: SourceBlock | None = None  # gives the manuscript line once written


@dataclass(eq=False)  # hashable by identity: drafts key their parts by block
class SourceBlock:
    """Source lines that make one paragraph, heading, credit, …"""

    lines: list[SourceLine]
    kind: str  # a SourceLine kind, "para" (running text) or "short" (heading, caption, name)
    gap_after: int = 0
    skip: int = 0  # characters of the first line that are not part of the text (编辑：)
    stop: int | None = None  # end of the text in the block's characters, when not all

    @property
    def number(self) -> int:
        return self.lines[0].number

    @property
    def first(self) -> str:
        return self.lines[0].stripped


@dataclass
class Element:
    """One thing of the draft manuscript, made of source blocks."""

    role: str  # front: title kicker subtitle lead byline author editor photo_note;
    #            body: paragraph subhead story figure
    block: SourceBlock | None = None
    label: SourceBlock | None = None  # story
    byline: SourceBlock | None = None  # story
    caption: SourceBlock | None = None  # figure
    credit: SourceBlock | None = None  # figure
    placeholder: SourceBlock | None = None  # figure
    moved: bool = False  # taken out of the source's order

    @property
    def blocks(self) -> list[SourceBlock]:
        return [b for b in (self.block, self.label, self.byline, self.placeholder, self.caption,
                            self.credit) if b]


@dataclass
class Cleaned:
    """A block's text after normalisation; `origin` maps output characters to input indexes."""

    chars: list[str]  # output, with any markup ("**") inserted later
    origin: list[int | None]  # input index of each output character; None for markup
    offsets: list[int]  # source offset of each input character
    changes: list[tuple[str, int, int]] = field(default_factory=list)  # kind, input span
    slogans: list[int] = field(default_factory=list)  # input indexes given U+3000

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class Written:
    """A block as written: its cleaned text, the line it is on and what precedes it there."""

    block: SourceBlock
    cleaned: Cleaned
    line: int = 0


@dataclass
class Draft:
    article: str
    records: list[dict]
    notes: list[Note]
    lines: dict[SourceBlock, int]  # block → manuscript line
