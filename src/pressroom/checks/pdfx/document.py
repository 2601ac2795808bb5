"""The file and its pages: a pikepdf document in, findings about its PDF/X-4 identification (version, Info, XMP, output intent), forbidden document features, page boxes and annotations out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Dictionary, Stream

from .content import Collector, GState, Walker, objid

MM = 72 / 25.4
MIN_BLEED_MM = 3.0
BOX_TOLERANCE = 0.01  # pt
NS_PDFXID = "http://www.npes.org/pdfx/ns/id/"
NS_XMP = "http://ns.adobe.com/xap/1.0/"
NS_XMPMM = "http://ns.adobe.com/xap/1.0/mm/"
NS_PDF = "http://ns.adobe.com/pdf/1.3/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_REQUIRED = [(NS_XMP, "CreateDate"), (NS_XMP, "ModifyDate"), (NS_XMP, "MetadataDate"),
                (NS_XMPMM, "DocumentID"), (NS_XMPMM, "VersionID"),
                (NS_XMPMM, "RenditionClass"), (NS_DC, "title")]


def document_checks(pdf: pikepdf.Pdf, out: Collector) -> None:
    """Version, encryption, identifier, Info, XMP, output intent, document features."""
    add = out.add
    try:
        version = tuple(int(x) for x in pdf.pdf_version.split(".")[:2])
    except ValueError:
        version = (1, 0)
    if version < (1, 6):
        add(None, "file header", "pdf-version", f"PDF version {pdf.pdf_version}; PDF/X-4 "
            "is PDF 1.6")
    elif version > (1, 6):
        add(None, "file header", "pdf-version-newer", f"PDF version {pdf.pdf_version}; "
            "PDF/X-4 (ISO 15930-7) is defined on PDF 1.6")
    if pdf.is_encrypted:
        add(None, "trailer", "encrypted", "the file is encrypted")
    ids = pdf.trailer.get("/ID")
    if ids is None or len(ids) != 2:
        add(None, "trailer", "file-id", "the trailer has no /ID")
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, Dictionary) else Dictionary()
    trapped = info.get("/Trapped")
    if trapped is None or str(trapped) not in ("/True", "/False"):
        add(None, "document info", "trapped",
            f"/Trapped is {trapped if trapped is not None else 'missing'}")
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if not str(info.get(key, "")).strip():
            add(None, "document info", "info-metadata", f"{key} is missing")
    stated = info.get("/GTS_PDFXVersion")
    if stated is not None and str(stated) != "PDF/X-4":
        add(None, "document info", "pdfx-version",
            f"/GTS_PDFXVersion is {str(stated)!r}, not 'PDF/X-4'")
    _xmp(pdf, info, out)
    _output_intent(pdf, out)
    if "/JavaScript" in (pdf.Root.get("/Names") or Dictionary()):
        add(None, "catalog /Names", "forbidden-feature", "document JavaScript",
            fix="remove /JavaScript")
    if "/AA" in pdf.Root:
        add(None, "catalog", "forbidden-feature", "document additional actions /AA",
            fix="remove /AA")


def xmp_values(xml: bytes) -> dict[tuple[str, str], str]:
    """{(namespace, name): text} of simple XMP properties, in element or attribute form;
    for rdf:Alt, Seq and Bag the first item."""
    values: dict[tuple[str, str], str] = {}
    for description in ET.fromstring(xml).iter(f"{{{NS_RDF}}}Description"):
        for attribute, value in description.attrib.items():
            if attribute.startswith("{"):
                values.setdefault(tuple(attribute[1:].split("}", 1)), value)
        for child in description:
            if child.tag.startswith("{"):
                item = child.find(f".//{{{NS_RDF}}}li")
                text = (item.text if item is not None else child.text) or ""
                values.setdefault(tuple(child.tag[1:].split("}", 1)), text.strip())
    return values


def _xmp(pdf: pikepdf.Pdf, info, out: Collector) -> None:
    add = out.add
    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, Stream):
        add(None, "catalog /Metadata", "xmp-pdfx", "no XMP metadata, so no "
            "pdfxid:GTS_PDFXVersion")
        return
    try:
        data = meta.read_bytes()
        start, end = data.find(b"<x:xmpmeta"), data.find(b"</x:xmpmeta>")
        values = xmp_values(data[start:end + len(b"</x:xmpmeta>")] if start >= 0 and end > 0
                            else data)
    except Exception as exc:  # any XML or stream error means the packet cannot be read
        add(None, "XMP metadata", "xmp-pdfx", f"the XMP packet is not well-formed XML ({exc})")
        return
    version = values.get((NS_PDFXID, "GTS_PDFXVersion"))
    if version != "PDF/X-4":
        add(None, "XMP metadata", "xmp-pdfx",
            f"pdfxid:GTS_PDFXVersion is {version!r}, not 'PDF/X-4'")
    missing = [name for ns, name in XMP_REQUIRED if not values.get((ns, name))]
    if missing:
        add(None, "XMP metadata", "xmp-metadata", f"XMP lacks {', '.join(missing)}")
    trapped = values.get((NS_PDF, "Trapped"))
    stated = str(info.get("/Trapped", ""))[1:]
    if trapped is None:
        add(None, "XMP metadata", "xmp-metadata", "XMP lacks pdf:Trapped")
    elif stated and trapped != stated:
        add(None, "XMP metadata", "info-xmp-mismatch",
            f"pdf:Trapped {trapped} but /Trapped /{stated}")
    title = values.get((NS_DC, "title"))
    if title and str(info.get("/Title", "")) and title != str(info.get("/Title")):
        add(None, "XMP metadata", "info-xmp-mismatch", "dc:title differs from /Title")


def _output_intent(pdf: pikepdf.Pdf, out: Collector) -> None:
    add = out.add
    intents = [i for i in (pdf.Root.get("/OutputIntents") or [])
               if str(i.get("/S", "")) == "/GTS_PDFX"]
    if not intents:
        add(None, "catalog /OutputIntents", "output-intent", "no /GTS_PDFX output intent")
        return
    if len(intents) > 1:
        add(None, "catalog /OutputIntents", "output-intent",
            f"{len(intents)} /GTS_PDFX output intents; PDF/X allows one")
    intent = intents[0]
    if not str(intent.get("/OutputConditionIdentifier", "")).strip():
        add(None, "output intent", "output-intent", "no /OutputConditionIdentifier")
    if not str(intent.get("/Info", "")).strip():
        add(None, "output intent", "output-intent-info", "no /Info")
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, Stream):
        add(None, "output intent", "output-intent-profile",
            "no embedded /DestOutputProfile (PDF/X-4 embeds it)")
        return
    head = profile.read_bytes()[:20]
    channels = int(profile.get("/N", 0))
    if channels != 4 or head[16:20] != b"CMYK":
        add(None, "output intent profile", "output-intent-profile",
            f"the profile has /N {channels} and colour space {head[16:20]!r}, not CMYK")
    if head[12:16] != b"prtr":
        add(None, "output intent profile", "output-intent-profile",
            f"profile class {head[12:16]!r} is not an output ('prtr') profile")


def _inherited(page, key: str):
    node, depth = page, 0
    while node is not None and depth < 64:
        if key in node:
            return node[key]
        node, depth = node.get("/Parent"), depth + 1
    return None


def _rect(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - BOX_TOLERANCE and inner[1] >= outer[1] - BOX_TOLERANCE and
            inner[2] <= outer[2] + BOX_TOLERANCE and inner[3] <= outer[3] + BOX_TOLERANCE)


def box_checks(number: int, page, out: Collector):
    """TrimBox, BleedBox, their nesting and the bleed; returns the area annotations must
    keep out of (the BleedBox, or the largest box there is)."""
    def add(rule, message, fix=None):
        out.add(number, "page", rule, message, fix)

    media_value = _inherited(page, "/MediaBox")
    if media_value is None:
        add("box-nesting", "the page has no MediaBox")
        return None
    media = _rect(media_value)
    crop_value = _inherited(page, "/CropBox")
    crop = _rect(crop_value) if crop_value is not None else None
    boxes = {name: _rect(page[f"/{name}"]) if f"/{name}" in page else None
             for name in ("TrimBox", "ArtBox", "BleedBox")}
    trim, art, bleed = boxes["TrimBox"], boxes["ArtBox"], boxes["BleedBox"]
    if trim is None and art is None:
        add("trim-box", "the page has no TrimBox")
    if trim is not None and art is not None:
        add("trim-box", "the page has both TrimBox and ArtBox", "remove the ArtBox")
    if bleed is None:
        add("bleed-box", "the page has no BleedBox")
    for name, box in (("TrimBox", trim), ("ArtBox", art), ("BleedBox", bleed),
                      ("CropBox", crop)):
        if box is not None and not _inside(box, media):
            add("box-nesting", f"the {name} extends beyond the MediaBox")
    finished = trim or art
    if finished is not None:
        for name, outer in (("BleedBox", bleed), ("CropBox", crop)):
            if outer is not None and not _inside(finished, outer):
                add("box-nesting", f"the {'TrimBox' if trim else 'ArtBox'} extends beyond "
                    f"the {name}")
    if finished is not None and bleed is not None:
        sides = {"left": finished[0] - bleed[0], "bottom": finished[1] - bleed[1],
                 "right": bleed[2] - finished[2], "top": bleed[3] - finished[3]}
        short = {side: value / MM for side, value in sides.items()
                 if value / MM < MIN_BLEED_MM - 0.01}
        if short:
            add("bleed-size", "bleed " + ", ".join(f"{side} {mm:.2f} mm" for side, mm in
                                                    short.items()) +
                f" (< {MIN_BLEED_MM:g} mm)")
    return bleed or finished or crop or media


def annotation_checks(number: int, page, area, out: Collector, walker: Walker) -> None:
    """Annotations: none but printer's marks in the bleed, each listed once; their
    appearance streams walked like content."""
    seen = set()
    for annot in page.get("/Annots") or []:
        key = objid(annot)
        if key is not None:
            if key in seen:
                out.add(number, "page /Annots", "annotation-listed-twice",
                        "an annotation is listed twice in /Annots",
                        example=f"object {key[0]} {key[1]} R")
                continue
            seen.add(key)
        try:
            subtype = str(annot.get("/Subtype", ""))
            rect = _rect(annot.get("/Rect", [0, 0, 0, 0]))
        except Exception:  # a damaged annotation: nothing to place
            continue
        label = f"annotation {subtype}"
        if subtype not in ("/PrinterMark", "/TrapNet") and area is not None and \
                rect[0] < area[2] and area[0] < rect[2] and rect[1] < area[3] and \
                area[1] < rect[3]:
            out.add(number, label, "annotation-in-trim",
                    f"{subtype[1:]} annotation inside the BleedBox")
        appearance = annot.get("/AP")
        if not isinstance(appearance, Dictionary):
            continue
        for kind in ("/N", "/R", "/D"):
            entry = appearance.get(kind)
            streams = [entry] if isinstance(entry, Stream) else \
                [entry[k] for k in entry.keys()] if isinstance(entry, Dictionary) else []
            for stream in streams:
                if isinstance(stream, Stream):
                    where = f"{label} appearance {kind}"
                    walker.group(stream, where)
                    walker.walk(stream, stream.get("/Resources"), where, GState())
