"""XMP metadata: document information in, the XMP packet PDF/A (archive) or PDF/X-4 (print) readers compare it with out."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape


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


PDFX_VERSION = "PDF/X-4"


def pdfx_packet(info: dict[str, str], language: str, document_id: str, instance_id: str,
                keywords: list[str]) -> bytes:
    """The XMP metadata of a PDF/X-4 file (ISO 15930-7 6.2.3): pdfxid:GTS_PDFXVersion,
    the document information repeated, pdf:Trapped, and the xmpMM entries X-4 asks for
    (DocumentID, InstanceID, VersionID, RenditionClass)."""
    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    subjects = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in keywords)
    modified = xmp_date(info["/ModDate"])
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>
   <dc:format>application/pdf</dc:format>
   <dc:title>{alt(info["/Title"])}</dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info["/Author"])}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>{alt(info["/Subject"])}</dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>
   <dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>
   <pdf:Keywords>{escape(info["/Keywords"])}</pdf:Keywords>
   <pdf:Producer>{escape(info["/Producer"])}</pdf:Producer>
   <pdf:Trapped>{info["/Trapped"].lstrip("/")}</pdf:Trapped>
   <xmp:CreatorTool>{escape(info["/Creator"])}</xmp:CreatorTool>
   <xmp:CreateDate>{xmp_date(info["/CreationDate"])}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{instance_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
    return (body + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>').encode("utf-8")
