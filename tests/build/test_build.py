"""Incremental builds: only what an edit touches is typeset, and the cache is never stale."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import subprocess
import threading

import pytest
from pypdf import PdfReader

from pressroom.build import cache as cache_module, interrupts as build_module
from pressroom.build import build
from pressroom.cli import main
from pressroom.exceptions import PressroomError

from conftest import ROOT


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def text_of(pdf):
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout.replace("\n", "")


@pytest.fixture
def built_project(project):
    first = build(project)
    assert sorted(first.typeset) == ["bashan-yushui", "hongse-xinhuo"]
    return project


ARTICLE_1 = "manuscripts/hongse-xinhuo/article.md"
ARTICLE_2 = "manuscripts/bashan-yushui/article.md"


def test_nothing_changed_nothing_typeset_nothing_written(built_project):
    before = sha(built_project / "build" / "booklet.pdf")
    again = build(built_project)
    assert again.typeset == [] and again.written == []
    assert sha(built_project / "build" / "booklet.pdf") == before


def test_one_word_edit_typesets_that_article_only(built_project):
    # 鑫 and 淼 are new to the booklet: the font subset grows, the other article is
    # re-coded to it at merge time, not typeset again.
    edit(built_project / ARTICLE_1, "百年薪火代代相传", "百年薪火鑫淼代代相传")
    result = build(built_project)
    assert result.typeset == ["hongse-xinhuo"]
    text = text_of(built_project / "build" / "booklet.pdf")
    assert "百年薪火鑫淼代代相传" in text
    assert "智能车间，生产线上的机械手臂有序挥舞" in text  # the other article reads right


def test_merged_from_cache_equals_typeset_from_scratch(built_project):
    edit(built_project / ARTICLE_2, "助企纾困不断档。", "助企纾困不断档！")
    build(built_project)
    incremental = sha(built_project / "build" / "booklet.pdf")
    build(built_project, force=True)
    assert sha(built_project / "build" / "booklet.pdf") == incremental


def test_page_count_change_renumbers_later_articles_without_typesetting_them(built_project):
    booklet = built_project / "build" / "booklet.pdf"
    pages_before = len(PdfReader(booklet).pages)
    paragraph = "新增段落用于测试分页。" * 60
    edit(built_project / ARTICLE_1, "## 追寻足迹", paragraph + "\n\n## 追寻足迹")
    result = build(built_project)
    assert result.typeset == ["hongse-xinhuo"]
    reader = PdfReader(booklet)
    assert len(reader.pages) > pages_before
    contents = reader.pages[1].extract_text()
    start = next(i for i, page in enumerate(reader.pages)
                 if "巴山渝水" in page.extract_text() and i > 1)
    number = re.search(r"巴山渝水好风光[\s·.]*(\d+)", contents).group(1)
    assert number == reader.page_labels[start] == str(start - 1)


@pytest.mark.parametrize("change", ["template", "booklet-layout", "version", "force"])
def test_shared_inputs_typeset_everything(built_project, change, monkeypatch):
    force = False
    if change == "template":
        edit(built_project / "layouts" / "article.css.j2", "column-rule: 0.3pt",
             "column-rule: 0.4pt")
    elif change == "booklet-layout":
        edit(built_project / "manuscripts" / "booklet.yml", "line_height: 1.65",
             "line_height: 1.7")
    elif change == "version":
        monkeypatch.setattr(cache_module, "__version__", "99.0")
    else:
        force = True
    result = build(built_project, force=force)
    assert sorted(result.typeset) == ["bashan-yushui", "hongse-xinhuo"]


def test_font_manifest_change_typesets_everything(built_project):
    fonts = built_project / "fonts"
    fonts.unlink()
    shutil.copytree(ROOT / "fonts", fonts, ignore=shutil.ignore_patterns("*.otf", "*.ttf"))
    for font in (ROOT / "fonts").glob("*.[ot]tf"):
        (fonts / font.name).symlink_to(font)
    edit(fonts / "fonts.yml", "role: 书宋：正文", "role: 书宋：正文与图注")
    assert sorted(build(built_project).typeset) == ["bashan-yushui", "hongse-xinhuo"]


def test_reordering_articles_recomposes_without_typesetting(built_project):
    edit(built_project / "manuscripts" / "booklet.yml",
         "  - hongse-xinhuo\n  - bashan-yushui", "  - bashan-yushui\n  - hongse-xinhuo")
    result = build(built_project)
    assert result.typeset == []
    assert built_project / "build" / "booklet.pdf" in result.written
    outline = PdfReader(built_project / "build" / "booklet.pdf").outline
    assert outline[2].title.startswith("“工”笔")


def test_image_change_typesets_its_article(built_project):
    from PIL import Image
    images = built_project / "manuscripts" / "bashan-yushui" / "images"
    images.mkdir()
    Image.new("RGB", (600, 400), (180, 40, 40)).save(images / "main.jpg")
    edit(built_project / ARTICLE_2, '![]( "汪长征', '![](images/main.jpg "汪长征')
    assert build(built_project).typeset == ["bashan-yushui"]
    Image.new("RGB", (600, 400), (40, 40, 180)).save(images / "main.jpg")
    assert build(built_project).typeset == ["bashan-yushui"]


def test_a_coarse_image_is_one_warning_at_its_figure(project):
    """The editor's report: a 300×200 px photo gave three warnings in a print build, two
    naming internal names (pressroom-served:…, an image object of the PDF). It is one,
    at the figure's line, naming the image as written, in every build that places it."""
    from PIL import Image
    images = project / "manuscripts" / "bashan-yushui" / "images"
    images.mkdir()
    Image.new("RGB", (400, 267), (180, 40, 40)).save(images / "photo.jpg")  # 192 ppi
    edit(project / ARTICLE_2, '![]( "汪长征', '![](images/photo.jpg "汪长征')
    for editions in [("print",), ("screen", "print")]:
        result = build(project, editions=editions, force=True)
        coarse = [w for w in result.warnings if "ppi" in w.message]
        assert [(str(w.path), w.line, w.rule) for w in coarse] == \
            [(str(project / ARTICLE_2), 15, "image-resolution")], editions
        assert "images/photo.jpg (400×267 px)" in coarse[0].message
        assert "at least 625×418 px" in coarse[0].hint
        assert not [w for w in result.warnings if "pressroom-served" in w.format()]


def test_an_image_below_150_ppi_stops_the_print_edition_at_its_figure(project, capsys):
    """Below the Ghent Workgroup's 150 ppi a photo prints visibly soft: the print build
    refuses, saying so once, at the figure's line; the screen build only warns."""
    from PIL import Image
    images = project / "manuscripts" / "bashan-yushui" / "images"
    images.mkdir()
    Image.new("RGB", (300, 200), (180, 40, 40)).save(images / "photo.jpg")  # 144 ppi
    edit(project / ARTICLE_2, '![]( "汪长征', '![](images/photo.jpg "汪长征')
    assert main(["build", "-q", "-C", str(project), "--edition", "print"]) == 1
    err = capsys.readouterr().err
    coarse = [line for line in err.splitlines() if "ppi" in line]
    assert len(coarse) == 1 and "bashan-yushui/article.md:15: error:" in coarse[0]
    assert "images/photo.jpg (300×200 px)" in coarse[0] and "print edition is not made" in \
        coarse[0]
    assert not (project / "build" / "booklet-print.pdf").exists()
    assert main(["build", "-q", "-C", str(project)]) == 0


def test_the_preflight_still_names_an_image_the_inspection_did_not_see():
    """An image a layout places as a CSS background is not a figure: the print
    preflight's finding is the only word about it, and stays."""
    from pressroom.editions.printing import at_figures
    from pressroom.exceptions import Problem
    figure = Problem("image images/photo.jpg (300×200 px) prints 53 mm wide at 144 ppi; "
                     "print needs 300 ppi", "article.md", 15, severity="warning",
                     rule="image-resolution")
    same = Problem("page 6, content stream › image /i97c9: 300×200 px placed at 53×35 mm is "
                   "144 ppi (< 300)", "booklet-print.pdf", severity="error",
                   rule="pdfx-image-resolution")
    background = Problem("page 1, content stream › pattern /P0 › image /i0f7: 800×600 px "
                         "placed at 216×162 mm is 94 ppi (< 300)", "booklet-print.pdf",
                         severity="error", rule="pdfx-image-resolution")
    moved, kept = at_figures([same, background], [figure])
    assert (moved.path, moved.line, moved.severity) == ("article.md", 15, "error")
    assert kept == background
    low = dataclasses.replace(same, severity="warning", rule="pdfx-image-resolution-low")
    assert at_figures([low], [figure]) == []  # the inspection's warning says it


def test_deleting_build_is_safe(built_project):
    shutil.rmtree(built_project / "build")
    result = build(built_project)
    assert len(result.typeset) == 2 and (built_project / "build" / "booklet.pdf").exists()


def test_a_lost_cache_entry_is_typeset_again(built_project):
    for part in (built_project / "build" / ".cache" / "parts").glob("*.json"):
        part.unlink()
    edit(built_project / ARTICLE_2, "助企纾困不断档。", "助企纾困不断档！")
    assert sorted(build(built_project).typeset) == ["bashan-yushui", "hongse-xinhuo"]


def test_tampered_output_is_rewritten(built_project):
    booklet = built_project / "build" / "booklet.pdf"
    good = sha(booklet)
    booklet.write_bytes(b"%PDF-1.7 damaged")
    result = build(built_project)
    assert result.typeset == [] and booklet in result.written and sha(booklet) == good


def test_a_failed_build_leaves_outputs_and_cache_usable(built_project):
    before = sha(built_project / "build" / "booklet.pdf")
    edit(built_project / ARTICLE_1, "slug: hongse-xinhuo", "slug: hongse-xinhuo\nbad key: 1")
    with pytest.raises(PressroomError):
        build(built_project)
    assert sha(built_project / "build" / "booklet.pdf") == before
    edit(built_project / ARTICLE_1, "bad key: 1\n", "")
    assert build(built_project).typeset == []


def test_watch_rebuilds_after_a_save_and_survives_errors(built_project):
    from pressroom.build.watch import watch_project
    stop = threading.Event()
    lines = []
    seen = threading.Event()

    def run():
        for line in watch_project(built_project, settle=0.1, stop_event=stop):
            lines.append(line)
            seen.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert _wait_for(lines, "watching", seen)
    edit(built_project / ARTICLE_2, "author: 余冬晖", "author: 余冬晖\nauther: x")
    assert _wait_for(lines, "build failed", seen)
    edit(built_project / ARTICLE_2, "auther: x\n", "")
    edit(built_project / ARTICLE_2, "助企纾困不断档。", "助企纾困不断档！")
    assert _wait_for(lines, "typeset bashan-yushui", seen)
    stop.set()
    thread.join(timeout=10)
    assert any("unknown front-matter key 'auther'" in line for line in lines)


def _wait_for(lines, text, seen, timeout=60):
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in line for line in lines):
            return True
        seen.wait(0.2)
        seen.clear()
    return False


def test_a_requested_stop_writes_nothing(built_project):
    """Ctrl-C (the flag the CLI's handler sets) stops the build before any output is
    written, even when it arrives while WeasyPrint is busy in C code."""
    before = sha(built_project / "build" / "booklet.pdf")
    edit(built_project / ARTICLE_2, "助企纾困不断档。", "助企纾困不断档！")
    build_module.INTERRUPTED.set()
    try:
        with pytest.raises(KeyboardInterrupt):
            build(built_project)
    finally:
        build_module.INTERRUPTED.clear()
    assert sha(built_project / "build" / "booklet.pdf") == before
