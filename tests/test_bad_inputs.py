"""The table of bad inputs (docs/bad-inputs.md): each is fed to `pressroom build`, which
says what is wrong and where, exits with the documented status, and leaves the booklet
of an earlier build untouched and readable."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from pressroom.cli import main

from conftest import ROOT
from minis import FIXTURE, copy_project

ARTICLE = "manuscripts/bashan-yushui/article.md"
BOOKLET = "manuscripts/booklet.yml"
STAMPS: dict[Path, tuple[int, int]] = {}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old(project, built):
    """The project with the booklet of an earlier build in build/."""
    (project / "build").mkdir()
    shutil.copy(built.booklet, project / "build" / "booklet.pdf")
    stat = (project / "build" / "booklet.pdf").stat()
    STAMPS[project] = (stat.st_ino, stat.st_mtime_ns)  # replaced or rewritten would change it
    return project


def build(capsys, root: Path, quiet: bool = True) -> tuple[int, str]:
    code = main(["build", *(["-q"] if quiet else []), "-C", str(root)])
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    assert "Traceback" not in err
    return code, err


def survived(root: Path, built) -> bool:
    booklet = root / "build" / "booklet.pdf"
    untouched = (booklet.stat().st_ino, booklet.stat().st_mtime_ns) == STAMPS[root]
    return untouched and sha(booklet) == sha(built.booklet) and len(PdfReader(booklet).pages) > 5


def line(root: Path, needle: str, name: str = ARTICLE) -> int:
    lines = (root / name).read_text(encoding="utf-8", errors="replace").splitlines()
    return next(i for i, text in enumerate(lines, 1) if needle in text)


def article(root: Path) -> Path:
    return root / ARTICLE


def private_fonts(root: Path) -> Path:
    """fonts/ as a folder of its own (the fixture links the real one) to damage safely."""
    (root / "fonts").unlink()
    (root / "fonts").mkdir()
    for path in (ROOT / "fonts").iterdir():
        target = root / "fonts" / path.name
        if path.suffix in (".otf", ".ttf"):
            target.symlink_to(path)
        else:
            shutil.copy(path, target)
    return root / "fonts"


def gb18030(root):
    path = article(root)
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))


def invalid_utf8(root):
    path = article(root)
    lines = path.read_bytes().split(b"\n")
    lines[18] = lines[18][:9] + b"\xff\xfe" + lines[18][9:]
    path.write_bytes(b"\n".join(lines))


def bad_yaml(root):
    path = article(root)
    path.write_text(path.read_text(encoding="utf-8").replace("author: 余冬晖", "author: [余冬晖"),
                    encoding="utf-8")


def empty(root):
    article(root).write_bytes(b"")


def five_megabytes(root):
    path = article(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("中" * 1000 + "。\n\n") * 1700, encoding="utf-8")


def no_font_has_it(root):
    path = article(root)
    path.write_text(path.read_text(encoding="utf-8").replace("骤降的气温", "骤降的𪚥气温"),
                    encoding="utf-8")


def booklet_text_no_font_has(root):
    path = root / BOOKLET
    path.write_text(path.read_text(encoding="utf-8").replace("subtitle: ", "subtitle: ♔"),
                    encoding="utf-8")


def corrupt_image(root):
    folder = article(root).parent / "images"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64)
    path = article(root)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '![]( "汪长征 摄/视觉重庆")', '![](images/photo.jpg "汪长征 摄/视觉重庆")'),
        encoding="utf-8")


def missing_font(root):
    (private_fonts(root) / "LXGWWenKai-Regular.ttf").unlink()


def corrupt_font(root):
    font = private_fonts(root) / "NotoSansCJKsc-Bold.otf"
    font.unlink()
    font.write_bytes(b"OTTO" + b"\x00" * 4096)


def damaged_font_in_manifest(root):
    """A damaged file whose new sha256 someone wrote into the manifest."""
    fonts = private_fonts(root)
    font = fonts / "LXGWWenKai-Regular.ttf"
    font.unlink()
    font.write_bytes(bytes(range(256)) * 20)
    manifest = fonts / "fonts.yml"
    old = "bbf534b0ca093928f94d1782855e65a19a32cde82b075d495d072025521953c8"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, sha(font)),
                        encoding="utf-8")


def template_syntax(root):
    path = root / "layouts" / "article.html.j2"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[20] += "{% if %}"
    path.write_text("\n".join(lines), encoding="utf-8")


def listed_twice(root):
    path = root / "manuscripts" / "booklet.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - bashan-yushui", "  - bashan-yushui\n  - hongse-xinhuo"), encoding="utf-8")


# case, exit status, what the message must say (after the project folder is cut off)
FAILING = [
    (gb18030, 1, [f"{ARTICLE}:3: error: byte 0x", "is not valid UTF-8; the file looks like "
                  "GB18030; convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"]),
    (invalid_utf8, 1, [f"{ARTICLE}:19: error: byte 0xff is not valid UTF-8; save the file as "
                       "UTF-8"]),
    (bad_yaml, 1, lambda root: [f"{ARTICLE}:{line(root, 'author: [')}: error: invalid YAML: "
                                "expected ',' or ']', but got ':': the [ … ] list that starts "
                                "here is not closed"]),
    (empty, 1, [f"{ARTICLE}:1: error: manuscript is empty; start it with front matter"]),
    (five_megabytes, 1, [f"{ARTICLE}: error: manuscript is 5 MB; pressroom sets articles of up "
                         "to 2 MB; split it into several articles"]),
    (no_font_has_it, 1, lambda root: [f"{ARTICLE}:{line(root, '骤降的')}: error: character 𪚥 "
                                      "(U+2A6A5) is in none of the fonts; replace it, or add a "
                                      "font that has it to fonts/fonts.yml"]),
    (booklet_text_no_font_has, 1, lambda root: [
        f"{BOOKLET}:{line(root, 'subtitle:', BOOKLET)}: error: character ♔ (U+2654) is in none "
        "of the fonts"]),
    (corrupt_image, 1, [f"{ARTICLE}:15: error: image photo.jpg cannot be read (",
                        "replace it with a JPEG or PNG that opens"]),
    (missing_font, 1, ["fonts/LXGWWenKai-Regular.ttf: error: font file for 'kai' is missing; "
                       "restore it with 'git checkout -- fonts/'"]),
    (corrupt_font, 1, ["fonts/NotoSansCJKsc-Bold.otf: error: font file for 'hei' is not the "
                       "file the manifest names (sha256"]),
    (damaged_font_in_manifest, 1, ["fonts/LXGWWenKai-Regular.ttf: error: font file for 'kai' is "
                                   "not a usable font (no glyphs or no character map)"]),
    (template_syntax, 1, ["layouts/article.html.j2:21: error: template syntax error:"]),
    (listed_twice, 1, lambda root: [
        f"{BOOKLET}:{line(root, '- bashan-yushui', BOOKLET) + 1}: error: article 'hongse-xinhuo' "
        f"is listed twice (first on line {line(root, '- hongse-xinhuo', BOOKLET)}); remove one "
        "of them"]),
]


@pytest.mark.parametrize("case, status, says", FAILING, ids=[c[0].__name__ for c in FAILING])
def test_bad_input_is_refused_and_the_old_booklet_survives(old, built, capsys, case, status,
                                                           says):
    case(old)
    code, err = build(capsys, old)
    assert code == status, err
    for text in says(old) if callable(says) else says:
        assert text in err, err
    assert survived(old, built)


@pytest.fixture(scope="module")
def mini_booklet(tmp_path_factory):
    """The one-article fixture project, built once: its booklet's bytes."""
    root = copy_project(tmp_path_factory.mktemp("mini") / "project")
    assert main(["build", "-q", "-C", str(root)]) == 0
    return (root / "build" / "booklet.pdf").read_bytes()


def test_bom_and_crlf_give_the_same_booklet(tmp_path, mini_booklet, capsys):
    root = copy_project(tmp_path / "project")
    for name in ("manuscripts/mini/article.md", "manuscripts/booklet.yml"):
        path = root / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    code, err = build(capsys, root)
    assert code == 0, err
    assert (root / "build" / "booklet.pdf").read_bytes() == mini_booklet


def test_a_paragraph_of_20000_characters_is_set_in_bounded_time(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    path = root / "manuscripts" / "mini" / "article.md"
    paragraph = ("党建引领金融服务实体经济乡村振兴普惠贷款红色薪火" * 1000)[:19_999] + "。"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + paragraph + "\n", encoding="utf-8")
    started = time.perf_counter()
    code, err = build(capsys, root)
    assert code == 0, err
    assert time.perf_counter() - started < 60  # 3.4 s measured on the 2-core machine
    assert len(PdfReader(root / "build" / "booklet.pdf").pages) >= 12


def test_a_word_of_20000_letters_builds_with_an_overflow_warning(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    path = root / "manuscripts" / "mini" / "article.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "a" * 20_000 + "。\n",
                    encoding="utf-8")
    code, err = build(capsys, root, quiet=False)  # -q prints errors only
    assert code == 0, err
    assert "manuscripts/mini/article.md:31: warning: line “aaaaaaaa" in err
    assert "pt past the right edge of its column or box" in err


def test_the_fixture_project_is_what_the_cases_assume():
    assert (FIXTURE / "manuscripts" / "mini" / "article.md").is_file()
    text = (ROOT / ARTICLE).read_text(encoding="utf-8")
    for needle in ("author: 余冬晖", "骤降的气温", '![]( "汪长征 摄/视觉重庆")'):
        assert needle in text
