"""The mechanical normalisation import makes and audit compares by: ellipses typed with full stops."""

from __future__ import annotations

import pytest

from pressroom.text.normalise import ellipses, normalise, protected_spans


@pytest.mark.parametrize("text, runs", [
    ("门口排起了长队......去年", ["......"]),
    ("可千万别扫...”", ["..."]),
    ("数了1、2、3......数不清", ["......"]),
    ("“好的.....”他说", ["....."]),
    ("Loading...请稍候", []),
    ("version 1...5", []),
    ("见www.example-bank.cn/a...b页", []),
], ids=["six", "three-before-quote", "after-digits", "five", "latin", "numbers", "url"])
def test_dot_runs_are_an_ellipsis_only_in_chinese_text(text, runs):
    found = ellipses(list(text), protected_spans(text))
    assert [text[a:b] for a, b in found] == runs


def test_an_ellipsis_typed_either_way_compares_equal():
    typed, printed = "长队......去年", "长队……去年"
    assert normalise(list(typed), list(range(len(typed))))[0] == \
        normalise(list(printed), list(range(len(printed))))[0] == "长队……去年"
    text, offsets = normalise(list(typed), list(range(len(typed))))
    assert offsets == [0, 1, 2, 3, 8, 9]  # each character keeps where it came from
