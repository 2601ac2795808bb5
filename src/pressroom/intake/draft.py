"""The draft: arranged elements in, the draft article.md text, its corrections records and the notes for review out (no files touched)."""

from __future__ import annotations

import json
import re

import yaml

from ..text.chars import fullwidth_alnum
from .arrange import arrange, make_blocks, part_role
from .clean import clean_block, mark_runins
from .kinds import PLACEHOLDER
from .model import Draft, Element, Note, SourceBlock, Written
from .records import make_records
from .review import suspicious
from .segment import segment
from .source import read_lines


FRONT_ORDER = ("kicker", "title", "subtitle", "lead", "date", "byline", "author", "editor",
               "photo_note")


def yaml_value(value: str) -> str:
    """A front-matter value, quoted only when YAML needs it."""
    try:
        if value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def guess_date(text: str, notes: list[Note]) -> str:
    match = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", text) or re.search(r"(\d{4})\s*年", text)
    if not match:
        notes.append(Note(1, "来稿中找不到日期；请在前置信息 date 中填写原载日期"))
        return "TODO"
    year = "".join(fullwidth_alnum(c) or c for c in match[1])
    date = year + (f"-{int(match[2]):02d}" if match.lastindex == 2 else "")
    line = text.count("\n", 0, match.start()) + 1
    notes.append(Note(line, f"原载日期按正文中第一次出现的“{match[0]}”暂定为 {date}；"
                      "请按报纸版面核对"))
    return date


def draft_manuscript(text: str, slug: str, source_name: str) -> Draft:
    """Raw text → draft manuscript, corrections record and notes (no files touched)."""
    notes: list[Note] = []
    lines = read_lines(text)
    groups = segment(lines, notes)
    trailing_gap = len(text.split("\n")) - lines[-1].number
    front, body = arrange(make_blocks(groups, trailing_gap), notes)
    draft = write_draft(front, body, text, slug, source_name, notes)
    return draft


def write_draft(front: list[Element], body: list[Element], text: str, slug: str,
                source_name: str, notes: list[Note]) -> Draft:
    parts = {block: Written(block, clean_block(block, part_role(element, block)))
             for element in front + body for block in element.blocks}
    suspicious(parts, notes)
    mark_runins(body, {k: p.cleaned for k, p in parts.items()}, notes)
    out = ["---", f"slug: {slug}"]
    date = guess_date(text, notes)
    for role in FRONT_ORDER:
        if role == "date":
            out.append(f"date: {date}")
            continue
        elements = [e for e in front if e.role == role]
        if role == "lead" and elements:
            out.append("lead: |")
            for n, element in enumerate(elements):
                if n:
                    out.append("")
                out.append("  " + parts[element.block].cleaned.text)
                parts[element.block].line = len(out)
        elif elements:
            value = " ".join(parts[e.block].cleaned.text for e in elements)
            out.append(f"{role}: {yaml_value(value)}")
            for element in elements:
                parts[element.block].line = len(out)
            if len(elements) > 1:
                notes.append(Note(elements[1].block.number, f"来稿有 {len(elements)} 行 {role}，"
                                  "合在一行；请核对", elements[1].block))
        elif role == "title":
            out.append('title: ""')
            notes.append(Note(1, "没有找到标题；请在前置信息 title 中填写"))
    out += [f"source: source/{source_name}", "corrections: corrections.yml", "---"]
    for element in body:
        out.append("")
        out += render(element, parts, len(out))
    article = "\n".join(out) + "\n"
    records = make_records(front, body, parts, text, out)
    lines = {k: p.line for k, p in parts.items()}
    return Draft(article, records, notes, lines)


def render(element: Element, parts: dict[SourceBlock, Written], at: int) -> list[str]:
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
        src = ""
        if element.placeholder:
            parts[element.placeholder].line = at + 1
            src = f"images/{PLACEHOLDER.search(element.placeholder.first)[1]}.jpg"
        space = " " if credit else ""
        lines.append(f"![{caption}]({src}{space}{json.dumps(credit, ensure_ascii=False) if credit else ''})")
    else:
        lines.append(text(element.block))
    return lines
