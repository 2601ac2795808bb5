"""The block roles table of import: every row decides the role of the line marked ▶ in its own example, and it is that row (not an earlier one) that decides."""

from __future__ import annotations

import io

import pytest
from docx import Document

from pressroom.intake.model import Notes
from pressroom.intake.blocks import make_blocks
from pressroom.intake.roles import RULES, classify_blocks
from pressroom.intake.segment import segment
from pressroom.intake.source import read_lines
from pressroom.text.sources import read_source


def word_file(example: str) -> bytes:
    """A .docx with one paragraph per example line `Style: text` (**text** in bold)."""
    document = Document()
    for line in example.split("\n"):
        style, _, text = line.partition(": ")
        paragraph = document.add_paragraph(style=style)
        if text.startswith("**") and text.endswith("**"):
            paragraph.add_run(text[2:-2]).bold = True
        else:
            paragraph.add_run(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def blocks_of(example: str):
    """The example's blocks with their roles, and the text of the marked line."""
    word = example.split("\n")[0].partition(": ")[0] in ("Title", "Heading 1")
    marked = next(line for line in example.split("\n") if "▶" in line)
    marked = marked.split("▶", 1)[1].strip("*")
    source = example.replace("▶", "")
    read = read_source(word_file(source), "a.docx") if word else \
        read_source(source.encode("utf-8"), "a.txt")
    notes = Notes()
    lines = read_lines(read.text, read.word)
    blocks = make_blocks(segment(lines, notes), 1)
    classify_blocks(blocks, notes, word=word)
    return blocks, marked


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_row_decides_its_example(rule):
    blocks, marked = blocks_of(rule.example)
    block = next(b for b in blocks if b.first.lstrip("□■").startswith(marked.lstrip("□■")[:6]))
    assert (block.rule, block.role) == (rule.name, rule.role) or \
        (rule.role == "headline" and block.rule == "headline")


def test_rule_names_are_unique():
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_the_last_row_takes_whatever_no_other_row_took():
    assert RULES[-1].role == "body"
    blocks, _ = blocks_of("▶一段普通的正文，说了一件事。\n")
    assert blocks[0].rule == "body"


def test_two_headline_lines_read_as_kicker_and_title_and_the_other_reading_is_named():
    notes = Notes()
    lines = read_lines("奋进新征程 建功新时代\n\n青春在一线闪光\n\n正文第一段，说了一件事。\n")
    blocks = make_blocks(segment(lines, notes), 1)
    classify_blocks(blocks, notes)
    assert [b.role for b in blocks] == ["kicker", "title", "body"]
    assert any("另一种读法：上行作主题、下行作副题" in note.text for note in notes)


@pytest.mark.parametrize("raw, role", [
    ("标题\n\n正文第一段。\n\n数据显示，今年上半年，芸溪县共有12\n\n6家企业获得贷款。\n", None),
    ("标题\n\n正文第一段，写得很长很长。\n\n柯文静\n\n编辑：王五\n", "author"),
], ids=["column-break-fragment", "author-name"])
def test_fragments_and_names_are_not_made_subheads(raw, role):
    notes = Notes()
    blocks = make_blocks(segment(read_lines(raw), notes), 1)
    classify_blocks(blocks, notes)
    assert "subhead" not in [b.role for b in blocks]
    if role:
        assert role in [b.role for b in blocks]
    else:
        assert any("126家" in b.text for b in blocks)


@pytest.mark.parametrize("raw", [
    "标题\n\n正文第一段，写了一件事。\n\n文字：陈静\n图片：工行南湖支行\n编辑：沈悦\n",
    "标题\n\n正文第一段，写了一件事。\n\n图片：工行南湖支行\n编辑：沈悦\n审核：胡斌\n",
    "标题\n\n正文第一段，写了一件事。\n\n文丨李婷\n图丨工行嘉兴分行\n编辑丨吴倩\n",
], ids=["under-the-author", "over-the-editor", "bar"])
def test_a_photo_line_among_the_closing_lines_is_the_articles_photo_credit(raw):
    notes = Notes()
    blocks = make_blocks(segment(read_lines(raw), notes), 1)
    classify_blocks(blocks, notes)
    photo = next(b for b in blocks if b.first.startswith("图"))
    assert (photo.role, photo.rule) == ("photo_note", "closing-credit")
