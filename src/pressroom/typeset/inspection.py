"""Inspection: laid-out pages (WeasyPrint boxes) → lines and images that overflow their box or page, pages left empty, images too coarse for print.

The findings are warnings of the build (they travel with the typeset part) and
errors of `pressroom check`. Each carries the text it is about in `source_line`, so
`locate` can point it at the manuscript line that text comes from.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..exceptions import Problem
from ..text.locate import file_lines, line_holding_piece
from .fontconfig import private_fontconfig

with private_fontconfig():  # WeasyPrint probes fontconfig once, at import
    from weasyprint.formatting_structure import boxes as B

PX_PER_PT = 4 / 3
TOLERANCE_PX = 1.0  # rounding in WeasyPrint's layout stays far below this
PRINT_PPI = 300
RULES = {"overflow-box", "overflow-page", "page-empty", "image-resolution"}


def inspect_pages(pages, base: Path, figures: dict | None = None) -> list[Problem]:
    """Every overflowing line or image, every empty page, every coarse image. `figures`:
    image URL → for each figure placing it, in document order, (its path as the manuscript
    writes it, the manuscript, the figure's line), so that a coarse image is named as the
    editor wrote it, at its line."""
    figures = figures or {}
    met: dict[str, int] = {}  # URL → images of it met so far (one file may be placed twice)
    problems = []
    for number, page in enumerate(pages, 1):
        box = page._page_box
        area = (box.content_box_x(), box.content_box_y(),
                box.content_box_x() + box.width, box.content_box_y() + box.height)
        flow = [child for child in box.children if not isinstance(child, B.MarginBox)]
        found = []
        for leaf, container in _leaves(flow, None):
            found.append(leaf)
            figure = _figure(leaf, figures, met)
            problems += filter(None, [_overflow(leaf, container, area, number, base),
                                      _resolution(leaf, number, base, figure)])
        if not any(_has_ink(leaf) for leaf in found):
            problems.append(Problem(f"page {number} is empty", base, severity="warning",
                                    hint="look for a forced page break or a block too tall "
                                         "to share a page", rule="page-empty"))
    return problems


def _leaves(boxes, container):
    """Line boxes and replaced boxes (images), each with its containing block."""
    for box in boxes:
        box = getattr(box, "_box", box)  # absolutely positioned boxes sit in placeholders
        if isinstance(box, (B.LineBox, B.ReplacedBox)):
            yield box, container
        elif isinstance(box, B.ParentBox):
            inner = box if isinstance(box, B.BlockContainerBox) else container
            yield from _leaves(box.children, inner)


def _has_ink(leaf) -> bool:
    return isinstance(leaf, B.ReplacedBox) or bool(_text(leaf).strip())


def _text(box) -> str:
    if isinstance(box, B.TextBox):
        return box.text
    return "".join(_text(child) for child in getattr(box, "children", []))


def _right(box) -> float:
    """Right end of a box's ink: blank text (a <br>) and trailing letter-spacing are not ink."""
    box = getattr(box, "_box", box)
    if isinstance(box, B.TextBox):
        if not box.text.strip():
            return float("-inf")
        spacing = box.style["letter_spacing"]
        return box.position_x + box.width - (spacing if isinstance(spacing, float) else 0.0)
    if isinstance(box, B.ParentBox):
        return max((_right(child) for child in box.children), default=float("-inf"))
    return box.position_x + box.margin_width() if box.width else float("-inf")


def _overflow(leaf, container, area, number, base) -> Problem | None:
    right = _right(leaf)
    if right == float("-inf"):
        return None
    bottom = leaf.position_y + leaf.margin_height()
    what = _describe(leaf)
    if container is not None:
        edge = container.content_box_x() + container.width
        if right > edge + TOLERANCE_PX:
            return _problem(f"{what} runs {(right - edge) / PX_PER_PT:.1f} pt past the right "
                            f"edge of its column or box (page {number})", leaf, base,
                            "overflow-box", "break the long word, or shorten the text")
    x0, y0, x1, y1 = area
    beyond = max(right - x1, x0 - leaf.position_x, bottom - y1)
    if beyond > TOLERANCE_PX:
        return _problem(f"{what} runs {beyond / PX_PER_PT:.1f} pt off the printed area of "
                        f"page {number}", leaf, base, "overflow-page",
                        "make it smaller, or let it break across pages")
    return None


def _figure(leaf, figures: dict, met: dict) -> tuple | None:
    """The manuscript figure an image box comes from: boxes come in document order."""
    if not isinstance(leaf, B.ReplacedBox) or leaf.element is None:
        return None
    src = leaf.element.get("src", "")
    placed = figures.get(src)
    if not placed:
        return None
    met[src] = met.get(src, -1) + 1
    return placed[min(met[src], len(placed) - 1)]


def _resolution(leaf, number, base, figure: tuple | None) -> Problem | None:
    """An image below PRINT_PPI at its printed width: named as the manuscript writes it, at
    its figure's line, with the pixels it needs. The same words for every edition (the
    print edition places a separation of the same size), so a build says it once."""
    image = getattr(leaf, "replacement", None)
    pixels = getattr(image, "width", None)
    if not isinstance(leaf, B.ReplacedBox) or not pixels or not leaf.width:
        return None
    ppi = pixels / (leaf.width / 96)
    if ppi >= PRINT_PPI:
        return None
    src = leaf.element.get("src", "") if leaf.element is not None else ""
    size = f"{pixels}×{image.height} px"
    needed = math.ceil(PRINT_PPI * leaf.width / 96)
    needed_size = f"{needed}×{math.ceil(needed * image.height / pixels)} px"
    mm = leaf.width / PX_PER_PT / 72 * 25.4
    if figure is not None:
        written, manuscript, line = figure
        return Problem(f"image {written} ({size}) prints {mm:.0f} mm wide at {ppi:.0f} ppi; "
                       f"print needs {PRINT_PPI} ppi", manuscript, line,
                       severity="warning", rule="image-resolution",
                       hint=f"supply a larger image, at least {needed_size} (the original "
                            "photo, not a copy taken from a chat or web page)")
    name = src.rsplit("/", 1)[-1]
    return Problem(f"image {name} ({size}) prints {mm:.0f} mm wide at {ppi:.0f} ppi (page "
                   f"{number}); print needs {PRINT_PPI} ppi", base, severity="warning",
                   source_line=name, hint=f"supply a larger image, at least {needed_size}",
                   rule="image-resolution")


def _describe(leaf) -> str:
    if isinstance(leaf, B.ReplacedBox):
        src = leaf.element.get("src", "") if leaf.element is not None else ""
        return f"image {src.rsplit('/', 1)[-1]}"
    text = _text(leaf).strip()
    return f"line “{text[:24]}{'…' if len(text) > 24 else ''}”"


def _problem(message, leaf, base, rule, hint) -> Problem:
    if isinstance(leaf, B.ReplacedBox):
        src = leaf.element.get("src", "") if leaf.element is not None else ""
        snippet = src.rsplit("/", 1)[-1]
    else:
        snippet = _text(leaf).strip()
    return Problem(message, base, severity="warning", hint=hint, source_line=snippet,
                   rule=rule)


def locate(problems: list[Problem], path: Path) -> list[Problem]:
    """Point findings of an article's pages at its manuscript, and at the line their text
    comes from when it can be found there."""
    try:
        lines = [re.sub(r"[*\\]", "", line) for line in file_lines(path)]
    except OSError:
        return problems
    for problem in problems:
        if problem.rule in RULES and problem.line is None:
            problem.path = path
            number = line_holding_piece(lines, problem.source_line or "")
            if number:
                problem.line, problem.source_line = number, None
    return problems
