"""Lint: every rule fires on a bad example and stays silent on a good one; the booklet is clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pressroom.cli import main
from pressroom.exceptions import Problem
from pressroom.checks.lint import lint_files, lint_line, lint_project

ROOT = Path(__file__).resolve().parents[2]
FRONT = """---
slug: x
title: {title}
date: 2024
byline: □通讯员 于萌 李媛
source: source/a.txt
corrections: corrections.yml
---
"""


def write(tmp_path: Path, body: str, title: str = "标题") -> Path:
    path = tmp_path / "x" / "article.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(FRONT.format(title=title) + "\n" + body + "\n", encoding="utf-8")
    return path


def rules(tmp_path: Path, body: str, **front) -> list[str]:
    return [f.rule for f in lint_files([write(tmp_path, body, **front)])]


# rule, text that breaks it, text that keeps it
CASES = [
    ("half-width-punct", "今天,我们出发。", "今天，我们出发。"),
    ("half-width-punct", "他说:“走(快)!”", "他说：“走（快）！”"),
    ("half-width-punct", "见ERP(企业资源计划)系统。",
     "数字1,000、时间10:30、网址http://a.cn/?x=1,2与邮箱a@b.cn，都照旧。"),
    ("half-width-punct", "主播说,“大家好!”", "主播说：“Hello, everyone!”"),
    ("space-between-han", "今天 我们出发。", "今天我们出发。"),
    ("space-between-han", "今天　我们出发。", "开展“鉴史崇廉守初心　联学共建树新风”活动。"),
    ("space-han-latin", "这是 2024年的事。", "这是2024年的事，用5G网络。"),
    ("unbalanced-pair", "他说“好。", "《书名》（注）“引‘内’文”。"),
    ("unbalanced-pair", "好）。", "“第一段。\n\n“第二段接着引。”"),
    ("single-dash", "他—我们。", "他——我们。"),
    ("single-ellipsis", "等等…", "等等……"),
    ("single-ellipsis", "等等...", "等等……"),
    ("full-width-alnum", "型号ＡＢ１２。", "型号AB12。"),
    ("doubled-punct", "好，，走。", "好，走。"),
    ("doubled-punct", "完了。。", "真的吗？！"),
    ("paragraph-end", "这一段没有标点", "这一段有标点。"),
    ("paragraph-end", "他说“好”", "他说：“好。”"),
]


@pytest.mark.parametrize("rule, bad, good", CASES, ids=[f"{c[0]}-{i}" for i, c in
                                                          enumerate(CASES)])
def test_rule_fires_on_bad_text_and_not_on_good(rule, bad, good, tmp_path):
    assert rule in rules(tmp_path, bad)
    assert rules(tmp_path, good) == []


def test_headings_captions_bylines_and_credits_need_no_end_punctuation(tmp_path):
    body = ("## 一颗火种的百年传承 当红色薪火遇见科技金融\nlabel: 溯源·红色根脉\n"
            "byline: □通讯员 于萌 李媛\n\n### 党建引领 搭建连心桥\n\n"
            '![衙前信用合作社旧址]( "汪长征 摄/视觉重庆")\n\n正文。')
    assert rules(tmp_path, body, title="红色薪火映初心 金融报国担使命") == []


def test_a_two_part_heading_may_part_its_halves_next_to_quotes(tmp_path):
    assert rules(tmp_path, "正文。", title="春耕正当时 金融送“春风”") == []
    assert rules(tmp_path, "正文。", title="深化“千万工程” 建设和美乡村") == []
    assert "space-between-han" in rules(tmp_path, "正文里“千万工程” 建设。")


def test_findings_are_located_to_the_character(tmp_path):
    path = write(tmp_path, "第一段。\n\n第二段里,有半角逗号。")
    [finding] = lint_files([path])
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "," in text)
    assert (finding.line, finding.column) == (line, lines[line - 1].index(",") + 1)
    assert lint_line(finding) == (f"{finding.path}:{line}:{finding.column}: half-width-punct: "
                                "half-width ',' in Chinese text; use '，'")


def test_front_matter_values_are_linted_where_they_stand(tmp_path):
    path = write(tmp_path, "正文。", title="标题,有逗号")
    [finding] = lint_files([path])
    assert finding.rule == "half-width-punct" and (finding.line, finding.column) == (3, 10)


def test_findings_are_problems_with_rule_and_severity_for_check(tmp_path):
    findings = lint_files([write(tmp_path, "今天,我们出发…")])
    assert all(isinstance(f, Problem) and f.rule and f.severity in ("error", "warning")
               for f in findings)
    assert {f.rule: f.severity for f in findings} == {"half-width-punct": "error",
                                                      "single-ellipsis": "warning"}


def test_the_booklets_manuscripts_are_clean(capsys):
    assert lint_project(ROOT) == []
    assert main(["lint", "-C", str(ROOT)]) == 0
    assert capsys.readouterr().out == "lint: clean: 2 manuscripts checked\n"


def test_a_clean_run_says_so_in_one_line_unless_quiet(tmp_path, capsys):
    """Without a line an editor cannot tell a clean run from one that did nothing."""
    path = write(tmp_path, "今天我们出发。")
    assert main(["lint", str(path)]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("lint: clean: 1 manuscript checked\n", "")
    assert main(["lint", "-q", str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["lint", str(write(tmp_path, "今天,我们出发。"))]) == 1
    assert "lint: clean" not in capsys.readouterr().out


def test_command_prints_file_line_col_rule_message_and_fails(tmp_path, capsys):
    path = write(tmp_path, "今天,我们 出发")
    assert main(["lint", str(path)]) == 1
    out = capsys.readouterr().out.strip().split("\n")
    assert len(out) == 3
    for line in out:
        assert re.match(r"^.+article\.md:\d+:\d+: [a-z-]+: .+$", line), line
    assert main(["lint", str(write(tmp_path, "今天我们出发。"))]) == 0


@pytest.mark.parametrize("good", ["本报讯（记者　王晓燕　通讯员　李明）走进车间，机器正忙。",
                                  "本报4月16日电（记者　朱晨阳）今天上午，新设备投产。",
                                  "本报5月8日电　今天，项目获得贷款。",
                                  "新华社杭州3月5日电（记者　张三　李四）记者从会上获悉此事。"])
def test_a_paragraph_opening_dateline_may_set_names_apart_by_u3000(good, tmp_path):
    assert rules(tmp_path, good) == []


@pytest.mark.parametrize("bad", ["他说（记者　王晓燕）走进车间。",  # not at the opening
                                 "本报讯（记者　王晓燕）走进　车间。",  # past the dateline
                                 "本报讯（记者 王晓燕）走进车间。"])  # an ASCII space
def test_u3000_outside_an_opening_dateline_is_still_a_space_between_han(bad, tmp_path):
    assert "space-between-han" in rules(tmp_path, bad)


@pytest.mark.parametrize("title", ["红色薪火映初心 金融报国担使命",
                                   "“茶贷”润茶乡 金融助振兴",
                                   "小商品做成大产业 “工行速度”添活力",
                                   "《规划》落地见效 金融先行一步"])
def test_a_title_may_part_its_halves_by_one_space_at_han_or_quotes(title, tmp_path):
    assert rules(tmp_path, "正文。", title=title) == []


@pytest.mark.parametrize("title", ["金融， 先行", "工行  重庆分行", "金融 ，先行"])
def test_a_title_space_beside_a_comma_or_doubled_is_still_flagged(title, tmp_path):
    assert "space-between-han" in rules(tmp_path, "正文。", title=title)


def test_a_space_before_a_quote_in_running_text_is_still_flagged(tmp_path):
    assert "space-between-han" in rules(tmp_path, "他说 “好。”")


@pytest.mark.parametrize("good", ["（作者单位：中国工商银行安溪支行）",
                                  "（本文作者系工行桐庐支行行长）",
                                  "项目于上月全部完工。（完）",
                                  "他说：“我们还会再来。”（记者手记）"])
def test_a_paragraph_may_close_with_or_be_a_note_in_brackets(good, tmp_path):
    assert rules(tmp_path, good) == []


@pytest.mark.parametrize("bad", ["贷款余额增长16.4%（同比）",
                                 "支行为她办理了贷款（详见下文",
                                 "发放贷"])
def test_text_before_a_closing_note_still_needs_its_stop(bad, tmp_path):
    assert "paragraph-end" in rules(tmp_path, bad)


# -- quotations over several paragraphs (GB/T 15834): each opens “, only the last closes ----

QUOTATIONS = [
    "“我们始终坚持党建引领，把服务实体经济作为根本宗旨。\n\n"
    "“今后，我们还将继续加大对小微企业的支持力度。”",
    "他在会上说：“过去一年，全行上下攻坚克难，各项业务稳步增长。\n\n"
    "“新的一年，我们要坚持稳中求进。\n\n“让我们携手并进，共创佳绩！”",
    "老党员回忆道：“那时候，信用社就设在祠堂里。\n\n“乡亲们排着队来存钱，谁也不肯落下……”",
    "行长反问：“我们为什么要下沉到村里？\n\n“因为农户最需要金融服务，难道不是吗？”",
    "他说：“这是我们对‘四个第一’的回答。\n\n“项目于上月全部完工。”（完）",
]


@pytest.mark.parametrize("body", QUOTATIONS, ids=range(len(QUOTATIONS)))
def test_a_quotation_over_several_paragraphs_is_balanced(body, tmp_path):
    assert rules(tmp_path, body) == []


# The paragraph after an unclosed “ opens with “ all the same, but not a continued quotation.
NOT_CONTINUED = [
    ("**“战斗堡垒”持续壮大。**工行重庆市分行党委统筹推动模范机关创建。", "run-in head"),
    ("“工行印记”愈发鲜明，服务更加便捷。", "quoted term"),
    ("“e抵快贷”产品上线后，贷款审批更快了。", "quoted product name"),
    ("“一带一路”倡议为企业带来了新的机遇。", "quoted name of a policy"),
    ("“太感谢了，有了你们的支持！”近日，某建材经销商负责人说。", "quoted sentence, then more"),
    ("“‘三农’服务”全面升级。", "nested quoted term"),
]


@pytest.mark.parametrize("following, kind", NOT_CONTINUED, ids=[c[1] for c in NOT_CONTINUED])
def test_an_unclosed_quote_before_a_quoted_term_or_run_in_head_is_flagged(following, kind,
                                                                         tmp_path):
    path = write(tmp_path, "“坚持党建引领，是我们能经受考验的根本所在。在负责人看来，"
                           "这是根和魂。\n\n" + following)
    found = [f for f in lint_files([path]) if f.rule == "unbalanced-pair"]
    assert len(found) == 1 and found[0].line == 10 and found[0].column == 1, found
    assert "not a continued one" in found[0].message


def test_a_quotation_whose_middle_paragraph_is_followed_by_a_term_is_flagged_there(tmp_path):
    path = write(tmp_path, "他说：“第一段。\n\n“第二段。\n\n“工行印记”愈发鲜明。")
    assert [(f.rule, f.line) for f in lint_files([path])] == [("unbalanced-pair", 12)]


def test_the_reported_missing_close_in_the_booklet_is_found(project):
    path = project / "manuscripts" / "bashan-yushui" / "article.md"
    text = path.read_text(encoding="utf-8")
    assert text.count("根本所在。”") == 1
    path.write_text(text.replace("根本所在。”", "根本所在。"), encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "根本所在。”" in t)
    assert [(f.rule, f.line, f.column) for f in lint_project(project)] == [
        ("unbalanced-pair", line, 1)]
    assert main(["lint", "-C", str(project)]) == 1


# -- a file that is not there --------------------------------------------------------------

def test_a_missing_file_is_named_without_line_or_column_and_with_the_fix(tmp_path, capsys):
    real = write(tmp_path, "正文。")
    missing = real.parent.parent / "y" / "article.md"
    assert main(["lint", str(missing)]) == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"{missing}: file-missing: file not found; give the path of a "
                          "manuscript, such as manuscripts/<slug>/article.md")
    assert "None" not in out and ":0:" not in out
    typo = real.parent.parent / "xx" / "article.md"
    [finding] = lint_files([typo])
    assert lint_line(finding) == f"{typo}: file-missing: file not found; did you mean {real}?"
