"""Reading manuscripts: the real ones parse into the expected structure; bad ones fail
with file:line messages."""

from __future__ import annotations

import pytest

from pressroom.exceptions import PressroomError
from pressroom.project.manuscript import Figure, Paragraph, Subhead, read_article

from conftest import ROOT
from minis import FRONT_MATTER

HEADER = FRONT_MATTER


def write(tmp_path, text, encoding="utf-8"):
    folder = tmp_path / "demo"
    folder.mkdir(exist_ok=True)
    path = folder / "article.md"
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def problems(path):
    with pytest.raises(PressroomError) as info:
        read_article(path)
    return info.value.problems


def test_special_page_has_three_stories_with_labels_and_bylines():
    article = read_article(ROOT / "manuscripts/hongse-xinhuo/article.md")
    assert [s.label.split("·")[0] for s in article.stories] == ["溯源", "践行", "守正"]
    assert all(s.byline.startswith("□通讯员") for s in article.stories)
    assert len([b for b in article.blocks if isinstance(b, Subhead)]) == 3
    assert article.date_text == "2026年7月"
    assert article.lead and article.lead[0].text.startswith("2026年7月1日")


def test_feature_has_run_in_heads_figures_and_author():
    article = read_article(ROOT / "manuscripts/bashan-yushui/article.md")
    heads = [b.spans[0].text for b in article.blocks if isinstance(b, Paragraph) and b.runin]
    assert "助企纾困不断档。" in heads and len(heads) == 7
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert figures[0].credit == "汪长征 摄/视觉重庆" and figures[0].caption == ""
    assert all(f.caption for f in figures[1:])
    assert article.author == "余冬晖"
    assert len(article.lead) == 2


def test_unknown_key_is_located_with_a_suggestion(tmp_path):
    path = write(tmp_path, HEADER.replace("date:", "auther: 某\ndate:") + "正文。\n")
    [problem] = problems(path)
    assert problem.line == 4 and "auther" in problem.message and "author" in problem.hint


def test_every_front_matter_problem_is_reported_at_once(tmp_path):
    text = HEADER.replace("title: 标题\n", "").replace("date: 2024-05", "date: 24/5")
    messages = " | ".join(p.message for p in problems(write(tmp_path, text + "正文。\n")))
    assert "missing required front-matter key 'title'" in messages
    assert "date '24/5'" in messages


def test_invalid_yaml_points_at_its_line(tmp_path):
    path = write(tmp_path, HEADER.replace("title: 标题", "title: [标题") + "正文。\n")
    [problem] = problems(path)
    assert "invalid YAML" in problem.message and problem.line in (3, 4)


def test_full_width_colon_after_a_key_is_named_on_its_own_line(tmp_path):
    path = write(tmp_path, HEADER.replace("date: 2024-05\n", "date: 2024-05\neditor：陈静\n") +
                 "正文。\n")
    [problem] = problems(path)
    assert problem.line == 5 and problem.source_line == "editor：陈静"
    assert "full-width colon '：' after 'editor'" in problem.message
    assert "editor: 陈静" in problem.hint


def test_unindented_lead_paragraph_is_reported_where_it_stands(tmp_path):
    text = HEADER.replace("date: 2024-05\n", "lead: |\n  第一段。\n第二段没有缩进。\ndate: 2024-05\n")
    [problem] = problems(write(tmp_path, text + "正文。\n"))
    assert problem.line == 6 and problem.source_line == "第二段没有缩进。"
    assert "indented" in problem.message


def test_unclosed_front_matter(tmp_path):
    [problem] = problems(write(tmp_path, "---\nslug: demo\n正文。\n"))
    assert "not closed" in problem.message


def test_empty_manuscript(tmp_path):
    [problem] = problems(write(tmp_path, "\n\n"))
    assert "empty" in problem.message


def test_gb18030_is_refused_with_the_conversion_to_make(tmp_path):
    path = write(tmp_path, HEADER + "中文正文。\n", encoding="gb18030")
    [problem] = problems(path)
    assert "not valid UTF-8" in problem.message and "GB18030" in problem.hint
    assert problem.line == 3  # the first non-ASCII byte is in the title


def test_bom_and_crlf_are_accepted(tmp_path):
    text = ("\ufeff" + HEADER + "第一段。\n\n第二段。\n").replace("\n", "\r\n")
    article = read_article(write(tmp_path, text))
    assert [b.text for b in article.blocks] == ["第一段。", "第二段。"]


def test_raw_html_is_refused(tmp_path):
    [problem] = problems(write(tmp_path, HEADER + "正文<script>x</script>。\n"))
    assert "HTML" in problem.message and problem.line == 9


def test_template_syntax_in_text_is_plain_text(tmp_path):
    article = read_article(write(tmp_path, HEADER + "算式{{ 7*7 }}与{% if %}照印。\n"))
    assert article.blocks[0].text == "算式{{ 7*7 }}与{% if %}照印。"


def test_story_fields_must_be_known(tmp_path):
    [problem] = problems(write(tmp_path, HEADER + "## 分稿\nlable: 栏目\n\n正文。\n"))
    assert problem.line == 10 and "label" in problem.hint


@pytest.mark.parametrize("body, rule, where", [
    ("文字![图](http://127.0.0.1:9/x.png)文字。", "inline-image", "http://127.0.0.1:9/x.png"),
    ("文字![图](file:///etc/passwd)文字。", "inline-image", "file:///etc/passwd"),
    ("详见[官网](https://example.com)。", "link", "https://example.com"),
    ("[官网]: https://example.com", "link", "https://example.com"),
])
def test_images_and_links_in_running_text_are_refused_at_their_line(tmp_path, body, rule, where):
    path = write(tmp_path, HEADER + "第一段。\n\n" + body + "\n")
    [problem] = problems(path)
    assert (problem.rule, problem.line) == (rule, 11)
    assert where in problem.message


@pytest.mark.parametrize("key, value", [("source", "../../../etc/passwd"),
                                        ("source", "/etc/passwd"),
                                        ("corrections", "file:///etc/passwd")])
def test_source_and_corrections_stay_in_the_article_folder(tmp_path, key, value):
    text = HEADER.replace(f"{key}: ", f"{key}: {value} #", 1) + "正文。\n"
    [problem] = problems(write(tmp_path, text))
    assert problem.rule == "path-escape" and problem.line == (5 if key == "source" else 6)


def test_problems_carry_rule_ids(tmp_path):
    path = write(tmp_path, HEADER.replace("title:", "titel:").replace("slug: demo\n", "") +
                 "正文。\n")
    assert {(p.rule, p.line) for p in problems(path)} == {("unknown-key", 2), ("missing-key", 2)}
    assert "did you mean 'title'?" in problems(path)[0].hint


def test_a_full_date_is_accepted(tmp_path):
    article = read_article(write(tmp_path, HEADER.replace("2024-05", "2024-05-07") + "正文。\n"))
    assert article.date_text == "2024年5月7日"


def test_a_date_left_as_todo_is_refused_with_what_to_fill_in(tmp_path):
    [problem] = problems(write(tmp_path, HEADER.replace("date: 2024-05", "date: TODO")))
    assert problem.rule == "date-todo" and problem.line == 4
    assert "date: TODO" in problem.message and "YYYY-MM-DD" in problem.hint


@pytest.mark.parametrize("command", ["build", "check"])
def test_build_and_check_refuse_a_draft_whose_date_is_todo(command, tmp_path, capsys):
    from minis import copy_project, edit
    from pressroom.cli import main
    root = copy_project(tmp_path / "project")
    edit(root, "manuscripts/mini/article.md", "date: 2026-07-01", "date: TODO")
    assert main([command, "-C", str(root)]) == 1
    err = capsys.readouterr()
    message = err.err + err.out
    assert "manuscripts/mini/article.md:9:" in message and "date: TODO" in message
    assert "YYYY-MM-DD" in message and "Traceback" not in message
    assert not (root / "build" / "booklet.pdf").exists()


@pytest.mark.parametrize("written, words", [
    ("2022-13", "date '2022-13' has month 13"),
    ("2022-00", "date '2022-00' has month 0"),
    ("2022-13-45", "date '2022-13-45' has month 13"),
    ("2022-02-30", "date '2022-02-30' has day 30"),
    ("'2022-02-30'", "date '2022-02-30' has day 30"),  # quoted: text, checked all the same
    ("'2022-13'", "date '2022-13' has month 13"),
    ("0000", "date '0000' has no year 0"),
    ("2022/7", "date '2022/7' is not in an accepted form"),
])
def test_an_impossible_original_date_is_refused_at_its_line_with_the_forms(written, words,
                                                                         tmp_path):
    path = write(tmp_path, HEADER.replace("date: 2024-05", f"date: {written}") + "正文。\n")
    [problem] = problems(path)
    assert (problem.rule, problem.line) == ("bad-date", 4)
    assert words in problem.message
    assert "YYYY-MM-DD, YYYY-MM or YYYY" in problem.hint


def test_an_impossible_date_is_reported_with_the_other_problems(tmp_path):
    text = HEADER.replace("date: 2024-05", "date: 2026-02-30").replace("title:", "titel:")
    found = problems(write(tmp_path, text + "- 列表。\n"))
    assert [(p.rule, p.line) for p in found] == [("unknown-key", 3), ("bad-date", 4),
                                                 ("bullet-list", 9)]


@pytest.mark.parametrize("written, printed", [("2022", "2022年"), ("2022-7", "2022年7月"),
                                              ("2022-07-01", "2022年7月1日"),
                                              ("'2022-12'", "2022年12月")])
def test_each_accepted_date_form_prints_in_chinese(written, printed, tmp_path):
    path = write(tmp_path, HEADER.replace("date: 2024-05", f"date: {written}") + "正文。\n")
    assert read_article(path).date_text == printed
