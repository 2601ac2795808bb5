"""The real project's print edition as a print shop receives it: PDF/X-4 in CMYK, read back
independently of the code that wrote it (pikepdf objects and content streams, qpdf,
poppler, pdfium), and its imposition, which stays PDF/X-4."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from pressroom.checks.pdfx import colour_inventory, preflight
from pressroom.colour.condition import default_condition
from pressroom.colour.palette import PALETTE
from pressroom.editions.impose import impose
from pressroom.editions.marks import BLEED_MM, MM, SLUG_MM

NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "pdfxid": "http://www.npes.org/pdfx/ns/id/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "dc": "http://purl.org/dc/elements/1.1/"}
RGB_OPERATORS = {"rg", "RG"}


@pytest.fixture(scope="module")
def imposed(editions, tmp_path_factory):
    path = tmp_path_factory.mktemp("imposed") / "booklet-imposed.pdf"
    path.write_bytes(impose(editions.print.read_bytes()).pdf)
    return path


@pytest.fixture(scope="module", params=["print", "imposed"])
def pdfx(request, editions, imposed):
    return editions.print if request.param == "print" else imposed


# -- independent reading -------------------------------------------------------------------

def content_streams(pdf: pikepdf.Pdf):
    """(where, stream, resources) of every page and every form XObject, once each."""
    seen = set()

    def forms(resources, where):
        for name, xobj in (resources.get("/XObject") or {}).items():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                yield f"{where} {name}", xobj, xobj.get("/Resources", resources)
                yield from forms(xobj.get("/Resources", resources), f"{where} {name}")

    for number, page in enumerate(pdf.pages, 1):
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        yield f"page {number}", page, resources
        yield from forms(resources, f"page {number}")


def test_no_rgb_anywhere_in_the_file(pdfx):
    operators = no_rgb(pdfx)
    assert operators["scn"] > 100 and operators["cs"] > 100  # it did read the pages


def no_rgb(path) -> Counter:
    """No RGB colour space named by any object, no 3-channel ICC profile, no RGB
    operator in any content stream, every image CMYK or grey; the operators counted."""
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                values = [str(v) for v in obj.values() if isinstance(v, pikepdf.Name)]
                assert "/DeviceRGB" not in values and "/CalRGB" not in values, obj.objgen
                if obj.get("/Subtype") == "/Image":
                    assert str(obj.get("/ColorSpace")) in ("/DeviceCMYK", "/DeviceGray")
            if isinstance(obj, pikepdf.Array) and len(obj) == 2 and obj[0] == "/ICCBased":
                assert int(obj[1].get("/N")) != 3
        operators = Counter()
        for where, stream, _ in content_streams(pdf):
            for item in pikepdf.parse_content_stream(stream):
                operators[str(item.operator)] += 1
        assert not RGB_OPERATORS & set(operators), operators
    return operators


def test_qpdf_reads_it_without_a_warning_and_pikepdf_finds_no_syntax_problem(pdfx):
    check = subprocess.run(["qpdf", "--check", str(pdfx)], capture_output=True, text=True)
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr
    with pikepdf.open(pdfx) as pdf:
        assert pdf.check_pdf_syntax() == []


def test_a_gts_pdfx_output_intent_with_the_four_channel_profile(pdfx):
    with pikepdf.open(pdfx) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and intent.Type == "/OutputIntent"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert str(intent.Info).startswith("pressroom FOGRA39") and str(intent.OutputCondition)
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        data = profile.read_bytes()
        assert data[16:20] == b"CMYK" and data[12:16] == b"prtr"
        assert data == default_condition().profile


def test_identified_as_pdfx4_in_xmp_info_and_header(pdfx):
    assert pdfx.read_bytes().startswith(b"%PDF-1.6\n")
    with pikepdf.open(pdfx) as pdf:
        meta = ET.fromstring(pdf.Root.Metadata.read_bytes())
        assert meta.findtext(".//pdfxid:GTS_PDFXVersion", namespaces=NS) == "PDF/X-4"
        assert meta.findtext(".//pdf:Trapped", namespaces=NS) == "False"
        assert meta.findtext(".//xmpMM:VersionID", namespaces=NS) == "1"
        assert meta.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=NS) == str(
            pdf.trailer.Info.Title)
        assert pdf.trailer.Info.Trapped == "/False"
        assert str(pdf.trailer.Info.GTS_PDFXVersion) == "PDF/X-4"
    info = subprocess.run(["pdfinfo", str(pdfx)], capture_output=True, text=True).stdout
    assert re.search(r"PDF subtype:\s+PDF/X-4\n", info) and re.search(r"PDF version:\s+1.6\n", info)


DEVICE_OPERATORS = {"k": "/DeviceCMYK", "g": "/DeviceGray", "rg": "/DeviceRGB"}


def text_colours(pdf: pikepdf.Pdf) -> Counter:
    """(fill colour space, values, font size) of every text-showing operator: a small
    interpreter of q/Q, colour and text-state operators, forms included."""
    found = Counter()
    for where, stream, resources in content_streams(pdf):
        fill, stack, size = ("?", ()), [], 0.0
        for item in pikepdf.parse_content_stream(stream):
            op, args = str(item.operator), item.operands
            if op == "q":
                stack.append((fill, size))
            elif op == "Q" and stack:
                fill, size = stack.pop()
            elif op == "cs":
                fill = (str(args[0]), ())
            elif op in ("scn", "sc"):
                fill = (fill[0], tuple(round(float(a), 3) for a in args))
            elif op in DEVICE_OPERATORS:
                fill = (DEVICE_OPERATORS[op], tuple(round(float(a), 3) for a in args))
            elif op == "Tf":
                size = float(args[1])
            elif op in ("Tj", "TJ", "'", '"'):
                found[(fill, size)] += 1
    return found


def test_text_is_one_ink_unless_it_is_a_chosen_colour(editions):
    colours = {tuple(round(v / 100, 3) for v in row.cmyk): row for row in PALETTE.values()}
    found = text_colours(pikepdf.open(editions.print))
    for ((space, values), size), count in found.items():
        assert space == "/DeviceCMYK", (space, values, size)
        row = colours[values]
        assert row.kind == "colour" or values[:3] == (0, 0, 0), (values, size)
    body = max(found, key=found.get)  # the most frequent: body text
    assert body[0] == ("/DeviceCMYK", (0, 0, 0, 1)) and body[1] == pytest.approx(13.33, abs=0.1)


def test_the_preflight_passes_and_the_inventory_is_cmyk_and_registration(pdfx):
    assert preflight(pdfx) == []
    spaces = {use.space for use in colour_inventory(pdfx)}
    assert spaces == {"DeviceCMYK", "Separation /All (alternate DeviceCMYK)"}


def test_the_screen_and_archive_editions_keep_their_srgb_colours(editions):
    assert "DeviceCMYK" not in {use.space for use in colour_inventory(editions.screen)}
    assert "DeviceCMYK" not in {use.space for use in colour_inventory(editions.archive)}


def test_the_contents_links_are_not_in_the_print_edition(editions):
    with pikepdf.open(editions.print) as pdf:
        assert all("/Annots" not in page.obj for page in pdf.pages)
        assert len(pdf.open_outline().root) > 0  # the bookmarks stay
    with pikepdf.open(editions.screen) as pdf:
        assert "/Annots" in pdf.pages[1].obj


def test_the_colophon_says_what_the_print_file_is(editions):
    from pdfread import pdftotext_pages
    printed = "".join(pdftotext_pages(editions.print)[-1].split())
    assert "印刷版PDF/X-4" in printed and "四色印刷，正文、页码单色黑" in printed
    assert "PDF/X" not in "".join(pdftotext_pages(editions.screen)[-1].split())


# -- the imposition ---------------------------------------------------------------------------

def test_the_imposition_keeps_boxes_and_marks_in_registration_colour(imposed, editions):
    with pikepdf.open(imposed) as pdf, pikepdf.open(editions.print) as source:
        assert len(pdf.pages) == len(source.pages) // 2
        trim_w = float(source.pages[0].TrimBox[2]) - float(source.pages[0].TrimBox[0])
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            assert trim[2] - trim[0] == pytest.approx(2 * trim_w, abs=0.01)
            for side in (0, 1):
                assert trim[side] - bleed[side] == pytest.approx(BLEED_MM * MM, abs=0.01)
            assert "/PRRegistration" in page.Resources.ColorSpace
        assert str(pdf.trailer.Info.Title).endswith("（拼版）")


# -- what the pages look like -------------------------------------------------------------------

def render(path, index, scale, crop=0.0, size=None):
    """A page as pdfium draws it; `crop` points cut off each edge, then `size` kept."""
    pdf = pdfium.PdfDocument(str(path))
    image = pdf[index].render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
    pdf.close()
    if crop:
        margin = round(crop * scale)
        image = image.crop((margin, margin, margin + size[0], margin + size[1]))
    return image


def test_printed_pages_look_like_the_screen_pages(editions, tmp_path):
    """Every page of the screen booklet against its print page cut at the trim, both drawn
    by pdfium: ink in the same places (the same text, rules and fields), and colours close
    on average. pdfium turns CMYK into RGB naively, so K 100 text draws a little blacker
    than #1b1b1b and the red a little purer: that is the rendering, not the file. The
    pairs are kept side by side in the test's folder for a look."""
    pages = len(pikepdf.open(editions.screen).pages)
    last = len(pikepdf.open(editions.print).pages) - 1
    for index in range(pages):
        a = render(editions.screen, index, 0.75)
        b = render(editions.print, last if index == pages - 1 else index, 0.75,
                   crop=SLUG_MM * MM, size=a.size)  # the colophon ends both
        pair = Image.new("RGB", (a.width * 2 + 8, a.height), "white")
        pair.paste(a, (0, 0))
        pair.paste(b, (a.width + 8, 0))
        pair.save(tmp_path / f"page-{index + 1}.png")
        ink_a, ink_b = (image.convert("L").point(lambda v: 255 if v < 230 else 0)
                        for image in (a, b))
        # ink in one that the other has not within a pixel (edges antialias differently)
        near_a, near_b = (ink.filter(ImageFilter.MaxFilter(3)) for ink in (ink_a, ink_b))
        moved = (ImageStat.Stat(ImageChops.subtract(ink_a, near_b)).mean[0] +
                 ImageStat.Stat(ImageChops.subtract(ink_b, near_a)).mean[0]) / 255
        colour = ImageStat.Stat(ImageChops.difference(a, b).convert("L")).mean[0]
        print(f"page {index + 1}: ink placed differently {moved:.3%}, mean colour "
              f"difference {colour:.2f}")
        if index != pages - 1:  # the colophon says which file it is
            assert moved < 0.005, f"page {index + 1}: {moved:.2%} of the page inked differently"
        assert colour < 16, f"page {index + 1}: mean colour difference {colour:.1f}"
