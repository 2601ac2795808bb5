"""PDF findings: the composed booklet (bytes) in, links that lead nowhere, contents numbers that differ from the folios, bookmarks to no page, and foreign fonts, out."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..exceptions import Problem
from .fonts import font_findings


def pdf_findings(pdf: bytes, font_files: dict[str, Path], booklet_path: Path) -> list[Problem]:
    """Everything wrong with the composed booklet as a PDF (read back from memory)."""
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf))
    return font_findings(reader, pdf, font_files, booklet_path) + \
        link_findings(reader, pdf, booklet_path) + outline_findings(reader, booklet_path)


def link_findings(reader, pdf: bytes, booklet_path: Path) -> list[Problem]:
    """Links that lead nowhere, and contents numbers that differ from the target's folio."""
    import pypdfium2 as pdfium
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    labels = reader.page_labels
    layouts = booklet_path.parent.parent / "layouts"
    found, numbers = [], {}
    document = pdfium.PdfDocument(pdf)
    try:
        for index, page in enumerate(reader.pages):
            links = [a.get_object() for a in page.get("/Annots") or []
                     if a.get_object().get("/Subtype") == "/Link"]
            text_page = document[index].get_textpage() if links else None
            for annot in links:
                target, what = _link_target(annot, reader, pages)
                if target is None and what:
                    found.append(Problem(f"link on page {labels[index]} ({what}) leads "
                                         "nowhere", layouts, None, "check the link's target "
                                         "in the layouts", what, rule="link-unresolved"))
                elif target is not None:
                    for problem in _contents_number(text_page, annot, labels[target], layouts):
                        # an entry may be several link boxes: report it once, by its longest text
                        key = (target, problem.message.rpartition(" prints ")[2])
                        if len(problem.source_line) >= len(numbers.get(key, problem).source_line):
                            numbers[key] = problem
    finally:
        document.close()
    return found + list(numbers.values())


def _link_target(annot, reader, pages) -> tuple[int | None, str | None]:
    """(page index, None) for a link into the document; (None, what) for a broken one;
    (None, None) for a link to the outside world, which is not checked."""
    action = annot.get("/A")
    action = action.get_object() if action is not None else {}
    dest = annot.get("/Dest")
    if dest is None and action.get("/S") == "/GoTo":
        dest = action.get("/D")
    if dest is None:
        uri = str(action.get("/URI", ""))
        return (None, uri or "no target") if not uri or uri.startswith("pressroom:") else \
            (None, None)
    dest = dest.get_object() if hasattr(dest, "get_object") else dest
    if isinstance(dest, (str, bytes)):
        named = reader.named_destinations.get(str(dest))
        if named is None:
            return None, f"named destination {dest}"
        return reader.get_destination_page_number(named), None
    idnum = getattr(dest[0], "idnum", None) if len(dest) else None
    return (pages[idnum], None) if idnum in pages else (None, "a page not in the booklet")


def _contents_number(text_page, annot, label: str, layouts: Path) -> list[Problem]:
    """A link whose text ends in a number (a contents entry) must print the target's folio."""
    left, bottom, right, top = (float(v) for v in annot["/Rect"])
    text = text_page.get_text_bounded(left, bottom, right, top)
    match = re.search(r"(\d+)\s*$", text)
    if not match or match[1] == label:
        return []
    entry = re.sub(r"[\s·.]+\d+\s*$", "", text).strip()
    return [Problem(f"contents entry “{entry[:30]}” prints {match[1]}, but its page is "
                    f"{label}", layouts, None, "this is a bug in pressroom's contents; "
                    "report it", entry[:12], rule="contents-folio")]


def outline_findings(reader, booklet_path: Path) -> list[Problem]:
    """Bookmarks that point at no page of the booklet."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            try:
                number = reader.get_destination_page_number(item)
            except Exception:  # pypdf raises several kinds for a dangling destination
                number = None
            if number is None or not 0 <= number < len(reader.pages):
                found.append(Problem(f"bookmark “{item.title}” points at no page of the booklet",
                                     booklet_path, None, "this is a bug in pressroom's "
                                     "outline; report it", rule="bookmark-unresolved"))
    walk(reader.outline)
    return found
