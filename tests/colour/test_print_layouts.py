"""Colours written in layouts/ past the palette are found at their template line before the
print edition is typeset (colour/layouts.py, the print edition's `refuse`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.colour.layouts import layout_problems

LAYOUTS = Path(__file__).parents[2] / "layouts"


def problems_of(tmp_path: Path, text: str, name: str = "extra.css.j2"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return layout_problems(tmp_path)


def test_the_projects_layouts_are_clean():
    assert layout_problems(LAYOUTS) == []


@pytest.mark.parametrize("line, what", [
    (".a { color: #555; }", "#555"),
    (".a { border: 0.3pt solid #C9B9B0; }", "#C9B9B0"),
    (".a { background: rgb(10 20 30); }", "rgb()"),
    (".a { color: hsla(0, 50%, 50%, 0.5); }", "hsla()"),
    (".a { column-rule: 1pt dotted red; }", "the named colour red"),
    (":root { --accent: #0a0; }", "#0a0"),
    (".a { background-image: linear-gradient(#fff, #000); }", "gradient"),
    ('<p style="color: navy">x</p>', "the named colour navy"),
])
def test_a_raw_colour_is_found_at_its_line(tmp_path, line, what):
    (problem,) = problems_of(tmp_path, "/* first */\n.ok { color: {{ '#555' | ink }}; }\n" + line)
    assert problem.rule == "print-colour" and problem.line == 3
    assert Path(problem.path).name == "extra.css.j2" and what in problem.message
    assert "ink" in problem.hint and problem.source_line == line


@pytest.mark.parametrize("line", [
    ".a { color: {{ '#555' | ink }}; border: 1pt solid var(--red); }",
    ".a { color: currentColor; background: transparent; border-color: inherit; }",
    ".a { color: device-cmyk(0 0 0 1); }",
    "{# a comment may say #fff or red: color: red #}",
    ".red { font-weight: bold; }  /* a class named red is no colour, nor color: red here */",
    '<a href="#top" id="fff">x</a>',
    ".a { box-shadow: none; }",
])
def test_what_is_not_a_raw_colour(tmp_path, line):
    assert problems_of(tmp_path, line) == []


def test_a_jinja_expression_over_several_lines_keeps_the_line_numbers(tmp_path):
    text = "{{ 'a'\n | upper }}\n.x { color: #123; }\n"
    (problem,) = problems_of(tmp_path, text)
    assert problem.line == 3
