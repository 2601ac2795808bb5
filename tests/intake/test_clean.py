"""Cleaning a block's text: quotes, slogans, datelines, credits, marks; every change recorded with its kind."""

from __future__ import annotations

import pytest

from pressroom.intake.clean import clean, clean_block
from pressroom.intake.model import Notes, SourceBlock
from pressroom.intake.source import read_lines


def cleaned(text: str, style: str = "body"):
    return clean(list(text), list(range(len(text))), style)


@pytest.mark.parametrize("raw, text", [
    ('以"党建+金融 共建共享"为主题', "以“党建+金融　共建共享”为主题"),
    ('开展"守护钱袋子 护航幸福家"活动', "开展“守护钱袋子　护航幸福家”活动"),
    ("写有“扶持大众创新 助力小\n微发展”的锦旗", "写有“扶持大众创新　助力小微发展”的锦旗"),
    ("“我们要把损失降 下来，不能再等了。”他说", "“我们要把损失降下来，不能再等了。”他说"),
    ("他说 今天 出发", "他说今天出发"),
], ids=["straight-slogan", "slogan", "slogan-over-a-line-break", "stray-space-in-speech", "stray"])
def test_a_space_is_u3000_only_between_the_halves_of_a_quoted_slogan(raw, text):
    assert cleaned(raw).text == text


def test_straight_quotes_are_paired_by_position_and_recorded_as_quote_style():
    result = cleaned("他说:\"'保本高收益'这几个字要当心。\"ICBC's app")
    assert result.text == "他说：“‘保本高收益’这几个字要当心。”ICBC's app"
    assert [kind for kind, *_ in result.changes].count("quote-style") == 4


def test_an_unpaired_straight_quote_is_noted_for_review():
    notes = Notes()
    text = '他说:"今天出发。'
    block = SourceBlock(read_lines(text + "\n"), "para")
    clean(list(text), list(range(len(text))), "body", notes, block)
    assert any("不成对" in note.text and note.topic == "text" for note in notes)


@pytest.mark.parametrize("raw, text", [
    ("本报讯(记者 王晓燕 通讯员 李明)走进车间", "本报讯（记者　王晓燕　通讯员　李明）走进车间"),
    ("本报讯（记者陈静通讯员罗斌）日前", "本报讯（记者陈静通讯员罗斌）日前"),
    ("本报讯（记者孙悦通讯员黄海涛 周婷）走进", "本报讯（记者孙悦通讯员黄海涛　周婷）走进"),
    ("本报讯（记者孙悦 通讯员陈晨）走进", "本报讯（记者孙悦　通讯员陈晨）走进"),
    ("新华社福州6月12日电（记者林晨、颜之宏）记者", "新华社福州6月12日电（记者林晨、颜之宏）记者"),
    ("本报５月８日电 今天，项目开工", "本报5月8日电　今天，项目开工"),
    ("本报讯(记者 王晓燕 通讯员 李\n明)走进", "本报讯（记者　王晓燕　通讯员　李明）走进"),
    ("本报讯（记者 周  敏 通讯员 孙　浩）春节", "本报讯（记者　周敏　通讯员　孙浩）春节"),
    ("新华社福州6月12日电（记者林晨、\n颜之宏）记者", "新华社福州6月12日电（记者林晨、颜之宏）记者"),
], ids=["spaced", "run-together", "two-names", "two-groups", "xinhua", "no-names",
        "name-broken-by-a-line", "padded-names", "broken-after-a-mark"])
def test_a_dateline_stays_as_printed_its_spaces_u3000(raw, text):
    """Nothing is inserted between a role word and a name; a space the source has between
    names becomes U+3000 (lint accepts it there); a name's padding goes."""
    assert cleaned(raw).text == text


@pytest.mark.parametrize("raw, text", [
    ("本报记者 陈晓雯  通讯员 周  敏", "本报记者 陈晓雯 通讯员 周敏"),
    ("□通讯员 李  明 王　芳", "□通讯员 李明 王芳"),
    ("沈  佳", "沈佳"),
    ("张  伟 摄", "张伟 摄"),
    ("文/图 李 明", "文/图 李明"),
    ("本报记者 张三 李四", "本报记者 张三 李四"),
], ids=["byline", "marked-byline", "editor", "credit", "role-word-before", "two-names"])
def test_a_name_padded_to_three_cells_loses_its_padding(raw, text):
    assert cleaned(raw, "name").text == text


def test_a_dateline_later_in_a_paragraph_is_left_alone():
    assert cleaned("他说本报讯（记者 王晓燕）不对").text == "他说本报讯（记者王晓燕）不对"


@pytest.mark.parametrize("line, role, text", [
    ("——全区木业产业链授信突破8亿元", "subtitle", "全区木业产业链授信突破8亿元"),
    ("【整村授信打通“最后一公里”】", "subhead", "整村授信打通“最后一公里”"),
    ("■ 产业账:把村里的好东西卖出去", "subhead", "产业账：把村里的好东西卖出去"),
    ("程丽/摄", "credit", "程丽 摄"),
    ("供图：工行金华分行", "credit", "工行金华分行 供图"),
    ("(通讯员 钱晓东 摄)", "credit", "通讯员 钱晓东 摄"),
    ("□ 郑一鸣", "byline", "□郑一鸣"),
    ("守好红色阵地, 让初心在柜台前生根", "story", "守好红色阵地，让初心在柜台前生根"),
    ('家门口的"金融驿站"\u3000让老人办事不再难', "title", "家门口的“金融驿站” 让老人办事不再难"),
    ("向“新”而行  以“质”致远", "title", "向“新”而行 以“质”致远"),
], ids=lambda value: value if value in ("subtitle", "subhead", "credit", "byline", "story",
                                        "title") else None)
def test_a_line_takes_the_form_its_role_needs(line, role, text):
    [source] = read_lines(line + "\n")
    kind = source.kind or ("marked_head" if role == "subhead" else "short")
    assert clean_block(SourceBlock([source], kind), role).text == text


def test_full_width_digits_and_their_signs_become_ascii_also_across_a_line_break():
    result = cleaned("同比增长２１．４％，首贷金额达到９３．\n７亿元")
    assert result.text == "同比增长21.4%，首贷金额达到93.7亿元"
    assert cleaned("发放贷款3\n\n200余万元").text == "发放贷款3200余万元"
    assert cleaned("发放贷款８７\n．５亿元").text == "发放贷款87.5亿元"


@pytest.mark.parametrize("raw, text", [
    ("门口排起了长队......去年，他", "门口排起了长队……去年，他"),
    ('"阿姨，可千万别扫..."', "“阿姨，可千万别扫……”"),
    ("Loading...请稍候", "Loading...请稍候"),
], ids=["six-dots", "three-dots", "latin"])
def test_an_ellipsis_typed_with_full_stops_becomes_two_ellipsis_marks(raw, text):
    result = cleaned(raw)
    assert result.text == text
    assert all(kind in ("punctuation-width", "quote-style") for kind, _, _ in result.changes)


@pytest.mark.parametrize("raw, text", [
    ('笑容："多亏了工行的"茶贷"，今年才能按时投产。"', "笑容：“多亏了工行的“茶贷”，今年才能按时投产。”"),
    ('剧《"客服"来电》。剧中,"网购客服"以退款为由,识破。"这种骗局太真了。"72岁的张阿姨说',
     "剧《“客服”来电》。剧中，“网购客服”以退款为由，识破。“这种骗局太真了。”72岁的张阿姨说"),
    ('推出"经营快贷""科创贷"等产品', "推出“经营快贷”“科创贷”等产品"),
], ids=["nested", "open-after-full-stop", "two-in-a-row"])
def test_straight_quotes_turn_the_way_their_context_says(raw, text):
    notes = Notes()
    [line] = read_lines(raw + "\n")
    assert clean_block(SourceBlock([line], "para"), "body", notes).text == text
    assert any("内层宜改为" in note.text for note in notes) == ("茶贷" in raw)
