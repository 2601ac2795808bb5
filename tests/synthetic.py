"""Small PDFs made for tests: pages that carry a word as text, optionally with bleed."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, RectangleObject

from pressroom.editions.marks import MM

A4 = (210 * MM, 297 * MM)


def text_pdf(words: list[str], bleed: float = 0.0, size=A4) -> bytes:
    """One page per word, the word in Helvetica in the middle of a grey field; the
    bleed, if any, is black, so that where it shows is easy to see."""
    writer = PdfWriter()
    width, height = size
    full_w, full_h = width + 2 * bleed, height + 2 * bleed
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for word in words:
        page = writer.add_blank_page(full_w, full_h)
        content = DecodedStreamObject()
        content.set_data((f"0 g 0 0 {full_w:.2f} {full_h:.2f} re f "
                          f"0.8 g {bleed:.2f} {bleed:.2f} {width:.2f} {height:.2f} re f "
                          f"0 g BT /F1 48 Tf {bleed + width / 2 - 40:.2f} "
                          f"{bleed + height / 2:.2f} Td ({word}) Tj ET").encode())
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font})})
        if bleed:
            page.trimbox = RectangleObject((bleed, bleed, bleed + width, bleed + height))
            page.bleedbox = RectangleObject((0, 0, full_w, full_h))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def numbered_pdf(count: int, bleed: float = 0.0, size=A4) -> bytes:
    """`count` pages showing 'P1', 'P2', …"""
    return text_pdf([f"P{n}" for n in range(1, count + 1)], bleed, size)
