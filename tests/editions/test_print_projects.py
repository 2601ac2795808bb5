"""The print edition of small projects: an RGB photo in a manuscript comes out CMYK, the
print shop's own profile is used when booklet.yml names it, the output does not depend on
where it is written, and what would reach the press in RGB stops the build (at its line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from minis import copy_project, edit
from pressroom.build import build
from pressroom.checks.preflight import check
from pressroom.cli import main
from pressroom.colour.condition import default_condition
from pressroom.typeset.typesetter import Typesetter

ARTICLE = "manuscripts/mini/article.md"
FIGURE = '![衙前农民运动纪念馆]( "工行萧山分行 供图")'
SHOP = Path(__file__).parents[1] / "fixtures" / "profiles" / "test-fogra29-uncoated.icc"


def photo() -> Image.Image:
    """An sRGB 'photo': saturated colours and a neutral ramp, 1500 × 1000 px."""
    image = Image.new("RGB", (1500, 1000))
    image.putdata([(x * 255 // 1499, y * 255 // 999, (x + y) * 255 // 2498)
                   for y in range(1000) for x in range(1500)])
    return image


@pytest.fixture
def with_photo(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "manuscripts/mini/images").mkdir()
    photo().save(root / "manuscripts/mini/images/photo.jpg", quality=90, dpi=(300, 300))
    edit(root, ARTICLE, FIGURE, FIGURE.replace("](", "](images/photo.jpg"))
    return root


def images(path: Path) -> list[tuple[str, int, int]]:
    with pikepdf.open(path) as pdf:
        return sorted((str(o.ColorSpace), int(o.Width), int(o.Height)) for o in pdf.objects
                      if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")


def test_an_rgb_photo_in_a_manuscript_comes_out_cmyk(with_photo, tmp_path):
    from pressroom.checks.pdfx import preflight
    from test_pdfx_edition import no_rgb
    build(with_photo, editions=("screen", "print"))
    out = with_photo / "build"
    assert images(out / "booklet.pdf") == [("/DeviceRGB", 1500, 1000)]
    assert images(out / "booklet-print.pdf") == [("/DeviceCMYK", 1500, 1000)]
    assert preflight(out / "booklet-print.pdf") == []
    assert no_rgb(out / "booklet-print.pdf")["scn"] > 10
    # separated through the profile: within its 300 % and not a naive conversion
    with pikepdf.open(out / "booklet-print.pdf") as pdf:
        (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and
                    o.get("/Subtype") == "/Image"]
        assert list(image.Decode) == [1, 0] * 4  # Adobe CMYK JPEG, as WeasyPrint marks it
    from pressroom.checks.pdfx.content import image_total_ink
    with pikepdf.open(out / "booklet-print.pdf") as pdf:
        (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and
                    o.get("/Subtype") == "/Image"]
        assert 200 < image_total_ink(image) <= 303


def test_the_print_edition_does_not_depend_on_where_it_is_written(with_photo, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    build(with_photo, first, editions=("print",))
    build(with_photo, second, editions=("print",))
    data = (first / "booklet-print.pdf").read_bytes()
    assert data == (second / "booklet-print.pdf").read_bytes()
    assert str(with_photo).encode() not in data and str(first).encode() not in data


def notified(root: Path, **options) -> list[str]:
    labels = []
    build(root, progress=lambda event, data: labels.append(data["slug"])
          if event == "typeset" else None, **options)
    return labels


def test_a_shops_profile_is_the_output_intent_and_separates_the_images(with_photo, tmp_path):
    assert notified(with_photo, editions=("screen", "print")) == ["mini", "mini (print)"]
    screen = (with_photo / "build" / "booklet.pdf").read_bytes()
    (with_photo / "profiles").mkdir()
    shutil.copy(SHOP, with_photo / "profiles" / "印厂.icc")
    booklet = with_photo / "manuscripts" / "booklet.yml"
    booklet.write_text(booklet.read_text(encoding="utf-8") + "print:\n  profile: "
                       "profiles/印厂.icc\n  condition: 胶版纸四色印刷\n", encoding="utf-8")
    # only the print article is typeset again; the screen edition stays as it was
    assert notified(with_photo, editions=("screen", "print")) == ["mini (print)"]
    assert (with_photo / "build" / "booklet.pdf").read_bytes() == screen
    printed = with_photo / "build" / "booklet-print.pdf"
    with pikepdf.open(printed) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes() == SHOP.read_bytes()
        assert str(intent.OutputConditionIdentifier) == "Custom" and "/RegistryName" not in intent
        assert str(intent.OutputCondition) == "胶版纸四色印刷"
        assert str(intent.Info).startswith("pressroom test profile")
    from pressroom.checks.pdfx import preflight
    from pressroom.checks.pdfx.content import image_total_ink
    assert preflight(printed) == []
    with pikepdf.open(printed) as pdf:
        (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and
                    o.get("/Subtype") == "/Image"]
        assert image_total_ink(image) <= 263  # the shop profile's 260 %, not FOGRA39's 300 %
    assert notified(with_photo, editions=("screen", "print")) == []  # cached
    assert default_condition().profile != SHOP.read_bytes()


def print_build_with_css(root: Path, rule: str, capsys) -> tuple[int, str]:
    """Add `rule` at the end of the article stylesheet and build the print edition, which
    must fail: the rule's line, and what the build said."""
    css = root / "layouts" / "article.css.j2"
    css.write_text(css.read_text(encoding="utf-8") + rule + "\n", encoding="utf-8")
    line = css.read_text(encoding="utf-8").count("\n")
    assert main(["build", "-q", "-C", str(root), "--edition", "print"]) == 1
    return line, capsys.readouterr().err


def test_a_raw_colour_in_a_layout_stops_the_print_build_at_its_line(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    line, err = print_build_with_css(root, ".lead { color: #336699; }", capsys)
    assert f"layouts/article.css.j2:{line}: error: color: #336699 is not from the palette" in err
    assert not (root / "build" / "booklet-print.pdf").exists()
    assert main(["build", "-q", "-C", str(root)]) == 0  # the screen edition may use it


def test_rgb_that_reaches_the_print_pdf_stops_the_build(tmp_path, capsys, monkeypatch):
    """Were images not separated, the preflight of the finished print edition stops the
    build and says where."""
    root = copy_project(tmp_path / "project")
    (root / "manuscripts/mini/images").mkdir()
    photo().save(root / "manuscripts/mini/images/photo.jpg", dpi=(300, 300))
    edit(root, ARTICLE, FIGURE, FIGURE.replace("](", "](images/photo.jpg"))
    monkeypatch.setattr(Typesetter, "_image_url", lambda self, image: image.resolve().as_uri())
    assert main(["build", "-q", "-C", str(root), "--edition", "print"]) == 1
    err = capsys.readouterr().err
    assert "booklet-print.pdf: error: page 3, content stream › image /i" in err
    assert "image in RGB (DeviceRGB)" in err and "ImageCms" in err
    assert not (root / "build" / "booklet-print.pdf").exists()


def test_check_print_edition_on_a_clean_project_and_with_planted_problems(tmp_path,
                                                                          monkeypatch):
    root = copy_project(tmp_path / "project")
    rules = {f.rule for f in check(root, ("screen", "print")).findings}
    assert rules == {"figure-placeholder"}
    css = root / "layouts" / "booklet.css.j2"
    css.write_text(css.read_text(encoding="utf-8") + ".notes h2 { color: crimson; }\n",
                   encoding="utf-8")
    (problem,) = [f for f in check(root, ("screen", "print")).findings
                  if f.severity == "error"]
    assert problem.rule == "print-colour" and Path(problem.path).name == "booklet.css.j2"
    assert problem.line == css.read_text(encoding="utf-8").count("\n")
    assert "crimson" not in {f.rule for f in check(root).findings}  # screen only: fine


def test_check_print_edition_reports_preflight_findings_with_page_and_object(
        with_photo, monkeypatch, capsys):
    monkeypatch.setattr(Typesetter, "_image_url", lambda self, image: image.resolve().as_uri())
    assert main(["check", "-C", str(with_photo), "--edition", "print"]) == 1
    out = capsys.readouterr().out
    (line,) = [l for l in out.splitlines() if "pdfx-rgb-image" in l]
    assert "booklet-print.pdf: error: pdfx-rgb-image: page 3, content stream › image /i" in line
    assert main(["check", "-C", str(with_photo)]) == 0  # the screen edition has no such rule


def test_check_print_edition_names_a_coarse_image_once_at_its_line_as_an_error(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "manuscripts/mini/images").mkdir()
    photo().resize((300, 200)).save(root / "manuscripts/mini/images/photo.jpg")
    edit(root, ARTICLE, FIGURE, FIGURE.replace("](", "](images/photo.jpg"))
    report = check(root, ("screen", "print"))
    coarse = [f for f in report.findings if "ppi" in f.message]
    assert [(f.severity, f.rule, Path(f.path).name, f.line) for f in coarse] == \
        [("error", "image-resolution", "article.md", 25)]
    assert "booklet not composed: the errors above stop it" in report.summary()
    coarse = [f for f in check(root).findings if "ppi" in f.message]  # the screen: a warning
    assert [(f.severity, f.rule) for f in coarse] == [("warning", "image-resolution")]


def test_a_layout_colour_the_palette_lacks_stops_the_print_build_at_its_line(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    line, err = print_build_with_css(root, ".lead { color: {{ '#336699' | ink }}; }", capsys)
    assert f"layouts/article.css.j2:{line}: error: layout colour #336699 has no print (CMYK) " \
           "value; add the colour to PALETTE" in err
    assert main(["build", "-q", "-C", str(root)]) == 0  # on screen it is the colour written
