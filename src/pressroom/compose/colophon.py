"""The colophon (版本记录): the booklet, its articles, fonts and page count in, the typeset colophon page out.

Its wording is in layouts/colophon.html.j2 and follows a printed book's 版本记录:
书名 (the subtitle on its own line under it), 编者, the booklet's own entries (版次,
印数 …), 开本, 页数, where each article was first printed (publication, date and
page, or its title and date: never a file name), the faces and what each sets, and
how the booklet was made. This module gives the template its data and geometry.
Each entry's label is spread over LABEL_EM em (书　　名); its text is set by the
body's breaker (Han–Latin gaps, joined dashes, no line ending on one or two
characters), so the text carries no spaces of its own between Han and digits.
"""

from __future__ import annotations

from .. import __version__
from ..project.config import Booklet, mm_to_pt
from ..project.fonts import FontSet
from ..text.dates import date_text
from ..typeset.part import Part

SIZE = 9.0  # pt, the colophon's type size
LABEL_EM = 4  # labels are spread over 4 em, followed by a 1-em gap
GAP_EM = 1
SIDE_MARGIN_MM = 14  # beyond the layout's side margin (booklet.css.j2, @page colophon)
OFL = "SIL OPEN FONT LICENSE VERSION 1.1"


def sources(articles) -> list[dict]:
    """Where each article was first printed: title, publication, date, page."""
    return [{"title": a.title, "publication": a.publication, "date": a.date_text,
             "page": a.page} for a in articles]


def faces(fonts: FontSet) -> list[dict]:
    """Each face with what it sets: fonts.yml's role '书宋：正文' → style 书宋, uses 正文."""
    out = []
    for face in fonts.faces.values():
        style, _, uses = face.role.partition("：")
        out.append({"style": style, "uses": uses, "family": face.family,
                    "version": face.version})
    return out


def all_ofl(fonts: FontSet) -> bool:
    """Whether every face's licence text is the SIL Open Font License 1.1."""
    return all(OFL in face.license.read_text(encoding="utf-8").upper()
               for face in fonts.faces.values())


def value_em(booklet: Booklet) -> float:
    """Width of an entry's text in em: the colophon page's text width less the label."""
    text_mm = booklet.layout.page_mm[0] - 2 * (booklet.layout.margin_side + SIDE_MARGIN_MM)
    return mm_to_pt(text_mm) / SIZE - LABEL_EM - GAP_EM


def typeset_colophon(ts, booklet: Booklet, fonts: FontSet, articles, front_pages: int,
                     body_pages: int, blank_pages: int = 0) -> Part:
    """The colophon page(s). It prints the page count, its own pages included: start
    from one page and typeset again only if it takes more."""
    pages = 1
    while True:
        html = ts.render("colophon.html.j2", sources=sources(a for a, _ in articles),
                         faces=faces(fonts), ofl=all_ofl(fonts), version=__version__,
                         date_text=date_text(booklet.date),
                         total_pages=front_pages + body_pages + blank_pages + pages,
                         body_pages=body_pages, size=SIZE, label_em=LABEL_EM,
                         gap_em=GAP_EM, value_em=value_em(booklet),
                         page_mm=booklet.layout.page_mm)
        part = ts.pdf(html, base=booklet.layouts_dir)
        if part.pages == pages:
            return part
        pages = part.pages
