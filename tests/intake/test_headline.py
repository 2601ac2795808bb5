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


HEADER = "2026年3月18日 星期三　　第5版　经济·县域　　责任编辑：彭丽　版式：张涛\n\n"
BODY = ("　　遂昌种茶历史悠久，全县茶园面积达15万亩，茶产业是不少山区农户的主要收入来源。\n\n"
        "　　截至2月末，该行涉茶贷款余额达到4.8亿元，服务茶农和茶企2300余户。\n")
LEAD = "　　春茶开采，茶香四溢。在遂昌县，一片小小的茶叶撑起了一个大产业。\n"


def front(result) -> dict:
    lines = result.article.split("---")[1].strip().split("\n")
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def test_a_headline_stack_after_the_text_is_found_without_closing_lines():
    """A print page whose staff are on the header line: title, ——subtitle, byline and lead
    printed after the text, two blank lines under it."""
    result = draft(HEADER + BODY + "\n\n一片叶子富了一方百姓\n——工行遂昌支行金融服务茶产业见闻\n\n"
                   "本报记者 叶晓 通讯员 周文 吴斌\n\n" + LEAD)
    values = front(result)
    assert values["title"] == "一片叶子富了一方百姓"
    assert values["subtitle"] == "工行遂昌支行金融服务茶产业见闻"
    assert values["byline"] == "本报记者 叶晓 通讯员 周文 吴斌"
    assert "春茶开采" in result.article.split("---")[1]  # the lead, in the front matter
    assert "![" not in result.article


def test_a_kicker_and_title_after_the_text_stay_apart_and_two_halves_join():
    result = draft(HEADER + BODY + "\n\n金融助力山区共富\n“云上茶园”的致富经\n\n■本报记者 余晨\n\n" + LEAD)
    values = front(result)
    assert (values.get("kicker"), values.get("title")) == ("金融助力山区共富", "“云上茶园”的致富经")
    assert "## " not in result.article  # a title over a byline there is no special page's story
    result = draft(HEADER + BODY + "\n\n青山变金山\n民宿富乡亲\n\n本报记者 叶晓\n\n" + LEAD)
    assert front(result)["title"] == "青山变金山 民宿富乡亲" and "kicker" not in front(result)


def test_short_lines_after_the_text_without_a_byline_or_subtitle_are_no_headline():
    result = draft(HEADER + BODY + "\n\n村民在茶园里采摘明前茶\n")
    assert 'title: ""' in result.article
