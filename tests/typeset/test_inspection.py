"""Inspection of laid-out pages: each planted layout problem is found once, at its line."""

from __future__ import annotations

import pytest
from PIL import Image

from pressroom.project.load import booklet_chars, load_project
from pressroom.typeset.subset import subset_fonts
from pressroom.typeset.typesetter import Typesetter

SLUG = "bashan-yushui"
FIRST_FIGURE = '![]( "汪长征 摄/视觉重庆")'  # line 15 of the manuscript
PARAGRAPH = "为做好各项金融服务保障工作"  # starts line 19


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """One output folder for the module, so the font subsets are made once."""
    return tmp_path_factory.mktemp("out")


def typeset(project, out, edition="screen"):
    loaded = load_project(project, out)
    fonts = subset_fonts(loaded.fonts, booklet_chars(loaded), out / ".cache" / "fonts")
    ts = Typesetter(loaded.booklet, fonts, loaded.fonts.fallbacks(), edition=edition)
    article = next(a for a in loaded.articles if a.slug == SLUG)
    return [w for w in ts.article(article).warnings if w.rule != "layout-warning"]


def edit(project, old, new, name=f"manuscripts/{SLUG}/article.md"):
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def image(project, name, size):
    folder = project / "manuscripts" / SLUG / "images"
    folder.mkdir(exist_ok=True)
    Image.new("RGB", size, "gray").save(folder / name)


def where(problems):
    return [(p.rule, p.path.name, p.line) for p in problems]


def test_the_real_article_has_no_findings(project, out):
    assert typeset(project, out) == []


def test_a_word_wider_than_the_column_overflows_once_at_its_line(project, out):
    edit(project, PARAGRAPH, "为做好Pneumonoultramicroscopicsilicovolcanoconiosis各项")
    [problem] = typeset(project, out)
    assert where([problem]) == [("overflow-box", "article.md", 19)]
    assert "Pneumonoultramicro" in problem.message and "pt past the right edge" in problem.message


def test_an_image_taller_than_the_page_runs_off_it(project, out):
    image(project, "tall.png", (700, 9000))  # 330 ppi at the column's width
    edit(project, FIRST_FIGURE, '![](images/tall.png "汪长征 摄/视觉重庆")')
    assert where(typeset(project, out)) == [("overflow-page", "article.md", 15)]


@pytest.mark.parametrize("size, ppi, needed", [((200, 150), 96, "625×469"),
                                               ((300, 200), 144, "625×417"),
                                               ((600, 900), 288, "625×938")])
def test_an_image_under_300_ppi_at_its_printed_width(project, out, size, ppi, needed):
    """Named as the manuscript writes it, at its figure's line, with the pixels it needs;
    in the same words for the print edition, whose image is a separation served from
    memory under a name of its content (pressroom-served:…), so a build says it once."""
    image(project, "small.jpg", size)
    edit(project, FIRST_FIGURE, '![](images/small.jpg "汪长征 摄/视觉重庆")')
    [problem] = typeset(project, out)
    assert where([problem]) == [("image-resolution", "article.md", 15)]
    assert problem.message == (f"image images/small.jpg ({size[0]}×{size[1]} px) prints 53 mm "
                               f"wide at {ppi} ppi; print needs 300 ppi")
    assert f"at least {needed} px" in problem.hint and problem.source_line is None
    [printed] = typeset(project, out, "print")
    assert printed == problem


def test_an_image_used_twice_is_named_at_each_figure(project, out):
    image(project, "small.jpg", (200, 150))
    edit(project, FIRST_FIGURE, '![](images/small.jpg "汪长征 摄/视觉重庆")')
    edit(project, "![疫情期间，工行重庆市分行保障金融服务不断档]()",
         "![疫情期间，工行重庆市分行保障金融服务不断档](images/small.jpg)")
    assert where(typeset(project, out)) == [("image-resolution", "article.md", 15),
                                            ("image-resolution", "article.md", 23)]


def test_a_forced_empty_page_is_found(project, out):
    edit(project, "</header>\n", '</header>\n<div style="break-before: page; break-after: page">'
         "</div>\n", name="layouts/article.html.j2")
    problems = typeset(project, out)
    assert where(problems) == [("page-empty", "article.md", None)]
    assert "page 2 is empty" in problems[0].message
