"""The line kinds table of import: each row recognises its own example and no other row's."""

from __future__ import annotations

import pytest

from pressroom.intake.kinds import LINE_KINDS, SHORT_LINE, classify

RUNNING_TEXT = ["工行重庆市分行灵活调配人员，开辟绿色通道。", "党建引领", "“工”笔妙绘巴山渝水好风光"]


@pytest.mark.parametrize("kind", LINE_KINDS, ids=[f"{k.name}:{k.example}" for k in LINE_KINDS])
def test_row_recognises_its_example(kind):
    assert classify(kind.example) == kind.name


@pytest.mark.parametrize("text", RUNNING_TEXT)
def test_running_text_is_no_kind(text):
    assert classify(text) == ""


def test_a_line_wider_than_a_short_line_is_running_text_whatever_its_form():
    long_credit = "汪长征" + "长" * (SHORT_LINE * 2) + " 摄"
    assert classify("汪长征 摄") == "credit" and classify(long_credit) == ""


def test_order_decides_between_rows_that_both_match():
    # a photo note ends in 提供, like some credits; it is listed first and wins
    assert classify("（本版图片由工行萧山分行提供）") == "photo_note"
