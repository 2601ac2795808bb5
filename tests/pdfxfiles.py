"""Small PDF/X-4 files built from scratch with pikepdf for the preflight tests.

`make_pdf()` builds a clean one-page PDF/X-4 file in CMYK (boxes with 3 mm bleed, the
shipped output profile as output intent, XMP, Info, /ID); each test changes one thing.
"""

from __future__ import annotations

import io
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name

from pressroom.colour.condition import default_condition
from pressroom.editions.pdfx import document_uuid
from pressroom.editions.xmp import PDFX_VERSION, xmp_packet

MM = 72 / 25.4
MEDIA = [0, 0, 200, 200]
TRIM = [20, 20, 180, 180]
BLEED = [20 - 3 * MM, 20 - 3 * MM, 180 + 3 * MM, 180 + 3 * MM]
INFO = {"/Title": "测试", "/Author": "pressroom tests", "/Subject": "preflight",
        "/Keywords": "", "/Creator": "tests", "/Producer": "pikepdf",
        "/CreationDate": "D:20261123000000Z", "/ModDate": "D:20261123000000Z"}
TEXT = b"BT /F1 10 Tf 40 100 Td (a) Tj ET\n"
REGISTRATION = Array([Name.Separation, Name.All, Name.DeviceCMYK, Dictionary(
    FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)])


def xmp(info: dict | None = None) -> bytes:
    values = dict(INFO, **{"/Trapped": "/False"})
    values.update(info or {})
    return xmp_packet(values, "zh-CN", [], pdfx=PDFX_VERSION,
                      document_id=document_uuid(b"t", "document"),
                      instance_id=document_uuid(b"t", "instance"))


def type3_font(pdf, glyph: bytes = b"1000 0 0 0 750 750 d1 0 0 750 750 re f"):
    """A one-glyph Type3 font ('a'); d1 = uncoloured: painted in the text colour."""
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=[0, 0, 1000, 1000],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=Dictionary(a=pdf.make_stream(glyph)),
        Encoding=Dictionary(Type=Name.Encoding, Differences=[97, Name.a]),
        FirstChar=97, LastChar=97, Widths=[1000], Resources=Dictionary()))


def cmyk_profile(pdf, n: int = 4):
    return pdf.make_stream(default_condition().profile, N=n)


def srgb_profile_bytes() -> bytes:
    from PIL import ImageCms
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def image_stream(pdf, mode: str, size=(4, 4), fill=None, colour_space=None, **extra):
    """An image XObject of raw samples (Flate) in `mode` ('RGB', 'CMYK', 'L')."""
    channels = {"RGB": 3, "CMYK": 4, "L": 1}[mode]
    data = bytes(fill or (128,) * channels) * (size[0] * size[1])
    space = colour_space or Name("/" + {"RGB": "DeviceRGB", "CMYK": "DeviceCMYK",
                                        "L": "DeviceGray"}[mode])
    return pdf.make_stream(zlib.compress(data), Type=Name.XObject, Subtype=Name.Image,
                           Width=size[0], Height=size[1], ColorSpace=space,
                           BitsPerComponent=8, Filter=Name.FlateDecode, **extra)


def jpeg_stream(pdf, jpeg: bytes, size, decode=True):
    """A CMYK JPEG as WeasyPrint embeds Pillow's (Adobe-inverted, /Decode [1 0 …])."""
    extra = {"Decode": [1, 0, 1, 0, 1, 0, 1, 0]} if decode else {}
    return pdf.make_stream(jpeg, Type=Name.XObject, Subtype=Name.Image, Width=size[0],
                           Height=size[1], ColorSpace=Name.DeviceCMYK, BitsPerComponent=8,
                           Filter=Name.DCTDecode, **extra)


def form(pdf, content: bytes, resources=None, group_cs=None):
    extra = {}
    if group_cs is not None:
        extra["Group"] = Dictionary(Type=Name.Group, S=Name.Transparency, CS=group_cs)
    return pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form,
                           BBox=[0, 0, 200, 200], Resources=resources or Dictionary(), **extra)


def make_pdf(content: bytes = TEXT, *, resources=None, page_extra=None, trim=TRIM,
             bleed=BLEED, version="1.6", info=None, xmp_data=None, intents=None,
             annots=None, build=None, encrypt=False, as_pdf=False):
    """A one-page PDF/X-4 file. `resources` (a dict, or a callable taking the Pdf) is
    merged into the page's; `build(pdf, page)` may change anything at the end; `info`
    entries set to None are left out."""
    pdf = pikepdf.new()
    res = Dictionary(Font=Dictionary(F1=type3_font(pdf)))
    for key, value in (resources(pdf) if callable(resources) else resources or {}).items():
        key = key if key.startswith("/") else "/" + key
        if key in res and isinstance(value, Dictionary):
            for inner, item in value.items():
                res[key][inner] = item
        else:
            res[key] = value
    page = Dictionary(Type=Name.Page, MediaBox=MEDIA, Resources=res,
                      Contents=pdf.make_stream(content))
    if trim is not None:
        page.TrimBox = trim
    if bleed is not None:
        page.BleedBox = bleed
    for key, value in (page_extra or {}).items():
        page[key] = value
    pdf.pages.append(pikepdf.Page(pdf.make_indirect(page)))
    page = pdf.pages[0].obj
    if annots is not None:
        page.Annots = Array([pdf.make_indirect(a(pdf) if callable(a) else a) for a in annots])
    values = dict(INFO, **{"/Trapped": "/False", "/GTS_PDFXVersion": "PDF/X-4"})
    values.update(info or {})
    pdf.trailer.Info = pdf.make_indirect(Dictionary({
        key: Name(value) if key == "/Trapped" else pikepdf.String(value)
        for key, value in values.items() if value is not None}))
    if intents is None:
        intents = [lambda pdf: Dictionary(
            Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier="FOGRA39",
            Info="pressroom FOGRA39 coated", RegistryName="http://www.color.org",
            DestOutputProfile=cmyk_profile(pdf))]
    if intents:
        pdf.Root.OutputIntents = Array([pdf.make_indirect(i(pdf) if callable(i) else i)
                                        for i in intents])
    packet = xmp() if xmp_data is None else xmp_data
    if packet:
        pdf.Root.Metadata = pdf.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)
    if build:
        build(pdf, page)
    if as_pdf:
        return pdf
    out = io.BytesIO()
    options = {"force_version": version, "static_id": True}
    if encrypt:
        options["encryption"] = pikepdf.Encryption(owner="owner", user="", R=4)
    pdf.save(out, **options)
    return out.getvalue()
