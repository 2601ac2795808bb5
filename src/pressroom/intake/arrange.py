"""Arranging: blocks with their roles in, the draft's front-matter elements and body elements, in the order they will be written, out.

Front-matter roles (header, headline, byline, lead, author, editor, photo note) go
to the front wherever they stand; a headline's photo credit printed at the end opens
the body; captions, credits and image markers that stand together make figures;
label, title and byline of a special page's story make one story.
"""

from __future__ import annotations

from .kinds import width
from .model import Element, Notes, SourceBlock

FRONT_ROLES = ("header", "kicker", "title", "subtitle", "lead", "byline", "author", "editor",
               "photo_note", "dropped", "boilerplate")
FIGURE_ROLES = ("image", "caption", "credit")


def arrange(blocks: list[SourceBlock], tail: int, notes: Notes) -> tuple[list[Element],
                                                                        list[Element]]:
    """Front-matter elements and body elements, in the order they will be written.

    `tail` is the index of the first block after the closing lines: figures from there
    on close the body.
    """
    front: list[Element] = []
    body: list[Element] = []
    leading: list[Element] = []
    trailing: list[Element] = []
    bylines = 0
    k = 0
    while k < len(blocks):
        block = blocks[k]
        moved = block.rule in ("tail-title", "tail-subtitle", "tail-lead", "tail-kicker")
        if block.role == "byline":
            bylines += 1
            if bylines > 1:  # a second byline line: keep it where it is
                notes.guess(block, f"第二个署名行“{block.first}”暂作正文段落", "并入 byline")
                body.append(Element("paragraph", block))
                k += 1
                continue
        if block.role in FRONT_ROLES:
            front.append(Element(block.role, block, moved=moved))
        elif block.role == "main-credit":
            leading.append(Element("figure", credit=block, moved=True))
            notes.guess(block, "主题下的摄影署名当作版面主图的署名，放在正文最前")
        elif block.role in FIGURE_ROLES:
            j = k
            while j < len(blocks) and blocks[j].role in FIGURE_ROLES:
                j += 1
            (trailing if k >= tail else body).extend(figures(blocks[k:j], notes))
            k = j
            continue
        elif block.role == "label":
            k = story(blocks, k, body)
            continue
        elif block.role == "story":
            k = story(blocks, k, body)
            continue
        elif block.role == "subhead":
            body.append(Element("subhead", block))
        else:
            if k >= 1 and blocks[k - 1].role in ("author", "editor", "photo_note", "dropped",
                                                         "boilerplate") \
                    and block.role == "body" and block.kind == "para" and \
                    any(b.role in ("author", "editor") for b in blocks[:k]) and \
                    any(b.kind == "para" for b in blocks[:k - 1]):
                notes.guess(block, "作者、编辑行之后还有正文段落，保留在原处")
            body.append(Element("paragraph", block))
        k += 1
    return front, leading + body + trailing


def story(blocks: list[SourceBlock], k: int, body: list[Element]) -> int:
    """label? title byline? → one story element; the index after it."""
    label = blocks[k] if blocks[k].role == "label" else None
    j = k + bool(label)
    if j >= len(blocks) or blocks[j].role != "story":
        body.append(Element("paragraph", blocks[k]))
        return k + 1
    byline = blocks[j + 1] if j + 1 < len(blocks) and blocks[j + 1].role == "story-byline" \
        else None
    body.append(Element("story", blocks[j], label=label, byline=byline))
    return j + 1 + bool(byline)


def figures(group: list[SourceBlock], notes: Notes) -> list[Element]:
    """Image markers, captions and credits that stand together, as figures."""
    elements: list[Element] = []
    current = Element("figure")

    def flush():
        nonlocal current
        if current.blocks:
            elements.append(current)
        current = Element("figure", moved=current.moved)

    for block in group:
        if block.role == "image":
            if current.placeholder or current.credit:
                flush()
            current.placeholder = block
        elif block.role == "credit":
            if current.credit:
                flush()
            current.credit = block
            flush()
        elif current.caption and not current.credit and width(block.first) <= 8 and \
                "，" not in block.first:
            current.credit = block
            notes.guess(block, f"“{block.first}”当作上一张图片的署名（供图单位）", "另一张图片的说明")
            flush()
        else:
            if current.caption or current.credit:
                flush()
            current.caption = block
    flush()
    return elements


def part_role(element: Element, block: SourceBlock) -> str:
    if element.role == "story":
        return "label" if block is element.label else \
            "story-byline" if block is element.byline else "story"
    if element.role == "figure":
        if block is element.placeholder:
            return "placeholder"
        return "credit" if block is element.credit else "caption"
    return element.role
