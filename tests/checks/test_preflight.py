"""`pressroom check`: clean on the real project; on a small fixture project with one planted
problem at a time, that problem is reported once, at its place, and nothing else is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from pressroom.compose import booklet as booklet_module
from pressroom.cli import main
from pressroom.checks.preflight import check

from conftest import ROOT
from minis import copy_project, edit
from fontfaces import make_face

ARTICLE = "manuscripts/mini/article.md"
BOOKLET = "manuscripts/booklet.yml"
PLACEHOLDER = ("note", "figure-placeholder", ARTICLE, 25)  # the fixture's figure has no image
FIGURE = '![衙前农民运动纪念馆]( "工行萧山分行 供图")'
LAST_PARAGRAPH = "截至2026年5月末"  # line 29


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The fixture project checked once: its report, and its font subsets to reuse."""
    root = copy_project(tmp_path_factory.mktemp("pristine") / "project")
    return root, check(root)


@pytest.fixture
def mini(tmp_path, pristine):
    root = copy_project(tmp_path / "project")
    shutil.copytree(pristine[0] / "build" / ".cache" / "fonts", root / "build/.cache/fonts")
    return root


# What the audit says about a planted manuscript edit (the edit is not in the source):
# true, and tested on its own below; the other tests look at what their plant causes.
AUDIT_RULES = {"unrecorded-change", "unrecorded-move", "unrecorded-paragraph", "record-text",
               "record-kind"}


def found(root: Path, report=None, audit: bool = False) -> set[tuple]:
    report = report or check(root)
    return {(f.severity, f.rule, Path(f.path).resolve().relative_to(root.resolve()).as_posix()
             if f.path is not None else None, f.line) for f in report.findings
            if audit or f.rule not in AUDIT_RULES}


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_the_real_project_is_clean():
    report = check(ROOT)
    assert report.count("error") == 0 and report.count("warning") == 0, report.lines()
    # notes: figures waiting for their picture, one of them without a caption
    assert {f.rule for f in report.findings} <= {"figure-placeholder", "figure-no-caption"}
    assert report.exit_code(strict=True) == 0 and report.pages >= 8


def test_the_summary_gives_the_print_editions_pages_when_they_differ(mini, pristine):
    """The print edition is padded to a multiple of 4 with notes pages: its count is said
    beside the booklet's, which is all a screen check gives."""
    _, screen = pristine
    assert f"booklet of {screen.pages} pages typeset in memory" in screen.summary()
    article = mini / ARTICLE
    text = article.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    article.write_text(text + body * 2, encoding="utf-8")  # a page or two longer
    report = check(mini, ("screen", "print"))
    assert report.pages % 4 and report.print_pages == report.pages + 4 - report.pages % 4
    assert f"booklet of {report.pages} pages (print edition {report.print_pages}) typeset " \
        "in memory" in report.summary()
    assert report.as_json()["print_pages"] == report.print_pages
    assert screen.as_json()["print_pages"] is None


def test_the_fixture_is_clean_but_for_its_missing_picture(pristine):
    root, report = pristine
    assert found(root, report) == {PLACEHOLDER}
    assert report.pages == 4


NOT_TYPESET = ("note", "not-typeset", BOOKLET, None)

# name, edits [(file, old, new)], the findings expected besides the fixture's own note
LOAD_CASES = [
    ("unknown front-matter key", [(ARTICLE, "author:", "auther:")],
     {("error", "unknown-key", ARTICLE, 11), NOT_TYPESET}),
    ("missing required key", [(ARTICLE, "title: 红色金融 薪火相传\n", "")],
     {("error", "missing-key", ARTICLE, 2), NOT_TYPESET}),
    ("wrong type", [(ARTICLE, "page: 第5版", "page: [5]")],
     {("error", "wrong-type", ARTICLE, 10), NOT_TYPESET}),
    ("slug differs from folder", [(ARTICLE, "slug: mini", "slug: mini-2")],
     {("error", "slug-mismatch", ARTICLE, 2), NOT_TYPESET}),
    ("article listed twice", [(BOOKLET, "  - mini\n", "  - mini\n  - mini\n")],
     {("error", "duplicate-article", BOOKLET, 8), NOT_TYPESET}),
    ("article listed but missing", [(BOOKLET, "  - mini\n", "  - mini\n  - ghost\n")],
     {("error", "article-missing", BOOKLET, 8), NOT_TYPESET}),
    ("misspelt booklet key", [(BOOKLET, "compiler:", "compiller:")],
     {("error", "unknown-key", BOOKLET, 4), NOT_TYPESET}),
    ("character in no font", [(ARTICLE, LAST_PARAGRAPH, "截至𪚥2026年5月末")],
     {("error", "char-missing", ARTICLE, 29), NOT_TYPESET}),
    ("image file named but absent", [(ARTICLE, FIGURE, FIGURE.replace("](", "](images/x.jpg"))],
     {("warning", "image-missing", ARTICLE, 25)}),
    ("half-width comma (lint)", [(ARTICLE, "刚成立不久，", "刚成立不久,")],
     {("error", "half-width-punct", ARTICLE, 21)}),
]


@pytest.mark.parametrize("name, edits, expected", LOAD_CASES, ids=[c[0] for c in LOAD_CASES])
def test_planted_input_problem_is_reported_once(mini, name, edits, expected):
    for file, old, new in edits:
        edit(mini, file, old, new)
    result = found(mini)
    typeset = NOT_TYPESET not in expected  # the figure note comes from a loaded project
    keep = {PLACEHOLDER} if typeset and "image" not in name else set()
    assert result == expected | keep


def test_unknown_key_says_what_was_meant(mini):
    edit(mini, ARTICLE, "author:", "auther:")
    [finding] = [f for f in check(mini).findings if f.rule == "unknown-key"]
    assert finding.hint == "did you mean 'author'?"


def test_article_present_but_unlisted_is_a_warning_and_the_rest_is_checked(mini):
    """A freshly imported article waits outside the booklet without blocking it."""
    shutil.copytree(mini / "manuscripts" / "mini", mini / "manuscripts" / "extra")
    report = check(mini)
    assert found(mini, report) == {("warning", "article-unlisted", BOOKLET, None), PLACEHOLDER}
    assert report.pages > 0 and "manuscripts/extra/article.md" in report.findings[0].message


def test_an_unrecorded_text_change_is_an_error_with_the_audits_message(mini):
    edit(mini, ARTICLE, "轰轰烈烈的农民革命运动", "轰轰烈烈的农民运动")
    report = check(mini)
    [finding] = [f for f in report.findings if f.rule == "unrecorded-change"]
    assert finding.severity == "error" and finding.line == line_of(mini / ARTICLE, "农民运动")
    assert "«革命»" in finding.source_line and report.exit_code() == 1


def test_check_shows_an_unrecorded_change_as_fully_as_audit(mini, capsys):
    """Both texts side by side, the change between «», and how to record it: what
    `pressroom audit` prints, in check's lines and in its JSON."""
    edit(mini, ARTICLE, "轰轰烈烈的农民革命运动", "轰轰烈烈的农民运动")
    assert main(["audit", "-C", str(mini)]) == 1
    audit = capsys.readouterr().err
    assert main(["check", "-C", str(mini)]) == 1
    out = capsys.readouterr().out
    [excerpt] = [line for line in audit.split("\n") if line.startswith("    source ")]
    line = out.split("\n").index(excerpt)
    assert "«革命»" in excerpt and "«»" in out.split("\n")[line + 1]
    assert "error: unrecorded-change:" in out.split("\n")[line - 1]
    assert 'record the change: pressroom record --reason "…"' in out
    assert main(["check", "-C", str(mini), "--json"]) == 1
    [finding] = [f for f in json.loads(capsys.readouterr().out)["findings"]
                 if f["rule"] == "unrecorded-change"]
    assert "«革命»" in finding["excerpt"] and "«»" in finding["excerpt"]


def test_a_deleted_source_as_received_is_an_error(mini):
    (mini / "manuscripts/mini/source/raw.txt").unlink()
    assert ("error", "source-missing", ARTICLE, 1) in found(mini, audit=True)


def test_a_changed_source_as_received_is_an_error(mini):
    source = mini / "manuscripts/mini/source/raw.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n补一句。\n", encoding="utf-8")
    assert ("error", "source-changed", "manuscripts/mini/source/raw.txt", None) in \
        found(mini, audit=True)


def test_damaged_image(mini):
    (mini / "manuscripts/mini/images").mkdir()
    (mini / "manuscripts/mini/images/photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a jpeg")
    edit(mini, ARTICLE, FIGURE, FIGURE.replace("](", "](images/photo.jpg"))
    assert found(mini) == {("error", "image-unreadable", ARTICLE, 25), NOT_TYPESET}


def test_image_under_300_ppi(mini):
    (mini / "manuscripts/mini/images").mkdir()
    Image.new("RGB", (300, 200), "gray").save(mini / "manuscripts/mini/images/photo.png")
    edit(mini, ARTICLE, FIGURE, FIGURE.replace("](", "](images/photo.png"))
    assert found(mini) == {("warning", "image-resolution", ARTICLE, 25)}


def test_frame_without_caption_is_a_note(mini):
    edit(mini, ARTICLE, FIGURE, '![]( "工行萧山分行 供图")')
    assert found(mini) == {("note", "figure-no-caption", ARTICLE, 25), PLACEHOLDER}


def test_picture_without_caption_is_a_warning(mini):
    (mini / "manuscripts/mini/images").mkdir()
    Image.new("RGB", (1400, 900), "gray").save(mini / "manuscripts/mini/images/photo.png")
    edit(mini, ARTICLE, FIGURE, '![](images/photo.png "工行萧山分行 供图")')
    report = check(mini)
    assert found(mini, report) == {("warning", "figure-no-caption", ARTICLE, 25)}
    [finding] = [f for f in report.findings if f.rule == "figure-no-caption"]
    assert "only “工行萧山分行 供图”" in finding.message


def test_heading_level_skipped_by_a_layout(mini):
    """A story head set as h4 skips two levels below the article's title: reported at
    the manuscript line of the story head."""
    path = mini / "layouts/article.html.j2"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '<h2 class="story-title', '<h4 class="story-title').replace(
        "{{ section.title.html }}</h2>", "{{ section.title.html }}</h4>"), encoding="utf-8")
    report = check(mini)
    assert found(mini, report) == {("error", "heading-skip", ARTICLE, 17), PLACEHOLDER}
    [finding] = [f for f in report.findings if f.rule == "heading-skip"]
    assert "H4 “一颗火种的百年传承” follows H1" in finding.message


def test_word_wider_than_its_column(mini):
    edit(mini, ARTICLE, LAST_PARAGRAPH, "截至Pneumonoultramicroscopicsilicovolcanoconiosis末")
    assert found(mini) == {("error", "overflow-box", ARTICLE, 29), PLACEHOLDER}


def test_page_left_empty(mini):
    edit(mini, "layouts/article.html.j2", "</header>\n",
         '</header>\n<div style="break-before: page; break-after: page"></div>\n')
    assert found(mini) == {("error", "page-empty", ARTICLE, None), PLACEHOLDER}


def test_character_its_face_lacks_is_set_from_another(mini):
    edit(mini, ARTICLE, LAST_PARAGRAPH, "截至≒2026年5月末")  # Noto lacks ≒, WenKai has it
    assert found(mini) == {("warning", "font-fallback", ARTICLE, 29), PLACEHOLDER}


def test_booklet_text_no_font_has(mini):
    edit(mini, BOOKLET, "subtitle: 预检用的小样", "subtitle: 预检用的小样♔")
    # one finding: the build refuses it too, so no system font (DejaVu) can take it over
    assert found(mini) == {("error", "char-missing", BOOKLET, 3), NOT_TYPESET}


def test_layout_loading_a_font_not_in_the_manifest(mini, tmp_path):
    make_face(mini / "layouts" / "stray.ttf", "工行萧山分行供图", family="Stray Face")
    edit(mini, "layouts/article.css.j2", "/* Headline stack",
         '@font-face { font-family: "Stray Face"; src: url("../../layouts/stray.ttf"); }\n'
         '.credit { font-family: "Stray Face"; }\n/* Headline stack')
    report = check(mini)
    assert found(mini, report) == {("error", "font-foreign", ARTICLE, 25), PLACEHOLDER}
    assert "工行萧山分行供图” is set in Stray" in report.findings[0].message
    assert "which is not a face of fonts/fonts.yml" in report.findings[0].message


def test_contents_link_to_nowhere(mini):
    edit(mini, "layouts/front.html.j2", "  <h1>目录</h1>",
         '  <h1>目录</h1>\n  <a href="pressroom:nowhere">失效的链接</a>')
    assert found(mini) == {("error", "link-unresolved", "layouts/front.html.j2",
                            line_of(mini / "layouts/front.html.j2", "pressroom:nowhere")),
                           PLACEHOLDER}


def test_link_to_a_missing_anchor(mini):
    edit(mini, "layouts/article.html.j2", "<header class=\"head\"",
         '<a href="#nowhere">失效</a>\n<header class="head"')
    assert found(mini) == {("error", "link-unresolved", "layouts/article.html.j2",
                            line_of(mini / "layouts/article.html.j2", "#nowhere")),
                           PLACEHOLDER}


def test_template_syntax_error(mini):
    edit(mini, "layouts/colophon.html.j2", "<body>", "<body>{% if %}")
    result = found(mini)
    assert len(result) == 2 and PLACEHOLDER in result
    [(severity, rule, file, line)] = result - {PLACEHOLDER}
    assert (severity, rule, file) == ("error", "template-syntax", "layouts/colophon.html.j2")
    lines = (mini / file).read_text(encoding="utf-8").splitlines()
    assert "{% if %}" in lines[line - 1]


def test_contents_number_that_differs_from_the_folio(mini, monkeypatch):
    contents = booklet_module._contents

    def off_by_one(articles, starts):
        return [dict(entry, folio=entry["folio"] + 1) for entry in contents(articles, starts)]
    monkeypatch.setattr(booklet_module, "_contents", off_by_one)
    report = check(mini)
    assert found(mini, report) == {("error", "contents-folio", ARTICLE, 4), PLACEHOLDER}
    assert "prints 2, but its page is 1" in report.findings[0].message


def test_cli_lines_summary_and_exit_status(mini, capsys):
    assert main(["check", "-C", str(mini)]) == 0
    assert main(["check", "-C", str(mini), "--strict"]) == 0  # a note is not a warning
    out = capsys.readouterr().out
    assert f"{ARTICLE}:25: note: figure-placeholder: figure has no image file" in \
        out.replace(str(mini) + "/", "")
    assert "check: clean: 0 errors, 0 warnings, 1 note" in out
    edit(mini, ARTICLE, LAST_PARAGRAPH, "截至≒2026年5月末")
    assert main(["check", "-C", str(mini)]) == 1  # the audit: a change not recorded
    assert main(["record", "-C", str(mini), "--reason", "试排"]) == 0
    assert main(["check", "-C", str(mini)]) == 0  # a warning only
    assert main(["check", "-C", str(mini), "--strict"]) == 1
    edit(mini, ARTICLE, "author:", "auther:")
    assert main(["check", "-C", str(mini)]) == 1
    out = capsys.readouterr().out.replace(str(mini) + "/", "")
    assert f"{ARTICLE}:11: error: unknown-key: unknown front-matter key 'auther'; " \
           "did you mean 'author'?" in out


def test_cli_json(mini, capsys):
    edit(mini, ARTICLE, "page: 第5版", "page: 第5版\npages: 3")
    assert main(["check", "-C", str(mini), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exit"] == 1 and data["counts"]["error"] == 1
    [error] = [f for f in data["findings"] if f["severity"] == "error"]
    assert (error["rule"], error["line"], error["hint"]) == \
        ("unknown-key", 11, "did you mean 'page'?")


def test_cli_could_not_run(tmp_path, capsys):
    assert main(["check", "-C", str(tmp_path)]) == 2
    assert "no pressroom project here" in capsys.readouterr().err
    assert main(["check", "-C", str(tmp_path), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["exit"] == 2
