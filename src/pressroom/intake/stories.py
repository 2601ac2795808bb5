"""Stories of a special page (专版): an article's blocks in, where each story begins and which short lines label a story out.

A story begins with its label and title (溯源·红色根脉的百年跨越 / 一颗火种的百年传承),
with a title and its byline, or with a short label line (产业篇, 红色引领) over a
title that heads a byline or running text — such labels only count when the page
has two or more of them: one short line over a title is a kicker or a subhead.
A line that starts with —— is a subtitle, never a story's title.
"""

from __future__ import annotations

import re

from .kinds import width
from .model import SourceBlock

LABEL_WIDTH = 8  # ems: a label standing alone (产业篇) is at most this wide


def short_label(blocks: list[SourceBlock], k: int) -> bool:
    """A short line over a story title: 产业篇 / “柑橘贷”让果农有了底气 / (byline or text)."""
    if k + 2 >= len(blocks):
        return False
    block, title, under = blocks[k], blocks[k + 1], blocks[k + 2]
    text = block.first.strip("【】[]")  # 【产业篇】
    return block.kind in ("short", "marked_head") and width(text) <= LABEL_WIDTH and \
        not re.search(r"[，。、；：！？“”（）,;:!?■◆●【】]", text) and \
        title.kind == "short" and not title.first.startswith("—") and \
        width(title.first) > width(block.first) and under.kind in ("byline", "para") and \
        title.lines[0].gap <= 1


def story_starts(blocks: list[SourceBlock], body: int, closing: tuple[int, int],
                 furniture: dict) -> tuple[set[int], set[int]]:
    """The blocks that open a story, and those of them that are short label lines."""
    labels = [k for k in range(len(blocks)) if k not in furniture and short_label(blocks, k)
              and not closing[0] <= k < closing[1]]
    if len(labels) < 2 or labels[-1] <= body:
        labels = []
    starts = list(labels)
    for k, block in enumerate(blocks[:-1]):
        following = blocks[k + 1]
        if closing[0] <= k + (block.kind == "label") < closing[1] or k in furniture:
            continue
        if block.kind == "label" and following.kind == "short":
            starts.append(k)
        elif block.kind == "short" and following.kind == "byline" and k > body and \
                blocks[k - 1].kind != "label" and k - 1 not in labels and \
                not block.first.startswith("—"):
            starts.append(k)
    if len(starts) == 1 and starts[0] < body:
        return set(), set()  # a label above the headline is its kicker, not a story
    return set(starts), set(labels)
