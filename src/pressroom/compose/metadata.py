"""Document metadata: the booklet description in, document information, XMP (declaring PDF/UA-1), language and viewer preferences on the PDF out.

Dates come from booklet.yml only, never from the clock, so the same inputs give
the same bytes. Every PDF composed here is tagged (compose/structure.py) and says
so: pdfuaid:part 1 and dc:title in XMP, the title shown instead of the file name.
The archive edition replaces the packet with its PDF/A one (editions/pdfa.py).
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import (BooleanObject, DictionaryObject, NameObject, StreamObject,
                           TextStringObject)

from .. import __version__
from ..editions.xmp import xmp_packet
from ..project.config import Booklet
from ..project.manuscript import Article
from ..text.dates import pdf_date

PDFUA_PART = 1


def set_metadata(writer: PdfWriter, booklet: Booklet, articles: list[Article],
                 title: str | None = None) -> None:
    date = pdf_date(booklet.date)
    keywords = booklet.keywords or []
    info = {
        "/Title": title or booklet.title,
        "/Author": booklet.compiler,
        "/Subject": booklet.subject or booklet.subtitle,
        "/Keywords": "，".join(keywords),
        "/Creator": f"pressroom {__version__}",
        "/Producer": f"pressroom {__version__} (WeasyPrint, pypdf)",
        "/CreationDate": date,
        "/ModDate": date,
    }
    writer.add_metadata(info)
    set_xmp(writer, xmp_packet({k: v or "" for k, v in info.items()}, booklet.language,
                               keywords, pdfua=PDFUA_PART))
    # Tagged PDF, marked content, transparency: PDF 1.7 (ISO 32000-1), which PDF/UA-1
    # rests on (pypdf writes 1.3 unless told).
    writer.pdf_header = b"%PDF-1.7"
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(booklet.language)
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})


def set_xmp(writer: PdfWriter, packet: bytes) -> None:
    """The catalog's /Metadata stream, uncompressed so that it stays readable."""
    stream = StreamObject()
    stream._data = packet
    stream.update({NameObject("/Type"): NameObject("/Metadata"),
                   NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
