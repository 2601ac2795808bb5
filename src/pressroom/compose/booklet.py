"""Composition: typeset parts in, the merged booklet (front matter + articles + colophon) or a standalone article PDF out, tagged.

The parts are merged with their structure trees (structure.py, pikepdf); pypdf
does the rest on the merged file. Articles are typeset without folios; folios are
drawn on at merge time as pagination artifacts, so an article never has to be
re-typeset because the articles before it changed length. The merge adds what
no part has: page labels, outline, contents links, metadata (declaring PDF/UA-1),
document language and a stable file identifier.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from ..exceptions import BuildError, Problem
from ..project.config import Booklet
from ..project.fonts import FontSet
from ..project.load import document_chars
from ..project.manuscript import Article
from ..text.dates import date_text
from ..typeset.part import Part
from ..typeset.subset import subset_fonts
from ..typeset.typesetter import Typesetter
from .colophon import typeset_colophon
from .folios import colour_for, folio_stamps
from .fonts import unify_fonts
from .metadata import set_metadata
from .navigation import link_contents, outline, page_labels
from .placement import Composition, Placed
from .structure import merge_tagged
from .writer import finish


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
        colophon = typeset_colophon(ts, booklet, fonts, articles, front_pages, body_pages,
                                    blanks)
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

    # The parts' structure trees grafted under one Document (structure.py); pypdf does
    # the rest on the merged file.
    merged = merge_tagged([item.part.pdf for item in placed],
                          blank_after={0: front_pages - front.pages})
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(merged)))
    page_fonts = []
    for item in placed:
        page_fonts += [item.part.fonts] * item.part.pages
        if item.name == "front" and front.pages < front_pages:
            page_fonts.append(ts.font_files)
    # One font object per face: parts cached from earlier builds may carry other subsets.
    stamps = folio_stamps(placed, booklet.layout, ts.font_files, page_width(writer),
                          colour_for(ts.edition))
    unify_fonts(writer, page_fonts, ts.font_files, stamps)
    link_contents(writer, placed, front_pages)
    outline(writer, placed, front_pages)
    page_labels(writer, front_pages, total)
    set_metadata(writer, booklet, [a for a, _ in articles])
    warnings = [w for item in placed for w in item.part.warnings]
    return Composition(finish(writer), total, starts, warnings)


def compose_article(ts: Typesetter, booklet: Booklet, article: Article, part: Part,
                    fonts: FontSet) -> bytes:
    """A standalone article PDF: its own folios from 1, its own outline, and font subsets
    of its own characters (re-coded from the booklet's it was set with), noted in
    `part.own_fonts`: the same bytes whatever the other articles hold, and smaller."""
    # One part: its own structure tree, outline and destinations are the article's.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(part.pdf)))
    placed = [Placed(article.slug, part, 0, 1, article)]
    part.own_fonts = subset_fonts(fonts, document_chars(booklet, fonts, [article]),
                                  ts.fonts_dir)
    stamps = folio_stamps(placed, booklet.layout, part.own_fonts, page_width(writer),
                          colour_for(ts.edition))
    unify_fonts(writer, [part.fonts] * part.pages, part.own_fonts, stamps)
    writer.set_page_label(0, part.pages - 1, style="/D", start=1)
    set_metadata(writer, booklet, [article], title=article.title)
    return finish(writer)


def _contents(articles: list[tuple[Article, Part]], starts: dict[str, int]) -> list[dict]:
    entries = []
    for article, part in articles:
        stories = [{"title": s.title, "target": f"{article.slug}/{s.anchor}",
                    "folio": starts[article.slug] + part.anchors.get(s.anchor, 0)}
                   for s in article.stories]
        entries.append({"title": article.title.replace(" ", "　"), "target": article.slug,
                        "folio": starts[article.slug], "stories": stories,
                        "publication": article.publication, "date": article.date_text,
                        "page": article.page})
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


def page_width(writer: PdfWriter) -> float:
    """Width (pt) of the booklet's pages: every page is set at the trim size."""
    return float(writer.pages[0].mediabox.width)
