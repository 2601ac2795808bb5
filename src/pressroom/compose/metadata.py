"""Document metadata: the booklet description in, document information, language and viewer preferences on the PDF out.

Dates come from booklet.yml only, never from the clock, so the same inputs give
the same bytes.
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from .. import __version__
from ..project.config import Booklet
from ..project.manuscript import Article
from ..text.dates import pdf_date


def set_metadata(writer: PdfWriter, booklet: Booklet, articles: list[Article],
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
