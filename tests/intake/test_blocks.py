"""Blocks: a line that holds several things becomes one block for each, over its own part of the line."""

from __future__ import annotations

import pytest

from pressroom.intake.blocks import make_blocks
from pressroom.intake.model import Notes
from pressroom.intake.segment import segment
from pressroom.intake.source import read_lines


def parts(line: str) -> list[tuple[str, str]]:
    blocks = make_blocks(segment(read_lines(line + "\n"), Notes()), 1)
    return [(b.kind, b.own) for b in blocks]


@pytest.mark.parametrize("line, want", [
    ("图为4月16日，茶农在采摘白茶。新华社发", [("caption", "图为4月16日，茶农在采摘白茶。"),
                                             ("credit", "新华社发")]),
    ("2026年3月18日 星期三 第5版 经济·县域 责任编辑：彭丽 版式：张涛",
     [("header", "2026年3月18日 星期三 第5版 经济·县域 责任编辑：彭丽 版式：张涛"), ("editor", "彭丽"),
      ("crew", "版式：张涛")]),
    ("原创 陈静 工银南湖 2026年06月08日 08:30",
     [("header", "原创 陈静 工银南湖 2026年06月08日 08:30"), ("author", "陈静")]),
    ("　　责任编辑：徐婷　美编：王磊", [("editor", "徐婷"), ("crew", "美编：王磊")]),
    ("朱丽 图/杨帆", [("author", "朱丽"), ("photo_note", "图/杨帆")]),
    ("【纠错】 【责任编辑:刘阳 】", [("boilerplate", "【纠错】"), ("editor", "刘阳")]),
    ("▲市民在老街商户用数字人民币付款", [("marked_caption", "市民在老街商户用数字人民币付款")]),
    ("文/图 朱丽", [("author", "朱丽")]),
    ("本版编辑：王五", [("editor", "王五")]),
    ("编辑 | 沈悦", [("editor", "沈悦")]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_line_of_several_things_is_one_block_each(line, want):
    assert parts(line) == want


def test_a_header_block_carries_its_fields():
    blocks = make_blocks(segment(read_lines("龙游新闻 | 2026-06-03 | 第02版\n"), Notes()), 1)
    assert blocks[0].fields == {"publication": "龙游新闻", "date": "2026-06-03", "page": "第2版"}
