"""Folios: the placed parts of a booklet in, every page's folio stamped from overlay pages out.

Articles are typeset without folios, so an article never has to be set again
because the articles before it changed length.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from ..exceptions import BuildError, Problem
from ..project.config import Booklet
from ..typeset.typesetter import Typesetter
from .placement import Placed


FOLIO_CHUNK = 64  # arabic folio overlays come in runs of this many pages


def stamp_folios(writer: PdfWriter, ts: Typesetter, booklet: Booklet, placed: list[Placed],
                  total: int) -> None:
    """Stamp each page's folio from overlay pages typeset once per folio number.

    An overlay page depends on its folio only, not on the page that carries it:
    arabic folios 1…K (K rounded up to a multiple of FOLIO_CHUNK) and the front
    matter's roman ones. An edit that moves every later folio therefore finds the
    overlays already typeset (Typesetter caches documents by their HTML).
    """
    stamps: dict[int, tuple[str, int]] = {}
    for item in placed:
        for offset in range(item.part.pages):
            index = item.first_index + offset
            if item.first_folio is not None:
                stamps[index] = ("arabic", item.first_folio + offset)
            elif index > 0:  # front matter after the cover: lower-case roman
                stamps[index] = ("roman", index)
    highest = {kind: max((n for k, n in stamps.values() if k == kind), default=0)
               for kind in ("arabic", "roman")}
    overlays = {}
    if highest["arabic"]:
        count = -(-highest["arabic"] // FOLIO_CHUNK) * FOLIO_CHUNK
        overlays["arabic"] = _overlay(ts, booklet, [
            {"side": "recto" if n % 2 else "verso", "folio": n, "name": None}
            for n in range(1, count + 1)])
    if highest["roman"]:
        overlays["roman"] = _overlay(ts, booklet, [
            {"side": "recto" if n % 2 == 0 else "verso", "folio": roman(n), "name": None}
            for n in range(1, highest["roman"] + 1)])
    for index, (kind, number) in sorted(stamps.items()):
        writer.pages[index].merge_page(overlays[kind].pages[number - 1])


def _overlay(ts: Typesetter, booklet: Booklet, pages: list[dict]) -> PdfReader:
    overlay = ts.pdf(ts.render("folios.html.j2", pages=pages, page_mm=booklet.layout.page_mm),
                     base=booklet.layouts_dir, inspect=False)
    reader = PdfReader(io.BytesIO(overlay.pdf))
    if len(reader.pages) != len(pages):
        raise BuildError(Problem(f"folio overlay has {len(reader.pages)} pages, expected "
                                 f"{len(pages)}", booklet.layouts_dir / "folios.html.j2",
                                 hint="each page must fit on one sheet"))
    return reader


def roman(number: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out
