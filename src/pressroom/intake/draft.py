"""The draft: a source as read (text, and a Word file's paragraphs and photos) in, the draft article.md text, its corrections records, its photos and the notes for review out (no files touched).

source.py → segment.py → roles.py → arrange.py → clean.py, then written here; the
date, publication and page come only from a page header line, never from the body.
"""

from __future__ import annotations

import json

import yaml

from ..text.chars import fullwidth_alnum
from ..text.sources import SourceText
from .arrange import arrange, part_role
from .clean import clean_block, mark_runins
from .kinds import PLACEHOLDER
from .model import Draft, Element, Notes, SourceBlock, Written
from .records import make_records
from .review import suspicious
from .blocks import make_blocks
from .roles import classify_blocks
from .segment import segment
from .source import read_lines

FRONT_ORDER = ("kicker", "title", "subtitle", "lead", "publication", "date", "page", "byline",
               "author", "editor", "photo_note")


def yaml_value(value: str) -> str:
    """A front-matter value, quoted only when YAML needs it."""
    try:
        if value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def ascii_digits(text: str) -> str:
    return "".join(fullwidth_alnum(c) or c for c in text)


def header_values(headers: list[SourceBlock]) -> dict[str, str]:
    """publication, date and page from the page header lines (the first to give each wins)."""
    values: dict[str, str] = {}
    for block in headers:
        for key in ("publication", "date", "page"):
            if block.fields.get(key):
                values.setdefault(key, block.fields[key])
    return values


def draft_manuscript(source: SourceText, slug: str, source_name: str) -> Draft:
    """A source as read → draft manuscript, corrections record and notes (no files touched)."""
    notes = Notes()
    text = source.text
    lines = read_lines(text, source.word)
    groups = segment(lines, notes)
    trailing_gap = len(text.split("\n")) - lines[-1].number
    blocks = make_blocks(groups, trailing_gap)
    notes.attach(blocks)
    page = classify_blocks(blocks, notes, word=source.word is not None)
    front, body = arrange(blocks, page.closing[1], notes)
    draft = write_draft(front, body, text, slug, source_name, notes)
    if source.word is not None:
        draft.images = {image.name: image.data for image in source.word.images}
        for what in source.word.skipped:
            notes.add(1, f"Word 文件里有一个图形（{what}）不是照片格式，没有取出；需要时请另存为 JPEG "
                      "或 PNG 放进 images/", topic="fill")
    return draft


def write_draft(front: list[Element], body: list[Element], text: str, slug: str,
                source_name: str, notes: Notes) -> Draft:
    parts = {block: Written(block, clean_block(block, part_role(element, block), notes))
             for element in front + body for block in element.blocks
             if element.role not in ("header", "dropped", "boilerplate")}
    suspicious(parts, notes)
    mark_runins(body, {k: p.cleaned for k, p in parts.items()}, notes)
    headers = [e.block for e in front if e.role == "header"]
    values = header_values(headers)
    for header in headers:
        given = "，".join(f"{k} {v}" for k, v in header.fields.items())
        notes.add(header.number, f"版面信息取自“{header.first}”：{given}；请核对", header)
    for key, value in values.items():
        other = {b.fields[key] for b in headers if b.fields.get(key, value) != value}
        if other:
            notes.guess(headers[0], f"版面信息行给出的 {key} 不一致，取“{value}”",
                        "、".join(sorted(other)))
    out = ["---", f"slug: {slug}"]
    for role in FRONT_ORDER:
        write_front(role, front, parts, values, out, notes)
    out += ["source: " + yaml_value(f"source/{source_name}"), "corrections: corrections.yml", "---"]
    numbers = iter(range(1, 1000))
    for element in body:
        out.append("")
        out += render(element, parts, len(out), numbers)
    article = "\n".join(out) + "\n"
    records = make_records(front, body, parts, text, out, headers)
    lines = {k: p.line for k, p in parts.items()}
    for header in headers:
        lines[header] = next(n for n, line in enumerate(out, 1) if line.startswith(
            ("publication:", "date:")))
    return Draft(article, records, notes, lines)


def write_front(role: str, front: list[Element], parts: dict[SourceBlock, Written],
                values: dict[str, str], out: list[str], notes: Notes) -> None:
    """The front-matter line(s) of one key."""
    if role in ("publication", "date", "page"):
        if role in values:
            out.append(f"{role}: {yaml_value(values[role])}")
        elif role == "date":
            out.append("date: TODO")
            notes.add(1, "来稿没有版面信息行（报名、日期、版次），原载日期无从得知：请在前置信息 date 中"
                      "填写原载日期（如 2024-06-05），有报名、版次的也请填写 publication、page；"
                      "不从正文推测", topic="fill")
        return
    elements = [e for e in front if e.role == role]
    if role == "lead" and elements:
        out.append("lead: |")
        for n, element in enumerate(elements):
            if n:
                out.append("")
            out.append("  " + parts[element.block].cleaned.text)
            parts[element.block].line = len(out)
    elif elements:
        texts = list(dict.fromkeys(parts[e.block].cleaned.text for e in elements))  # 彭丽 twice: once
        out.append(f"{role}: {yaml_value(' '.join(texts))}")
        for element in elements:
            parts[element.block].line = len(out)
        if len(texts) > 1:
            notes.guess(elements[1].block, f"来稿有 {len(texts)} 处 {role}，合在一行；请核对")
    elif role == "title":
        out.append('title: ""')
        notes.add(1, "没有找到标题；请在前置信息 title 中填写", topic="fill")


def image_source(element: Element, numbers) -> str:
    """Where a figure's image is: a Word photo's file, or images/N.jpg for a marker."""
    placeholder = element.placeholder
    if placeholder is None:
        return ""
    if placeholder.lines[0].image:
        return f"images/{placeholder.lines[0].image}"
    match = PLACEHOLDER.search(placeholder.first)
    number = ascii_digits(match[1]) if match and match[1] else str(next(numbers))
    return f"images/{number}.jpg"


def render(element: Element, parts: dict[SourceBlock, Written], at: int, numbers) -> list[str]:
    """The manuscript lines of a body element; `at` is the number of lines written so far."""
    def text(block):
        part = parts[block]
        part.line = at + 1 + len(lines)
        return part.cleaned.text

    lines: list[str] = []
    if element.role == "story":
        lines.append("## " + text(element.block))
        if element.label:
            lines.append("label: " + text(element.label))
        if element.byline:
            lines.append("byline: " + text(element.byline))
    elif element.role == "subhead":
        lines.append("### " + text(element.block))
    elif element.role == "figure":
        caption = text(element.caption) if element.caption else ""
        credit = text(element.credit) if element.credit else ""
        src = image_source(element, numbers)
        if element.placeholder:
            parts[element.placeholder].line = at + 1
        space = " " if credit else ""
        lines.append(f"![{caption}]({src}{space}"
                     f"{json.dumps(credit, ensure_ascii=False) if credit else ''})")
    else:
        lines.append(text(element.block))
    return lines
