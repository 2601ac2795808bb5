"""How the PDF/X-4 preflight reads content: where it looks (forms, patterns, shadings, soft
masks, Type3 glyphs, annotation appearances), how it names what it found, what passes."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from PIL import Image

from pdfxfiles import (TEXT, form, image_stream, jpeg_stream, make_pdf, srgb_profile_bytes,
                       type3_font)
from pressroom.checks.pdfx import as_problems, colour_inventory, preflight


def rules(findings):
    return {f.rule for f in findings}


def only(findings, rule):
    assert rules(findings) == {rule}, [str(f) for f in findings]
    return findings


def test_accepts_bytes_path_and_an_open_pdf(tmp_path):
    path = tmp_path / "clean.pdf"
    path.write_bytes(make_pdf())
    assert preflight(path) == preflight(path.read_bytes()) == preflight(pikepdf.open(path)) == []


def test_cmyk_k_only_grey_and_coloured_text_pass():
    content = (b"0 1 1 0.3 k 20 20 50 50 re f 0 0 0 1 K 1 w 20 20 m 100 100 l S "
               b"0 0 0 1 k " + TEXT + b"0.5 g " + TEXT + b"0 1 1 0.3 k " + TEXT)
    assert preflight(make_pdf(content)) == []


def test_rgb_is_located_with_an_example_and_a_fix():
    (finding,) = only(preflight(make_pdf(b"1 0 0 rg " + TEXT)), "rgb-colour")
    assert finding.page == 1 and finding.object == "content stream"
    assert "'rg'" in finding.message and "1 0 0 rg" in finding.message
    assert "ink" in finding.fix and "html" in finding.fix


def test_rgb_through_named_iccbased_and_indexed_spaces():
    icc = only(preflight(make_pdf(b"/CS0 cs 1 0 0 scn 20 20 50 50 re f", resources=lambda pdf: {
        "ColorSpace": Dictionary(CS0=Array([Name.ICCBased, pdf.make_stream(
            srgb_profile_bytes(), N=3)]))})), "rgb-colour")
    assert "ICCBased N=3" in icc[0].message
    indexed = only(preflight(make_pdf(b"/CS0 cs 1 sc 20 20 50 50 re f", resources={
        "ColorSpace": Dictionary(CS0=Array([Name.Indexed, Name.DeviceRGB, 1,
                                             pikepdf.String(b"\xff\x00\x00\x00\x00\xff")]))})),
        "rgb-colour")
    assert "Indexed over DeviceRGB" in indexed[0].message
    only(preflight(make_pdf(b"/CS0 cs 0 0 1 sc 20 20 50 50 re f", resources={
        "ColorSpace": Dictionary(CS0=Array([Name.CalRGB, Dictionary(
            WhitePoint=[0.9505, 1, 1.089])]))})), "rgb-colour")


def test_rgb_inside_nested_forms_is_located():
    def res(pdf):
        inner = form(pdf, b"0 1 0 rg 0 0 10 10 re f")
        return {"XObject": Dictionary(Fm1=form(pdf, b"/Fm2 Do", Dictionary(
            XObject=Dictionary(Fm2=inner))))}
    (finding,) = only(preflight(make_pdf(b"/Fm1 Do", resources=res)), "rgb-colour")
    assert finding.object == "content stream › form /Fm1 › form /Fm2"


def test_a_form_paints_text_in_the_callers_colour():
    def res(pdf):
        return {"XObject": Dictionary(Fm1=form(pdf, TEXT, Dictionary(
            Font=Dictionary(F1=type3_font(pdf)))))}
    (finding,) = only(preflight(make_pdf(b"0.7 0.6 0.6 1 k /Fm1 Do", resources=res)),
                      "text-k-only")
    assert "form /Fm1" in finding.object


def shading(pdf, space=Name.DeviceRGB, n=3):
    return pdf.make_indirect(Dictionary(
        ShadingType=2, ColorSpace=space, Coords=[0, 0, 100, 0],
        Function=Dictionary(FunctionType=2, Domain=[0, 1], C0=[0] * n, C1=[1] * n, N=1)))


def test_rgb_in_patterns_and_shadings():
    tiling = only(preflight(make_pdf(b"/Pattern cs /P0 scn 20 20 50 50 re f", resources=lambda pdf: {
        "Pattern": Dictionary(P0=pdf.make_stream(
            b"1 0 0 rg 0 0 5 5 re f", Type=Name.Pattern, PatternType=1, PaintType=1,
            TilingType=1, BBox=[0, 0, 10, 10], XStep=10, YStep=10, Resources=Dictionary()))})),
        "rgb-colour")
    assert "pattern /P0" in tiling[0].object
    sh = only(preflight(make_pdf(b"/Sh0 sh", resources=lambda pdf: {
        "Shading": Dictionary(Sh0=shading(pdf))})), "rgb-colour")
    assert sh[0].object == "content stream › shading /Sh0"
    only(preflight(make_pdf(b"/Pattern cs /P0 scn 20 20 50 50 re f", resources=lambda pdf: {
        "Pattern": Dictionary(P0=pdf.make_indirect(Dictionary(
            Type=Name.Pattern, PatternType=2, Shading=shading(pdf))))})), "rgb-colour")
    assert preflight(make_pdf(b"/Sh0 sh", resources=lambda pdf: {
        "Shading": Dictionary(Sh0=shading(pdf, Name.DeviceCMYK, 4))})) == []


def test_type3_glyphs_with_and_without_their_own_colour():
    coloured = only(preflight(make_pdf(b"BT /F2 10 Tf 40 100 Td (a) Tj ET", resources=lambda pdf: {
        "Font": Dictionary(F2=type3_font(pdf, b"1000 0 d0 1 0 0 rg 0 0 750 750 re f"))})),
        "rgb-colour")
    assert "Type3 font /F2 glyph /a" in coloured[0].object
    # in a d1 (uncoloured) glyph colour operators are ignored, as the specification says
    assert preflight(make_pdf(b"BT /F2 10 Tf 40 100 Td (a) Tj ET", resources=lambda pdf: {
        "Font": Dictionary(F2=type3_font(
            pdf, b"1000 0 0 0 750 750 d1 1 0 0 rg 0 0 750 750 re f"))})) == []


def test_annotation_appearance_outside_the_page_area_is_walked():
    def annot(pdf):
        return Dictionary(Type=Name.Annot, Subtype=Name.Square, Rect=[0, 0, 5, 5],
                          AP=Dictionary(N=form(pdf, b"0 0 1 rg 0 0 10 10 re f")))
    (finding,) = only(preflight(make_pdf(annots=[annot])), "rgb-colour")
    assert finding.object == "annotation /Square appearance /N"


def test_soft_masks_group_and_content():
    def res(group_cs, content):
        return lambda pdf: {"ExtGState": Dictionary(GS1=Dictionary(
            Type=Name.ExtGState, SMask=Dictionary(Type=Name.Mask, S=Name.Luminosity,
                                                  G=form(pdf, content, group_cs=group_cs))))}
    group = only(preflight(make_pdf(b"/GS1 gs 0 1 1 0 k 20 20 50 50 re f",
                                    resources=res(Name.DeviceRGB, b"1 g 0 0 50 50 re f"))),
                 "rgb-group")
    assert group[0].object == "content stream › ExtGState /GS1 › soft mask"
    only(preflight(make_pdf(b"/GS1 gs 0 1 1 0 k 20 20 50 50 re f",
                            resources=res(Name.DeviceGray, b"1 1 1 rg 0 0 50 50 re f"))),
         "rgb-colour")


def test_page_group_in_rgb():
    (finding,) = only(preflight(make_pdf(page_extra={"/Group": Dictionary(
        Type=Name.Group, S=Name.Transparency, CS=Name.DeviceRGB)})), "rgb-group")
    assert finding.object == "page group"


def test_stencil_mask_painted_in_rgb():
    only(preflight(make_pdf(b"q 1 0 0 rg 200 0 0 200 0 0 cm /Im0 Do Q", resources=lambda pdf: {
        "XObject": Dictionary(Im0=pdf.make_stream(
            b"\0\0\0\0", Type=Name.XObject, Subtype=Name.Image, Width=4, Height=4,
            ImageMask=True, BitsPerComponent=1))})), "rgb-colour")


def cmyk_jpeg(fill, size=(900, 900)) -> bytes:
    out = io.BytesIO()
    Image.new("CMYK", size, fill).save(out, "JPEG", quality=95)
    return out.getvalue()


@pytest.mark.parametrize("fill, heavy", [((0, 0, 0, 25), False), ((255, 255, 255, 255), True),
                                         ((255, 255, 64, 255), True), ((255, 255, 0, 255), False)])
def test_adobe_cmyk_jpeg_ink_is_measured_as_weasyprint_embeds_it(fill, heavy):
    """Pillow writes Adobe-inverted CMYK JPEGs and WeasyPrint adds /Decode [1 0 …]: the
    inversion is neither missed nor applied twice."""
    pdf = make_pdf(b"q 200 0 0 200 0 0 cm /Im0 Do Q", resources=lambda pdf: {
        "XObject": Dictionary(Im0=jpeg_stream(pdf, cmyk_jpeg(fill), (900, 900)))})
    assert rules(preflight(pdf)) == ({"total-ink"} if heavy else set())


def test_image_ink_and_resolution_are_measured():
    heavy = preflight(make_pdf(b"q 200 0 0 200 0 0 cm /Im0 Do Q", resources=lambda pdf: {
        "XObject": Dictionary(Im0=image_stream(pdf, "CMYK", (900, 900), (255,) * 4))}))
    assert "400%" in only(heavy, "total-ink")[0].message
    low = preflight(make_pdf(b"q 200 0 0 200 0 0 cm /Im0 Do Q", resources=lambda pdf: {
        "XObject": Dictionary(Im0=image_stream(pdf, "CMYK", (300, 300)))}))
    assert "108 ppi" in only(low, "image-resolution")[0].message


def test_invisible_text_and_identity_transfer_pass():
    assert preflight(make_pdf(b"0.6 0.4 0.4 1 k 3 Tr " + TEXT)) == []
    assert preflight(make_pdf(b"/GS1 gs " + TEXT, resources={
        "ExtGState": Dictionary(GS1=Dictionary(TR=Name.Identity))})) == []


def test_text_size_follows_the_text_matrix_and_the_ctm():
    content = b"0.6 0.4 0.4 1 k q 4 0 0 4 0 0 cm BT /F1 5 Tf 10 20 Td (a) Tj ET Q"
    only(preflight(make_pdf(content)), "text-k-only-large")  # 5 pt × 4 = 20 pt


def test_printer_marks_and_links_outside_the_bleed_pass():
    mark = Dictionary(Type=Name.Annot, Subtype=Name.PrinterMark, Rect=[20, 20, 30, 30])
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 5, 5])
    assert preflight(make_pdf(annots=[mark, link])) == []


def test_embedded_cid_font_passes():
    def res(pdf):
        descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/X+Song"),
                                FontFile2=pdf.make_stream(b"\0" * 16))
        cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/X+Song"),
                         FontDescriptor=descriptor)
        return {"Font": Dictionary(F2=Dictionary(Type=Name.Font, Subtype=Name.Type0,
                                                 BaseFont=Name("/X+Song"),
                                                 DescendantFonts=[cid]))}
    assert preflight(make_pdf(b"BT /F2 10 Tf 40 100 Td <0001> Tj ET", resources=res)) == []


def test_xmp_in_attribute_form_is_read():
    packet = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
              b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              b'<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" '
              b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
              b'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
              b'pdfxid:GTS_PDFXVersion="PDF/X-4" xmp:CreateDate="2026-11-23T00:00:00Z" '
              b'xmp:ModifyDate="2026-11-23T00:00:00Z" xmp:MetadataDate="2026-11-23T00:00:00Z" '
              b'xmpMM:DocumentID="uuid:1" xmpMM:VersionID="1" xmpMM:RenditionClass="default" '
              b'pdf:Trapped="False"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
              + "测试".encode() + b'</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF>'
              b'</x:xmpmeta><?xpacket end="w"?>')
    assert preflight(make_pdf(xmp_data=packet)) == []


def test_malformed_xmp_and_an_xmp_of_another_version():
    pdf = pikepdf.open(io.BytesIO(make_pdf()))
    pdf.Root.Metadata.write(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><a></x:xmpmeta>')
    assert "well-formed" in only(preflight(pdf), "xmp-pdfx")[0].message
    from pdfxfiles import xmp
    only(preflight(make_pdf(xmp_data=xmp().replace(b">PDF/X-4<", b">PDF/X-3:2002<"))),
         "xmp-pdfx")


def test_two_output_intents_and_a_pdfa_one():
    from test_pdfx_rules import intent
    only(preflight(make_pdf(intents=[intent(), intent()])), "output-intent")
    only(preflight(make_pdf(intents=[intent(S=Name.GTS_PDFA1)])), "output-intent")


def test_findings_are_counted_once_per_place_and_sorted():
    content = b"1 0 0 rg 0 0 1 1 re f 0 1 0 rg 0 0 1 1 re f 0 0 1 rg 0 0 1 1 re f"
    findings = preflight(make_pdf(content, intents=[]))
    assert [f.page for f in findings] == [None, 1]
    assert "(3 times)" in findings[1].message
    assert str(findings[0]).startswith("error: [output-intent] catalog /OutputIntents:")


def test_findings_become_problems_at_the_pdf(tmp_path):
    findings = preflight(make_pdf(b"1 0 0 rg " + TEXT))
    (problem,) = as_problems(findings, tmp_path / "booklet-print.pdf")
    assert problem.rule == "pdfx-rgb-colour" and problem.severity == "error"
    assert problem.message.startswith("page 1, content stream: ")
    assert problem.hint == findings[0].fix


def test_colour_inventory_lists_every_operator_with_its_space():
    uses = colour_inventory(make_pdf(b"1 0 0 rg 0 1 1 0 k /DeviceCMYK cs 0 0 0 1 scn " + TEXT))
    assert [(u.operator, u.space) for u in uses] == [
        ("rg", "DeviceRGB"), ("k", "DeviceCMYK"), ("cs", "DeviceCMYK"), ("scn", "DeviceCMYK")]
