"""The display breaker (display.py, breaks.py, words.py): the issue's subheads, reviewed
layouts, and properties over a corpus of heads at the widths pressroom uses, measured on
the subset fonts a build embeds."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from pressroom.project.fonts import load_fonts
from pressroom.typeset import breaks as B, display as D, words as W
from pressroom.typeset import lines as L
from pressroom.typeset.markup import display_html, spaced_html, spread_html
from pressroom.typeset.subset import subset_fonts

from conftest import ROOT

SUBHEADS = [
    "党建引领，搭建廉洁共建“连心桥”", "以案为鉴，敲响拒腐防变“警示钟”",
    "实干笃行，树立正确政绩“风向标”", "追寻足迹，淬炼金融初心", "鉴史崇廉守初心，联学共建树新风",
    "一颗火种的百年传承，当红色薪火遇见科技金融", "立足金融为民，以科技金融激活新质生产力",
    "线上服务不打烊，“云端”办理更便捷", "工行重庆市分行普惠贷款余额突破364.32亿元",
    "科技型企业有贷户较年初新增100余户", "手机银行APP上线适老化服务专区",
    "从“输血”到“造血”：县域金融助力乡村振兴", "深化改革推动金融服务实体经济高质量发展",
    "2026年7月1日，萧山分行开展主题党日活动", "打造体现时代特征和工行特色的党建文化品牌",
    "《衙前农民协会宣言》百年后再读", "学习贯彻党的二十届四中全会精神",
    "做好科技金融、绿色金融、普惠金融、养老金融、数字金融五篇大文章", "岢岚县“小杂粮”走出大山",
    "成渝地区双城经济圈建设迈出新步伐", "近十年累计完成贷款审批超2600亿元",
    "乡村振兴路上的“金融活水”", "聚焦“一带一路”，服务西部陆海新通道建设",
    "金融活水精准滴灌小微企业和个体工商户", "小微企业首贷户数同比增长2.6倍",
]
TITLES = ["红色薪火映初心 金融报国担使命", "“工”笔妙绘巴山渝水好风光",
          "从衙前到岢岚：一家国有大行的红色金融足迹", "坚持党建引领 服务实体经济 推动高质量发展迈上新台阶"]
LABELS = ["溯源·红色根脉的百年跨越", "践行·科技金融的萧山答卷", "清廉金融·联学共建在新疆"]
BYLINES = ["□通讯员 于萌 李媛", "本报记者 王晓东 通讯员 欧阳明月 张强",
           "□本报记者 李华 通讯员 赵一鸣 陈思远 刘洋"]
# Subheads at 15 em (3-column A4), 12 (A5), 10; titles 24–13; labels 15 and 10.
CASES = [(h, w) for h in SUBHEADS for w in (15, 12, 10)] + \
        [(h, w) for h in TITLES for w in (24, 19, 13)] + [(h, w) for h in LABELS for w in (15, 10)]

ISSUE = {"党建引领，搭建廉洁共建“连心桥”": ["党建引领，", "搭建廉洁共建“连心桥”"],
         "以案为鉴，敲响拒腐防变“警示钟”": ["以案为鉴，", "敲响拒腐防变“警示钟”"],
         "实干笃行，树立正确政绩“风向标”": ["实干笃行，", "树立正确政绩“风向标”"]}

# Reviewed by hand: where a typographer breaks these heads at these widths.
GOLDEN = [
    ("党建引领，搭建廉洁共建“连心桥”", 10, ["党建引领，搭建", "廉洁共建“连心桥”"]),
    ("党建引领，搭建廉洁共建“连心桥”", 8, ["党建引领，", "搭建廉洁共建", "“连心桥”"]),
    ("一颗火种的百年传承，当红色薪火遇见科技金融", 15, ["一颗火种的百年传承，", "当红色薪火遇见科技金融"]),
    ("线上服务不打烊，“云端”办理更便捷", 15, ["线上服务不打烊，", "“云端”办理更便捷"]),
    ("工行重庆市分行普惠贷款余额突破364.32亿元", 15, ["工行重庆市分行普惠贷款", "余额突破364.32亿元"]),
    ("科技型企业有贷户较年初新增100余户", 15, ["科技型企业有贷户", "较年初新增100余户"]),
    ("手机银行APP上线适老化服务专区", 15, ["手机银行APP", "上线适老化服务专区"]),
    ("从“输血”到“造血”：县域金融助力乡村振兴", 15, ["从“输血”到“造血”：", "县域金融助力乡村振兴"]),
    ("2026年7月1日，萧山分行开展主题党日活动", 15, ["2026年7月1日，", "萧山分行开展主题党日活动"]),
    ("做好科技金融、绿色金融、普惠金融、养老金融、数字金融五篇大文章", 15,
     ["做好科技金融、绿色金融、", "普惠金融、养老金融、", "数字金融五篇大文章"]),
    ("成渝地区双城经济圈建设迈出新步伐", 15, ["成渝地区双城经济圈", "建设迈出新步伐"]),
    ("金融活水精准滴灌小微企业和个体工商户", 15, ["金融活水精准滴灌", "小微企业和个体工商户"]),
    ("学习贯彻党的二十届四中全会精神", 12, ["学习贯彻党的", "二十届四中全会精神"]),
    ("《衙前农民协会宣言》百年后再读", 12, ["《衙前农民协会宣言》", "百年后再读"]),
    ("从衙前到岢岚：一家国有大行的红色金融足迹", 19, ["从衙前到岢岚：", "一家国有大行的红色金融足迹"]),
    ("坚持党建引领 服务实体经济 推动高质量发展迈上新台阶", 19,
     ["坚持党建引领\u3000服务实体经济", "推动高质量发展迈上新台阶"]),
    ("红色薪火映初心 金融报国担使命", 24, ["红色薪火映初心\u3000金融报国担使命"]),
    ("红色薪火映初心 金融报国担使命", 13, ["红色薪火映初心", "金融报国担使命"]),
    ("鉴史崇廉守初心，联学共建树新风", 12, ["鉴史崇廉守初心，", "联学共建树新风"]),
]

ALL_TEXT = "".join(SUBHEADS + TITLES + LABELS + BYLINES) + "甲乙丙丁戊己庚辛壬癸好的——……ABCDEFGHIJKLMN"


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    # Measured on subsets as the build makes them: there — is the full-width form.
    fonts = load_fonts(ROOT / "fonts", verify=False)
    files = subset_fonts(fonts, ALL_TEXT, tmp_path_factory.mktemp("fonts"))
    return L.Metrics(files, fonts.fallbacks())


def texts(text, width, metrics, **options):
    return D.set_display(text, width, metrics, **options).texts


def squeeze(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("width", [15, 12])
@pytest.mark.parametrize("segmenter", [None, "auto"])
@pytest.mark.parametrize("head", list(ISSUE))
def test_issue_subheads_break_after_the_comma(metrics, head, width, segmenter):
    assert texts(head, width, metrics, segmenter=segmenter) == ISSUE[head]


@pytest.mark.parametrize("head", list(ISSUE))
def test_issue_subheads_need_no_dictionary(metrics, head):
    result = D.set_display(head, 15, metrics)
    assert not result.segmented and result.breaks == ["comma"] and result.ok


@pytest.mark.parametrize("head, width, expected", GOLDEN)
def test_golden(metrics, head, width, expected):
    assert texts(head, width, metrics) == expected


@pytest.fixture(scope="module")
def results(metrics):
    return {(h, w): D.set_display(h, w, metrics) for h, w in CASES}


def test_text_is_kept_and_prohibitions_hold(results):
    for (head, width), result in results.items():
        assert squeeze("".join(result.texts)) == squeeze(head)
        for line in result.texts[1:]:
            assert line[0] not in L.NO_LINE_START, (head, width, result.texts)
        for line in result.texts[:-1]:
            assert line[-1] not in L.NO_LINE_END, (head, width, result.texts)


def test_every_line_fits_and_a_head_that_fits_stays_whole(results, metrics):
    for (head, width), result in results.items():
        assert not result.overfull, (head, width)
        for line in result.lines:  # measured again, independently of the breaker's sums
            *inner, last = line.tokens
            # (a halved line-end mark still advances a full em: it must stay inside)
            natural = sum(metrics.shape(t.face, t.text)[0] - 0.5 * t.halved for t in inner) \
                + metrics.shape(last.face, last.text)[0]
            assert natural + sum(line.gaps) <= width + 1e-6, (head, width, line.text)
        whole = D.set_display(head, 1000, metrics)
        extent = whole.widths[0] + 0.5 * whole.lines[0].halve_end
        assert (len(result.lines) == 1) == (extent <= width + 1e-6), (head, width)


def layouts(metrics, head, width, max_lines):
    """Every layout of `head` whose lines all fit: (breaks, tokens, bounds)."""
    tokens = D.display_tokens(head, metrics, "hei")
    positions = [p for p in range(1, len(tokens)) if L.can_break(tokens, p)]
    sums = D._Sums(tokens, D.HEAD)
    for k in range(max_lines):
        for combo in itertools.combinations(positions, k):
            bounds = list(zip([0, *combo], [*combo, len(tokens)]))
            if all(sums.line(s, e)[0] <= width + 1e-6 for s, e in bounds):
                yield combo, tokens, bounds


def bad_breaks(tokens, combo):
    """Breaks inside a dictionary word, a short quotation or a number with its unit."""
    offsets = [sum(len(t.text) for t in tokens[:i]) for i in range(len(tokens))]
    cuts = W.word_cuts(W.segmenter()("".join(t.text for t in tokens)))
    kinds = B.classify(tokens, list(combo), offsets, cuts)
    return [kinds[p] for p in combo if B.kind_cost(kinds[p]) >= B.BAD]


def test_no_short_last_line_where_a_layout_avoids_it(results, metrics):
    for (head, width), result in results.items():
        if len(result.lines) < 2 or L.line_chars(result.lines[-1].tokens) >= 3:
            continue
        for combo, tokens, bounds in layouts(metrics, head, width, len(result.lines) + 1):
            s, e = bounds[-1]
            assert len(bounds) == 1 or D._Sums(tokens, D.HEAD).line(s, e)[1] < 3, \
                f"{head} at {width} em: {result.texts}, though a longer last line exists"


def test_no_word_quote_or_number_split_where_a_layout_avoids_it(results, metrics):
    for (head, width), result in results.items():
        tokens = D.display_tokens(head, metrics, "hei")
        starts = {sum(len(t.text) for t in tokens[:i]): i for i in range(len(tokens))}
        at, combo = 0, []
        for line in result.lines[:-1]:
            at += len(line.text)
            while tokens[starts[at]].kind == "space":
                at += 1
            combo.append(starts[at])
        bad = bad_breaks(tokens, combo)
        if bad:
            for other, other_tokens, _ in layouts(metrics, head, width, len(result.lines) + 1):
                assert bad_breaks(other_tokens, other), \
                    f"{head} at {width} em splits {bad}: {result.texts}; {other} would not"


def test_lines_are_balanced(results):
    for (head, width), result in results.items():
        if len(result.lines) > 1:
            assert min(result.widths) >= 0.4 * max(result.widths), (head, width, result.texts)


def test_auto_gives_what_full_segmentation_gives(results, metrics):
    for (head, width), result in results.items():
        assert result.texts == texts(head, width, metrics, segmenter=W.segmenter()), (head, width)


def test_the_programme_finds_the_cheapest_layout(metrics):
    """Against brute force over every layout of up to 4 lines, same cost function."""
    for head, width in CASES[::3]:
        tokens = D.display_tokens(head, metrics, "hei")
        positions = [p for p in range(1, len(tokens)) if L.can_break(tokens, p)]
        offsets = [sum(len(t.text) for t in tokens[:i]) for i in range(len(tokens))]
        cuts = W.word_cuts(W.segmenter()("".join(t.text for t in tokens)))
        kinds = B.classify(tokens, positions, offsets, cuts)
        bounds = D._solve(tokens, positions, kinds, width, D.HEAD)
        cost = D.layout_cost(tokens, bounds, kinds, width, D.HEAD)
        brute = min(D.layout_cost(tokens, list(zip([0, *c], [*c, len(tokens)])), kinds, width,
                                  D.HEAD)
                    for k in range(4) for c in itertools.combinations(positions, k))
        assert cost <= brute + 1e-6, (head, width)


@pytest.mark.parametrize("width", range(9, 16))
def test_numbers_stay_with_their_units(metrics, width):
    for head, whole in [("小微企业首贷户数同比增长2.6倍", "2.6倍"),
                        ("2026年7月1日，萧山分行开展主题党日活动", "2026年7月1日"),
                        ("庆祝中国共产党成立105周年", "105周年"),
                        ("学习贯彻党的二十届四中全会精神", "二十届")]:
        lines = texts(head, width, metrics)
        assert any(whole in line for line in lines), (head, width, lines)


@pytest.mark.parametrize("width", range(7, 16))
def test_short_quotations_stay_whole(metrics, width):
    for head in ["线上服务不打烊，“云端”办理更便捷", "乡村振兴路上的“金融活水”",
                 "岢岚县“小杂粮”走出大山", "《衙前农民协会宣言》百年后再读"]:
        for quote in re.findall(r"“[^”]*”|《[^》]*》", head):
            if len(quote) + 1 <= width:
                lines = texts(head, width, metrics)
                assert any(quote in line for line in lines), (head, width, lines)


def test_the_dictionary_keeps_words_whole_that_the_rules_alone_split(metrics):
    head = "金融活水精准滴灌小微企业和个体工商户"
    assert texts(head, 15, metrics, segmenter=None) == ["金融活水精准滴灌小", "微企业和个体工商户"]
    assert texts(head, 15, metrics) == ["金融活水精准滴灌", "小微企业和个体工商户"]


def test_the_dictionary_is_imported_only_when_a_head_needs_it():
    code = (
        "import sys\n"
        "from pressroom.project.fonts import load_fonts\n"
        "from pressroom.typeset import display as D, lines as L\n"
        f"f = load_fonts(__import__('pathlib').Path({str(ROOT / 'fonts')!r}), verify=False)\n"
        "m = L.Metrics(f.paths(), f.fallbacks())\n"
        "for h in ['党建引领，搭建廉洁共建“连心桥”', '红色薪火映初心 金融报国担使命']:\n"
        "    D.set_display(h, 15, m)\n"
        "print('rjieba' in sys.modules)\n"
        "D.set_display('金融活水精准滴灌小微企业和个体工商户', 15, m)\n"
        "print('rjieba' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]


@pytest.mark.parametrize("width", [8, 10, 12, 15])
def test_bylines_break_between_names_and_keep_roles_with_them(metrics, width):
    for byline in BYLINES:
        result = D.set_display(byline, width, metrics, "kai", D.BYLINE)
        for line in result.texts:
            assert set(line.split()) <= set(byline.split()), (byline, width, result.texts)
        for line in result.texts[:-1]:
            assert not line.split()[-1].endswith(B.ROLES), (byline, width, result.texts)


def test_edge_cases(metrics):
    assert texts("", 10, metrics) == [] and texts("好", 10, metrics) == ["好"]
    overfull = D.set_display("ICBCWEALTHMANAGEMENT", 5, metrics)
    assert overfull.overfull and not overfull.ok
    latin = metrics.shape("hei", "ABCDEFGHIJKLMN")[0]
    short = D.set_display("ABCDEFGHIJKLMN好", latin + 0.5, metrics)
    assert short.texts == ["ABCDEFGHIJKLMN", "好"] and short.short_last  # unavoidable


@settings(max_examples=100, deadline=None)
@given(text=st.lists(st.sampled_from(list("甲乙丙丁戊己庚辛壬癸好的") + list("，。、；：！？“”《》（）·")
                                     + ["——", "……", "2.6", "APP", " ", "亿元", "105"]),
                     min_size=1, max_size=30).map(lambda s: "".join(s).strip() or "甲"),
       width=st.integers(3, 20))
def test_any_text_breaks_legally(metrics, text, width):
    result = D.set_display(text, width, metrics, segmenter=None)
    assert squeeze("".join(result.texts)) == squeeze(text)
    for line in result.texts:  # —— and …… whole: every run of them has an even length
        assert all(len(run) % 2 == 0 for run in re.findall("—+|…+", line)), result.texts
    if not result.overfull:
        assert all(w <= width + 1e-6 for w in result.widths)


def test_fit_keeps_the_size_when_the_head_breaks_well_and_shrinks_it_otherwise(metrics):
    size, result = D.fit_display("红色薪火映初心 金融报国担使命", 498.9, 30, metrics,
                                 max_break=B.SENSE)
    assert size == 30 and len(result.lines) == 1
    # A5 text width at 30 pt: the title may break only where the sense does (the colon).
    size, result = D.fit_display("从衙前到岢岚：一家国有大行的红色金融足迹", 323.1, 30, metrics,
                                 max_break=B.SENSE)
    assert size < 30 and result.ok and result.texts[0] == "从衙前到岢岚："


def test_html_is_one_span_per_line_with_the_line_end_mark_halved(metrics):
    result = D.set_display("党建引领，搭建廉洁共建“连心桥”", 15, metrics)
    html = display_html(result.lines, "hei")
    assert html.count("<br>") == 1 and html.count('class="ln"') == 2
    assert '<span class="h">，</span></span><br>' in html
    dash = display_html(D.set_display("——记工行岢岚支行", 20, metrics, "hei").lines, "hei")
    assert '<span class="dash">' in dash  # drawn as one rule


def test_spaced_lines_space_han_characters_only():
    html = spaced_html("庆祝中国共产党成立105周年")
    assert '<span class="nl">10</span>5周' in html  # 105 spaced as one unit
    assert html.endswith('<span class="nl">年</span>')  # no spacing after the last
    assert "\u3000" in spaced_html("红色薪火 金融为民")
    assert spread_html("书名", 4) == '<span style="letter-spacing:2.0em">书</span>名'
    assert spread_html("文章来源", 4) == "文章来源"
