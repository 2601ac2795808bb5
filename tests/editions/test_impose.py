"""Saddle-stitch imposition: page order on every sheet side, geometry, bleed, marks."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from pressroom.editions.impose import ImposeError, impose, parse_sheet, sheet_order
from pressroom.editions.marks import MM, SLUG_MM
from synthetic import A4, numbered_pdf

BLEED = 3 * MM


def halves(data: bytes) -> list[tuple[str, str]]:
    """Text found on the left and right half of each imposed sheet side."""
    pdf = pdfium.PdfDocument(data)
    sides = []
    for page in pdf:
        width, height = page.get_size()
        text = page.get_textpage()
        sides.append(tuple(text.get_text_bounded(left=x0, bottom=0, right=x1, top=height)
                           .strip() for x0, x1 in ((0, width / 2), (width / 2, width))))
    pdf.close()
    return sides


def expected(count: int) -> list[tuple[str, str]]:
    """The saddle-stitch order written out: (n,1), (2,n-1), (n-2,3), (4,n-3), …"""
    n = count + (-count) % 4
    label = (lambda p: f"P{p}" if p <= count else "")
    sides, low, high = [], 1, n
    while low < high:
        sides.append((label(high), label(low)))
        sides.append((label(low + 1), label(high - 1)))
        low, high = low + 2, high - 2
    return sides


@pytest.mark.parametrize("count", [4, 8, 12, 16, 1, 5, 7, 9, 14])
def test_every_sheet_side_carries_the_right_pages(count):
    result = impose(numbered_pdf(count))
    assert halves(result.pdf) == expected(count)
    assert result.sheets == (count + 3) // 4
    assert result.blanks == (-count) % 4
    assert bool(result.warnings) == bool(result.blanks)


def test_order_for_eight_pages_written_out():
    assert sheet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert sheet_order(6) == [(0, 1), (2, 0), (6, 3), (4, 5)]


def test_sheet_geometry_trim_and_bleed_boxes():
    reader = PdfReader(io.BytesIO(impose(numbered_pdf(8, bleed=BLEED)).pdf))
    slug = SLUG_MM * MM
    for page in reader.pages:
        media, trim, bleed = page.mediabox, page.trimbox, page.bleedbox
        assert float(media.width) == pytest.approx(420 * MM + 2 * slug, abs=0.01)
        assert float(media.height) == pytest.approx(297 * MM + 2 * slug, abs=0.01)
        # the spread of two A4 pages, centred on the sheet
        assert float(trim.width) == pytest.approx(2 * A4[0], abs=0.01)
        assert float(trim.height) == pytest.approx(A4[1], abs=0.01)
        assert float(trim.left) == pytest.approx(slug, abs=0.01)
        assert float(bleed.left) == pytest.approx(float(trim.left) - BLEED, abs=0.01)
        assert float(bleed.top) == pytest.approx(float(trim.top) + BLEED, abs=0.01)


def render(data: bytes, index: int, dpi: int = 36):
    pdf = pdfium.PdfDocument(data)
    image = pdf[index].render(scale=dpi / 72).to_pil().convert("L")
    pdf.close()
    return image


def test_bleed_kept_outside_cut_at_spine_and_marks_drawn():
    data = impose(numbered_pdf(4, bleed=BLEED)).pdf
    image = render(data, 0, dpi=72)  # 1 px = 1 pt
    slug = SLUG_MM * MM
    mid_y = image.height // 2
    spine_x = round(image.width / 2)
    # the (black) bleed shows on the outer edges …
    assert image.getpixel((round(slug - 2), mid_y)) < 64
    assert image.getpixel((image.width - round(slug - 2), mid_y)) < 64
    assert image.getpixel((spine_x, round(slug - 2))) < 64
    # … but not beyond the bleed, where the slug is white …
    assert image.getpixel((round(slug - BLEED - 2), mid_y)) > 250
    # … nor at the spine, where each page meets the other's trimmed edge
    assert all(150 < image.getpixel((x, mid_y)) < 230 for x in range(spine_x - 4, spine_x + 5))
    top_mark = [image.getpixel((spine_x, y)) for y in range(0, round(slug))]
    assert min(top_mark) < 128, "fold mark above the spine"
    corner_mark = [image.getpixel((x, round(slug))) for x in range(0, round(slug - BLEED))]
    assert min(corner_mark) < 128, "crop mark at the top-left corner"


def test_without_marks_the_page_is_the_sheet():
    reader = PdfReader(io.BytesIO(impose(numbered_pdf(4), marks=False).pdf))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(420 * MM, abs=0.01)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(297 * MM, abs=0.01)


def test_other_sheet_sizes_centre_the_spread():
    a5 = (148 * MM, 210 * MM)
    result = impose(numbered_pdf(8, size=a5), sheet="A4")
    assert halves(result.pdf) == expected(8)
    page = PdfReader(io.BytesIO(result.pdf)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(297 * MM + 2 * SLUG_MM * MM, abs=0.01)
    with pytest.raises(ImposeError, match="do not fit"):
        impose(numbered_pdf(4), sheet="A4")


def test_sheet_sizes_parse():
    assert parse_sheet("a3") == (420, 297)
    assert parse_sheet("320x450") == (450, 320)
    with pytest.raises(ImposeError, match="unknown sheet size"):
        parse_sheet("A7")


def test_same_input_same_bytes():
    data = numbered_pdf(6, bleed=BLEED)
    assert impose(data).pdf == impose(data).pdf


def test_imposed_booklet_passes_qpdf_check(built, tmp_path):
    import subprocess
    result = impose(built.booklet.read_bytes())
    path = tmp_path / "imposed.pdf"
    path.write_bytes(result.pdf)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert len(PdfReader(path).pages) == 2 * result.sheets


def test_command_imposes_into_the_build_folder(project, tmp_path, capsys):
    from pressroom.cli import main
    out = tmp_path / "out"
    source = tmp_path / "pages.pdf"
    source.write_bytes(numbered_pdf(5))
    assert main(["impose", "-C", str(project), "-o", str(out)]) == 1
    assert "run `pressroom build --edition print` first" in capsys.readouterr().err
    assert main(["impose", "-C", str(project), "-o", str(out), "-i", str(source)]) == 0
    assert halves((out / "booklet-imposed.pdf").read_bytes()) == expected(5)
    assert "3 blank page(s) added" in capsys.readouterr().err
    assert main(["impose", "-C", str(project), "-i", str(source), "--sheet", "A9"]) == 1
