"""The booklet description: every problem reported at once, with file, line and key."""

from __future__ import annotations

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
