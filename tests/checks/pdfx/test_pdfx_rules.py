"""The PDF/X-4 preflight's rule table, one test per row: a small PDF that breaks that rule,
and only that rule, gets exactly that finding (and the clean file gets none)."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from pdfxfiles import (MM, REGISTRATION, TEXT, cmyk_profile, form, image_stream,
                       make_pdf, srgb_profile_bytes, xmp)
from pressroom.checks.pdfx import RULES, preflight


def with_image(make_image, content=b"q 200 0 0 200 0 0 cm /Im0 Do Q"):
    return make_pdf(content, resources=lambda pdf: {"XObject": Dictionary(Im0=make_image(pdf))})


def intent(**entries):
    def make(pdf):
        values = dict(Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier="FOGRA39",
                      Info="x", DestOutputProfile=cmyk_profile(pdf))
        values.update(entries)
        return Dictionary({"/" + k: v(pdf) if callable(v) else v for k, v in values.items()
                           if v is not None})
    return make


def without_id():
    pdf = pikepdf.open(io.BytesIO(make_pdf()))
    del pdf.trailer["/ID"]
    return pdf


def self_drawing_form(pdf, page):
    fm = form(pdf, b"0 0 0 1 k /Fm1 Do")
    fm.Resources = Dictionary(XObject=Dictionary(Fm1=fm))
    page.Resources.XObject = Dictionary(Fm1=fm)


def listed_twice(pdf, page):
    link = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 5, 5]))
    page.Annots = Array([link, link])


def damaged_content(pdf, page):
    page.Contents = pdf.make_stream(b"this is not flate", Filter=Name.FlateDecode)


def spot_with_rgb_alternate(pdf):
    return {"ColorSpace": Dictionary(Spot=Array([
        Name.Separation, Name("/PantoneRed"), Name.DeviceRGB,
        Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 1, 1], C1=[1, 0, 0], N=1)]))}


# rule → a PDF that breaks it and nothing else
CASES = {
    "pdf-version": lambda: make_pdf(version="1.4"),
    "pdf-version-newer": lambda: make_pdf(version="1.7"),
    "encrypted": lambda: make_pdf(encrypt=True),
    "file-id": without_id,
    "trapped": lambda: make_pdf(info={"/Trapped": None}),
    "info-metadata": lambda: make_pdf(info={"/Title": None}),
    "pdfx-version": lambda: make_pdf(info={"/GTS_PDFXVersion": "PDF/X-1a:2003"}),
    "xmp-pdfx": lambda: make_pdf(xmp_data=b""),
    "xmp-metadata": lambda: make_pdf(xmp_data=xmp().replace(
        b"   <xmpMM:VersionID>1</xmpMM:VersionID>\n", b"")),
    "info-xmp-mismatch": lambda: make_pdf(xmp_data=xmp({"/Trapped": "/True"})),
    "output-intent": lambda: make_pdf(intents=[]),
    "output-intent-info": lambda: make_pdf(intents=[intent(Info=None)]),
    "output-intent-profile": lambda: make_pdf(intents=[intent(
        DestOutputProfile=lambda pdf: pdf.make_stream(srgb_profile_bytes(), N=3))]),
    "forbidden-feature": lambda: make_pdf(b"/GS1 gs " + TEXT, resources={
        "ExtGState": Dictionary(GS1=Dictionary(TR=Dictionary(
            FunctionType=2, Domain=[0, 1], C0=[0], C1=[1], N=2)))}),
    "trim-box": lambda: make_pdf(trim=None),
    "bleed-box": lambda: make_pdf(bleed=None),
    "box-nesting": lambda: make_pdf(bleed=[-5, -5, 205, 205]),
    "bleed-size": lambda: make_pdf(bleed=[20 - 2 * MM, 20 - 3 * MM, 180 + 3 * MM, 180 + 3 * MM]),
    "annotation-in-trim": lambda: make_pdf(annots=[Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[50, 50, 80, 60])]),
    "annotation-listed-twice": lambda: make_pdf(build=listed_twice),
    "rgb-colour": lambda: make_pdf(b"1 0 0 rg " + TEXT),
    "rgb-alternate": lambda: make_pdf(b"/Spot cs 1 scn 20 20 50 50 re f",
                                      resources=spot_with_rgb_alternate),
    "rgb-image": lambda: with_image(lambda pdf: image_stream(pdf, "RGB", (900, 900))),
    "rgb-group": lambda: make_pdf(b"/Fm1 Do", resources=lambda pdf: {"XObject": Dictionary(
        Fm1=form(pdf, b"0 1 1 0 k 0 0 9 9 re f", group_cs=Name.DeviceRGB))}),
    "non-cmyk-colour": lambda: make_pdf(b"/L cs 50 0 0 sc 20 20 9 9 re f", resources={
        "ColorSpace": Dictionary(L=Array([Name.Lab, Dictionary(WhitePoint=[0.9642, 1, 0.8249])]))}),
    "text-k-only": lambda: make_pdf(b"0.6 0.4 0.4 1 k " + TEXT),
    "text-k-only-large": lambda: make_pdf(b"0.6 0.4 0.4 1 k BT /F1 30 Tf 40 100 Td (a) Tj ET"),
    "total-ink": lambda: make_pdf(b"1 1 1 1 K 20 20 m 100 100 l S"),
    "total-ink-unmeasured": lambda: with_image(lambda pdf: pdf.make_stream(
        b"not a jpeg", Type=Name.XObject, Subtype=Name.Image, Width=900, Height=900,
        ColorSpace=Name.DeviceCMYK, BitsPerComponent=8, Filter=Name.DCTDecode)),
    "image-resolution": lambda: with_image(lambda pdf: image_stream(pdf, "CMYK", (300, 300))),
    "image-resolution-low": lambda: with_image(lambda pdf: image_stream(pdf, "CMYK",
                                                                        (800, 800))),
    "image-colour": lambda: with_image(lambda pdf: pdf.make_stream(
        b"\0" * 16, Type=Name.XObject, Subtype=Name.Image, Width=900, Height=900,
        BitsPerComponent=8, Filter=Name.JPXDecode)),
    "font-embedded": lambda: make_pdf(b"BT /F2 10 Tf 40 100 Td (a) Tj ET", resources={
        "Font": Dictionary(F2=Dictionary(Type=Name.Font, Subtype=Name.Type1,
                                         BaseFont=Name.Helvetica))}),
    "content-syntax": lambda: make_pdf(build=damaged_content),
    "content-cycle": lambda: make_pdf(b"/Fm1 Do", build=self_drawing_form),
    "missing-resource": lambda: make_pdf(b"/Nope Do"),
}


def test_every_rule_has_a_case():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule(rule):
    findings = preflight(CASES[rule]())
    assert {f.rule for f in findings} == {rule}, [str(f) for f in findings]
    for finding in findings:
        assert finding.severity == RULES[rule].severity
        assert finding.fix and finding.message and finding.object
        assert (finding.page is None) == (finding.object in (
            "file header", "trailer", "document info", "XMP metadata", "catalog /Metadata",
            "catalog /OutputIntents", "output intent", "output intent profile", "catalog",
            "catalog /Names"))


def test_the_clean_file_passes():
    assert preflight(make_pdf()) == []


def test_registration_colour_is_not_four_inks():
    """Marks in /Separation /All: every plate, but not 400 % of DeviceCMYK."""
    assert preflight(make_pdf(b"/Reg CS 1 SCN 0 0 m 10 10 l S", resources={
        "ColorSpace": Dictionary(Reg=REGISTRATION)})) == []


def test_registration_colour_on_text_is_an_error():
    findings = preflight(make_pdf(b"/Reg cs 1 scn BT /F1 30 Tf 40 100 Td (a) Tj ET",
                                  resources={"ColorSpace": Dictionary(Reg=REGISTRATION)}))
    assert [f.rule for f in findings] == ["text-k-only"]
    assert "registration" in findings[0].message


def test_trim_outside_bleed_and_boxes_named():
    findings = preflight(make_pdf(bleed=[-5, 25, 205, 175]))
    assert {f.rule for f in findings} == {"box-nesting", "bleed-size"}
    messages = " ".join(f.message for f in findings if f.rule == "box-nesting")
    assert "BleedBox extends beyond the MediaBox" in messages
    assert "TrimBox extends beyond the BleedBox" in messages


def test_bleed_names_the_short_sides_only():
    (finding,) = preflight(CASES["bleed-size"]())
    assert "left 2.00 mm" in finding.message and "right" not in finding.message


def test_media_box_inherited_from_the_page_tree_is_found():
    def build(pdf, page):
        del page["/MediaBox"]
        pdf.Root.Pages.MediaBox = [0, 0, 200, 200]
    assert preflight(make_pdf(build=build)) == []


def test_trapped_unknown_is_an_error():
    findings = preflight(make_pdf(info={"/Trapped": "/Unknown"}))
    assert "trapped" in {f.rule for f in findings}


def test_inline_rgb_image_is_reported():
    content = b"q 0.48 0 0 0.48 20 20 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID " + bytes(12) + b" EI Q"
    (finding,) = preflight(make_pdf(content))
    assert finding.rule == "rgb-image" and finding.object == "content stream › inline image"


def test_encrypted_file_is_not_read_as_clean():
    assert "encrypted" in {f.rule for f in preflight(CASES["encrypted"]())}


def test_zlib_helper_is_real():
    """The image helper writes real samples (a broken helper would hide ink findings)."""
    pdf = pikepdf.new()
    image = image_stream(pdf, "CMYK", (2, 2), (1, 2, 3, 4))
    assert zlib.decompress(image.read_raw_bytes()) == bytes((1, 2, 3, 4)) * 4
