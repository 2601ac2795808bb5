"""The booklet description: every problem reported at once, with file, line and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom.project.config import load_booklet
from pressroom.exceptions import ConfigError


def problems(root):
    with pytest.raises(ConfigError) as info:
        load_booklet(root)
    return info.value.problems


def edit(project, old, new):
    path = project / "manuscripts" / "booklet.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


def test_real_booklet_loads(project):
    booklet = load_booklet(project)
    assert booklet.articles == ["hongse-xinhuo", "bashan-yushui"]
    assert booklet.layout.column_chars() == 15
    assert booklet.layout.column_width_pt == 150


def test_all_problems_together_with_lines_and_suggestions(project):
    edit(project, "compiler:", "compiller:")
    edit(project, "columns: 3", "columns: three")
    found = problems(project)
    messages = [(p.line, p.message, p.hint) for p in found]
    assert any("compiller" in m and "compiler" in (h or "") for _, m, h in messages)
    assert (None, "'columns' must be a whole number, not the text 'three'",
            "write columns: 3") in [(None, m, h) for _, m, h in messages]
    # the misspelt key is reported once, with its suggestion, not also as missing
    assert not any("missing required key 'compiler'" in m for _, m, _ in messages)
    assert all(p.path.name == "booklet.yml" for p in found)


def test_article_listed_twice(project):
    edit(project, "  - bashan-yushui", "  - bashan-yushui\n  - hongse-xinhuo")
    [problem] = problems(project)
    assert "listed twice" in problem.message and problem.line == 12


def test_article_listed_but_missing_and_present_but_unlisted(project):
    """A listed article without its file is an error; a folder not listed (a new import
    waiting for its editor) is only a warning, carried by the booklet."""
    edit(project, "  - bashan-yushui", "  - bashan-yushu")
    [problem] = problems(project)
    assert "has no manuscripts/bashan-yushu/article.md" in problem.message
    edit(project, "  - bashan-yushu\n", "")
    [warning] = load_booklet(project).warnings
    assert "bashan-yushui/article.md is not listed" in warning.message
    assert warning.severity == "warning" and warning.rule == "article-unlisted"


def test_page_size_is_checked(project):
    edit(project, "page_size: A4", "page_size: A3+")
    [problem] = problems(project)
    assert "unknown page size" in problem.message and problem.line == 17


# -- print: the print shop's colour profile --------------------------------------------

SHOP = Path(__file__).parents[1] / "fixtures" / "profiles" / "test-fogra29-uncoated.icc"
PRINT_LINE = 21  # the line `print:` is appended at (booklet.yml has 20 lines)


def with_print(project, text: str):
    path = project / "manuscripts" / "booklet.yml"
    body = path.read_text(encoding="utf-8")
    assert body.count("\n") == PRINT_LINE - 1
    path.write_text(body + "print:\n" + text, encoding="utf-8")


def test_without_a_print_key_the_shipped_profile_is_used(project):
    settings = load_booklet(project).printing
    assert (settings.profile, settings.condition_id, settings.image_intent) == (
        None, None, "relative")


def test_a_shops_profile_is_read_and_checked(project):
    (project / "profiles").mkdir()
    shutil.copy(SHOP, project / "profiles" / "印厂.icc")
    with_print(project, "  profile: profiles/印厂.icc\n  condition_id: JC200103\n"
                        "  condition: Japan Color 2001 Coated\n  image_intent: perceptual\n")
    settings = load_booklet(project).printing
    assert settings.profile == (project / "profiles" / "印厂.icc").resolve()
    assert (settings.condition_id, settings.condition, settings.image_intent) == (
        "JC200103", "Japan Color 2001 Coated", "perceptual")


@pytest.mark.parametrize("text, line, rule, words", [
    ("  profile: profiles/none.icc\n", 22, "print-profile", "not found"),
    ("  profile: profiles/srgb.icc\n", 22, "print-profile", "display profile"),
    ("  profile: manuscripts/booklet.yml\n", 22, "print-profile", "not an ICC profile"),
    ("  profile: ../outside.icc\n", 22, "path-escape", "outside the project"),
    ("  profile: https://example.com/x.icc\n", 22, "resource-url", "an address"),
    ("  profle: profiles/x.icc\n", 22, "unknown-key", "unknown print key 'profle'"),
    ("  image_intent: saturation\n", 22, "bad-value", "unknown image_intent"),
    ("  condition_id: Japan Color\n", 22, "bad-value", "registry name"),
    ("  condition_id: JC200103\n", 22, "bad-value", "no profile is given"),
    ("  profile: 3\n", 22, "wrong-type", "must be text, not a whole number"),
])
def test_print_key_problems_are_located(project, text, line, rule, words):
    from PIL import ImageCms
    (project / "profiles").mkdir()
    (project / "profiles" / "srgb.icc").write_bytes(
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (project.parent / "outside.icc").write_bytes(SHOP.read_bytes())
    with_print(project, text)
    [problem] = problems(project)
    assert (problem.path.name, problem.line, problem.rule) == ("booklet.yml", line, rule)
    assert words in problem.message


# -- the colophon and keywords print as written; what would not is refused at its line ----

@pytest.mark.parametrize("value, rule, words", [
    ("[1, 2]", "wrong-type", "colophon line '印数' is a list"),
    ("\n    - 1\n    - 2", "wrong-type", "colophon line '印数' is a list"),
    ("{册: 1000}", "wrong-type", "colophon line '印数' is a mapping"),
    ("", "empty-value", "colophon line '印数' is empty"),
    ("~", "empty-value", "colophon line '印数' is empty"),
    ("''", "empty-value", "colophon line '印数' is empty"),
])
def test_a_colophon_line_that_is_no_text_is_refused_at_its_key(project, value, rule, words):
    edit(project, "印数: 内部资料，非卖品", f"印数: {value}")
    [problem] = problems(project)
    assert (problem.line, problem.rule) == (15, rule) and words in problem.message
    assert problem.hint


@pytest.mark.parametrize("value, printed", [("3000", "3000"), ("01", "01"),
                                            ("2026-11-23", "2026-11-23"), ("1.0", "1.0"),
                                            ("'[内部资料]'", "[内部资料]"),
                                            ("内部资料，非卖品", "内部资料，非卖品")])
def test_colophon_values_print_as_written(project, value, printed):
    edit(project, "印数: 内部资料，非卖品", f"印数: {value}")
    assert load_booklet(project).colophon["印数"] == printed


def test_keywords_must_each_be_a_word(project):
    edit(project, "keywords: [中国工商银行, 党建引领,", "keywords: [[中国工商银行], '', 2026,")
    found = problems(project)
    assert [(p.line, p.rule) for p in found] == [(8, "wrong-type"), (8, "empty-value")]
    assert "keyword 1 is a list" in found[0].message and "keyword 2 is empty" in found[1].message


@pytest.mark.parametrize("key, old, new, words, hint", [
    ("body_size", "body_size: 10", "body_size: 10pt",
     "'body_size' must be a number of pt, not the text '10pt'", "write body_size: 10 (in pt"),
    ("body_size", "body_size: 10", "body_size: 小五",
     "'body_size' must be a number of pt, not the text '小五'", "write body_size: 10 (in pt"),
    ("line_height", "line_height: 1.65", "line_height: 1.5倍",
     "'line_height' must be a number, not the text '1.5倍'", "write line_height: 1.5"),
    ("columns", "columns: 3", "columns: [3]", "'columns' must be a whole number, not a list",
     "write columns: 3"),
    ("title", "title: 红色薪火 金融为民", "title: [红色薪火]", "'title' must be text, not a list",
     "one line as text"),
    ("title", "title: 红色薪火 金融为民", "title:", "'title' is empty", "after 'title:'"),
])
def test_a_value_of_the_wrong_kind_says_what_to_write(project, key, old, new, words, hint):
    edit(project, old, new)
    [problem] = problems(project)
    assert problem.rule in ("wrong-type", "empty-value") and problem.message == words
    assert hint in problem.hint


def test_a_margin_with_its_unit_says_to_write_the_number_alone(project):
    edit(project, "  line_height: 1.65", "  line_height: 1.65\n  margin_top: 16mm")
    [problem] = problems(project)
    assert problem.message == "'margin_top' must be a number of mm, not the text '16mm'"
    assert problem.hint.startswith("write margin_top: 16 (in mm") and problem.line == 21


def test_an_empty_optional_key_is_as_if_not_written(project):
    edit(project, "subtitle: 中国工商银行基层党建与金融服务报道选编", "subtitle:")
    assert load_booklet(project).subtitle == ""


@pytest.mark.parametrize("written, words", [("2026-13-01", "has month 13"),
                                            ("2026-02-30", "has day 30"),
                                            ("2026-11", "names no day"),
                                            ("2026", "names no day"),
                                            ("20261123", "is not in an accepted form")])
def test_the_booklet_date_is_a_real_day(project, written, words):
    edit(project, "date: 2026-11-23", f"date: {written}")
    [problem] = problems(project)
    assert (problem.rule, problem.line) == ("bad-date", 5) and words in problem.message
    assert "YYYY-MM-DD" in problem.hint


@pytest.mark.parametrize("typo", ["bashan-yushiu", "bashan-yushu", "bashanyushui",
                                  "Bashan-Yushui"])
def test_a_misspelt_article_gets_a_suggestion_and_no_unlisted_warning(project, typo):
    edit(project, "  - bashan-yushui", f"  - {typo}")
    with pytest.raises(ConfigError) as info:
        load_booklet(project)
    [problem] = info.value.problems  # not also "bashan-yushui is not listed"
    assert problem.line == 11 and "did you mean 'bashan-yushui'?" in problem.hint


def test_an_unknown_article_with_nothing_close_gets_no_guess(project):
    edit(project, "  - bashan-yushui", "  - bashan-yushui\n  - zhejiang-2024")
    [problem] = problems(project)
    assert problem.hint == "create it or remove the line"


def test_every_booklet_problem_is_reported_together(project):
    edit(project, "印数: 内部资料，非卖品", "印数: [1, 2]")
    edit(project, "body_size: 10", "body_size: 10pt")
    edit(project, "date: 2026-11-23", "date: 2026-13-01")
    edit(project, "  - bashan-yushui", "  - bashan-yushiu")
    assert sorted((p.line, p.rule) for p in problems(project)) == [
        (5, "bad-date"), (11, "article-missing"), (15, "wrong-type"), (19, "wrong-type")]


def test_a_misspelt_article_whose_folder_is_listed_already_says_so(project):
    """`bashan-yushui` is listed and `bashan-yushu` added by hand: the guess names it and
    says to remove the line rather than create a manuscript."""
    edit(project, "  - bashan-yushui", "  - bashan-yushui\n  - bashan-yushu")
    [problem] = problems(project)
    assert problem.line == 12 and problem.rule == "article-missing"
    assert problem.hint == "did you mean 'bashan-yushui'? it is listed already on line 11: " \
        "remove this line"


@pytest.mark.parametrize("typo", ["qianjang-2025", "qianjiang-205", "Qianjiang-2025"])
def test_a_misspelt_article_whose_folder_has_no_manuscript_yet_gets_the_guess(project, typo):
    """A folder made for a new article (its source only) is a guess too."""
    (project / "manuscripts" / "qianjiang-2025" / "source").mkdir(parents=True)
    edit(project, "  - bashan-yushui", f"  - bashan-yushui\n  - {typo}")
    [problem] = problems(project)
    assert problem.line == 12 and "did you mean 'qianjiang-2025'?" in problem.hint
    assert "manuscripts/qianjiang-2025/ has no article.md yet" in problem.hint or \
        problem.rule == "bad-slug"
