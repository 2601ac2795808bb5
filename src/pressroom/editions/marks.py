"""Printer's marks: a trim box and its bleed → PDF drawing operators for crop and fold marks.

Marks stand outside the bleed, so a background that runs into the bleed never
covers them and the trimmed piece never shows them. They are drawn in all four
process inks at full strength (the usual stand-in for registration colour), so
they appear on every plate.
"""

from __future__ import annotations

MM = 72 / 25.4
BLEED_MM = 3.0
MARK_LENGTH_MM = 5.0
MARK_GAP_MM = 3.0  # between the trim line and the start of a mark: at least the bleed
SLUG_MM = 11.0  # room outside the trim for the bleed and the marks

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


def grow(rect: Rect, left: float, bottom: float, right: float, top: float) -> Rect:
    x0, y0, x1, y1 = rect
    return (x0 - left, y0 - bottom, x1 + right, y1 + top)


def _line(x0: float, y0: float, x1: float, y1: float) -> str:
    return f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S"


def crop_marks(trim: Rect, folds: tuple[float, ...] = (),
               gap: float = MARK_GAP_MM * MM, length: float = MARK_LENGTH_MM * MM) -> bytes:
    """Operators drawing crop marks at the corners of `trim`, and fold marks above and
    below it at each x in `folds` (the spine of a spread)."""
    x0, y0, x1, y1 = trim
    ops = ["q", "0.25 w", "0 J", "1 1 1 1 K"]
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


def artifact(operators: bytes, kind: str) -> bytes:
    """Drawing operators marked as one artifact of `kind` (Page for printer's marks):
    a tagged page's content is either in the structure tree or an artifact."""
    return b"/Artifact <</Type /" + kind.encode("ascii") + b">> BDC\n" + operators + b"EMC\n"
