"""Segmenting: which raw lines make one block. Each rule on a small page set in a column of 16 ems, the way extracted print text comes."""

from __future__ import annotations

from pressroom.intake.model import Notes
from pressroom.intake.segment import segment
from pressroom.intake.source import read_lines

FIRST = ("南浔是全国重要的木地板生产基地，全区现有木业企业七百余家，年产地板约占全国总量的三分之一，"
         "近年来受原材料价格波动和环保标准提升影响，不少中小企业面临设备更新和绿色转型的资金压力。")
SECOND = ("针对这一情况，工行南浔支行推出专属产品，将企业的用电、纳税、订单等数据纳入授信评估，"
          "对符合条件的企业给予信用贷款额度，并对技改项目实行利率优惠，累计走访企业四百余家。")


def column(text: str, size: int = 16) -> list[str]:
    """Text set in a column `size` characters wide (every character one em here)."""
    return [text[i:i + size] for i in range(0, len(text), size)]


def blocks(raw: str) -> list[str]:
    notes = Notes()
    return ["".join(line.stripped for line in group) for group in segment(read_lines(raw), notes)]


def page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def test_a_short_page_is_not_taken_for_a_column():
    """Fewer than eight lines of text: too little to tell a column from headlines."""
    assert blocks(page("第一行标题", "第二行标题", "第三行标题")) == ["第一行标题", "第二行标题", "第三行标题"]


def test_wrapped_lines_of_a_paragraph_join_and_paragraphs_stay_apart():
    raw = page(*column(FIRST), "", *column(SECOND))
    assert blocks(raw) == [FIRST, SECOND]


def test_a_blank_line_inside_a_sentence_is_a_column_break():
    lines = column(FIRST)
    raw = page(*lines[:3], "", *lines[3:], "", *column(SECOND))
    assert blocks(raw) == [FIRST, SECOND]


def test_a_number_split_by_a_column_break_joins_without_a_space():
    text = FIRST.replace("七百余家", "3200余家")
    cut = text.index("3200") + 1
    raw = page(*column(text[:cut]), "", *column(text[cut:]), "", *column(SECOND))
    assert blocks(raw)[0] == text


def test_a_dateline_opens_a_paragraph_even_right_under_its_title():
    raw = page("台州小微企业首贷户同比增长两成", *column("本报4月2日电（记者 周凯）" + FIRST), "",
               *column(SECOND))
    assert blocks(raw) == ["台州小微企业首贷户同比增长两成", "本报4月2日电（记者 周凯）" + FIRST, SECOND]


def test_a_dateline_on_a_line_of_its_own_joins_the_paragraph_it_opens():
    raw = page("本报讯（记者 林晓 通讯员 黄一帆）", *column(FIRST), "", *column(SECOND))
    assert blocks(raw) == ["本报讯（记者 林晓 通讯员 黄一帆）" + FIRST, SECOND]


def test_a_stack_of_headline_lines_is_split_into_its_lines():
    raw = page("金融赋能“菜篮子”", "寿光：“大棚贷”撑起蔬菜产业升级", "——农商银行系统累计投放设施农业贷款超百亿元",
               "", *column(FIRST))
    assert blocks(raw)[:3] == ["金融赋能“菜篮子”", "寿光：“大棚贷”撑起蔬菜产业升级",
                               "——农商银行系统累计投放设施农业贷款超百亿元"]


def test_headline_lines_at_the_top_never_join_across_a_blank_line():
    raw = page("全年新增普惠贷款98.6亿元贷款余额再创新高", "", "工行台州分行：普惠金融“活水”润泽小微沃土", "",
               *column(FIRST))
    assert blocks(raw) == ["全年新增普惠贷款98.6亿元贷款余额再创新高", "工行台州分行：普惠金融“活水”润泽小微沃土", FIRST]


def test_a_word_too_long_for_the_line_leaves_a_short_line_that_goes_on():
    head = "居民可拨打咨询电话预约上门服务，也可登录"
    raw = page(*column(FIRST), "", *column(head), "", "https://jinhua.example-bank.cn/yizhan",
               "查询驿站地址。")
    assert blocks(raw)[1] == head + "https://jinhua.example-bank.cn/yizhan查询驿站地址。"


def test_a_bracket_left_open_carries_on_across_a_column_break():
    raw = page(*column(FIRST), "", "（作者单位：中国工商银行丽水", "", "分行）")
    assert blocks(raw)[1] == "（作者单位：中国工商银行丽水分行）"


def test_the_speaker_after_a_closing_quotation_stays_in_its_paragraph():
    quote = "“以前柑橘只能卖鲜果，价格好的时候赚一点，价格差的时候就亏本。现在收益稳定多了。”"
    raw = page(*column(FIRST), "", *column(quote), "", "企业负责人说。", "", *column(SECOND))
    assert blocks(raw)[1] == quote + "企业负责人说。"


def test_a_line_wider_than_the_column_is_a_caption_not_part_of_a_paragraph():
    raw = page(*column(FIRST), " 工行重庆市分行青年党员志愿参与疫情防控工作，深入社区开展服务", *column(SECOND))
    assert len(blocks(raw)) == 3


def test_a_sentence_ending_line_with_room_for_more_ends_its_paragraph():
    first = column(FIRST)
    raw = page(*first, *column(SECOND))  # no blank line, no indent: only the short line tells
    assert len(first[-1]) < 16 and blocks(raw) == [FIRST, SECOND]


def test_joins_across_blank_lines_and_of_digits_are_noted():
    text = FIRST.replace("七百余家", "3200余家")
    cut = text.index("3200") + 1
    notes = Notes()
    segment(read_lines(page(*column(text[:cut]), "", *column(text[cut:]))), notes)
    assert any("数字被分栏拆开" in note.text and note.topic == "merge" for note in notes)


def test_in_unwrapped_text_a_stretch_of_column_lines_with_blanks_between_is_one_paragraph():
    """Seed 001's lead at the end: one column line per block, the body one line each."""
    lead = "南湖之畔，运河之滨，一艘艘满载货物的集装箱船从嘉兴港驶向世界各地。作为服务地方经济的国有大行，工行始终把支持外贸企业作为重要任务。"
    raw = page(FIRST, "", SECOND, "", "褚晓红", "", *"\n\n".join(column(lead, 12)).split("\n"))
    assert blocks(raw) == [FIRST, SECOND, "褚晓红", lead]
