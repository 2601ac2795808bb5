"""Impose a booklet for saddle stitching: a PDF of pages → sheets of two pages side by side, in folding order, with crop and fold marks.

For n pages (padded with blank pages to a multiple of 4) the sheet sides are
(n, 1), (2, n-1), (n-2, 3), (4, n-3), …: the front and back of the outer sheet
first. Printed duplex (flip on the short edge), stacked in order, folded and
stapled along the middle, they make the booklet. Each page is placed by its
TrimBox; its bleed is kept on the three outer edges and cut at the spine, where
the facing page continues. A PDF/X-4 input (the print edition) gives a PDF/X-4
imposition: the same output intent, XMP and boxes for every sheet side, marks in the
registration colour. The imposed file is untagged: a sheet side is no page of the
booklet, so it claims no structure (no structure tree, no MCIDs).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DecodedStreamObject,
                           DictionaryObject, FloatObject, NameObject, RectangleObject)

from ..exceptions import ImposeError, PressroomError, Problem
from .marks import MM, SLUG_MM, Rect, add_registration, crop_marks, grow

# Sheet sizes in mm, landscape: the long side is the width.
SHEETS_MM = {"A2": (594.0, 420.0), "A3": (420.0, 297.0), "A4": (297.0, 210.0),
             "B3": (500.0, 353.0), "B4": (353.0, 250.0), "SRA3": (450.0, 320.0),
             "SRA4": (320.0, 225.0), "8K": (370.0, 260.0)}
TOLERANCE = 0.5  # pt: sizes computed from mm round differently in different tools
# Sheets of two pages are a printing form, not a document to read: the imposed file
# carries no structure tree, so the pages' marked content loses the MCIDs that
# pointed into theirs (the sequences themselves stay, as plain marked content).
UNMARKED = re.compile(rb"(/\w+)\s*<<\s*/MCID\s+\d+\s*>>\s*BDC")


@dataclass
class Imposition:
    pdf: bytes
    pages: int  # pages of the input
    sheets: int  # physical sheets (two sides each)
    blanks: int  # blank pages added to reach a multiple of 4
    warnings: list[Problem] = field(default_factory=list)


def sheet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers, 1-based, of every sheet side in printing order;
    0 marks a blank page added to reach a multiple of 4."""
    n = pages + (-pages) % 4
    sides = []
    for i in range(n // 4):
        sides.append((n - 2 * i, 1 + 2 * i))  # front of sheet i
        sides.append((2 + 2 * i, n - 1 - 2 * i))  # back of sheet i
    return [(left if left <= pages else 0, right if right <= pages else 0)
            for left, right in sides]


def parse_sheet(text: str) -> tuple[float, float]:
    """'A3', 'sra3' or '450x320' (mm) → (width, height) in mm, landscape."""
    size = SHEETS_MM.get(text.strip().upper())
    if size is None:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(mm)?\s*", text)
        if not match:
            raise ImposeError(Problem(f"unknown sheet size {text!r}",
                                      hint=f"use one of {', '.join(SHEETS_MM)} or WxH in mm, "
                                      "e.g. 450x320"))
        size = (float(match[1]), float(match[2]))
    return max(size), min(size)


def impose(data: bytes, sheet: str = "A3", marks: bool = True) -> Imposition:
    """Impose the pages of `data` two-up on sheets of size `sheet` (at trim size).

    With marks the PDF page adds a slug of SLUG_MM around the sheet for the bleed and
    the crop and fold marks (A3 becomes 442 × 319 mm: it prints on SRA3 or A3+ paper);
    without, the PDF page is the sheet itself and the bleed is cut at its edge.
    """
    reader = PdfReader(io.BytesIO(data))
    if not reader.pages:
        raise ImposeError(Problem("the PDF to impose has no pages"))
    trim_w, trim_h, bleed = _page_geometry(reader)
    sheet_w, sheet_h = (d * MM for d in parse_sheet(sheet))
    if 2 * trim_w > sheet_w + TOLERANCE or trim_h > sheet_h + TOLERANCE:
        raise ImposeError(Problem(
            f"two {trim_w / MM:.0f} × {trim_h / MM:.0f} mm pages do not fit side by side "
            f"on a {sheet_w / MM:.0f} × {sheet_h / MM:.0f} mm sheet ({sheet})",
            hint="choose a larger --sheet"))
    slug = SLUG_MM * MM if marks else 0.0
    media = (0.0, 0.0, sheet_w + 2 * slug, sheet_h + 2 * slug)
    x0 = (media[2] - 2 * trim_w) / 2
    y0 = (media[3] - trim_h) / 2
    spread = (x0, y0, x0 + 2 * trim_w, y0 + trim_h)

    writer = PdfWriter()
    writer.pdf_header = b"%PDF-1.7"  # pypdf writes 1.3; the pages use 1.4+ transparency
    order = sheet_order(len(reader.pages))
    for left, right in order:
        placed = [(number, x0 + column * trim_w, column)
                  for column, number in enumerate((left, right)) if number]
        _sheet_side(writer, reader, placed, media, spread, bleed, marks)
    _metadata(writer, reader)
    _keep_pdfx(writer, reader, data)
    blanks = (-len(reader.pages)) % 4
    warnings = []
    if blanks:
        warnings.append(Problem(f"{len(reader.pages)} pages is not a multiple of 4: "
                                f"{blanks} blank page(s) added at the end", severity="warning",
                                hint="the print edition pads with notes pages itself"))
    return Imposition(_write(writer), len(reader.pages), len(order) // 2, blanks, warnings)


def _page_geometry(reader: PdfReader) -> tuple[float, float, dict[str, float]]:
    """Trim size shared by every page, and the bleed available on each side."""
    first = reader.pages[0]
    trim_w, trim_h = float(first.trimbox.width), float(first.trimbox.height)
    bleed = {"left": 1e9, "bottom": 1e9, "right": 1e9, "top": 1e9}
    for number, page in enumerate(reader.pages, 1):
        if page.get("/Rotate", 0) % 360:
            raise ImposeError(Problem(f"page {number} is rotated; impose unrotated pages"))
        trim, box = page.trimbox, page.bleedbox
        if abs(float(trim.width) - trim_w) > TOLERANCE or \
                abs(float(trim.height) - trim_h) > TOLERANCE:
            raise ImposeError(Problem(f"page {number} is {float(trim.width) / MM:.0f} × "
                                      f"{float(trim.height) / MM:.0f} mm, page 1 is "
                                      f"{trim_w / MM:.0f} × {trim_h / MM:.0f} mm",
                                      hint="a booklet's pages must all have one trim size"))
        bleed["left"] = min(bleed["left"], float(trim.left) - float(box.left))
        bleed["bottom"] = min(bleed["bottom"], float(trim.bottom) - float(box.bottom))
        bleed["right"] = min(bleed["right"], float(box.right) - float(trim.right))
        bleed["top"] = min(bleed["top"], float(box.top) - float(trim.top))
    return trim_w, trim_h, {side: max(0.0, value) for side, value in bleed.items()}


def _sheet_side(writer: PdfWriter, reader: PdfReader, placed: list[tuple[int, float, int]],
                media: Rect, spread: Rect, bleed: dict[str, float], marks: bool) -> None:
    """One side of a sheet: up to two pages as form XObjects, then the marks."""
    side = writer.add_blank_page(media[2], media[3])
    xobjects = DictionaryObject()
    ops = []
    for number, x, column in placed:
        page = reader.pages[number - 1]
        trim = page.trimbox
        # The spine edge gets no bleed: the facing page starts there.
        clip = grow(_rect(trim), bleed["left"] if column == 0 else 0.0, bleed["bottom"],
                    bleed["right"] if column == 1 else 0.0, bleed["top"])
        name = NameObject(f"/P{number}")
        xobjects[name] = _form(writer, page, clip)
        dx, dy = x - float(trim.left), spread[1] - float(trim.bottom)
        ops.append(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm {name} Do Q\n".encode("ascii"))
    if marks:
        ops.append(crop_marks(spread, folds=((spread[0] + spread[2]) / 2,)))
    content = DecodedStreamObject()
    content.set_data(b"".join(ops))
    side[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
    if marks:
        add_registration(writer, side)
    side.trimbox = RectangleObject(spread)
    page_bleed = grow(spread, bleed["left"], bleed["bottom"], bleed["right"], bleed["top"])
    side.bleedbox = RectangleObject(_within(page_bleed, media))


def _form(writer: PdfWriter, page, clip: Rect):
    """The page's content as a form XObject clipped to `clip` (its own coordinates)."""
    form = DecodedStreamObject()
    contents = page.get_contents()
    form.set_data(UNMARKED.sub(rb"\1 BMC", contents.get_data() if contents is not None
                               else b""))
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in clip),
    })
    resources = page.get("/Resources")
    if resources is not None:
        form[NameObject("/Resources")] = resources.get_object().clone(writer)
    if "/Group" in page:  # transparency group: keeps blending as on the page
        form[NameObject("/Group")] = page["/Group"].get_object().clone(writer)
    return writer._add_object(form.flate_encode())


def _rect(box) -> Rect:
    return (float(box.left), float(box.bottom), float(box.right), float(box.top))


def _within(rect: Rect, outer: Rect) -> Rect:
    return (max(rect[0], outer[0]), max(rect[1], outer[1]),
            min(rect[2], outer[2]), min(rect[3], outer[3]))


def _metadata(writer: PdfWriter, reader: PdfReader) -> None:
    """The source's document information, marked as imposed; dates stay the source's."""
    info = reader.metadata or {}
    title = str(info.get("/Title") or "booklet")
    entries = {"/Title": f"{title}（拼版）", "/Producer": "pressroom (pypdf)"}
    for key in ("/Author", "/Subject", "/Keywords", "/Creator", "/CreationDate", "/ModDate"):
        if info.get(key):
            entries[key] = str(info[key])
    writer.add_metadata(entries)


def _keep_pdfx(writer: PdfWriter, reader: PdfReader, data: bytes) -> None:
    """A PDF/X source (its /GTS_PDFX output intent) makes the imposition PDF/X-4 for the
    same printing condition, with the source's language and keywords."""
    from .pdfx import condition_of, make_pdfx4
    condition = condition_of(reader)
    if condition is None:
        return
    root = reader.trailer["/Root"]
    keywords = str((reader.metadata or {}).get("/Keywords") or "")
    make_pdfx4(writer, condition, data, language=str(root.get("/Lang", "") or "zh-CN"),
               keywords=[k for k in keywords.split("，") if k])


def _write(writer: PdfWriter) -> bytes:
    """Serialise with a file identifier derived from the content (pypdf's is random)."""
    writer._ID = None
    body = io.BytesIO()
    writer.write(body)
    digest = hashlib.md5(body.getvalue(), usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def impose_file(source: Path, sheet: str = "A3", marks: bool = True) -> Imposition:
    """Read and impose a PDF file; a missing or unreadable file is an ImposeError."""
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise ImposeError(Problem("the PDF to impose does not exist", source,
                                  hint="run `pressroom build --edition print` first")) from None
    try:
        return impose(data, sheet, marks)
    except PressroomError:
        raise
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise ImposeError(Problem(f"cannot read the PDF: {exc}", source)) from exc
