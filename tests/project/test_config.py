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
    assert any("'columns' must be a int" in m for _, m, _ in messages)
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
    ("  profile: 3\n", 22, "wrong-type", "must be a str"),
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
