"""Document metadata: the booklet description in, document information, language and viewer preferences on the PDF out.

Dates come from booklet.yml only, never from the clock, so the same inputs give
the same bytes.
"""

from __future__ import annotations

import datetime as dt

from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from .. import __version__
from ..project.config import Booklet
from ..project.manuscript import Article


def pdf_date(date: dt.date) -> str:
    return f"D:{date:%Y%m%d}000000Z"


def date_text(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


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
