"""Paragraph boundaries: the source and manuscript streams and the text matched in both in, each place where the manuscript starts a paragraph the source runs on (a split) or runs on where the source starts one (a join) out.

The normalised streams do not see paragraphs (a line break between Chinese
characters is no text), so they are read here: in the manuscript, two paragraph
or lead pieces meet; in the source, the whitespace between the two characters is
judged by `SOURCE_BREAKS`, whose first matching row says whether the source has
a paragraph break there, has none, or cannot tell.

A source as received marks paragraphs in several ways. Raw newspaper text is
hard-wrapped at the column's width, with blank lines both between paragraphs and
at column breaks inside a sentence, and loses a paragraph's blank line now and
then; other text has one line per paragraph, with or without blank lines between;
a Word file is read (text/wordfile.py) as one paragraph per line with a blank line
between, a manual line break a single line break. So only two things are certain:
text with no line break between is one paragraph, and a blank line after a
sentence ends one. A line end otherwise may be a hard wrap, a column break or a
paragraph end: joining across it is no change (import joins hard-wrapped lines),
and neither is a split there (import splits where its column measure says a
paragraph ended).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..text.chars import ends_sentence
from .align import Match
from .kinds import MECHANICAL
from .record import Correction
from .streams import Stream

BREAK, NONE, EITHER = "break", "none", "either"
PARAGRAPHS = frozenset({"paragraph", "lead"})  # manuscript pieces that are paragraphs


@dataclass(frozen=True)
class Gap:
    """The whitespace between two source characters, as the paragraph rules see it."""

    line_breaks: int  # 0 none, 1 a line break, 2 or more a blank line
    sentence_ends: bool  # the line before ends a sentence (closing quotes aside)


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[Gap], bool]
    verdict: str
    example: str  # source text (⏎ a line break) and what the rule says of it


SOURCE_BREAKS = (
    Rule("no line break", lambda g: g.line_breaks == 0, NONE,
         "合作社,以“一元入会: one paragraph; a break here is a split"),
    Rule("blank line after a sentence", lambda g: g.line_breaks >= 2 and g.sentence_ends, BREAK,
         "红色金融火种。⏎⏎百年薪火: a paragraph ends; running on is a join"),
    Rule("other line end", lambda g: True, EITHER,
         "一场⏎没有硝烟 (a hard wrap), 挺身而⏎⏎出 (a column break), 担当。⏎支持 (a "
         "paragraph whose blank line was lost), 衙前信用合作社旧址⏎⏎浙江萧山 (a caption)"),
)


def judge_gap(gap: Gap) -> tuple[str, str]:
    """What the source says at `gap`: (verdict, the rule's name)."""
    rule = next(rule for rule in SOURCE_BREAKS if rule.applies(gap))
    return rule.verdict, rule.name


def source_gap(raw: str, start: int, end: int) -> Gap:
    """The gap between the source characters at raw offsets `start` and `end`."""
    line_start = raw.rfind("\n", 0, start) + 1
    return Gap(raw.count("\n", start + 1, end), ends_sentence(raw[line_start:start + 1]))


@dataclass(frozen=True)
class Boundary:
    """A paragraph boundary only one side has: source characters i, i2 and manuscript
    characters j, j2 stand either side of it."""

    what: str  # "split" (the manuscript starts a paragraph) or "join" (it runs on)
    i: int
    i2: int
    j: int
    j2: int


def boundary_changes(matched: list[Match], source: Stream, manuscript: Stream) -> list[Boundary]:
    """Every split or join inside text the two streams have in common."""
    found = []
    for block in matched:
        for k in range(block.size - 1):
            i, j = block.i + k, block.j + k
            if manuscript.text[j] == " ":
                continue
            step = 2 if manuscript.text[j + 1] == " " and k + 2 < block.size else 1
            i2, j2 = i + step, j + step
            if not {manuscript.kind(j), manuscript.kind(j2)} <= PARAGRAPHS:
                continue  # a heading, caption or field: structure, not paragraphs
            new_paragraph = manuscript.pieces[j] != manuscript.pieces[j2]
            verdict = judge_gap(source_gap(source.raw, source.offsets[i], source.offsets[i2]))[0]
            if new_paragraph and verdict == NONE:
                found.append(Boundary("split", i, i2, j, j2))
            elif not new_paragraph and verdict == BREAK:
                found.append(Boundary("join", i, i2, j, j2))
    return sorted(found, key=lambda b: (b.j, b.i))


def _contains(span: tuple[int, int], first: int, second: int) -> bool:
    return span[0] <= first and second < span[1]


def _touches(span: tuple[int, int], first: int, second: int) -> bool:
    return span[0] <= second and first < span[1]


def explains(correction: Correction, boundary: Boundary) -> bool:
    """An editorial correction quotes the boundary: its text holds both characters on one
    side and reaches the boundary on the other (a split recorded as "…担当。⏎支持" →
    "…担当。" says where the new paragraph begins)."""
    s, m = correction.s, correction.m
    if correction.kind in MECHANICAL or s is None or m is None:
        return False
    b = boundary
    return (_contains(s, b.i, b.i2) and _touches(m, b.j, b.j2)) or \
        (_touches(s, b.i, b.i2) and _contains(m, b.j, b.j2))


def unexplained(boundaries: list[Boundary], corrections: list[Correction]) -> list[Boundary]:
    return [b for b in boundaries if not any(explains(c, b) for c in corrections)]
