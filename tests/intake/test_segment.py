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


def test_a_line_break_inside_a_sentence_is_never_a_paragraph_end():
    """Hand-wrapped copy: lines of any length, no blank line; where a line stops mid-sentence
    the next line goes on with it, however short or long either is."""
    lead = "今年以来，全县深入推进农村金融服务改革，为全县乡村振兴注入源源不断的金"
    raw = page("整村授信让农户增收", "", lead, "融活水。", "", *column(SECOND))
    assert blocks(raw) == ["整村授信让农户增收", lead + "融活水。", SECOND]
    ragged = ["在东栅老街经营蓝印花布店的李师傅，去年因扩大经营一时资金周转困难。工行",
              "乌镇支行客户经理上门走访后，为其办理了“经营快贷”50万元，从申请到放款",
              "仅用了两天时间。“没想到银行服务这么贴心！”李师傅说。"]
    raw = page(*ragged, "", *column(SECOND))
    assert blocks(raw) == ["".join(ragged), SECOND]


def test_in_an_indented_column_a_short_unmarked_line_before_an_indent_is_a_heading():
    first = column(FIRST, 12)
    indented = ["\u3000\u3000" + first[0]] + first[1:]
    second = column(SECOND, 12)
    raw = page(*indented, "一码在手 信用可贷", "\u3000\u3000" + second[0], *second[1:])
    assert blocks(raw) == [FIRST, "一码在手 信用可贷", SECOND]


def test_an_indent_under_a_sentence_left_open_keeps_the_break_and_says_so():
    first = column(FIRST[:-1], 16)  # the paragraph's last mark is missing
    notes = Notes()
    groups = segment(read_lines(page(*first, "\u3000\u3000" + SECOND)), notes)
    assert len(groups) == 2
    assert any("没有句末标点" in note.text and note.topic == "merge" for note in notes)


CAPTIONS = {
    "captioned": ["图为工行客户经理在民宿走访了解经营情况。（通讯员 项飞 摄）"],
    "marker-caption-credit": ["图片2", "工行客户经理在茶厂了解生产情况。", "记者 汤晓 摄"],
    "plain-line": ["农机手驾驶收割机在田间作业"],
}


def test_a_caption_set_inside_a_paragraph_leaves_it_whole_and_follows_it():
    lines = column(FIRST)
    for name, caption in CAPTIONS.items():
        notes = Notes()
        raw = page(*lines[:3], "", *caption, "", *lines[3:], "", *column(SECOND))
        groups = segment(read_lines(raw), notes)
        texts = ["".join(line.stripped for line in group) for group in groups]
        assert texts == [FIRST] + caption + [SECOND], name
        assert any("插在段落中间" in note.text for note in notes), name


def test_a_line_of_a_column_between_two_breaks_is_no_caption():
    """…全区现有木业企业 / 3 (one line of a column) / 200余家…: the text runs through it."""
    text = FIRST.replace("七百余家", "3200余家")
    cut = text.index("3200") + 1
    full = cut - cut % 16  # the lines before it fill the column
    raw = page(*column(text[:full]), "", text[full:cut], "", *column(text[cut:]), "",
               *column(SECOND))
    assert blocks(raw) == [text, SECOND]


def test_hand_wrapped_copy_that_parts_paragraphs_by_blank_lines_keeps_them_whole():
    """An e-mail wrapped by hand: lines of any length, a sentence may end a line, blank lines
    between paragraphs only; a line ending a sentence with text right under it goes on."""
    one = ["课堂上，志愿者们通过动画视频、互动问答等方式，", "向同学们介绍了人民币的发展历史和防伪特征。",
           "“原来纸币上还有这么多秘密！”", "四年级学生小叶拿着放大镜仔细观察，", "不时发出惊叹。"]
    two = ["随后，志愿者以“压岁钱怎么用”为话题，", "引导同学们树立正确的消费观念，养成勤俭节约的好习惯。",
           "不少同学表示，要把压岁钱存进银行，", "用在学习和生活最需要的地方。"]
    three = ["据了解，今年以来，该行已累计开展活动36场，", "覆盖群众5600余人次。"]
    notes = Notes()
    groups = segment(read_lines(page(*one, "", *two, "", *three)), notes)
    assert ["".join(line.stripped for line in group) for group in groups] == \
        ["".join(one), "".join(two), "".join(three)]
    assert any("全文以空行分段" in note.text for note in notes)  # each such join is listed


def test_with_column_breaks_a_short_line_ending_a_sentence_still_ends_its_paragraph():
    first, second = column(FIRST, 17), column(SECOND, 17)
    raw = page(*first[:2], "", *first[2:], *second[:3], "", *second[3:])
    assert blocks(raw) == [FIRST, SECOND]


def test_where_paragraphs_open_with_an_indent_an_unindented_line_goes_on_with_its_own():
    """…撑起了一个大产业。 fills its line; the next line has no indent: the same paragraph."""
    first, second = column(FIRST), column(SECOND)
    lead = ["\u3000\u3000春茶开采，茶香四溢。在遂昌县，", "一片小小的茶叶撑起了一个大产业。",
            "工行遂昌支行深耕茶产业链，用金融", "活水浇灌山区茶园。"]
    raw = page("\u3000\u3000" + first[0], *first[1:], *lead, "\u3000\u3000" + second[0], *second[1:])
    assert blocks(raw) == [FIRST, "".join(lead).strip("\u3000"), SECOND]
