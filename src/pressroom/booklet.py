"""Merge typeset parts with pypdf: front matter + article PDFs + colophon → one booklet.

Articles are typeset without folios; folios are stamped on at merge time from
one small overlay document, so an article never has to be re-typeset because
the articles before it changed length. The merge restores what pypdf drops:
page labels, outline, metadata, document language and a stable file identifier.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.generic import Fit
from pypdf.generic import (ArrayObject, BooleanObject, ByteStringObject, DictionaryObject,
                           FloatObject, IndirectObject, NameObject, NullObject,
                           TextStringObject)

from . import __version__
from .config import Booklet
from .embedding import unify_fonts
from .errors import BuildError, Problem
from .fonts import FontSet
from .manuscript import Article
from .typeset import Part, Typesetter

PT_PER_PX = 0.75


@dataclass
class Placed:
    """Where one typeset document sits in the booklet."""

    name: str  # 'front', an article slug, 'colophon'
    part: Part
    first_index: int  # physical page index in the booklet
    first_folio: int | None  # arabic folio of its first page, None for front matter
    article: Article | None = None


@dataclass
class Composition:
    pdf: bytes
    pages: int
    starts: dict[str, int] = field(default_factory=dict)  # slug → folio of first page
    warnings: list[Problem] = field(default_factory=list)


def pdf_date(date: dt.date) -> str:
    return f"D:{date:%Y%m%d}000000Z"


def date_text(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def compose_booklet(ts: Typesetter, booklet: Booklet, fonts: FontSet,
                    articles: list[tuple[Article, Part]], pad_to: int = 1) -> Composition:
    """The whole booklet from typeset articles; front matter and colophon are set here.

    With `pad_to` (4 for a saddle-stitched print), notes pages before the colophon
    bring the page count to a multiple of it; articles never get blank pages.
    """
    starts, folio = {}, 1
    for article, part in articles:
        starts[article.slug] = folio
        folio += part.pages
    body_pages, blanks = folio - 1, 0
    for _ in range(3):  # the padding moves the colophon's folio, which the contents print
        colophon_folio = folio + blanks
        front = ts.pdf(ts.render("front.html.j2", contents=_contents(articles, starts),
                                 date_text=date_text(booklet.date),
                                 colophon_folio=colophon_folio,
                                 page_mm=booklet.layout.page_mm), base=booklet.layouts_dir)
        # Folio 1 must fall on a recto: the front matter takes an even number of pages.
        front_pages = front.pages + front.pages % 2
        colophon = _colophon(ts, booklet, fonts, articles, front_pages, body_pages, blanks)
        needed = -(front_pages + body_pages + colophon.pages) % pad_to
        if needed == blanks:
            break
        blanks = needed
    placed = [Placed("front", front, 0, None)]
    index = front_pages
    for article, part in articles:
        placed.append(Placed(article.slug, part, index, starts[article.slug], article))
        index += part.pages
    if blanks:
        placed.append(Placed("notes", _notes(ts, booklet, blanks), index, folio))
        index += blanks
    placed.append(Placed("colophon", colophon, index, colophon_folio))
    total = index + colophon.pages

    writer = PdfWriter()
    page_fonts = []
    for item in placed:
        writer.append(PdfReader(io.BytesIO(item.part.pdf)), import_outline=False)
        page_fonts += [item.part.fonts] * item.part.pages
        if item.name == "front" and front.pages < front_pages:
            writer.add_blank_page()
            page_fonts.append(ts.font_files)
    # One font object per face: parts cached from earlier builds may carry other subsets.
    unify_fonts(writer, page_fonts, ts.font_files)
    _stamp_folios(writer, ts, booklet, placed, total)
    unify_fonts(writer, [ts.font_files] * total, ts.font_files)
    _link_contents(writer, placed, front_pages)
    _outline(writer, placed, front_pages)
    _page_labels(writer, front_pages, total)
    _metadata(writer, booklet, [a for a, _ in articles])
    warnings = [w for item in placed for w in item.part.warnings]
    return Composition(finish(writer, booklet), total, starts, warnings)


def compose_article(ts: Typesetter, booklet: Booklet, article: Article, part: Part) -> bytes:
    """A standalone article PDF: its own folios from 1, its own outline."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(part.pdf)))
    placed = [Placed(article.slug, part, 0, 1, article)]
    _stamp_folios(writer, ts, booklet, placed, part.pages)
    unify_fonts(writer, [part.fonts] * part.pages, part.fonts)
    writer.set_page_label(0, part.pages - 1, style="/D", start=1)
    _metadata(writer, booklet, [article], title=article.title)
    return finish(writer, booklet)


def finish(writer: PdfWriter, booklet: Booklet) -> bytes:
    """Drop dead objects, merge duplicates, pin the identifier, and serialise."""
    # Sweep before merging: pypdf (7.1) keeps the first of identical objects even when
    # that copy is dead (a page's contents before re-coding) and drops the live one.
    sweep(writer)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=False)
    return write_with_content_id(writer)


def sweep(writer: PdfWriter) -> None:
    """Forget every object that nothing reachable from the catalog or the info refers to."""
    live: set[int] = set()
    stack = [writer.root_object.indirect_reference]
    if writer._info is not None:
        stack.append(writer._info.indirect_reference)
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.pdf is not writer or item.idnum in live:
                continue
            live.add(item.idnum)
            item = writer._objects[item.idnum - 1]
        if isinstance(item, DictionaryObject):
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    for index in range(len(writer._objects)):
        if index + 1 not in live:
            writer._objects[index] = None


PLACEHOLDER_ID = b"\x00" * 16


def write_with_content_id(writer: PdfWriter) -> bytes:
    """Serialise once; the file identifier is the MD5 of the file as written with a
    placeholder identifier, so the same content always gets the same identifier."""
    writer._ID = ArrayObject([ByteStringObject(PLACEHOLDER_ID)] * 2)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    placeholder = b"<" + PLACEHOLDER_ID.hex().encode() + b">"
    digest = b"<" + hashlib.md5(data, usedforsecurity=False).hexdigest().encode() + b">"
    head, _, trailer = data.rpartition(b"trailer")
    if trailer.count(placeholder) != 2:
        raise BuildError(Problem("could not set the file identifier of the PDF"))
    return head + b"trailer" + trailer.replace(placeholder, digest)


def _contents(articles: list[tuple[Article, Part]], starts: dict[str, int]) -> list[dict]:
    entries = []
    for article, part in articles:
        stories = [{"title": s.title, "target": f"{article.slug}/{s.anchor}",
                    "folio": starts[article.slug] + part.anchors.get(s.anchor, 0)}
                   for s in article.stories]
        entries.append({"title": article.title.replace(" ", "　"), "target": article.slug,
                        "folio": starts[article.slug], "stories": stories,
                        "publication": article.publication, "date": article.date_text})
    return entries


def _notes(ts: Typesetter, booklet: Booklet, count: int) -> Part:
    """`count` ruled notes pages (记事)."""
    part = ts.pdf(ts.render("notes.html.j2", pages=count, page_mm=booklet.layout.page_mm),
                  base=booklet.layouts_dir)
    if part.pages != count:
        raise BuildError(Problem(f"notes pages: {part.pages} typeset, {count} asked for",
                                 booklet.layouts_dir / "notes.html.j2",
                                 hint="each notes page must fit on one page"))
    return part


def _colophon(ts, booklet, fonts, articles, front_pages, body_pages, blank_pages=0) -> Part:
    sources = [{"title": a.title.replace(" ", "　"), "publication": a.publication,
                "date": a.date_text, "file": a.source.rsplit("/", 1)[-1]} for a, _ in articles]
    faces = list(fonts.faces.values())
    # The colophon prints the page count, its own pages included: start from a guess
    # (about 25 table rows fit under the first page's spacer, 48 on later pages) so
    # that one typesetting pass usually suffices.
    rows = 11 + len(faces) + 2 * len(sources)
    pages = 1 + max(0, -(-(rows - 25) // 48))
    while True:
        part = ts.pdf(ts.render("colophon.html.j2", sources=sources, faces=faces,
                                date_text=date_text(booklet.date), version=__version__,
                                total_pages=front_pages + body_pages + blank_pages + pages,
                                body_pages=body_pages, page_mm=booklet.layout.page_mm),
                      base=booklet.layouts_dir)
        if part.pages == pages:
            return part
        pages = part.pages


FOLIO_CHUNK = 64  # arabic folio overlays come in runs of this many pages


def _stamp_folios(writer: PdfWriter, ts: Typesetter, booklet: Booklet, placed: list[Placed],
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


def _destination(writer: PdfWriter, placed: list[Placed], target: str):
    """Page index and top y (pt) of 'slug', 'slug/anchor', 'colophon'."""
    name, _, anchor = target.partition("/")
    for item in placed:
        if item.name == name:
            page_offset = item.part.anchors.get(anchor, 0) if anchor else 0
            y = item.part.anchor_y.get(anchor) if anchor else None
            index = item.first_index + page_offset
            height = float(writer.pages[index].mediabox.top)
            top = height - y * PT_PER_PX if y is not None else height
            return index, top
    return None


def _link_contents(writer: PdfWriter, placed: list[Placed], front_pages: int) -> None:
    for index in range(1, front_pages):
        page = writer.pages[index]
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action else ""
            if not uri.startswith("pressroom:"):
                continue
            dest = _destination(writer, placed, uri.removeprefix("pressroom:"))
            if dest is None:
                raise BuildError(Problem(f"link to unknown target {uri}: no article, story "
                                         "or colophon of that name", hint="link to "
                                         "pressroom:<slug>, pressroom:<slug>/<anchor> or "
                                         "pressroom:colophon", source_line=uri,
                                         rule="link-unresolved"))
            del annot[NameObject("/A")]
            annot[NameObject("/Dest")] = ArrayObject([
                writer.pages[dest[0]].indirect_reference, NameObject("/XYZ"), NullObject(),
                FloatObject(dest[1]), NullObject()])


def _outline(writer: PdfWriter, placed: list[Placed], front_pages: int) -> None:
    writer.add_outline_item(title="封面", page_number=0)
    writer.add_outline_item(title="目录", page_number=1)
    for item in placed:
        if item.article is None:
            continue
        article = item.article
        parent = writer.add_outline_item(title=article.title.replace(" ", "　"),
                                         page_number=item.first_index)
        for story in article.stories:
            index, top = _destination(writer, placed, f"{article.slug}/{story.anchor}")
            writer.add_outline_item(title=story.title, page_number=index, parent=parent,
                                    fit=Fit.xyz(top=top))
    colophon = placed[-1]
    writer.add_outline_item(title="版本记录", page_number=colophon.first_index)
    writer.page_mode = "/UseOutlines"


def _page_labels(writer: PdfWriter, front_pages: int, total: int) -> None:
    writer.set_page_label(0, 0, prefix="封面")
    if front_pages > 1:
        writer.set_page_label(1, front_pages - 1, style="/r", start=1)
    writer.set_page_label(front_pages, total - 1, style="/D", start=1)


def _metadata(writer: PdfWriter, booklet: Booklet, articles: list[Article],
              title: str | None = None) -> None:
    date = pdf_date(booklet.date)
    keywords = booklet.keywords or []
    writer.add_metadata({
        "/Title": title or booklet.title,
        "/Author": booklet.compiler,
        "/Subject": booklet.subject or booklet.subtitle,
        "/Keywords": "，".join(keywords),
        "/Creator": f"pressroom {__version__}",
        "/Producer": f"pressroom {__version__} (WeasyPrint, pypdf)",
        "/CreationDate": date,
        "/ModDate": date,
    })
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(booklet.language)
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
