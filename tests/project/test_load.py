"""Loading remembers what it learnt about the fonts, and never at the cost of a check."""

from __future__ import annotations

import pytest

from pressroom.build import build
from pressroom.exceptions import PressroomError
from pressroom.project.load import load_project

ARTICLE = "manuscripts/bashan-yushui/article.md"


def add_line(project, text: str) -> None:
    path = project / ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def test_a_character_no_font_has_is_found_after_a_clean_build(project):
    assert build(project).typeset  # the coverage of the old character set is remembered
    add_line(project, "罕见字𪚥。")
    with pytest.raises(PressroomError) as caught:
        load_project(project)
    assert [p.rule for p in caught.value.problems] == ["char-missing"]
    assert "U+2A6A5" in caught.value.problems[0].message


def test_an_unchanged_project_loads_without_reading_the_fonts(project, monkeypatch):
    assert build(project).typeset
    import pressroom.project.fonts as fonts

    def no_reading(*args, **kwargs):
        raise AssertionError("font coverage read again")
    monkeypatch.setattr(fonts, "missing_chars", no_reading)
    monkeypatch.setattr("pressroom.project.load.missing_chars", no_reading)
    assert load_project(project).articles
    add_line(project, "新增一段。")  # characters the booklet has already: still not read
    with pytest.raises(AssertionError):
        add_line(project, "鑫")  # a character new to the booklet: read again
        load_project(project)
