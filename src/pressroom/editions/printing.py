"""The print edition: the composed booklet in, its print form out: each page with TrimBox at the page, BleedBox 3 mm beyond, content clipped to the bleed and crop marks in a slug around it.

The booklet's own pages (cover, contents, notes, colophon) are set with a bleed,
so the cover's red field runs 3 mm past the trim; pages are padded to a multiple
of 4 for saddle stitching (notes pages before the colophon).
"""

from __future__ import annotations

import io
from pathlib import Path

from .marks import BLEED_MM, MM, SLUG_MM, artifact, crop_marks, grow

NAME = "print"
PAD_TO = 4  # pages: saddle stitching folds sheets of four pages


def outputs(build_dir: Path, slugs: list[str]) -> list[Path]:
    return [build_dir / "booklet-print.pdf"]


def compose(job) -> dict[Path, bytes]:
    """The print booklet: its own pages set with a bleed, padded, then given boxes and marks."""
    from ..compose.booklet import compose_booklet
    composition = compose_booklet(job.typesetter(NAME, bleed_mm=BLEED_MM), job.booklet,
                                  job.fonts, job.parts, pad_to=PAD_TO)
    return {job.build_dir / "booklet-print.pdf": print_edition(composition.pdf)}


def print_edition(data: bytes) -> bytes:
    """Every page: TrimBox at the page, BleedBox 3 mm beyond, content clipped to the
    bleed, crop marks in a slug around it (the MediaBox)."""
    from pypdf import PdfReader, PdfWriter  # not needed to list an edition's files
    from pypdf.generic import DecodedStreamObject, NameObject, RectangleObject
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.pdf_header = b"%PDF-1.7"  # pypdf writes 1.3; the pages use 1.4+ transparency
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
        for name in ("/CropBox", "/ArtBox"):
            if name in page:
                del page[name]
        page.mediabox = RectangleObject(grow(trim, slug, slug, slug, slug))
        page.trimbox = RectangleObject(trim)
        page.bleedbox = RectangleObject(bleed_box)
    writer._info.get_object()[NameObject("/Trapped")] = NameObject("/False")
    from ..compose.writer import finish
    return finish(writer)


def refuse(project) -> None:
    """The print edition can always be made from loaded inputs."""
