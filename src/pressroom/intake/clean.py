"""Cleaning: a block's source characters in, its normalised text (with where each character came from and every change made) out.

Width and whitespace are normalised as text/normalise.py defines; a space inside a
quoted slogan becomes U+3000; parallel paragraphs get bold run-in heads.
"""

from __future__ import annotations

import re

from ..text.chars import fullwidth_alnum, is_cjk, is_han
from ..text.normalise import protected_spans, widen
from .model import Cleaned, Element, Note, SourceBlock
from .kinds import ROLE
from .source import SourceLine


STYLE = {"title": "heading", "kicker": "heading", "subtitle": "heading", "subhead": "heading",
         "story": "heading", "label": "heading", "byline": "name", "author": "name",
         "editor": "name", "credit": "name"}


def block_chars(lines: list[SourceLine]) -> tuple[list[str], list[int]]:
    """The characters of some source lines (a "\\n" between two) and their offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    for k, line in enumerate(lines):
        if k:
            chars.append("\n")
            offsets.append(lines[k - 1].offset + len(lines[k - 1].text))
        chars += list(line.text)
        offsets += range(line.offset, line.offset + len(line.text))
    return chars, offsets


def clean(chars: list[str], offsets: list[int], style: str) -> Cleaned:
    """Normalise width and whitespace of one block's text.

    style "body": spaces next to Chinese go, a space between Han characters inside “…”
    becomes U+3000 (a slogan's two halves); "heading": a space between two Han
    characters stays (a two-part title); "name": spaces separate names and stay.
    """
    work = list(chars)
    result = Cleaned([], [], offsets)
    for i, char in enumerate(work):
        if fullwidth_alnum(char):
            work[i] = fullwidth_alnum(char)
            result.changes.append(("punctuation-width", i, i + 1))
    for i in widen(work, protected_spans("".join(work)), careful=True):
        result.changes.append(("punctuation-width", i, i + 1))
    depth, i = 0, 0
    while i < len(work):
        if not work[i].isspace():
            depth += (work[i] == "“") - (work[i] == "”" and depth > 0)
            result.chars.append(work[i])
            result.origin.append(i)
            i += 1
            continue
        j = i
        while j < len(work) and work[j].isspace():
            j += 1
        space = _space(work[i:j], result.chars[-1] if result.chars else None,
                       work[j] if j < len(work) else None, style, depth > 0)
        if space:
            result.chars.append(space)
            result.origin.append(i)
        if "\n" in work[i:j]:
            result.changes.append(("join", i, j))
        elif space != "".join(work[i:j]):
            result.changes.append(("whitespace", i, j))
            if space == "\u3000":
                result.slogans.append(i)
        i = j
    return result


def _space(run: list[str], before: str | None, after: str | None, style: str,
           quoted: bool) -> str:
    """What a run of whitespace becomes between `before` and `after`."""
    if before is None or after is None:
        return ""
    if "\n" in run or style == "body":
        if style == "body" and quoted and is_han(before) and is_han(after) and "\n" not in run:
            return "\u3000"
        return "" if is_cjk(before) or is_cjk(after) else " "
    if style == "name" or (is_han(before) and is_han(after)):
        return " "
    return "" if is_cjk(before) or is_cjk(after) else " "


def clean_block(block: SourceBlock, role: str) -> Cleaned:
    chars, offsets = block_chars(block.lines)
    chars, offsets = chars[block.skip:block.stop], offsets[block.skip:block.stop]
    cleaned = clean(chars, offsets, STYLE.get(role, "body"))
    if block.kind == "editor":  # 责任编辑：王五　校对：赵六 → 王五
        text = cleaned.text
        cut = re.search(rf"\s*(?:{ROLE})[：:]", text)
        if cut:
            del cleaned.chars[cut.start():], cleaned.origin[cut.start():]
        while cleaned.chars and cleaned.chars[-1] in "）)":
            cleaned.chars.pop(), cleaned.origin.pop()
        last = max((o for o in cleaned.origin if o is not None), default=-1)
        # changes in what was cut away are not changes to the manuscript's text
        cleaned.changes = [c for c in cleaned.changes if c[1] <= last]
    return cleaned


def insert_markup(cleaned: Cleaned, position: int, markup: str) -> None:
    cleaned.chars[position:position] = list(markup)
    cleaned.origin[position:position] = [None] * len(markup)


def runin_length(text: str) -> int:
    """Length of a paragraph's opening sentence if it could be a run-in head, else 0."""
    depth = 0
    for i, char in enumerate(text):
        depth += (char == "“") - (char == "”")
        if char in "。！？" and depth == 0:
            return i + 1 if 4 <= i + 1 <= 22 and len(text) - i > 20 else 0
    return 0


def shape(sentence: str) -> tuple[int, int]:
    clauses = re.split(r"[，、]", sentence.rstrip("。！？"))
    return len(clauses), len(clauses[0])


def mark_runins(body: list[Element], cleaned: dict[SourceBlock, Cleaned], notes: list[Note]) -> None:
    """Bold the opening sentences of parallel paragraphs (助企纾困不断档。/线上服务不打烊。)."""
    candidates: list[tuple[int, Element, int]] = []
    position = 0
    for element in body:
        if element.role in ("story", "subhead"):
            position += 10  # parallel paragraphs do not cross a heading
        if element.role != "paragraph":
            continue
        position += 1
        text = cleaned[element.block].text
        length = runin_length(text)
        if length:
            candidates.append((position, element, length))
    group: list[tuple[int, Element, int]] = []
    for candidate in candidates + [(10**9, None, 0)]:
        if group:
            last_position, last, last_length = group[-1]
            text = cleaned[last.block].text
            if candidate[1] is not None and candidate[0] - last_position <= 3 and \
                    _siblings(text[:last_length],
                              cleaned[candidate[1].block].text[:candidate[2]]):
                group.append(candidate)
                continue
            if len(group) >= 2:
                for _, element, length in group:
                    bold = cleaned[element.block]
                    insert_markup(bold, length, "**")
                    insert_markup(bold, 0, "**")
                notes.append(Note(group[0][1].block.number, "以下各段开头的短句排为段首引语（粗体）："
                                  + "／".join(cleaned[e.block].text[2:n + 2] for _, e, n in group),
                                  group[0][1].block))
        group = [candidate] if candidate[1] is not None else []


def _siblings(a: str, b: str) -> bool:
    (count_a, first_a), (count_b, first_b) = shape(a), shape(b)
    return count_a == count_b and abs(first_a - first_b) <= 1
