"""The headline: the short lines above the running text in, their roles (kicker, title, subtitle) out; and for an article whose headline is printed at the end, the blocks after its closing lines in, title, subtitle, lead and captions out.

At the end (after the closing lines, or after the text when a header line carries the
staff: `end_stack`): the likeliest short line is the title, a —— line under it the
subtitle, a short line right over it the kicker, a paragraph the lead.

Above the text: a line opening with —— is the subtitle and the line over it the
title; two short parallel halves printed on two lines with no blank line between
(青山变金山 / 民宿富乡亲) are one two-part title; otherwise the first of two lines is
the kicker. Headline lines parted by a header line (a web page's title over its meta
line, a tool button under it) are not one stack: the stack with the longest line is the
headline. Every close call is noted with the other reading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .kinds import width
from .model import Notes, SourceBlock

if TYPE_CHECKING:
    from .roles import Page

HALF_WIDTH = 8  # ems: each half of a title printed on two lines is at most this wide


def parallel(upper: SourceBlock, lower: SourceBlock) -> bool:
    """Two halves of one title on two lines: short, of one length, no marks, no blank line."""
    a, b = (re.sub(r"[“”‘’\"]", "", x.first) for x in (upper, lower))
    return lower.lines[0].gap == 0 and not lower.first.startswith("—") and \
        all(re.fullmatch(r"[\u4e00-\u9fff]{3,8}", x) for x in (a, b)) and \
        (len(a) == len(b) or abs(len(a) - len(b)) == 1 and min(len(a), len(b)) >= 6) and \
        width(upper.first) <= HALF_WIDTH + 1 and width(lower.first) <= HALF_WIDTH + 1


def units(found: list[SourceBlock], notes: Notes) -> list[list[SourceBlock]]:
    """The headline lines, a title printed on two lines as one unit."""
    out: list[list[SourceBlock]] = []
    for block in found:
        if out and len(out[-1]) == 1 and parallel(out[-1][0], block) and \
                not any(len(unit) > 1 for unit in out):
            out[-1].append(block)
            notes.guess(out[-1][0], f"两行短句“{out[-1][0].first}”“{block.first}”字数相同、"
                        "中间没有空行，合为一个两段式主题", "上行作引题、下行作主题")
        else:
            out.append([block])
    return out


def one_stack(blocks: list[SourceBlock], notes: Notes) -> list[SourceBlock]:
    """The headline lines that stand together: where a header or other line parts them
    (a title over a web page's meta line, tools under it; a paper's name the masthead rules
    did not know over the date line), the stack with the longest line is the headline and
    the other lines are body text, noted."""
    stacks: list[list[SourceBlock]] = []
    for k, block in enumerate(blocks):
        if block.role == "headline":
            if not stacks or blocks[k - 1].role != "headline":
                stacks.append([])
            stacks[-1].append(block)
    if len(stacks) <= 1:
        return stacks[0] if stacks else []
    chosen = max(stacks, key=lambda stack: max(width(b.first) for b in stack))
    for stack in stacks:
        if stack is not chosen:
            for block in stack:
                block.role = "body"
                notes.guess(block, f"文首短行“{block.first}”与标题隔着版面信息行，暂作正文段落",
                            "引题、主题或副题；若是网页、报名等固定文字请删去")
    return chosen


def headline_roles(blocks: list[SourceBlock], notes: Notes) -> None:
    """Kicker, title and subtitle from the short lines above the running text."""
    lines = one_stack(blocks, notes)
    if not lines:
        return
    found = units(lines, notes)
    dash = next((n for n, b in enumerate(found) if b[0].first.startswith("—")), None)
    if len(found) == 1:
        roles = ["title"]
    elif dash is not None and dash >= 1:
        roles = ["body"] * len(found)
        roles[dash], roles[dash - 1] = "subtitle", "title"
        if dash >= 2:
            roles[dash - 2] = "kicker"
    else:
        roles = ["kicker", "title"] + ["subtitle"] * (len(found) > 2) + \
            ["body"] * (len(found) - 3)
        if len(found) == 2:
            notes.guess(found[0][0], f"文首两行标题，上行“{found[0][0].first}”作引题、下行作主题",
                        "上行作主题、下行作副题")
        else:
            notes.guess(found[0][0], "文首三行标题依次作引题、主题、副题（副题前没有“——”）",
                        "其中一行是栏目名或正文")
    for unit, role in zip(found, roles):
        for block in unit:
            block.role = role
            if role == "body":
                notes.guess(block, f"文首短行“{block.first}”不像标题的一部分，暂作正文段落",
                            "引题、主题或副题")


def title_score(block: SourceBlock, following: SourceBlock | None) -> float:
    """How much a short line at the end looks like the headline rather than a caption."""
    text = block.first
    two_part = bool(re.search(r"\S(?:\s{2,}|\u3000)\S", text) or
                    re.search(r"[\u4e00-\u9fff”]\s[\u4e00-\u9fff“]", text))
    return (2 * ("“" in text or '"' in text) + 2 * two_part + 3 * bool(
        following is not None and following.first.startswith("—")) - 2 * bool(
        re.search(r"[，,]", text)) - (width(text) > 20) - ("在" in text))


def end_stack(blocks: list[SourceBlock], body: int, furniture: dict) -> int | None:
    """Where a headline stack printed after the text begins, when no closing lines part
    them (a print page whose staff are on its header line): after the last paragraph and a
    blank line, short lines (kicker, title), a —— subtitle and/or a byline, then at most
    the lead. None if the page ends otherwise or has a headline above its text."""
    if any(b.kind in ("short", "label", "marked_head") and k not in furniture
           for k, b in enumerate(blocks[:body])):
        return None
    j = len(blocks) - 1
    j -= j > body and blocks[j].kind == "para"  # the lead
    byline = j > body and blocks[j].kind == "byline"
    j -= byline
    dashed = j > body and blocks[j].kind == "short" and blocks[j].first.startswith("—")
    j -= dashed
    top = j
    while j > body and top - j < 3 and blocks[j].kind == "short" and \
            not blocks[j].first.startswith("—"):
        j -= 1
    start = j + 1
    if start > top or not (byline or dashed) or blocks[j].kind != "para" or \
            not blocks[start].lines[0].gap:
        return None
    return start


def tail_roles(page: Page, notes: Notes) -> None:
    """Blocks after the closing lines: the lead, a headline and captions printed at the end."""
    blocks = page.blocks
    tail = [k for k in range(page.closing[1], len(blocks))
            if blocks[k].role in ("body", "subhead", "caption", "headline")]
    has_title = any(b.role == "title" for b in blocks)
    shorts = [k for k in tail if blocks[k].kind == "short" and
              not blocks[k].first.startswith("—")]
    if shorts and not has_title:
        ranked = sorted(shorts, key=lambda k: (-title_score(
            blocks[k], blocks[k + 1] if k + 1 < len(blocks) else None), -k))
        title = ranked[0]
        blocks[title].role, blocks[title].rule = "title", "tail-title"
        other = f"“{blocks[ranked[1]].first}”作主题" if len(ranked) > 1 else ""
        notes.guess(blocks[title], f"文首没有标题；取文末的短行“{blocks[title].first}”作主题"
                    "（从文末移到前置信息）", other)
        following = title + 1
        if following < len(blocks) and blocks[following].first.startswith("—"):
            blocks[following].role, blocks[following].rule = "subtitle", "tail-subtitle"
        elif following < len(blocks) and blocks[following].kind == "credit":
            blocks[following].role, blocks[following].rule = "main-credit", "tail-main-credit"
        tail_kicker(blocks, title, shorts, notes)
    has_lead = any(b.role == "lead" for b in blocks)
    for k in tail:
        block = blocks[k]
        if block.role in ("title", "subtitle", "kicker"):
            continue
        if block.kind == "para" and not page.stories and not has_lead:
            block.role, block.rule = "lead", "tail-lead"
            notes.guess(block, "作者、编辑行之后的段落当作导语，移到前置信息 lead", "正文的最后一段")
        elif block.kind == "short":
            block.role, block.rule = "caption", "tail-caption"
            notes.guess(block, f"文末的“{block.first}”当作图片说明，放在正文末尾；请移到它所配的"
                        "段落旁边（并在校订记录中写明 move）")


def tail_kicker(blocks: list[SourceBlock], title: int, shorts: list[int], notes: Notes) -> None:
    """A short line right over a title printed at the end (no blank line between): the
    other half of a two-part title (青山变金山 / 民宿富乡亲), else the kicker."""
    above = title - 1
    if above not in shorts or blocks[title].lines[0].gap:
        return
    upper = blocks[above]
    if parallel(upper, blocks[title]):
        upper.role, upper.rule = "title", "tail-title"
        notes.guess(upper, f"文末两行短句“{upper.first}”“{blocks[title].first}”字数相同、中间没有空行，"
                    "合为一个两段式主题", "上行作引题、下行作主题")
    else:
        upper.role, upper.rule = "kicker", "tail-kicker"
        notes.guess(upper, f"文末主题上紧挨的短行“{upper.first}”当作引题（从文末移到前置信息）",
                    "图片说明或正文")
