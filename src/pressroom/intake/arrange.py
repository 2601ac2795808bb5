"""Arranging: groups of source lines in, the draft's front-matter elements and body elements, in the order they will be written, out.

Which block is the headline, the lead, a story head, a figure's caption; where
the closing lines (author, editor) and a headline printed at the end go.
Every guess an editor should check is added to `notes`.
"""

from __future__ import annotations

import re

from ..text.chars import ends_sentence
from .kinds import CAPTIONED, NAME_LINE, ROLE, SHORT_LINE, width
from .model import Element, Note, SourceBlock
from .source import SourceLine


def make_blocks(groups: list[list[SourceLine]], trailing_gap: int) -> list[SourceBlock]:
    blocks = []
    for group in groups:
        if len(group) == 1 and group[0].kind == "captioned":
            blocks += split_captioned(group[0])
            continue
        if len(group) == 1 and group[0].kind:
            kind = group[0].kind
        elif len(group) == 1 and width(group[0].text) <= SHORT_LINE and not ends_sentence(group[0].text):
            kind = "short"
        else:
            kind = "para"
        blocks.append(SourceBlock(group, kind, skip=label_length(group[0].text, kind)))
    for block, following in zip(blocks, blocks[1:]):
        block.gap_after = following.lines[0].gap
    if blocks:
        blocks[-1].gap_after = trailing_gap
    return blocks


def label_length(text: str, kind: str) -> int:
    """Characters before the value on an editor or author line (编辑：, 作者：)."""
    if kind in ("editor", "author"):
        match = re.search(r"[：:/／]\s*", text)
        return match.end() if match else 0
    return 0


def split_captioned(line: SourceLine) -> list[SourceBlock]:
    """市民在城市书房阅读。（孙八 摄） → a caption block and a credit block."""
    match = CAPTIONED.search(line.text)
    return [SourceBlock([line], "short", skip=match.start("caption"), stop=match.end("caption")),
            SourceBlock([line], "credit", skip=match.start("credit"), stop=match.end("credit"))]


def is_name(block: SourceBlock) -> bool:
    return block.kind == "short" and bool(NAME_LINE.match(block.first))


def is_marker(block: SourceBlock) -> bool:
    """Lines that close an article: author, photo note, editor."""
    return block.kind in ("photo_note", "editor", "author") or is_name(block)


def story_starts(blocks: list[SourceBlock], first_para: int) -> list[int]:
    """Where stories of a special page begin: [label] heading byline, or label heading."""
    starts = []
    for k, block in enumerate(blocks[:-1]):
        following = blocks[k + 1]
        if block.kind == "label" and following.kind == "short":
            starts.append(k)
        elif block.kind == "short" and following.kind == "byline" and k > first_para and \
                blocks[k - 1].kind != "label":
            starts.append(k)
    return starts


def end_zone(blocks: list[SourceBlock], first_para: int) -> tuple[int, int] | None:
    """The run of author/photo-note/editor lines that closes the body, if any."""
    for k in range(first_para + 1, len(blocks)):
        if is_marker(blocks[k]) and not is_marker(blocks[k - 1]):
            end = k
            while end < len(blocks) and is_marker(blocks[end]):
                end += 1
            only_names = all(is_name(b) for b in blocks[k:end])
            if only_names and end < len(blocks) and blocks[end].kind == "para":
                continue  # a two-character subhead (结语) above a paragraph
            return k, end
    return None


def arrange(blocks: list[SourceBlock], notes: list[Note]) -> tuple[list[Element], list[Element]]:
    """Front-matter elements and body elements, in the order they will be written."""
    paras = [k for k, b in enumerate(blocks) if b.kind == "para"]
    first_para = paras[0] if paras else len(blocks)
    zone = end_zone(blocks, first_para) or (len(blocks), len(blocks))
    stories = [k for k in story_starts(blocks, first_para)
               if not zone[0] <= k + (blocks[k].kind == "label") < zone[1]]  # 余冬晖 is the author
    if len(stories) == 1 and stories[0] < first_para:
        stories = []  # a label above the headline is its kicker, not a story
    top_end = min([first_para] + stories[:1])
    front: list[Element] = []
    body: list[Element] = []
    used: set[int] = set()
    for k, block in enumerate(blocks):  # these go to the front matter wherever they are
        if block.kind in ("editor", "photo_note", "author"):
            front.append(Element(block.kind, block))
            used.add(k)
        if block.kind == "editor" and len(re.findall(ROLE, block.first)) > 1:
            notes.append(Note(block.number, f"“{block.first}”：稿件只有 editor 字段，只保留了编辑的"
                              "姓名，其余署名（校对等）没有放进稿件", block))
    for k in range(*zone):
        if is_name(blocks[k]):
            front.append(Element("author", blocks[k]))
            used.add(k)
    heads = [k for k in range(top_end) if blocks[k].kind in ("short", "label")][:3]
    front += headlines(heads, blocks, notes)
    used |= set(heads)
    if stories:
        for k in range(top_end, stories[0]):
            if blocks[k].kind == "para":
                front.append(Element("lead", blocks[k]))
                used.add(k)
    tail = [k for k in range(zone[1], len(blocks)) if k not in used]
    leading, trailing = trailing_zone(tail, blocks, front, bool(stories), notes)
    used |= set(tail)
    body += leading
    story_set = set(stories)
    k = 0
    while k < zone[0]:
        if k in used:
            k += 1
            continue
        k = place_block(k, blocks, story_set, zone[0], used, front, body, notes)
    body += trailing
    return front, body


def headlines(candidates: list[int], blocks: list[SourceBlock], notes: list[Note]) -> list[Element]:
    """Kicker, title and subtitle from the short lines at the top."""
    if not candidates:
        return []
    found = [blocks[k] for k in candidates]
    if len(found) == 1:
        return [Element("title", found[0])]
    if len(found) == 2 and found[1].first.startswith("—"):
        roles = ["title", "subtitle"]
    elif len(found) == 2:
        roles = ["kicker", "title"] if width(found[0].first) < width(found[1].first) else \
            ["title", "subtitle"]
    else:
        roles = ["kicker", "title", "subtitle"]
    elements = [Element(role, block) for role, block in zip(roles, found)]
    notes.append(Note(found[0].number, "文首有多行标题：" + "、".join(
        f"{role}=“{block.first}”" for role, block in zip(roles, found)) + "，请核对引题、主题、副题",
        found[0]))
    return elements


def trailing_zone(tail: list[int], blocks: list[SourceBlock], front: list[Element], has_stories: bool,
                  notes: list[Note]) -> tuple[list[Element], list[Element]]:
    """What follows the closing lines (seed 2: lead, captions, headline, credit).

    Returns figures for the start of the body (the headline's photo) and for its end.
    """
    leading: list[Element] = []
    trailing: list[Element] = []
    has_title = any(e.role == "title" for e in front)
    shorts = [k for k in tail if blocks[k].kind == "short"]
    title_at = None
    if shorts and not has_title:
        title_at = min(shorts, key=lambda k: ("，" in blocks[k].first or "," in blocks[k].first,
                                              width(blocks[k].first), k))
        front.insert(0, Element("title", blocks[title_at], moved=True))
        notes.append(Note(blocks[title_at].number, "文首没有标题；取文末的短行“"
                          f"{blocks[title_at].first}”作主题（从文末移到前置信息）", blocks[title_at]))
    for k in tail:
        block = blocks[k]
        if k == title_at:
            continue
        if block.kind == "para" and not has_stories and \
                not any(e.role == "lead" and not e.moved for e in front):
            front.append(Element("lead", block, moved=True))
            notes.append(Note(block.number, "结束行之后的段落当作导语，移到前置信息 lead", block))
        elif block.kind == "credit" and title_at is not None and k == title_at + 1:
            leading.append(Element("figure", credit=block, moved=True))
            notes.append(Note(block.number, "主题下的摄影署名当作版面主图的署名，放在正文最前", block))
        elif block.kind in ("short", "credit", "placeholder"):
            role = {"short": "caption", "credit": "credit", "placeholder": "placeholder"}[
                block.kind]
            trailing.append(Element("figure", **{role: block}))
            notes.append(Note(block.number, f"文末的“{block.first}”当作图片说明，放在正文末尾；"
                              "请移到它所配的段落旁边（并在校订记录中写明 move）", block))
        else:
            trailing.append(Element("paragraph", block))
            notes.append(Note(block.number, "结束行之后还有正文段落，保留在文末", block))
    return leading, trailing


def figure_like(k: int, blocks: list[SourceBlock]) -> bool:
    block = blocks[k]
    if block.kind in ("placeholder", "credit"):
        return True
    near = [blocks[j].kind for j in (k - 1, k + 1) if 0 <= j < len(blocks)]
    beside = "placeholder" in near or "credit" in near
    if block.kind == "para":  # a one-line caption may end in 。
        return beside and len(block.lines) == 1 and width(block.first) <= SHORT_LINE
    return block.kind == "short" and (block.lines[0].gap >= 2 or block.gap_after >= 2 or beside)


def figures(group: list[SourceBlock], notes: list[Note]) -> list[Element]:
    """Placeholders, captions and credits that stand together, as figures."""
    elements: list[Element] = []
    current = Element("figure")

    def flush():
        nonlocal current
        if current.blocks:
            elements.append(current)
        current = Element("figure")

    for block in group:
        if block.kind == "placeholder":
            if current.placeholder:
                flush()
            current.placeholder = block
        elif block.kind == "credit":
            if current.credit:
                flush()
            current.credit = block
            flush()
        elif current.caption and not current.credit and width(block.first) <= 8 and \
                "，" not in block.first:
            current.credit = block
            notes.append(Note(block.number, f"“{block.first}”当作上一张图片的署名（供图单位）",
                              block))
            flush()
        else:
            if current.caption or current.credit:
                flush()
            current.caption = block
    flush()
    return elements


def place_block(k: int, blocks: list[SourceBlock], stories: set[int], end: int, used: set[int],
                front: list[Element], body: list[Element], notes: list[Note]) -> int:
    """Turn the body block at k (and any that belong with it) into elements; next index."""
    block = blocks[k]
    following = blocks[k + 1] if k + 1 < end else None
    if k in stories:
        label = block if block.kind == "label" else None
        j = k + bool(label)
        byline = blocks[j + 1] if j + 1 < end and blocks[j + 1].kind == "byline" else None
        body.append(Element("story", blocks[j], label=label, byline=byline))
        return j + 1 + bool(byline)
    if block.kind == "para":
        body.append(Element("paragraph", block))
        return k + 1
    if figure_like(k, blocks):
        j = k
        while j < end and j not in used and j not in stories and figure_like(j, blocks):
            j += 1
        body.extend(figures(blocks[k:j], notes))
        return j
    if block.kind == "byline" and not any(e.role == "byline" for e in front):
        front.append(Element("byline", block))
        return k + 1
    if block.kind == "short" and following is not None and following.kind == "para":
        body.append(Element("subhead", block))
        return k + 1
    body.append(Element("paragraph", block))
    notes.append(Note(block.number, f"“{block.first}”不像正文段落（{block.kind}），"
                      "暂作段落；请确定它是什么", block))
    return k + 1


def part_role(element: Element, block: SourceBlock) -> str:
    if element.role == "story":
        return "label" if block is element.label else \
            "byline" if block is element.byline else "story"
    if element.role == "figure":
        return "credit" if block is element.credit else "caption"
    return element.role
