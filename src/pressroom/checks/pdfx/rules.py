"""The PDF/X-4 preflight's rules: one row per rule id with its severity, what it checks and how to fix it; and the Finding a rule gives.

The table is the preflight's contract: every finding names a row (its severity and
fix come from here unless a finding says more), docs/check.md lists the rows as
`pdfx-<id>`, and tests/checks/pdfx/test_rules.py makes a PDF that breaks each row
and only that row.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    severity: str  # error | warning
    checks: str
    fix: str


FIX_COLOUR = ("write the colour in the print layouts through the palette "
              "({{ '#rrggbb' | ink }}, src/pressroom/colour/palette.py), which gives "
              "device-cmyk(); keep html { color } set, or WeasyPrint writes RGB black")
FIX_IMAGE = ("let pressroom separate the image (it converts every figure with the output "
             "profile, Pillow ImageCms, before layout); an image drawn by a layout must be "
             "a CMYK JPEG")
FIX_GROUP = "make the group blend in DeviceCMYK (editions/pdfx.py cmyk_groups does)"
FIX_TEXT = ("set black and grey text as one ink: device-cmyk(0 0 0 K) through the palette; "
            "no rich black or four-colour grey on type")

RULES: dict[str, Rule] = {
    # -- the file --
    "pdf-version": Rule("error", "the header declares a PDF version below 1.6 (PDF/X-4 is PDF 1.6)",
                        "write the header %PDF-1.6"),
    "pdf-version-newer": Rule("warning", "the header declares a version above 1.6; some RIPs "
                              "read X-4 files only as 1.6", "write the header %PDF-1.6"),
    "encrypted": Rule("error", "the file is encrypted (forbidden in PDF/X)",
                      "write it without encryption"),
    "file-id": Rule("error", "the trailer has no /ID", "write a file identifier"),
    "trapped": Rule("error", "document information /Trapped is missing or neither /True "
                    "nor /False", "set /Trapped /False (nothing is trapped)"),
    "info-metadata": Rule("error", "document information lacks /Title, /CreationDate or "
                          "/ModDate", "set them (pressroom takes them from booklet.yml)"),
    "pdfx-version": Rule("warning", "document information /GTS_PDFXVersion names another "
                         "PDF/X version", "write /GTS_PDFXVersion (PDF/X-4) or leave it out"),
    "xmp-pdfx": Rule("error", "no well-formed XMP with pdfxid:GTS_PDFXVersion = PDF/X-4 "
                     "(how a PDF/X-4 file is identified)",
                     "write the XMP packet on the merged file (editions/pdfx.py): a pypdf "
                     "merge drops it"),
    "xmp-metadata": Rule("error", "XMP lacks an entry PDF/X-4 requires (xmp dates, "
                         "xmpMM:DocumentID/VersionID/RenditionClass, dc:title, pdf:Trapped)",
                         "write the missing entries"),
    "info-xmp-mismatch": Rule("error", "document information and XMP disagree on the title "
                              "or on Trapped", "write the same values in both"),
    "output-intent": Rule("error", "not exactly one /GTS_PDFX output intent with an "
                          "/OutputConditionIdentifier",
                          "add one output intent on the merged file (editions/pdfx.py): a "
                          "pypdf merge drops it"),
    "output-intent-info": Rule("warning", "the output intent has no /Info (needed unless the "
                               "identifier is a registered condition)",
                               "describe the printing condition in /Info"),
    "output-intent-profile": Rule("error", "the output intent's profile is missing, not 4 "
                                  "channels CMYK, or not an output ('prtr') profile",
                                  "embed the print shop's CMYK output profile "
                                  "(booklet.yml print: profile:)"),
    "forbidden-feature": Rule("error", "transfer functions, halftone phase, PostScript "
                              "XObjects, OPI, alternate images, JavaScript or document "
                              "actions (forbidden in PDF/X)", "remove it"),
    # -- page boxes and annotations --
    "trim-box": Rule("error", "a page has no TrimBox, or both TrimBox and ArtBox",
                     "set /TrimBox to the finished page (and no ArtBox)"),
    "bleed-box": Rule("error", "a page has no BleedBox", "set /BleedBox 3 mm outside the TrimBox"),
    "box-nesting": Rule("error", "the boxes do not nest: TrimBox ⊂ BleedBox ⊂ MediaBox "
                        "(and CropBox)", "keep every box inside the MediaBox and the trim "
                        "inside the bleed"),
    "bleed-size": Rule("error", "less than 3 mm of bleed on a side",
                       "extend the BleedBox and the background art 3 mm past the trim"),
    "annotation-in-trim": Rule("error", "an annotation other than PrinterMark or TrapNet "
                               "inside the BleedBox", "drop annotations (the contents' links) "
                               "from the print edition"),
    "annotation-listed-twice": Rule("warning", "an annotation is listed twice in a page's "
                                    "/Annots", "list each annotation once"),
    # -- colour --
    "rgb-colour": Rule("error", "an RGB colour (DeviceRGB, CalRGB, ICCBased N=3, Indexed over "
                       "RGB) set in a content stream, form, pattern, soft mask, annotation "
                       "appearance or Type3 glyph, or an RGB shading", FIX_COLOUR),
    "rgb-alternate": Rule("warning", "a spot colour whose alternate colour space is RGB",
                          "give the spot colour a DeviceCMYK alternate"),
    "rgb-image": Rule("error", "an image (or inline image, or soft mask image) in RGB",
                      FIX_IMAGE),
    "rgb-group": Rule("error", "a transparency group or soft mask that blends in RGB, or an "
                      "RGB soft-mask backdrop", FIX_GROUP),
    "non-cmyk-colour": Rule("warning", "a Lab colour or one the preflight cannot classify: "
                            "the RIP converts it", "write the colour as device-cmyk()"),
    "text-k-only": Rule("error", "black or grey text of 12 pt or less built from several "
                        "inks, or text in the registration colour", FIX_TEXT),
    "text-k-only-large": Rule("warning", "black or grey text above 12 pt built from several "
                              "inks", FIX_TEXT),
    "total-ink": Rule("error", "a vector colour or image pixels above 300 % total ink",
                      "lower the ink (rich black 60 40 40 100 = 240 %; registration marks "
                      "belong in /Separation /All); separate images with the output profile, "
                      "whose separation limits ink"),
    "total-ink-unmeasured": Rule("warning", "a CMYK image the preflight cannot decode to "
                                 "measure its ink", "embed it as a baseline CMYK JPEG or "
                                 "Flate image"),
    "image-resolution": Rule("error", "an image below 150 ppi at its placed size",
                             "supply a larger image or place it smaller (300 ppi at the "
                             "printed size)"),
    "image-resolution-low": Rule("warning", "an image between 150 and 300 ppi at its placed "
                                 "size", "supply a larger image or place it smaller (300 ppi "
                                 "at the printed size)"),
    "image-colour": Rule("warning", "a JPEG 2000 image whose colour space is inside its code "
                         "stream: the preflight cannot tell it is CMYK",
                         "embed CMYK JPEG or Flate images instead"),
    "font-embedded": Rule("error", "a font drawn with is not embedded (or not defined)",
                          "embed the font (pressroom embeds subsets of fonts/)"),
    # -- damaged input: reported, never a crash --
    "content-syntax": Rule("error", "a content stream cannot be parsed",
                           "rewrite the file and check the program that made it"),
    "content-cycle": Rule("warning", "a form or pattern draws itself (the cycle was cut)",
                          "remove the self-reference"),
    "missing-resource": Rule("warning", "an XObject named in a content stream is not in its "
                             "resources", "check the program that made the file"),
}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem of a print PDF: where it is, which rule, what to do."""

    page: int | None  # 1-based; None for the document as a whole
    object: str  # e.g. "content stream", "content stream › form /x0 › image /i3"
    rule: str  # a key of RULES
    message: str
    fix: str

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    @property
    def where(self) -> str:
        return f"page {self.page}, {self.object}" if self.page is not None else self.object

    def __str__(self) -> str:
        return f"{self.severity}: [{self.rule}] {self.where}: {self.message}; fix: {self.fix}"
