"""The archive edition: composed booklet and article PDFs in, PDF/A-2b (or PDF/A-3b with the sources inside) out.

It restores on the merged file what a pypdf merge drops and PDF/A asks for: the
XMP packet (matching the document information), the sRGB output intent, the PDF
1.7 header, printable annotations, and for PDF/A-3b the associated source files.
The archive is a record: it is refused while a manuscript fails the audit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, NameObject,
                           NumberObject, StreamObject, TextStringObject)

from ..compose.metadata import pdf_date
from ..exceptions import BuildError, Problem
from ..project.config import Booklet
from ..project.manuscript import Article
from .xmp import xmp_packet

NAME = "archive"
PARTS = "screen"  # the articles as typeset for the screen (sRGB, PDF/A)
SRGB_PROFILE = "sRGB2014.icc"  # shipped with WeasyPrint
SRGB_CONDITION = "sRGB IEC61966-2.1"
MIME_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".yml": "application/yaml",
              ".yaml": "application/yaml"}


def outputs(build_dir: Path, slugs: list[str]) -> list[Path]:
    return [build_dir / "archive" / f"{slug}.pdf" for slug in slugs] + \
        [build_dir / "booklet-archive.pdf"]


def compose(job) -> dict[Path, bytes]:
    """The archive booklet and articles, from the screen edition's standalone articles."""
    from ..compose.booklet import compose_booklet
    composition = compose_booklet(job.typesetter(NAME), job.booklet, job.fonts, job.parts)
    out, everything = {}, []
    for article, _ in job.parts:
        attachments = article_sources(article) if job.embed_sources else []
        everything += attachments
        out[job.build_dir / "archive" / f"{article.slug}.pdf"] = archive_edition(
            job.standalone[article.slug], job.booklet, attachments)
    out[job.build_dir / "booklet-archive.pdf"] = archive_edition(composition.pdf, job.booklet,
                                                                 everything)
    return out


def refuse(project) -> None:
    """The archive edition is a record: refuse it while a manuscript fails the audit."""
    from ..audit import audit_project
    problems = [p for p in audit_project(project.booklet.root) if p.severity == "error"]
    if problems:
        raise BuildError(*problems, Problem(
            f"the archive edition is refused: {len(problems)} audit problem(s) above",
            hint="record each correction in the article's corrections.yml, or fix the "
                 "manuscript; `pressroom audit` shows the same list"))


@dataclass
class Attachment:
    """A file carried inside an archival PDF."""

    name: str
    data: bytes
    description: str

    @property
    def mime(self) -> str:
        return MIME_TYPES.get(Path(self.name).suffix.lower(), "application/octet-stream")


def article_sources(article: Article) -> list[Attachment]:
    """The article's source as received, its corrected manuscript and its corrections
    record, byte for byte."""
    folder = article.path.parent
    files_ = [(folder / article.source, "source", "来稿原样 (source as received)"),
              (article.path, "manuscript", "校订稿 (corrected manuscript)"),
              (folder / article.corrections, "corrections", "校订记录 (corrections record)")]
    attachments = []
    for path, kind, description in files_:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BuildError(Problem(f"cannot embed the {kind} file: {exc.strerror}", path))
        attachments.append(Attachment(f"{article.slug}.{path.name}", data, description))
    return attachments


def archive_edition(data: bytes, booklet: Booklet, attachments: list[Attachment] = ()) -> bytes:
    """PDF/A-2b, or PDF/A-3b when there are attachments (associated files, /Source)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    part = 3 if attachments else 2
    writer.pdf_header = b"%PDF-1.7"
    root = writer._root_object
    for key in ("/OpenAction", "/AA", "/Metadata", "/OutputIntents", "/AF"):
        if key in root:
            del root[key]
    _printable_annotations(writer)
    root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer)])
    if attachments:
        _attach(writer, attachments, booklet.date)
    info = _pdfa_info(writer, booklet)
    digest = hashlib.md5(data, usedforsecurity=False)
    for attachment in attachments:
        digest.update(attachment.data)
    document_id = f"uuid:{uuid.UUID(bytes=digest.digest())}"
    packet = StreamObject()
    packet._data = xmp_packet(info, booklet.language, part, "B", document_id,
                              booklet.keywords)
    packet.update({NameObject("/Type"): NameObject("/Metadata"),
                   NameObject("/Subtype"): NameObject("/XML")})
    root[NameObject("/Metadata")] = writer._add_object(packet)  # uncompressed: readable
    from ..compose.writer import finish
    return finish(writer)


def _printable_annotations(writer: PdfWriter) -> None:
    """PDF/A: every annotation prints, and none is hidden."""
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            ref.get_object()[NameObject("/F")] = NumberObject(4)


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


# -- in a build -------------------------------------------------------------------

