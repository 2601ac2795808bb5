"""Printer's marks: a trim box and its bleed → PDF drawing operators for crop and fold marks, in the registration colour.

Marks stand outside the bleed, so a background that runs into the bleed never
covers them and the trimmed piece never shows them. They are drawn in the
registration colour, a /Separation named /All: one tint that prints on every plate
(spot plates included) and that a RIP separates as such, not as a 400 % CMYK colour
(1 1 1 1 K), which a PDF/X preflight rejects for its total ink. A page that draws
marks needs the colour space in its resources: `add_registration`.
"""

from __future__ import annotations

# pypdf is imported where a mark is added: listing an edition's files must not load it.

MM = 72 / 25.4
BLEED_MM = 3.0
MARK_LENGTH_MM = 5.0
MARK_GAP_MM = 3.0  # between the trim line and the start of a mark: at least the bleed
SLUG_MM = 11.0  # room outside the trim for the bleed and the marks
REGISTRATION = "/PRRegistration"  # resource name of the /All separation

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


def grow(rect: Rect, left: float, bottom: float, right: float, top: float) -> Rect:
    x0, y0, x1, y1 = rect
    return (x0 - left, y0 - bottom, x1 + right, y1 + top)


def _line(x0: float, y0: float, x1: float, y1: float) -> str:
    return f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S"


def crop_marks(trim: Rect, folds: tuple[float, ...] = (),
               gap: float = MARK_GAP_MM * MM, length: float = MARK_LENGTH_MM * MM) -> bytes:
    """Operators drawing crop marks at the corners of `trim`, and fold marks above and
    below it at each x in `folds` (the spine of a spread), in the registration colour."""
    x0, y0, x1, y1 = trim
    ops = ["q", "0.25 w", "0 J", f"{REGISTRATION} CS", "1 SCN"]
    for x, sign in ((x0, -1), (x1, 1)):
        for y, vsign in ((y0, -1), (y1, 1)):
            ops.append(_line(x + sign * gap, y, x + sign * (gap + length), y))
            ops.append(_line(x, y + vsign * gap, x, y + vsign * (gap + length)))
    for x in folds:
        ops.append("[2 1.5] 0 d")
        ops.append(_line(x, y1 + gap, x, y1 + gap + length))
        ops.append(_line(x, y0 - gap, x, y0 - gap - length))
    ops.append("Q")
    return ("\n".join(ops) + "\n").encode("ascii")


def registration_colour_space():
    """[/Separation /All /DeviceCMYK f]: tint 1 is full strength on every plate."""
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject,
                               NumberObject)
    tint = DictionaryObject({
        NameObject("/FunctionType"): NumberObject(2),
        NameObject("/Domain"): ArrayObject([FloatObject(0), FloatObject(1)]),
        NameObject("/C0"): ArrayObject([FloatObject(0)] * 4),
        NameObject("/C1"): ArrayObject([FloatObject(1)] * 4),
        NameObject("/N"): NumberObject(1),
    })
    return ArrayObject([NameObject("/Separation"), NameObject("/All"),
                        NameObject("/DeviceCMYK"), tint])


def add_registration(writer, page) -> None:
    """Give a page (its own resources) the registration colour its marks are drawn in."""
    from pypdf.generic import DictionaryObject, NameObject
    if "/Resources" not in page:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = page["/Resources"].get_object()
    if "/ColorSpace" not in resources:
        resources[NameObject("/ColorSpace")] = DictionaryObject()
    spaces = resources["/ColorSpace"].get_object()
    if REGISTRATION not in spaces:
        spaces[NameObject(REGISTRATION)] = writer._add_object(registration_colour_space())


def artifact(operators: bytes, kind: str) -> bytes:
    """Drawing operators marked as one artifact of `kind` (Page for printer's marks):
    a tagged page's content is either in the structure tree or an artifact."""
    return b"/Artifact <</Type /" + kind.encode("ascii") + b">> BDC\n" + operators + b"EMC\n"
