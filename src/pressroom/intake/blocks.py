"""Blocks: groups of source lines (segment.py) in, source blocks with their form out.

A group of one line keeps the line's form (kinds.py); a line that holds several
things becomes several blocks over parts of it (`skip`, `stop`): a caption and its
credit (图为…。新华社发), a header line and the staff on it (… 第5版 经济·县域
责任编辑：彭丽 版式：张涛), a line of staff (责任编辑：徐婷　美编：王磊, 朱丽 图/杨帆,
【纠错】 【责任编辑:刘阳 】). A header block carries its fields (publication, date, page).
"""

from __future__ import annotations

import re

from ..text.chars import ends_sentence
from .kinds import CAPTIONED, MARKED_CAPTION, SHORT_LINE, width
from .meta import AUTHOR_ROLES, EDITOR_ROLES, Staff, read_header, read_staff
from .model import SourceBlock
from .source import SourceLine


def make_blocks(groups: list[list[SourceLine]], trailing_gap: int) -> list[SourceBlock]:
    """One block per group, or several for a line that holds several things."""
    blocks: list[SourceBlock] = []
    for group in groups:
        first = group[0]
        if len(group) == 1 and first.kind:
            blocks += line_blocks(first)
        elif len(group) == 1 and width(first.text) <= SHORT_LINE and not ends_sentence(first.text):
            blocks.append(SourceBlock(group, "short"))
        else:
            blocks.append(SourceBlock(group, "para"))
    for block, following in zip(blocks, blocks[1:]):
        block.gap_after = following.lines[0].gap if following.lines[0] is not block.lines[0] \
            else 0
    if blocks:
        blocks[-1].gap_after = trailing_gap
    return blocks


def line_blocks(line: SourceLine) -> list[SourceBlock]:
    """The blocks of a line that stands alone by its form."""
    indent = len(line.text) - len(line.text.lstrip())
    if line.kind == "captioned":
        match = CAPTIONED.search(line.text)
        return [SourceBlock([line], "caption", skip=match.start("caption"),
                            stop=match.end("caption")),
                SourceBlock([line], "credit", skip=match.start("credit"), stop=match.end("credit"))]
    if line.kind == "marked_caption":
        match = MARKED_CAPTION.match(line.stripped)
        return [SourceBlock([line], "marked_caption", skip=indent + match.start("caption"))]
    if line.kind == "header":
        meta = read_header(line.stripped)
        header = SourceBlock([line], "header", fields=dict(meta.fields))
        return [header] + [staff_block(line, entry, indent) for entry in meta.staff]
    if line.kind == "staff":
        return [staff_block(line, entry, indent) for entry in read_staff(line.stripped)]
    return [SourceBlock([line], line.kind, skip=label_length(line.text, line.kind))]


def staff_block(line: SourceLine, entry: Staff, indent: int) -> SourceBlock:
    """The block of one name on a header or staff line: the name (an editor's, author's),
    the whole entry (a photographer's credit, a crew line left out, a button)."""
    return SourceBlock([line], entry.kind, skip=indent + entry.start, stop=indent + entry.end)


LABEL = re.compile(rf"^\s*[（(【\[]?\s*(?:本版|本期)?(?:{AUTHOR_ROLES}|{EDITOR_ROLES})"
                   r"\s*[：:/／丨|｜]?\s*")


def label_length(text: str, kind: str) -> int:
    """Characters before the value on an editor or author line (编辑：, 作者：, 文/图 )."""
    if kind in ("editor", "author"):
        match = LABEL.match(text)
        return match.end() if match else 0
    return 0
