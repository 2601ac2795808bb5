"""The print edition: the articles typeset for print (CMYK palette, images separated for the press) in, booklet-print.pdf as PDF/X-4 out: each page with TrimBox at the page, BleedBox 3 mm beyond, content clipped to the bleed, crop marks in the registration colour in a slug around it.

The booklet's own pages (cover, contents, notes, colophon) are set with a bleed,
so the cover's red field runs 3 mm past the trim; pages are padded to a multiple
of 4 for saddle stitching (notes pages before the colophon). The file is then
identified as PDF/X-4 for the printing condition booklet.yml names (pdfx.py) and
checked by the PDF/X-4 preflight (checks/pdfx): an error stops the build, so no
RGB colour, missing box or unembedded font reaches the print shop.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

from .marks import BLEED_MM, MM, SLUG_MM, add_registration, artifact, crop_marks, grow

NAME = "print"
PARTS = "print"  # the articles as typeset for print (build/workers.py)
PAD_TO = 4  # pages: saddle stitching folds sheets of four pages
OUTPUT = "booklet-print.pdf"
# The preflight finds coarse images in the PDF (page, object name); the page inspection
# found the same images at their manuscript line, where the editor can act: a finding
# about an image the inspection saw (the same pixel size: both messages say `W×H px`) is
# said there, once, with the preflight's severity.
IMAGE_RULES = {"pdfx-image-resolution", "pdfx-image-resolution-low"}
PIXELS = re.compile(r"(\d+)×(\d+) px")


def outputs(build_dir: Path, slugs: list[str]) -> list[Path]:
    return [build_dir / OUTPUT]


def compose(job) -> dict[Path, bytes]:
    """The print booklet: its own pages set with a bleed, padded, given boxes and marks,
    made PDF/X-4 and preflighted."""
    from ..colour.condition import condition_for
    from ..compose.booklet import compose_booklet
    from ..exceptions import BuildError
    target = job.build_dir / OUTPUT
    typesetter = job.typesetter(NAME, bleed_mm=BLEED_MM)
    composition = compose_booklet(typesetter, job.booklet, job.fonts, job.print_parts,
                                  pad_to=PAD_TO)
    job.warnings.extend(composition.warnings)  # the screen booklet's, mostly: said once
    data = print_edition(composition.pdf, job.booklet, condition_for(job.booklet.printing))
    problems = at_figures(preflight_problems(data, target),
                          [w for _, part in job.print_parts for w in part.warnings])
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise BuildError(*errors, *[p for p in problems if p.severity != "error"])
    job.warnings.extend(problems)
    return {target: data}


def preflight_problems(data: bytes, target: Path) -> list:
    """The PDF/X-4 preflight's findings on the print edition, as problems at `target`."""
    from ..checks.pdfx import as_problems, preflight
    return as_problems(preflight(data), target)


def at_figures(problems: list, inspected: list) -> list:
    """The preflight's problems, those about an image the page inspection reported moved
    to its figure's manuscript line: a warning is dropped (the inspection's says it), an
    error (below 150 ppi) replaces the inspection's warning, so that the editor reads one
    finding, where the figure is written."""
    def pixels(problem) -> tuple | None:
        found = PIXELS.search(problem.message)
        return found.groups() if found else None

    figures = {pixels(w): w for w in inspected if w.rule == "image-resolution"}
    figures.pop(None, None)
    said = []
    for problem in problems:
        figure = figures.get(pixels(problem)) if problem.rule in IMAGE_RULES else None
        if figure is None:
            said.append(problem)
        elif problem.severity == "error":
            said.append(dataclasses.replace(
                figure, severity="error", message=figure.message + "; below 150 ppi it "
                "would print visibly soft, so the print edition is not made"))
    return said


def print_edition(data: bytes, booklet, condition) -> bytes:
    """Every page: TrimBox at the page, BleedBox 3 mm beyond, content clipped to the
    bleed, crop marks in a slug around it (the MediaBox); the file PDF/X-4 for
    `condition` (colour/condition.py)."""
    from pypdf import PdfReader, PdfWriter  # not needed to list an edition's files
    from pypdf.generic import DecodedStreamObject, NameObject, RectangleObject

    from ..compose.writer import finish
    from .pdfx import make_pdfx4
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    bleed, slug = BLEED_MM * MM, SLUG_MM * MM
    for page in writer.pages:
        box = page.trimbox  # the page as typeset: pressroom sets everything at trim size
        trim = (float(box.left), float(box.bottom), float(box.right), float(box.top))
        bleed_box = grow(trim, bleed, bleed, bleed, bleed)
        contents = page.get_contents()
        body = contents.get_data() if contents is not None else b""
        x0, y0, x1, y1 = bleed_box
        # WeasyPrint's content starts with an unbalanced flip of the y axis: wrap it.
        stream = DecodedStreamObject()
        # The clip paints nothing; the marks are production aids, outside the
        # structure tree like every artifact (a page artifact, PDF 14.8.2.2).
        stream.set_data(b"q %.4f %.4f %.4f %.4f re W n\n" % (x0, y0, x1 - x0, y1 - y0) +
                        body + b"\nQ\n" + artifact(crop_marks(trim), "Page"))
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
        add_registration(writer, page)
        for name in ("/CropBox", "/ArtBox"):
            if name in page:
                del page[name]
        page.mediabox = RectangleObject(grow(trim, slug, slug, slug, slug))
        page.trimbox = RectangleObject(trim)
        page.bleedbox = RectangleObject(bleed_box)
    make_pdfx4(writer, condition, data, language=booklet.language,
               keywords=booklet.keywords)
    return finish(writer)


def refuse(project) -> None:
    """Refuse a print edition whose layouts write a colour the palette did not give
    (it would print in RGB), each at its template line."""
    from ..colour.layouts import layout_problems
    from ..exceptions import LayoutError
    problems = layout_problems(project.booklet.layouts_dir)
    if problems:
        raise LayoutError(*problems)
