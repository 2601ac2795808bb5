"""Navigation: the placed parts in, contents links, outline (bookmarks) and page labels on the merged PDF out.

Page labels and pressroom: links are made here from where each part landed; each
contents link gets a description (/Contents) naming its target and folio.
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, FloatObject, Fit, NameObject, NullObject,
                           TextStringObject)

from ..exceptions import BuildError, Problem
from .placement import Placed


PT_PER_PX = 0.75


def destination(writer: PdfWriter, placed: list[Placed], target: str):
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


def link_contents(writer: PdfWriter, placed: list[Placed], front_pages: int) -> None:
    for index in range(1, front_pages):
        page = writer.pages[index]
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action else ""
            if not uri.startswith("pressroom:"):
                continue
            dest = destination(writer, placed, uri.removeprefix("pressroom:"))
            if dest is None:
                raise BuildError(Problem(f"link to unknown target {uri}: no article, story "
                                         "or colophon of that name", hint="link to "
                                         "pressroom:<slug>, pressroom:<slug>/<anchor> or "
                                         "pressroom:colophon", source_line=uri,
                                         rule="link-unresolved"))
            del annot[NameObject("/A")]
            # What a screen reader says for the link (PDF/UA: links have /Contents).
            annot[NameObject("/Contents")] = TextStringObject(
                describe(placed, uri.removeprefix("pressroom:"), dest[0]))
            annot[NameObject("/Dest")] = ArrayObject([
                writer.pages[dest[0]].indirect_reference, NameObject("/XYZ"), NullObject(),
                FloatObject(dest[1]), NullObject()])


def describe(placed: list[Placed], target: str, index: int) -> str:
    """A link's description: what it leads to and the folio printed there, e.g.
    “工”笔妙绘巴山渝水好风光，第4页."""
    name, _, anchor = target.partition("/")
    item = next(item for item in placed if item.name == name)
    title = "版本记录" if name == "colophon" else name
    if item.article is not None:
        title = item.article.title.replace(" ", "　")
        story = next((s for s in item.article.stories if s.anchor == anchor), None)
        title = story.title if story else title
    if item.first_folio is None:
        return title
    return f"{title}，第{item.first_folio + index - item.first_index}页"


def outline(writer: PdfWriter, placed: list[Placed], front_pages: int) -> None:
    writer.add_outline_item(title="封面", page_number=0)
    writer.add_outline_item(title="目录", page_number=1)
    for item in placed:
        if item.article is None:
            continue
        article = item.article
        parent = writer.add_outline_item(title=article.title.replace(" ", "　"),
                                         page_number=item.first_index)
        for story in article.stories:
            index, top = destination(writer, placed, f"{article.slug}/{story.anchor}")
            writer.add_outline_item(title=story.title, page_number=index, parent=parent,
                                    fit=Fit.xyz(top=top))
    colophon = placed[-1]
    writer.add_outline_item(title="版本记录", page_number=colophon.first_index)
    writer.page_mode = "/UseOutlines"


def page_labels(writer: PdfWriter, front_pages: int, total: int) -> None:
    writer.set_page_label(0, 0, prefix="封面")
    if front_pages > 1:
        writer.set_page_label(1, front_pages - 1, style="/r", start=1)
    writer.set_page_label(front_pages, total - 1, style="/D", start=1)
