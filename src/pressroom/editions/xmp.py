"""XMP metadata: document information in, the XMP packet out: what PDF/A and PDF/X readers compare with the document information, and the PDF/A, PDF/X and PDF/UA declarations."""

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


PDFX_VERSION = "PDF/X-4"


def xmp_packet(info: dict[str, str], language: str, keywords: list[str], *,
               pdfa: tuple[int, str] | None = None, pdfua: int | None = None,
               pdfx: str | None = None, document_id: str | None = None,
               instance_id: str | None = None) -> bytes:
    """The XMP metadata of a PDF; every property repeats an Info entry or is fixed.

    `pdfa` (part, conformance) declares PDF/A (pdfaid), `pdfua` the part of PDF/UA
    (pdfuaid), `pdfx` the PDF/X version (pdfxid), which also brings pdf:Trapped and the
    xmpMM entries PDF/X-4 asks for (ISO 15930-7 6.2.3: VersionID, RenditionClass).
    PDF/A-1 to -3 know pdfuaid only through an extension schema description, which is
    added when both are declared.
    """
    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    declared = []
    if pdfa:
        declared += [f"<pdfaid:part>{pdfa[0]}</pdfaid:part>",
                     f"<pdfaid:conformance>{pdfa[1]}</pdfaid:conformance>"]
    if pdfua:
        declared.append(f"<pdfuaid:part>{pdfua}</pdfuaid:part>")
    if pdfa and pdfua:
        declared.append(PDFUA_EXTENSION)
    if pdfx:
        declared += [f"<pdfxid:GTS_PDFXVersion>{pdfx}</pdfxid:GTS_PDFXVersion>",
                     f"<pdf:Trapped>{info['/Trapped'].lstrip('/')}</pdf:Trapped>"]
    if document_id:
        declared += [f"<xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>",
                     f"<xmpMM:InstanceID>{instance_id or document_id}</xmpMM:InstanceID>"]
    if pdfx:
        declared += ["<xmpMM:VersionID>1</xmpMM:VersionID>",
                     "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>"]
    subjects = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in keywords)
    modified = xmp_date(info["/ModDate"])
    lines = "\n   ".join(declared)
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   {lines}
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
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
    # Padding lets a later editor update the packet in place (XMP spec, 2 KB suggested).
    return (body + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>').encode("utf-8")


# PDF/A-1 to -3 (ISO 19005-1 6.7.8, -2/-3 6.6.2.3): a property outside the predefined
# schemas needs its schema described in the packet: pdfuaid (ISO 14289-1 5).
PDFUA_EXTENSION = """<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>"""
