"""Confined resource loading: manuscripts and layouts load files of the project only.

Every escape attempt is refused with a message naming the manuscript or template line,
and a local web server proves that nothing was fetched. Manuscript text is never
template source, and nothing is written outside build/.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pressroom.cli import main

from minis import copy_project

ARTICLE = "manuscripts/bashan-yushui/article.md"
FIGURE = '![]( "汪长征 摄/视觉重庆")'  # line 15 of the real article
MINI = "manuscripts/mini/article.md"


@pytest.fixture
def server():
    """A web server on localhost that records every request it gets."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def outside(tmp_path):
    """A readable file outside the project."""
    path = tmp_path / "secret.txt"
    path.write_text("not for the booklet", encoding="utf-8")
    return path


@pytest.fixture
def mini(tmp_path):
    return copy_project(tmp_path / "mini")


def build(capsys, root: Path) -> tuple[int, str]:
    code = main(["build", "-q", "-C", str(root)])
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    assert "Traceback" not in err
    return code, err


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, name: str, needle: str) -> int:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


# --- manuscripts ------------------------------------------------------------------------------

def test_figure_from_the_network(project, server, capsys):
    url, requests = server
    edit(project, ARTICLE, FIGURE, f'![]({url}/photo.jpg "汪长征 摄/视觉重庆")')
    code, err = build(capsys, project)
    assert code == 1 and requests == []
    assert f"{ARTICLE}:15: error: image '{url}/photo.jpg' is an address, not a file of the " \
           "project; nothing was fetched" in err


def test_figure_by_file_url(project, outside, capsys):
    edit(project, ARTICLE, FIGURE, f'![]({outside.as_uri()} "汪长征 摄/视觉重庆")')
    code, err = build(capsys, project)
    assert code == 1 and f"{ARTICLE}:15: error: image '{outside.as_uri()}' is an address" in err


def test_figure_climbing_out_with_dot_dot(project, capsys):
    edit(project, ARTICLE, FIGURE, '![](../../../../../../../etc/hostname "汪长征 摄")')
    code, err = build(capsys, project)
    assert code == 1
    assert f"{ARTICLE}:15: error: image '../../../../../../../etc/hostname' leads outside " \
           "manuscripts/" in err


def test_figure_through_a_symbolic_link(project, outside, capsys):
    images = project / "manuscripts" / "bashan-yushui" / "images"
    images.mkdir()
    (images / "photo.jpg").symlink_to(outside)
    edit(project, ARTICLE, FIGURE, '![](images/photo.jpg "汪长征 摄/视觉重庆")')
    code, err = build(capsys, project)
    assert code == 1
    assert f"{ARTICLE}:15: error: image 'images/photo.jpg' leads outside manuscripts/ (to " \
           f"{outside})" in err


def test_image_inside_running_text(project, server, capsys):
    url, requests = server
    edit(project, ARTICLE, "骤降的气温", f"骤降的![]({url}/x.png)气温")
    code, err = build(capsys, project)
    assert code == 1 and requests == []
    number = line_of(project, ARTICLE, "骤降的")
    assert f"{ARTICLE}:{number}: error: image '{url}/x.png' inside running text; nothing was " \
           "loaded" in err


def test_raw_html_is_refused(project, server, capsys):
    url, requests = server
    edit(project, ARTICLE, "骤降的气温", f'骤降的<img src="{url}/x.png">气温')
    code, err = build(capsys, project)
    assert code == 1 and requests == []
    assert "error: HTML tags are not allowed in manuscripts" in err


def test_source_file_outside_the_article_folder(project, capsys):
    edit(project, ARTICLE, "source: source/", "source: ../../../../etc/")
    code, err = build(capsys, project)
    assert code == 1 and "points outside the article's folder" in err


# --- layouts ----------------------------------------------------------------------------------

def test_stylesheet_from_the_network(mini, server, capsys):
    url, requests = server
    edit(mini, "layouts/base.css.j2", "{# Shared", f'@import url("{url}/evil.css");\n{{# Shared')
    code, err = build(capsys, mini)
    assert code == 1 and requests == []
    assert f"layouts/base.css.j2:1: error: refused to load {url}/evil.css: not a file of the " \
           "project; nothing was fetched" in err


def test_template_image_outside_the_project(mini, outside, capsys):
    edit(mini, "layouts/article.html.j2", "<body", f'<img src="{outside.as_uri()}">\n<body')
    code, err = build(capsys, mini)
    number = line_of(mini, "layouts/article.html.j2", outside.as_uri())
    assert code == 1
    assert f"layouts/article.html.j2:{number}: error: refused to load {outside.as_uri()}: a " \
           "file outside manuscripts/, layouts/ and fonts/" in err


def test_stylesheet_linked_to_a_file_outside(mini, outside, capsys):
    # an article's page resolves relative addresses in the article's folder
    (mini / "manuscripts" / "mini" / "extra.css").symlink_to(outside)
    edit(mini, "layouts/article.html.j2", "<style>", '<link rel="stylesheet" href="extra.css">\n'
         "<style>")
    code, err = build(capsys, mini)
    assert code == 1 and "error: refused to load file://" in err and "secret.txt" in err


def test_template_linked_to_a_file_outside(mini, outside, capsys):
    (mini / "layouts" / "outside.html.j2").symlink_to(outside)
    edit(mini, "layouts/article.html.j2", "<body", '{% include "outside.html.j2" %}\n<body')
    code, err = build(capsys, mini)
    assert code == 1
    assert f"layouts/outside.html.j2: error: template outside.html.j2 leads outside layouts/ " \
           f"(to {outside}); it was not read" in err


# --- manuscript text is data; outputs stay in build/ ------------------------------------------

def test_template_syntax_in_a_manuscript_prints_as_typed(mini, capsys):
    edit(mini, MINI, "截至2026年5月末", "{{ 7*7 }}与{% if true %}原样{% endif %}，截至2026年5月末")
    before = {p for p in mini.rglob("*") if "build" not in p.parts}
    code, err = build(capsys, mini)
    assert code == 0, err
    pdf = pdfium.PdfDocument(str(mini / "build" / "articles" / "mini.pdf"))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    flat = "".join(text.split())
    assert "{{7*7}}与{%iftrue%}原样{%endif%}" in flat and "49" not in flat
    after = {p for p in mini.rglob("*") if "build" not in p.parts}
    assert after == before  # nothing written outside build/


@pytest.mark.parametrize("where, old, new, says", [
    ("manuscripts/booklet.yml", "  - mini", "  - ../../escape", "article '../../escape' is not a slug"),
    (MINI, "slug: mini", "slug: ../../escape", "slug must be lower-case letters, digits and hyphens"),
])
def test_slugs_cannot_leave_build(mini, capsys, where, old, new, says):
    edit(mini, where, old, new)
    code, err = build(capsys, mini)
    assert code == 1 and says in err
    assert not (mini.parent / "escape.pdf").exists() and not (mini / "build").exists()
