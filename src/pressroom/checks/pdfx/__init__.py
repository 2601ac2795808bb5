"""Preflight of a print PDF against PDF/X-4 in CMYK, as a Chinese print shop takes it: a PDF (bytes, path or pikepdf) in, located findings (page, object, rule, fix) out.

    rules.py     the table of rules (id, severity, what, fix) and the Finding
    document.py  the file: version, Info, XMP, output intent; page boxes, annotations
    content.py   what pages draw: colours, text inks, images, groups, fonts, ink limits
    spaces.py    colour spaces resolved to what they make

The print edition runs it on what it made (a build stops on an error) and
`pressroom check --edition print` reports its findings as `pdfx-<rule>`. An empty
list, or warnings only, means the file passes. It reads with pikepdf and Pillow only,
independently of the pypdf code that wrote the file.

Not checked: optional-content configurations, overprint-mode semantics, the ICC
version policy, whether an annotation is hidden. There is no free PDF/X validator
to compare with; before the first real job, send a sample through the print shop's
own preflight.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pikepdf import Dictionary

from ...exceptions import Problem
from .content import Collector, ColourUse, GState, Walker
from .document import annotation_checks, box_checks, document_checks
from .rules import RULES, Finding
from .spaces import resolve

__all__ = ["RULES", "ColourUse", "Finding", "colour_inventory", "preflight", "as_problems"]


def preflight(source) -> list[Finding]:
    """Check a print PDF against PDF/X-4 in CMYK; findings sorted, the document's first."""
    pdf = _open(source)
    out = Collector()
    document_checks(pdf, out)
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        area = box_checks(number, obj, out)
        walker = Walker(out, number)
        group = obj.get("/Group")
        if isinstance(group, Dictionary) and group.get("/CS") is not None:
            space = resolve(group["/CS"], obj.get("/Resources"))
            if space.makes_rgb:
                out.add(number, "page group", "rgb-group",
                        f"the page's transparency group blends in RGB (/CS {space.label})")
        if "/Contents" in obj:
            walker.walk(page, _resources(obj), "content stream", GState())
        annotation_checks(number, obj, area, out, walker)
        out.next_page()
    return out.results()


def colour_inventory(source) -> list[ColourUse]:
    """Every colour-setting operator drawn on every page (through forms, patterns, soft
    masks, annotation appearances and Type3 glyphs), with the space it resolves to."""
    pdf = _open(source)
    out = Collector()
    for number, page in enumerate(pdf.pages, 1):
        walker = Walker(out, number)
        if "/Contents" in page.obj:
            walker.walk(page, _resources(page.obj), "content stream", GState())
        annotation_checks(number, page.obj, None, out, walker)
        out.next_page()
    return out.inventory


def as_problems(findings: list[Finding], path: Path) -> list[Problem]:
    """Findings as the project's Problems, at the PDF they are about."""
    return [Problem(f"{f.where}: {f.message}", path, hint=f.fix, severity=f.severity,
                    rule=f"pdfx-{f.rule}") for f in findings]


def _resources(page):
    node, depth = page, 0
    while node is not None and depth < 64:
        if "/Resources" in node:
            return node["/Resources"]
        node, depth = node.get("/Parent"), depth + 1
    return None


def _open(source) -> pikepdf.Pdf:
    if isinstance(source, pikepdf.Pdf):
        return source
    if isinstance(source, (bytes, bytearray)):
        return pikepdf.open(io.BytesIO(bytes(source)))
    return pikepdf.open(Path(source))
