"""Editions: a composed booklet or article PDF → its print form (bleed, crop marks, TrimBox/BleedBox) or its archival form (PDF/A-2b, or PDF/A-3b with the sources inside).

Both work on finished PDFs, so the typeset articles (and the build cache) are
shared by every edition. The print edition's own pages (cover, contents, notes,
colophon) are set with `edition='print'`, so the cover's red field is drawn 3 mm
past the trim; here every page gets its boxes, a clip at the bleed and crop marks
in a slug around it. The archive edition restores on the merged file what a pypdf
merge drops and PDF/A asks for: the XMP packet (matching the document information),
the sRGB output intent, the PDF 1.7 header, printable annotations, and for PDF/A-3b
the associated source files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import uuid
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DecodedStreamObject,
                           DictionaryObject, NameObject, NumberObject, RectangleObject,
                           StreamObject, TextStringObject)

from .config import Booklet
from .errors import BuildError, Problem
from .manuscript import Article
from .marks import BLEED_MM, MM, SLUG_MM, crop_marks, grow

EDITIONS = ("screen", "print", "archive")
SRGB_PROFILE = "sRGB2014.icc"  # shipped with WeasyPrint
SRGB_CONDITION = "sRGB IEC61966-2.1"
MIME_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".yml": "application/yaml",
              ".yaml": "application/yaml"}


# -- print ------------------------------------------------------------------------

def print_edition(data: bytes) -> bytes:
    """Every page: TrimBox at the page, BleedBox 3 mm beyond, content clipped to the
    bleed, crop marks in a slug around it (the MediaBox)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.pdf_header = b"%PDF-1.7"  # pypdf writes 1.3; the pages use 1.4+ transparency
    bleed, slug = BLEED_MM * MM, SLUG_MM * MM
    for page in writer.pages:
        box = page.trimbox  # the page as typeset: pressroom sets everything at trim size
        trim = (float(box.left), float(box.bottom), float(box.right), float(box.top))
        bleed_box = grow(trim, bleed, bleed, bleed, bleed)
        contents = page.get_contents()
        body = contents.get_data() if contents is not None else b""
        x0, y0, x1, y1 = bleed_box
        # WeasyPrint's content starts with an unbalanced flip of the y axis: wrap it.
        stream = DecodedStreamObject()
        stream.set_data(b"q %.4f %.4f %.4f %.4f re W n\n" % (x0, y0, x1 - x0, y1 - y0) +
                        body + b"\nQ\n" + crop_marks(trim))
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
        for name in ("/CropBox", "/ArtBox"):
            if name in page:
                del page[name]
        page.mediabox = RectangleObject(grow(trim, slug, slug, slug, slug))
        page.trimbox = RectangleObject(trim)
        page.bleedbox = RectangleObject(bleed_box)
    writer._info.get_object()[NameObject("/Trapped")] = NameObject("/False")
    return _finish(writer)


# -- archive ----------------------------------------------------------------------

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
    return _finish(writer)


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


def pdf_date(date: dt.date) -> str:
    return f"D:{date:%Y%m%d}000000Z"


def xmp_date(pdf: str) -> str:
    """D:YYYYMMDDHHmmSS(Z|±HH'mm') → ISO 8601, the same instant."""
    match = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?", pdf)
    if not match:
        raise ValueError(f"not a PDF date: {pdf!r}")
    year, month, day, hour, minute, second, zone = match.groups()
    zone = "Z" if zone in (None, "Z") else f"{zone[:3]}:{zone[3:].strip(chr(39))}"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"


def xmp_packet(info: dict[str, str], language: str, part: int, conformance: str,
               document_id: str, keywords: list[str]) -> bytes:
    """The XMP metadata of a PDF/A file; every property repeats an Info entry or is fixed."""
    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    subjects = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in keywords)
    modified = xmp_date(info["/ModDate"])
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <pdfaid:part>{part}</pdfaid:part>
   <pdfaid:conformance>{conformance}</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title>{alt(info["/Title"])}</dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info["/Author"])}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>{alt(info["/Subject"])}</dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>
   <dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>
   <pdf:Keywords>{escape(info["/Keywords"])}</pdf:Keywords>
   <pdf:Producer>{escape(info["/Producer"])}</pdf:Producer>
   <xmp:CreatorTool>{escape(info["/Creator"])}</xmp:CreatorTool>
   <xmp:CreateDate>{xmp_date(info["/CreationDate"])}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{document_id}</xmpMM:InstanceID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
    # Padding lets a later editor update the packet in place (XMP spec, 2 KB suggested).
    return (body + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>').encode("utf-8")


def _finish(writer: PdfWriter) -> bytes:
    """Deduplicate and pin the file identifier, derived from the content."""
    from .booklet import finish  # booklet pulls in WeasyPrint; a build's up-to-date check need not
    return finish(writer, None)


# -- in a build -------------------------------------------------------------------

def edition_paths(build_dir: Path, slugs: list[str], editions: tuple[str, ...]) -> list[Path]:
    """The files a build of these editions writes."""
    paths = []
    if "screen" in editions:
        paths += [build_dir / "articles" / f"{slug}.pdf" for slug in slugs]
        paths.append(build_dir / "booklet.pdf")
    if "print" in editions:
        paths.append(build_dir / "booklet-print.pdf")
    if "archive" in editions:
        paths += [build_dir / "archive" / f"{slug}.pdf" for slug in slugs]
        paths.append(build_dir / "booklet-archive.pdf")
    return paths


def edition_key(whole: str, articles: list[Article], editions: tuple[str, ...],
                embed_sources: bool) -> str:
    """The build's cache key, extended by what the editions add: the embedded files."""
    digest = hashlib.sha256(whole.encode())
    digest.update(repr((sorted(editions), embed_sources)).encode())
    if embed_sources:
        for article in articles:
            for attachment in article_sources(article):
                digest.update(attachment.name.encode() + b"\0" + attachment.data)
    return digest.hexdigest()[:40]


def refuse_unaudited(root: Path) -> None:
    """The archive edition is a record: refuse it while a manuscript fails the audit."""
    from .audit import audit_project
    problems = [p for p in audit_project(root) if p.severity == "error"]
    if problems:
        raise BuildError(*problems, Problem(
            f"the archive edition is refused: {len(problems)} audit problem(s) above",
            hint="record each correction in the article's corrections.yml, or fix the "
                 "manuscript; `pressroom audit` shows the same list"))


def compose_editions(project, font_files: dict[str, Path], parts: list, screen: dict[Path, bytes],
                     editions: tuple[str, ...], embed_sources: bool) -> dict[Path, bytes]:
    """The print and archive files, from the typeset parts and the screen outputs."""
    from .booklet import compose_booklet
    from .typeset import Typesetter
    booklet, out = project.booklet, {}
    build_dir = booklet.build_dir
    fallbacks = project.fonts.fallbacks()
    if "print" in editions:
        ts = Typesetter(booklet, font_files, fallbacks, edition="print")
        composition = compose_booklet(ts, booklet, project.fonts, parts, pad_to=4)
        out[build_dir / "booklet-print.pdf"] = print_edition(composition.pdf)
    if "archive" in editions:
        ts = Typesetter(booklet, font_files, fallbacks, edition="archive")
        composition = compose_booklet(ts, booklet, project.fonts, parts)
        everything = []
        for article, _ in parts:
            attachments = article_sources(article) if embed_sources else []
            everything += attachments
            standalone = screen[build_dir / "articles" / f"{article.slug}.pdf"]
            out[build_dir / "archive" / f"{article.slug}.pdf"] = archive_edition(
                standalone, booklet, attachments)
        out[build_dir / "booklet-archive.pdf"] = archive_edition(composition.pdf, booklet,
                                                                 everything)
    return out
