"""Colons YAML misreads, said in an editor's words with the fix, in front matter and in
booklet.yml alike: a value holding ': ', a key glued to its value."""

from __future__ import annotations

import pytest

from pressroom.exceptions import PressroomError
from pressroom.project.config import load_booklet
from pressroom.project.manuscript import read_article

from minis import FRONT_MATTER

HEADER = FRONT_MATTER + "正文。\n"


def front_matter_problem(tmp_path, line, after="date: 2024-05"):
    """The one problem of a manuscript with `line` added after `after`."""
    folder = tmp_path / "demo"
    folder.mkdir()
    path = folder / "article.md"
    path.write_text(HEADER.replace(after + "\n", f"{after}\n{line}\n"), encoding="utf-8")
    with pytest.raises(PressroomError) as info:
        read_article(path)
    [problem] = info.value.problems
    return problem


def booklet_problem(project, old, new):
    path = project / "manuscripts" / "booklet.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PressroomError) as info:
        load_booklet(project)
    [problem] = info.value.problems
    return problem


@pytest.mark.parametrize("line, key, quoted", [
    ("subtitle: 记者: 一年来的变化", "subtitle", 'subtitle: "记者: 一年来的变化"'),
    ("kicker: 时间: 2025年: 地点: 重庆", "kicker", 'kicker: "时间: 2025年: 地点: 重庆"'),
    ("byline: 本报记者: 张三", "byline", 'byline: "本报记者: 张三"'),
    ('editor: 他说"好": 是', "editor", "editor: '他说\"好\": 是'"),
])
def test_a_value_holding_a_colon_and_space_says_to_quote_it(tmp_path, line, key, quoted):
    problem = front_matter_problem(tmp_path, line)
    assert problem.line == 5 and problem.source_line == line
    assert f"the value of '{key}' contains ': ' (a colon and a space)" in problem.message
    assert f"put the whole value in quotes ({quoted})" in problem.hint
    assert "full-width colon ：" in problem.hint


def test_a_value_holding_a_colon_on_the_first_line_is_found_there(tmp_path):
    problem = front_matter_problem(tmp_path, "subtitle: 记者: 一年", after="---")
    assert problem.line == 2 and "the value of 'subtitle'" in problem.message


def test_a_long_value_is_shortened_in_the_hint(tmp_path):
    line = "subtitle: 本报讯 记者: 张三 通讯员: 李四 报道一年来巴渝大地的变化与发展"
    problem = front_matter_problem(tmp_path, line)
    assert 'subtitle: "本报讯 记者: 张三 通讯员: 李四 报…"' in problem.hint


def test_a_continued_value_holding_a_colon_names_its_key(tmp_path):
    problem = front_matter_problem(tmp_path, "lead: 第一句话\n  记者: 一年来")
    assert problem.line == 6 and "the value of 'lead' contains ': '" in problem.message


@pytest.mark.parametrize("line, after, fixed", [
    ("subtitle:一年来的变化", "date: 2024-05", "subtitle: 一年来的变化"),  # in the middle
    ("author:余冬晖", "corrections: corrections.yml", "author: 余冬晖"),  # the last key
    ("kicker:庆祝建党105周年", "---", "kicker: 庆祝建党105周年"),  # the first key
    ("page:第5版", "title: 标题", "page: 第5版"),
])
def test_a_key_glued_to_its_value_says_to_put_a_space(tmp_path, line, after, fixed):
    problem = front_matter_problem(tmp_path, line, after)
    assert problem.source_line == line or problem.source_line is None
    key = line.partition(":")[0]
    assert problem.message.endswith(f"no space after the colon of '{key}'")
    assert problem.hint == f"put a space after the colon: '{fixed}'"
    assert problem.line == HEADER.split("\n").index(after) + 2


def test_a_glued_key_whose_value_holds_a_colon_says_both(tmp_path):
    problem = front_matter_problem(tmp_path, "subtitle:记者: 一年来")
    assert problem.message == "no space after the colon of 'subtitle'" and problem.line == 5
    assert "put a space after the colon, and the value in quotes" in problem.hint
    assert "'subtitle: \"记者: 一年来\"'" in problem.hint


@pytest.mark.parametrize("old, new, line, words, hint", [
    ("subtitle: 中国", "subtitle: 报道选编: 中国", 3, "the value of 'subtitle' contains ': '",
     'subtitle: "报道选编: 中国'),
    ("compiler: 《", "compiler:《", 4, "no space after the colon of 'compiler'",
     "put a space after the colon: 'compiler: 《"),
    ("body_size: 10", "body_size:10", 19, "no space after the colon of 'body_size'",
     "put a space after the colon: 'body_size: 10'"),
    ("版次: 2026年11月第1版", "版次:2026年11月第1版", 14, "no space after the colon of '版次'",
     "put a space after the colon: '版次: 2026年11月第1版'"),
    ("印数: 内部资料，非卖品", "印数: 内部资料: 非卖品", 15, "the value of '印数' contains ': '",
     "印数: 内部资料：非卖品"),
])
def test_booklet_yml_colons_are_said_the_same_way(project, old, new, line, words, hint):
    problem = booklet_problem(project, old, new)
    assert problem.line == line and words in problem.message and hint in problem.hint
