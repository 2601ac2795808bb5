"""Streams: what a manuscript prints (no markup, no image path), and the printed text a
record quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.audit.streams import make_stream, manuscript_pieces, quotes_syntax, without_markup

ARTICLE = """---
slug: demo
title: 标题
author: 余冬晖
source: source/raw.txt
corrections: corrections.yml
---

**助企纾困不断档。**工行重庆市分行灵活调配人员。

![疫情期间保障金融服务不断档](images/yiqing.jpg "汪长征 摄")

## 分稿标题
label: 溯源·红色根脉

第二段。
"""


def stream(text: str = ARTICLE):
    return make_stream(manuscript_pieces(text, Path("article.md")), text, Path("article.md"))


def test_the_printed_text_has_no_markup_and_no_image_path():
    printed = stream().printed
    for markup in ("**", "![", "images/", "yiqing.jpg", "](", '"', "label:", "##", "author:"):
        assert markup not in printed, markup
    assert "助企纾困不断档。工行重庆市分行" in printed
    assert "疫情期间保障金融服务不断档\n汪长征 摄" in printed  # caption and credit
    assert "灵活调配人员。\n\n疫情期间" in printed  # the file's blank line between blocks


@pytest.mark.parametrize("path", ["", "images/yiqing.jpg", "images/其他.png"])
def test_an_image_path_changes_nothing_a_record_quotes(path):
    changed = stream(ARTICLE.replace("images/yiqing.jpg", path))
    assert changed.printed == stream().printed and changed.text == stream().text


def test_a_quote_is_the_printed_text_as_the_file_writes_it():
    s = stream()
    start = s.text.index("不断档。工行")
    assert s.quoted(start, start + 6) == "不断档。工行"  # ** left out
    start = s.text.index("金融服务不断档汪长征")
    assert s.quoted(start, start + 10) == "金融服务不断档\n汪长征"
    assert s.line(start) == 11


# A record's manuscript snippet with markup (older records, import's whole lines) →
# the printed text it stands for; and whether `record` rewrites it so (figure syntax only:
# a record about a run-in head or a field keeps its ** or key).
MARKUP = [
    ("![疫情期间，工行重庆市分行保障金融服务不断档]()", "疫情期间，工行重庆市分行保障金融服务不断档", True),
    ('![]( "汪长征 摄/视觉重庆")', "汪长征 摄/视觉重庆", True),
    ('![衙前信用合作社旧址](images/1.jpg "工行萧山分行")', "衙前信用合作社旧址\n工行萧山分行", True),
    ("\n![衙前信用合作社旧址]", "\n衙前信用合作社旧址", True),
    ('( "工行萧山分行")', "工行萧山分行", True),
    ("**助企纾困不断档。**工行重庆市分行", "助企纾困不断档。工行重庆市分行", False),  # bold
    ("label: 溯源·红色根脉的百年跨越", "溯源·红色根脉的百年跨越", False),  # a key says where
    ("author: 余冬晖", "余冬晖", False),
    ("工行重庆市分行灵活调配", "工行重庆市分行灵活调配", False),  # plain text
]


@pytest.mark.parametrize("snippet,printed,rewritten", MARKUP)
def test_markup_in_a_snippet(snippet, printed, rewritten):
    assert without_markup(snippet) == printed
    assert quotes_syntax(snippet) == rewritten
