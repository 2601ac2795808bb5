"""Folios: the placed parts of a booklet in, the drawing of each page's folio out.

A folio is the page number in the Hei face with a short red bar on its inner side,
on the outer edge of the page below the text (recto right, verso left); the front
matter after the cover gets lower-case roman numbers. It is drawn straight into the
page (compose/fonts.py appends it to the page's content) with the glyphs of the
booklet's Hei subset: real text a reader can copy, no document laid out for it, and
marked as a pagination artifact for tagged PDF. Articles are typeset without folios,
so an article never has to be set again because the articles before it changed length.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..project.config import Layout
from .fonts import STAMP_FONT, FontFile, read_font_file
from .placement import Placed

MM = 72 / 25.4


@dataclass(frozen=True)
class FolioStyle:
    """How a folio looks (what layouts/booklet.css.j2 once said for it)."""

    face: str = "hei"
    size: float = 9.0  # pt
    leading: float = 12.0  # pt: the line the number sits in
    above_margin_mm: float = 9.0  # the line's bottom: this far below the text area
    bar_mm: float = 6.0
    bar_gap_mm: float = 2.0  # between bar and number
    bar_weight: float = 0.8  # pt
    bar_height: float = 0.27  # em above the baseline: the middle of the figures
    text_colour: str = "#1b1b1b"
    bar_colour: str = "#b0191e"  # the booklet's red


FOLIO = FolioStyle()


def folio_stamps(placed: list[Placed], layout: Layout, font_files: dict[str, Path],
                 page_width: float, colour=None, style: FolioStyle = FOLIO) -> dict[int, bytes]:
    """Page index → the content that draws its folio (the cover has none).

    `colour(hex, stroke)` gives the colour operator for an edition (RGB by default).
    """
    font = read_font_file(font_files[style.face])
    colour = colour or rgb
    stamps = {}
    for item in placed:
        for offset in range(item.part.pages):
            index = item.first_index + offset
            if item.first_folio is not None:
                number = item.first_folio + offset
                stamps[index] = draw(str(number), number % 2 == 1, layout, font, page_width,
                                     colour, style)
            elif index > 0:  # front matter after the cover: lower-case roman
                stamps[index] = draw(roman(index), index % 2 == 0, layout, font, page_width,
                                     colour, style)
    return stamps


def draw(text: str, recto: bool, layout: Layout, font: FontFile, page_width: float,
         colour, style: FolioStyle) -> bytes:
    """Operators for one folio, in default user space (points, origin bottom left)."""
    size = style.size
    glyphs = [font.glyphs[char] for char in text]
    width = sum(font.widths[glyph] for glyph in glyphs) * size / 1000
    line_bottom = (layout.margin_bottom - style.above_margin_mm) * MM
    extent = (font.ascent - font.descent) * size / 1000
    baseline = line_bottom + (style.leading - extent) / 2 - font.descent * size / 1000
    gap, bar = style.bar_gap_mm * MM, style.bar_mm * MM
    if recto:
        x = page_width - layout.margin_side * MM - width
        bar_x = x - gap - bar
    else:
        x = layout.margin_side * MM
        bar_x = x + width + gap
    bar_y = baseline + style.bar_height * size
    codes = "".join(f"{glyph:04x}" for glyph in glyphs)
    ops = ["/Artifact <</Type /Pagination /Subtype /Footer>> BDC", "q",
           colour(style.bar_colour, True), f"{style.bar_weight:g} w 0 J",
           f"{bar_x:.3f} {bar_y:.3f} m {bar_x + bar:.3f} {bar_y:.3f} l S",
           colour(style.text_colour, False),
           f"BT {STAMP_FONT} {size:g} Tf 1 0 0 1 {x:.3f} {baseline:.3f} Tm <{codes}> Tj ET",
           "Q", "EMC"]
    return ("\n".join(ops) + "\n").encode("ascii")


def rgb(hex_colour: str, stroke: bool) -> str:
    """An sRGB colour operator for `#rrggbb`."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{r:.4g} {g:.4g} {b:.4g} {'RG' if stroke else 'rg'}"


def cmyk(hex_colour: str, stroke: bool) -> str:
    """The DeviceCMYK operator for a layout colour's print value (colour/palette.py)."""
    from ..colour.palette import PALETTE, normalise
    c, m, y, k = (v / 100 for v in PALETTE[normalise(hex_colour)].cmyk)
    return f"{c:g} {m:g} {y:g} {k:g} {'K' if stroke else 'k'}"


def colour_for(edition: str):
    """How an edition writes folio colours: CMYK from the palette in print, else sRGB."""
    return cmyk if edition == "print" else rgb


def roman(number: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out
