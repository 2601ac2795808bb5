"""PDF/A: a composed, tagged PDF (and files to carry inside) in, the same document as PDF/A-2a (or PDF/A-3a with the files as associated sources) out, still declaring PDF/UA-1.

It adds on the merged file what PDF/A asks for beyond what composition made: the
XMP packet (matching the document information, declaring conformance level A and
PDF/UA-1 with the extension schema PDF/A needs for it), the sRGB output intent,
the PDF 1.7 header, printable annotations, images without interpolation, and for
PDF/A-3a the embedded source files. Level A rests on the structure tree every
pressroom PDF carries (compose/structure.py); a level-A file is level B as well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from importlib.resources import files

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, NameObject,
                           NumberObject, StreamObject, TextStringObject)

from ..compose.metadata import PDFUA_PART, set_xmp
from ..project.config import Booklet
from ..text.dates import pdf_date
from .archive import Attachment
from .xmp import xmp_packet


SRGB_PROFILE = "sRGB2014.icc"  # shipped with WeasyPrint


SRGB_CONDITION = "sRGB IEC61966-2.1"
CONFORMANCE = "A"  # PDF/A-2a, -3a: tagged, with Unicode text


def archive_edition(data: bytes, booklet: Booklet, attachments: list[Attachment] = ()) -> bytes:
    """PDF/A-2a, or PDF/A-3a when there are attachments (associated files, /Source)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    part = 3 if attachments else 2
    writer.pdf_header = b"%PDF-1.7"
    root = writer._root_object
    for key in ("/OpenAction", "/AA", "/Metadata", "/OutputIntents", "/AF"):
        if key in root:
            del root[key]
    _printable_annotations(writer)
    _no_interpolation(writer)
    root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer)])
    if attachments:
        _attach(writer, attachments, booklet.date)
    info = _pdfa_info(writer, booklet)
    digest = hashlib.md5(data, usedforsecurity=False)
    for attachment in attachments:
        digest.update(attachment.data)
    document_id = f"uuid:{uuid.UUID(bytes=digest.digest())}"
    # Level A: the document is tagged (every pressroom PDF is); it still declares PDF/UA-1.
    set_xmp(writer, xmp_packet(info, booklet.language, booklet.keywords,
                               pdfa=(part, CONFORMANCE), pdfua=PDFUA_PART,
                               document_id=document_id))
    from ..compose.writer import finish
    return finish(writer)


def _printable_annotations(writer: PdfWriter) -> None:
    """PDF/A: every annotation prints, and none is hidden."""
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            ref.get_object()[NameObject("/F")] = NumberObject(4)


def _no_interpolation(writer: PdfWriter) -> None:
    """PDF/A (6.2.8.1): no image asks to be interpolated; WeasyPrint asks for every image
    set with `image-rendering: auto`."""
    seen = set()
    for page in writer.pages:
        stack = [page.get("/Resources")]
        while stack:
            resources = stack.pop()
            resources = resources.get_object() if resources is not None else {}
            for ref in (resources.get("/XObject") or {}).values():
                xobject = ref.get_object()
                if id(xobject) in seen:
                    continue
                seen.add(id(xobject))
                if xobject.get("/Subtype") == "/Image" and "/Interpolate" in xobject:
                    del xobject["/Interpolate"]
                elif xobject.get("/Subtype") == "/Form":
                    stack.append(xobject.get("/Resources"))


def _output_intent(writer: PdfWriter):
    profile = StreamObject()
    profile._data = (files("weasyprint.pdf") / SRGB_PROFILE).read_bytes()
    profile[NameObject("/N")] = NumberObject(3)
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(SRGB_CONDITION),
        NameObject("/Info"): TextStringObject(SRGB_CONDITION),
        NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
        NameObject("/DestOutputProfile"): writer._add_object(profile.flate_encode()),
    }))


def _attach(writer: PdfWriter, attachments: list[Attachment], date: dt.date) -> None:
    """Embedded files as associated files of the document (PDF/A-3, /AF)."""
    names, specs = ArrayObject(), ArrayObject()
    for attachment in sorted(attachments, key=lambda a: a.name):
        stream = StreamObject()
        stream._data = attachment.data
        stream.update({
            NameObject("/Type"): NameObject("/EmbeddedFile"),
            NameObject("/Subtype"): NameObject("/" + attachment.mime),
            NameObject("/Params"): DictionaryObject({
                NameObject("/Size"): NumberObject(len(attachment.data)),
                NameObject("/ModDate"): TextStringObject(pdf_date(date)),
                NameObject("/CheckSum"): ByteStringObject(
                    hashlib.md5(attachment.data, usedforsecurity=False).digest())}),
        })
        file_ref = writer._add_object(stream.flate_encode())
        spec = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(attachment.name),
            NameObject("/UF"): TextStringObject(attachment.name),
            NameObject("/Desc"): TextStringObject(attachment.description),
            NameObject("/AFRelationship"): NameObject("/Source"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): file_ref,
                                                 NameObject("/UF"): file_ref}),
        }))
        names += [TextStringObject(attachment.name), spec]
        specs.append(spec)
    root = writer._root_object
    if "/Names" not in root:
        root[NameObject("/Names")] = DictionaryObject()
    root["/Names"].get_object()[NameObject("/EmbeddedFiles")] = writer._add_object(
        DictionaryObject({NameObject("/Names"): names}))
    root[NameObject("/AF")] = specs


def _pdfa_info(writer: PdfWriter, booklet: Booklet) -> dict[str, str]:
    """The document information as PDF/A wants it: every entry the XMP repeats present."""
    info = writer._info.get_object()
    title = str(info.get("/Title") or booklet.title)
    values = {"/Title": title, "/Author": str(info.get("/Author") or booklet.compiler),
              "/Subject": str(info.get("/Subject") or booklet.subject or booklet.subtitle or
                              title),
              "/Keywords": str(info.get("/Keywords") or ""),
              "/Creator": str(info.get("/Creator") or "pressroom"),
              "/Producer": str(info.get("/Producer") or "pressroom"),
              "/CreationDate": str(info.get("/CreationDate") or pdf_date(booklet.date)),
              "/ModDate": str(info.get("/ModDate") or pdf_date(booklet.date))}
    for key in list(info.keys()):
        if key not in values:
            del info[key]
    for key, value in values.items():
        info[NameObject(key)] = TextStringObject(value)
    return values
