"""Stories of a special page: short labels count when the page has two or more; a —— line is a subtitle, never a story's title."""

from __future__ import annotations

from pressroom.intake.blocks import make_blocks
from pressroom.intake.model import Notes
from pressroom.intake.roles import classify_blocks
from pressroom.intake.segment import segment
from pressroom.intake.source import read_lines

PARA = "衢州是“中国椪柑之乡”，全市柑橘种植面积超过30万亩，果农扩大种植常常贷不到款。"


def roles(raw: str) -> list[tuple[str, str]]:
    notes = Notes()
    blocks = make_blocks(segment(read_lines(raw), notes), 1)
    classify_blocks(blocks, notes)
    return [(b.own, b.role) for b in blocks]


def test_two_short_labels_over_titles_open_two_stories():
    raw = (f"金融赋能共富路\n\n导语说明本版内容，共有两篇。\n\n产业篇\n\n“柑橘贷”让果农有了底气\n\n{PARA}\n\n"
           f"柯城区果农在采摘柑橘\n\n【民生篇】\n\n家门口的“金融服务站”\n\n□通讯员 李斌\n\n{PARA}\n")
    found = roles(raw)
    assert ("产业篇", "label") in found and ("【民生篇】", "label") in found
    assert ("“柑橘贷”让果农有了底气", "story") in found and ("□通讯员 李斌", "story-byline") in found
    assert ("柯城区果农在采摘柑橘", "caption") in found  # under the text, over the next story


def test_one_short_line_over_a_title_is_no_story_label():
    raw = f"产业篇\n\n“柑橘贷”让果农有了底气\n\n{PARA}\n\n又一段正文，说明情况。\n"
    assert [role for _, role in roles(raw)][:2] == ["kicker", "title"]


def test_a_dash_line_under_a_title_is_its_subtitle_even_over_a_byline():
    raw = (f"金融时讯\n2026年05月12日 第07版 银行\n\n“科技贷”为专精特新企业添动力\n"
           f"——工行宁波分行创新知识产权质押融资侧记\n\n本报记者 沈立 通讯员 何佳\n\n{PARA}\n")
    found = dict(roles(raw))
    assert found["——工行宁波分行创新知识产权质押融资侧记"] == "subtitle"
    assert found["“科技贷”为专精特新企业添动力"] == "title"
    assert found["本报记者 沈立 通讯员 何佳"] == "byline"


def test_a_lone_short_line_inside_a_story_is_a_caption_and_the_other_reading_is_named():
    raw = (f"金融赋能共富路\n\n导语说明本版内容，共有两篇。\n\n产业篇\n\n“柑橘贷”让果农有了底气\n\n{PARA}\n\n"
           f"衢州椪柑\n\n{PARA}\n\n民生篇\n\n家门口的“金融服务站”\n\n{PARA}\n")
    notes = Notes()
    blocks = make_blocks(segment(read_lines(raw), notes), 1)
    classify_blocks(blocks, notes)
    assert next(b.role for b in blocks if b.first == "衢州椪柑") == "caption"
    assert any("衢州椪柑" in n.text and "另一种读法：小标题" in n.text for n in notes)
