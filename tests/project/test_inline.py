"""Inline text: **…** is bold, every other character prints as written, and Markdown the
format does not have is named at its line with what to write instead (one test per row)."""

from __future__ import annotations

import re

import pytest

from pressroom.exceptions import PressroomError
from pressroom.project.inline import MARKUP, join_lines
from pressroom.project.manuscript import read_article

from minis import FRONT_MATTER

HEADER = FRONT_MATTER + "第一段。\n\n"
FIRST = HEADER.count("\n") + 1  # the line the body under test starts on


def load(tmp_path, body: str, header: str = HEADER):
    """(article or None, every problem: errors and warnings)."""
    folder = tmp_path / "demo"
    folder.mkdir(exist_ok=True)
    path = folder / "article.md"
    path.write_text(header + body + "\n", encoding="utf-8")
    try:
        article = read_article(path)
    except PressroomError as exc:
        return None, exc.problems
    return article, article.warnings


@pytest.mark.parametrize("markup", MARKUP, ids=[f"{m.rule}-{i}" for i, m in enumerate(MARKUP)])
def test_each_markdown_construct_is_named_at_its_line_and_its_fix_is_clean(markup, tmp_path):
    article, found = load(tmp_path, markup.has)
    ours = [p for p in found if p.rule == markup.rule]
    assert ours, found
    offending = next(k for k, line in enumerate(markup.has.split("\n"))
                     if re.search(markup.pattern, line) and (markup.where == "any" or k))
    assert ours[0].line == FIRST + offending
    assert ours[0].hint and ours[0].severity == markup.severity
    assert (article is None) == (markup.severity == "error")
    article, found = load(tmp_path, markup.lacks)
    assert article is not None and found == []


# As written → as printed: nothing dropped, nothing changed but the ** of bold.
SURVIVES = [
    ("1.第一条。", "1.第一条。"),
    ("1. 第一条。", "1. 第一条。"),
    ("1）第一条。", "1）第一条。"),
    ("（1）第一条。", "（1）第一条。"),
    ("一、总则。", "一、总则。"),
    ("①提高站位。", "①提高站位。"),
    ("12. 附则。", "12. 附则。"),
    ("贷款余额\n1.25亿元。", "贷款余额1.25亿元。"),  # a number at a line start is no item
    ("占比\n100%。", "占比100%。"),
    ("*ST康美和*ST海马。", "*ST康美和*ST海马。"),  # a stock name: a warning, printed
    ("算式{{ 7*7 }}与{% if %}照印。", "算式{{ 7*7 }}与{% if %}照印。"),
    ("变量a_b_c照印。", "变量a_b_c照印。"),
    ("A & B 公司与#话题#、a|b、~约~、[1]。", "A & B 公司与#话题#、a|b、~约~、[1]。"),
    ("价格\\*优惠。", "价格\\*优惠。"),
    ("-5℃的低温。", "-5℃的低温。"),
    ("**助企纾困不断档。**工行重庆市分行。", "助企纾困不断档。工行重庆市分行。"),
    # beside **, what Markdown would read as markup still prints as written
    ("1. **第一条**，内容。", "1. 第一条，内容。"),
    ("**价格\\*优惠**与*ST康美、a_b_c、A & B。", "价格\\*优惠与*ST康美、a_b_c、A & B。"),
    ("**甲**<乙>丙，x < 5。", "甲<乙>丙，x < 5。"),
]


@pytest.mark.parametrize("written, printed", SURVIVES, ids=[s[0] for s in SURVIVES])
def test_text_prints_as_written(written, printed, tmp_path):
    article, found = load(tmp_path, written)
    assert article is not None, found
    assert article.blocks[-1].text == printed
    assert article.text().count("*") == printed.count("*")


def test_numbered_items_each_a_paragraph_keep_their_numbers(tmp_path):
    article, found = load(tmp_path, "1.坚持党建引领。\n\n2.服务实体经济。\n\n3.防控金融风险。")
    assert found == []
    assert [b.text for b in article.blocks[1:]] == ["1.坚持党建引领。", "2.服务实体经济。",
                                                    "3.防控金融风险。"]


@pytest.mark.parametrize("body, strong", [
    ("**助企纾困不断档。**工行重庆市分行。", ["助企纾困不断档。"]),
    ("**“战斗堡垒”持续壮大。**工行。", ["“战斗堡垒”持续壮大。"]),
    ("工行**重点**支持，**两处**加粗。", ["重点", "两处"]),
    ("**助企纾困\n不断档。**工行。", ["助企纾困不断档。"]),  # bold over a wrapped line
])
def test_bold_spans(body, strong, tmp_path):
    article, found = load(tmp_path, body)
    assert found == []
    assert [s.text for s in article.blocks[-1].spans if s.strong] == strong
    assert article.blocks[-1].runin == body.startswith("**")


@pytest.mark.parametrize("body, line", [("**助企纾困不断档。工行。", 0),
                                        ("工行\n**重点支持。", 1),
                                        ("**一**二**三。", 0)])
def test_an_unclosed_bold_is_refused_at_its_line(body, line, tmp_path):
    article, found = load(tmp_path, body)
    assert article is None
    [problem] = found
    assert (problem.rule, problem.line) == ("unclosed-bold", FIRST + line)


def test_the_lead_is_read_by_the_same_rules_at_its_own_lines(tmp_path):
    header = HEADER.replace("date: 2024-05\n",
                            "date: 2024-05\nlead: |\n  导语第一段。\n\n  - 导语列表\n")
    article, found = load(tmp_path, "正文。", header)
    [problem] = found
    assert (problem.rule, problem.line) == ("bullet-list", 8)
    header = header.replace("- 导语列表", "*导语*第二段。")
    article, found = load(tmp_path, "正文。", header)
    assert [p.rule for p in found] == ["emphasis"] and found[0].line == 8
    assert [p.text for p in article.lead] == ["导语第一段。", "*导语*第二段。"]


def test_every_problem_of_a_manuscript_is_reported_together(tmp_path):
    header = HEADER.replace("date: 2024-05", "date: 2024-13")
    article, found = load(tmp_path, "- 列表项一\n\n`代码`。\n\n*强调*。\n\n[官网]: https://a.cn",
                          header)
    assert article is None
    assert [(p.rule, p.line) for p in found] == [
        ("bad-date", 4), ("bullet-list", FIRST), ("code", FIRST + 2),
        ("emphasis", FIRST + 4), ("link", FIRST + 6)]


def test_wrapped_lines_join_without_spaces_between_han():
    assert join_lines(["浙科e", "贷与", "PPP", "project 好"]) == "浙科e贷与PPP project 好"


def test_warnings_reach_the_project_and_so_build_and_check(tmp_path):
    from minis import copy_project
    from pressroom.project.load import load_project
    root = copy_project(tmp_path / "project")
    path = next((root / "manuscripts").glob("*/article.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n这是*强调*的话。\n", encoding="utf-8")
    warnings = [w for w in load_project(root).warnings if w.rule == "emphasis"]
    assert len(warnings) == 1 and warnings[0].path == path
