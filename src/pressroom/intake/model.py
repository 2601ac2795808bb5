"""The data of a draft: source blocks, their roles, the elements made of them, their cleaned text, and the notes for the editor (one collector per draft).

Nothing here does any work; every stage of intake reads and fills these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .source import SourceLine


# What a note is about; review.md lists them in this order, one section each.
NOTE_SECTIONS = {
    "guess": "猜测与拿不准的地方",
    "merge": "合并的段落和跨分栏接排（涉及数字的接排都在此）",
    "text": "疑似错字、标点和引号",
    "dropped": "删去的网页、公众号、电子版固定文字",
    "fill": "需要补填的信息",
}


@dataclass
class Note:
    """A spot an editor should look at."""

    source_line: int
    text: str
    block: SourceBlock | None = None  # gives the manuscript line once written
    topic: str = "guess"  # a key of NOTE_SECTIONS


class Notes:
    """The notes of one draft, collected as the stages find them."""

    def __init__(self) -> None:
        self.items: list[Note] = []

    def add(self, line: int, text: str, block: SourceBlock | None = None,
            topic: str = "guess") -> None:
        self.items.append(Note(line, text, block, topic))

    def guess(self, block: SourceBlock, text: str, other: str = "") -> None:
        """A reading the draft follows; `other` is the reading it did not take."""
        if other:
            text += f"；另一种读法：{other}"
        self.add(block.number, text, block)

    def attach(self, blocks: list[SourceBlock]) -> None:
        """Give notes made before there were blocks (joins) the block of their line."""
        for note in self.items:
            if note.block is None:
                note.block = next((b for b in blocks
                                   if b.number <= note.source_line <= b.last_number), None)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


@dataclass(eq=False)  # hashable by identity: drafts key their parts by block
class SourceBlock:
    """Source lines that make one paragraph, heading, credit, …"""

    lines: list[SourceLine]
    kind: str  # the form of a one-line block (kinds.py), "para" (running text) or "short"
    gap_after: int = 0
    skip: int = 0  # characters of the first line that are not part of the text (编辑：)
    stop: int | None = None  # end of the text in the block's characters, when not all
    role: str = ""  # what it is in the article (roles.py)
    rule: str = ""  # the row of roles.RULES that decided the role
    fields: dict[str, str] = field(default_factory=dict)  # a header's publication, date, page
    what: str = ""  # page, site or app furniture: what it is, for the editor (furniture.py)

    @property
    def number(self) -> int:
        return self.lines[0].number

    @property
    def first(self) -> str:
        return self.lines[0].stripped

    @property
    def last_number(self) -> int:
        return self.lines[-1].number

    @property
    def text(self) -> str:
        return "".join(line.stripped for line in self.lines)

    @property
    def own(self) -> str:
        """The block's own part of its line (one entry of a line of staff), else its first line."""
        if len(self.lines) == 1 and (self.skip or self.stop is not None):
            return self.lines[0].text[self.skip:self.stop].strip()
        return self.first


@dataclass
class Element:
    """One thing of the draft manuscript, made of source blocks."""

    role: str  # front: title kicker subtitle lead byline author editor photo_note header;
    #            body: paragraph subhead story figure; dropped, boilerplate (text left out,
    #            recorded)
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
    notes: Notes
    lines: dict[SourceBlock, int]  # block → manuscript line
    images: dict[str, bytes] = field(default_factory=dict)  # images/<name> → bytes (Word)
