"""The layouts' palette: a screen colour in, the CSS colour an edition writes out (unchanged on screen and in the archive, a chosen CMYK value in print).

Templates write every colour as `{{ '#b0191e' | ink }}`. The screen and archive
editions get the literal back, so their PDFs do not change; the print edition gets
`device-cmyk(c m y k)` from PALETTE, which WeasyPrint writes as DeviceCMYK. A colour
without a row here stops the print build (PaletteError → LayoutError `print-colour`):
no sRGB colour reaches the press.

The print values are chosen, not converted. An ICC conversion of #1b1b1b gives
C50 M42 Y36 K96: four inks under 10 pt Song, which misregister. So:

- black: body text, folios, headlines and black rules are 100 % K, one plate
  (单色黑); near-blacks on screen (#141414, #1b1b1b, #222) are meant as black;
- grey: a K-only tint that prints the lightness (L* relative to paper, FOGRA39) of
  the screen grey; warm greys of hairlines too, since three inks on a 0.3 pt rule
  would misregister;
- colour: the brand red and the cover golds as few solid inks as give the colour
  (ΔE2000 from the screen colour measured through the shipped profile, in the test
  of each row);
- white: no ink, which knocks out of the red field.

RICH_BLACK is for large solid black areas only (none in today's layouts), never
for text or rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CMYK = tuple[int, int, int, int]  # percent


@dataclass(frozen=True)
class Ink:
    """One layout colour: its screen value, its print value and why."""

    screen: str  # '#rrggbb', lower case
    cmyk: CMYK  # percent
    kind: str  # black | grey | colour | white: how the print value was chosen
    used_for: str
    why: str


PALETTE: dict[str, Ink] = {ink.screen: ink for ink in (
    Ink("#1b1b1b", (0, 0, 0, 100), "black", "body text (the html colour), folios, colophon rules",
        "one ink: 10 pt Song in four inks misregisters"),
    Ink("#141414", (0, 0, 0, 100), "black", "feature headline",
        "meant as black; one ink keeps the strokes sharp"),
    Ink("#222222", (0, 0, 0, 100), "black", "cover compiler line", "meant as black"),
    Ink("#333333", (0, 0, 0, 95), "grey", "colophon field names", "K tint of the same lightness"),
    Ink("#444444", (0, 0, 0, 90), "grey", "photo credit, small end notes",
        "K tint of the same lightness"),
    Ink("#555555", (0, 0, 0, 80), "grey", "band origin line, cover date, colophon note",
        "K tint of the same lightness"),
    Ink("#666666", (0, 0, 0, 75), "grey", "contents origin lines", "K tint of the same lightness"),
    Ink("#999999", (0, 0, 0, 50), "grey", "contents leader dots", "K tint of the same lightness"),
    Ink("#8a7f78", (0, 0, 0, 65), "grey", "图片待补 placeholder text and dashed frame",
        "warm grey as K only: the placeholder must not go to press anyway"),
    Ink("#9a8f88", (0, 0, 0, 55), "grey", "图片待补 placeholder border", "as above"),
    Ink("#f3eee9", (0, 0, 0, 8), "grey", "图片待补 placeholder background", "as above"),
    Ink("#c9b9b0", (0, 0, 0, 35), "grey", "column rule (0.3 pt)",
        "a hairline in one ink; warm grey in three inks would misregister. If the shop's "
        "proof shows it broken by the screen, use 0.5 pt or K 50"),
    Ink("#cdbfb6", (0, 0, 0, 30), "grey", "notes-page writing lines", "a hairline in one ink"),
    Ink("#b0191e", (0, 100, 100, 30), "colour", "brand red (--red): bands, rules, heads, "
        "labels, folio bars, the cover field",
        "M and Y solid: no screen dots on the edges of rules and headline strokes, only K is "
        "screened; no cyan, which dulls red; 230 % ink. The ICC conversion (0 95 81 29) "
        "would screen every ink"),
    Ink("#e8c27a", (0, 20, 55, 10), "colour", "cover gold frame and rule", "two inks and a "
        "little K"),
    Ink("#f6dca6", (0, 12, 38, 0), "colour", "cover kicker (text on the red field)",
        "two inks: text knocked out of the red needs few plates"),
    Ink("#fbe9c8", (0, 8, 22, 0), "colour", "cover subtitle (text on the red field)",
        "two inks, as the kicker"),
    Ink("#ffffff", (0, 0, 0, 0), "white", "cover title and story labels on red",
        "no ink: knocks out of the red field"),
)}

RICH_BLACK: CMYK = (60, 40, 40, 100)  # 240 %: large solid areas only, never text or rules
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


class PaletteError(ValueError):
    """A layout colour has no print value."""

    def __init__(self, message: str, colour: str):
        super().__init__(message)
        self.colour = colour  # as the template wrote it


def normalise(colour: str) -> str:
    """'#B0191E' or '#fff' → '#b0191e', '#ffffff'."""
    colour = colour.strip().lower()
    if len(colour) == 4 and colour.startswith("#"):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def device_cmyk(values: CMYK) -> str:
    """(0, 100, 100, 30) → 'device-cmyk(0 1 1 0.3)'."""
    return "device-cmyk(" + " ".join(f"{v / 100:g}" for v in values) + ")"


def ink(colour: str, edition: str) -> str:
    """The CSS colour a template writes: the screen colour as written, or its print CMYK."""
    if edition != "print":
        return colour
    if not HEX.fullmatch(colour.strip()):
        raise PaletteError(f"layout colour {colour!r} is not a #rgb or #rrggbb colour", colour)
    row = PALETTE.get(normalise(colour))
    if row is None:
        raise PaletteError(f"layout colour {colour} has no print (CMYK) value", colour)
    return device_cmyk(row.cmyk)
