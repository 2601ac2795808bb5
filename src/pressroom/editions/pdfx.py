"""PDF/X-4 (ISO 15930-7, on PDF 1.6): a merged, bled and marked print booklet in a pypdf writer and its printing condition in, the same writer identified as PDF/X-4 out.

pypdf's merge keeps no /OutputIntents and no /Metadata, so everything a PDF/X-4
file is known by is added here, on the merged file, just before it is written (as
archive.py does for PDF/A):

- one /OutputIntents entry /GTS_PDFX with the CMYK profile embedded
  (/DestOutputProfile, /N 4), /OutputConditionIdentifier, /OutputCondition, /Info,
  and /RegistryName when the identifier is a registered name;
- XMP metadata with pdfxid:GTS_PDFXVersion = PDF/X-4 (xmp.xmp_packet);
- document information with /Trapped /False (nothing is trapped) and
  /GTS_PDFXVersion (PDF/X-4): not required by X-4, whose identification is the XMP
  entry, but written by Acrobat-family producers and what poppler's pdfinfo shows;
- header %PDF-1.6.

It also removes what PDF/X forbids or a press has no use for: annotations (the
contents page's links: PDF/X allows only PrinterMark and TrapNet in the bleed),
document actions and JavaScript; and a transparency group that blends in RGB (as
WeasyPrint writes for `opacity`) is made to blend in DeviceCMYK, which is right
because everything the print layouts paint is CMYK (the preflight checks that).

Nothing random and no clock: the XMP ids come from the input bytes, the dates from
the input's document information.
"""

from __future__ import annotations

import hashlib
import uuid

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DictionaryObject, NameObject, NumberObject,
                           StreamObject, TextStringObject)

from ..colour.condition import OutputCondition
from ..compose.metadata import PDFUA_PART
from .xmp import PDFX_VERSION, xmp_packet

KEEP_ANNOTATIONS = ("/PrinterMark", "/TrapNet")
NAMESPACE = uuid.UUID("6f1c3a52-8c4e-5d1e-9a57-70726573726f")  # pressroom's own, fixed
RGB_SPACES = ("/DeviceRGB", "/CalRGB")


def make_pdfx4(writer: PdfWriter, condition: OutputCondition, seed: bytes, *,
               language: str, keywords: list[str], title: str | None = None) -> None:
    """Identify the print booklet in `writer` as PDF/X-4 for `condition`.

    `seed` (the bytes it was made from) gives the XMP document ids; `title` replaces
    the document title (the imposition marks its own). Call it last before writing.
    """
    writer.pdf_header = b"%PDF-1.6"
    root = writer._root_object
    for key in ("/Metadata", "/OutputIntents", "/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        del names.get_object()["/JavaScript"]
    drop_annotations(writer)
    cmyk_groups(writer)
    root[NameObject("/OutputIntents")] = ArrayObject([output_intent(writer, condition)])
    info = pdfx_info(writer, title)
    packet = StreamObject()
    packet._data = xmp_packet(info, language, keywords, pdfua=PDFUA_PART, pdfx=PDFX_VERSION,
                              document_id=document_uuid(seed, "document"),
                              instance_id=document_uuid(seed, "instance"))
    packet.update({NameObject("/Type"): NameObject("/Metadata"),
                   NameObject("/Subtype"): NameObject("/XML")})
    root[NameObject("/Metadata")] = writer._add_object(packet)  # uncompressed: readable


def output_intent(writer: PdfWriter, condition: OutputCondition):
    """The /GTS_PDFX output intent, its profile embedded."""
    profile = StreamObject()
    profile._data = condition.profile
    profile[NameObject("/N")] = NumberObject(4)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(condition.identifier),
        NameObject("/OutputCondition"): TextStringObject(condition.condition),
        NameObject("/Info"): TextStringObject(condition.info or condition.condition),
        NameObject("/DestOutputProfile"): writer._add_object(profile.flate_encode()),
    })
    if condition.registry:
        intent[NameObject("/RegistryName")] = TextStringObject(condition.registry)
    return writer._add_object(intent)


def condition_of(reader: PdfReader) -> OutputCondition | None:
    """The PDF/X output condition a file declares (the imposition keeps it), or None."""
    for intent in reader.trailer["/Root"].get("/OutputIntents", []) or []:
        intent = intent.get_object()
        profile = intent.get("/DestOutputProfile")
        if intent.get("/S") != "/GTS_PDFX" or profile is None:
            continue
        return OutputCondition(profile.get_object().get_data(),
                               str(intent.get("/OutputConditionIdentifier", "Custom")),
                               str(intent.get("/OutputCondition", "")),
                               str(intent.get("/Info", "")),
                               str(intent.get("/RegistryName", "")))
    return None


def pdfx_info(writer: PdfWriter, title: str | None = None) -> dict[str, str]:
    """The document information PDF/X-4 asks for, completed from what is there; the
    dates must be there (they come from booklet.yml, never from the clock)."""
    info = writer._info.get_object()
    values = {str(key): str(info[key]) for key in info
              if key not in ("/Trapped", "/GTS_PDFXConformance")}
    if title:
        values["/Title"] = title
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if not values.get(key, "").strip():
            raise ValueError(f"the document information lacks {key}")
    for key in ("/Author", "/Subject", "/Keywords", "/Creator", "/Producer"):
        values.setdefault(key, "")
    values["/GTS_PDFXVersion"] = PDFX_VERSION
    for key in list(info.keys()):
        del info[key]
    for key, value in values.items():
        info[NameObject(key)] = TextStringObject(value)
    info[NameObject("/Trapped")] = NameObject("/False")
    return values | {"/Trapped": "/False"}


def document_uuid(seed: bytes, role: str) -> str:
    """A stable uuid: URI derived from the input."""
    return f"uuid:{uuid.uuid5(NAMESPACE, role + ':' + hashlib.sha256(seed).hexdigest())}"


def drop_annotations(writer: PdfWriter) -> int:
    """Remove every annotation but printer's marks and trap networks; returns how many."""
    dropped = 0
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        annots = annots.get_object()
        kept = ArrayObject(a for a in annots if a.get_object().get("/Subtype") in
                           KEEP_ANNOTATIONS)
        dropped += len(annots) - len(kept)
        if kept:
            page[NameObject("/Annots")] = kept
        else:
            del page["/Annots"]
    return dropped


def cmyk_groups(writer: PdfWriter) -> int:
    """Make transparency groups that blend in RGB blend in DeviceCMYK; returns how many.
    Right only because what they paint is CMYK: the preflight verifies that."""
    changed = 0
    for obj in writer._objects:
        if not isinstance(obj, DictionaryObject) or "/Group" not in obj:
            continue  # pages and form XObjects (soft-mask groups too) carry /Group
        group = obj["/Group"].get_object()
        space = group.get("/CS")
        if space is None:
            continue
        space = space.get_object()
        rgb = (isinstance(space, NameObject) and space in RGB_SPACES) or \
            (isinstance(space, ArrayObject) and len(space) > 1 and
             (space[0] == "/CalRGB" or (space[0] == "/ICCBased" and
                                        space[1].get_object().get("/N") == 3)))
        if rgb:
            group[NameObject("/CS")] = NameObject("/DeviceCMYK")
            changed += 1
    return changed
