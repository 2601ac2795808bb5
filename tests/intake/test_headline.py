"""The headline stack: two short parallel halves on two lines are one two-part title (the other reading named); a longer or different line over the title is its kicker."""

from __future__ import annotations

from pressroom.intake import draft_manuscript
from pressroom.intake.headline import parallel
from pressroom.intake.model import SourceBlock
from pressroom.intake.source import SourceLine
from pressroom.text.sources import read_source

PARA = "松阳县四都乡的陈家铺村，悬崖边上的一排排黄泥老屋如今成了游客争相打卡的民宿。\n"


def draft(raw: str):
    return draft_manuscript(read_source(raw.encode("utf-8"), "a.txt"), "a", "a.txt")


def block(text: str, gap: int = 0) -> SourceBlock:
    return SourceBlock([SourceLine(1, text, 0, gap)], "short")


def test_two_halves_of_one_length_are_one_title_and_the_other_reading_is_named():
    result = draft("青山变金山\n民宿富乡亲\n——松阳县金融支持乡村民宿发展调查\n\n" + PARA)
    assert "title: 青山变金山 民宿富乡亲" in result.article and "kicker" not in result.article
    assert any("另一种读法：上行作引题、下行作主题" in note.text for note in result.notes)


def test_a_longer_line_over_the_title_is_its_kicker():
    result = draft("信用画像替代抵押担保\n民营企业“融资难”有了新解法\n\n" + PARA)
    assert "kicker: 信用画像替代抵押担保" in result.article
    assert "title: 民营企业“融资难”有了新解法" in result.article


def test_halves_must_be_short_of_one_length_and_on_consecutive_lines():
    assert parallel(block("青山变金山"), block("民宿富乡亲"))
    assert not parallel(block("青山变金山"), block("民宿富乡亲", gap=1))  # a blank line between
    assert not parallel(block("金融活水润桑梓"), block("一笔贷款激活一个村"))  # 7 and 9
    assert not parallel(block("青山变金山"), block("——民宿富乡亲"))
    assert not parallel(block("青山变金山，"), block("民宿富乡亲"))
