"""Give every page of a merged PDF the same embedded font objects: per-part subsets → one per face.

Parts of a booklet are typeset at different times (the build cache keeps an
article's PDF until the article changes), so they may carry different subsets of
a face. pressroom's subsets hold only cmap-reachable glyphs with an identity CID
charset, so a glyph code means one character; re-coding a part's text from its
subset to the booklet's subset is a byte rewrite of the text strings. Every page
then points at one font dictionary per face, built here from the subset file.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject,
                           NameObject, NumberObject, StreamObject, TextStringObject)

from ..typeset.part import FACE_SUFFIXES, face_of

TEXT_TOKENS = re.compile(rb"(/[^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|<(?!<)([0-9A-Fa-f\s]*)>")


@dataclass(frozen=True)
class FontFile:
    """What a subset file tells about itself: glyph widths, text of each glyph."""

    data: bytes
    widths: tuple[float, ...]  # per glyph, in 1/1000 em
    unicode: dict[int, str]  # glyph → character
    glyphs: dict[str, int]  # character → glyph
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    opentype: bool


@lru_cache(maxsize=64)
def read_font_file(path: Path) -> FontFile:
    """Widths, character map, box and vertical metrics of a subset file (HarfBuzz reads
    them; no font library has to parse the whole font)."""
    data = path.read_bytes()
    face = hb.Face(hb.Blob(data))
    font = hb.Font(face)
    upem = face.upem
    widths = tuple(round(font.get_glyph_h_advance(gid) * 1000 / upem, 3)
                   for gid in range(face.glyph_count))
    glyphs = {chr(code): font.get_nominal_glyph(code) for code in sorted(face.unicodes)}
    unicode: dict[int, str] = {}
    for char, glyph in sorted(glyphs.items()):
        unicode.setdefault(glyph, char)
    head, hhea = face.reference_table("head").data, face.reference_table("hhea").data
    scale = 1000 / upem
    box = struct.unpack(">4h", head[36:44])
    ascent, descent = struct.unpack(">2h", hhea[4:8])
    return FontFile(data, widths, unicode, glyphs, tuple(round(v * scale) for v in box),
                    round(ascent * scale), round(descent * scale), data[:4] == b"OTTO")


def unify_fonts(writer: PdfWriter, page_fonts: list[dict[str, Path]],
                booklet_fonts: dict[str, Path], stamps: dict[int, bytes] | None = None,
                stamp_face: str = "hei") -> None:
    """Point every page at one font dictionary per face, re-coding text where needed,
    and draw each page's stamp (its folio) after its content.

    `page_fonts[i]` names the subset files page i was typeset with; `stamps[i]` is
    content drawn in the default coordinates with the booklet's `stamp_face` as the
    page font /PRStamp (see compose/folios.py).
    """
    stamps = stamps or {}
    shared: dict[str, object] = {}

    def font_object(face: str):
        if face not in shared:
            shared[face] = _font_object(writer, face, booklet_fonts[face])
        return shared[face]

    for index, page in enumerate(writer.pages):
        fonts = page_font_dict(page, create=index in stamps)
        recode: dict[bytes, dict[int, int]] = {}
        for name in list(fonts.keys()) if fonts is not None else []:
            face = face_of(fonts[name].get_object())
            if face is None:
                continue
            old, new = page_fonts[index][face], booklet_fonts[face]
            if old != new:
                recode[name.lstrip("/").encode("latin-1")] = glyph_map(old, new)
            fonts[NameObject(name)] = font_object(face)
        if index in stamps:
            fonts[NameObject(STAMP_FONT)] = font_object(stamp_face)
        if fonts is not None:
            # Re-encode every page, re-coded or not, so that a booklet merged from cached
            # parts is byte-identical to one typeset from scratch.
            _recode_page(writer, page, recode, stamps.get(index))


STAMP_FONT = "/PRStamp"


def page_font_dict(page, create: bool = False):
    """The page's /Font resource dictionary (made when `create` and there is none)."""
    resources = page["/Resources"].get_object()
    fonts = resources.get("/Font")
    if fonts is None and create:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    return fonts.get_object() if fonts is not None else None


@lru_cache(maxsize=256)
def glyph_map(old: Path, new: Path) -> dict[int, int]:
    source, target = read_font_file(old), read_font_file(new)
    return {glyph: target.glyphs[char] for glyph, char in source.unicode.items()
            if char in target.glyphs}


def _recode_page(writer: PdfWriter, page, recode: dict[bytes, dict[int, int]],
                 stamp: bytes | None = None) -> None:
    contents = page.get_contents()
    data = recode_stream(contents.get_data() if contents is not None else b"", recode)
    if stamp is not None:  # the page's own content may leave the coordinates changed
        data = b"q\n" + data + b"\nQ\n" + stamp
    stream = DecodedStreamObject()
    stream.set_data(data)
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())


def recode_stream(data: bytes, recode: dict[bytes, dict[int, int]]) -> bytes:
    """Rewrite the glyph codes of text shown in the fonts named in `recode`."""
    if not recode:
        return data
    current: dict[int, int] | None = None
    out, last = [], 0
    for match in TEXT_TOKENS.finditer(data):
        if match.group(1) is not None:
            current = recode.get(match.group(1)[1:])
            continue
        if current is None:
            continue
        hex_digits = re.sub(rb"\s", b"", match.group(2))
        codes = [int(hex_digits[i:i + 4], 16) for i in range(0, len(hex_digits), 4)]
        mapped = "".join(f"{current.get(code, 0):04x}" for code in codes).encode()
        out += [data[last:match.start(2)], mapped]
        last = match.end(2)
    out.append(data[last:])
    return b"".join(out)


def subset_tag(data: bytes) -> str:
    """Six capitals naming a subset (PDF 9.6.4): derived from its bytes, so stable."""
    digest = hashlib.sha256(data).digest()
    return "".join(chr(65 + b % 26) for b in digest[:6])


def _font_object(writer: PdfWriter, face: str, path: Path):
    """A Type0 font dictionary for one subset file, as WeasyPrint would write it."""
    font = read_font_file(path)
    suffix = next(s for s, f in FACE_SUFFIXES.items() if f == face)
    base = NameObject(f"/{subset_tag(font.data)}+{suffix}")
    program = StreamObject()
    program._data = font.data
    if font.opentype:
        program[NameObject("/Subtype")] = NameObject("/OpenType")
    else:
        program[NameObject("/Length1")] = NumberObject(len(font.data))
    program = program.flate_encode()
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"),
        NameObject("/FontName"): base,
        NameObject("/FontFamily"): TextStringObject(suffix.replace("-", " ")),
        NameObject("/Flags"): NumberObject(4 + (2 if face.startswith("song") else 0)),
        NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in font.bbox),
        NameObject("/ItalicAngle"): NumberObject(0),
        NameObject("/Ascent"): NumberObject(font.ascent),
        NameObject("/Descent"): NumberObject(font.descent),
        NameObject("/CapHeight"): NumberObject(font.bbox[3]),
        NameObject("/StemV"): NumberObject(80),
        NameObject(f"/FontFile{3 if font.opentype else 2}"): writer._add_object(program),
    })
    descendant = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject(f"/CIDFontType{0 if font.opentype else 2}"),
        NameObject("/BaseFont"): base,
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0)}),
        NameObject("/CIDToGIDMap"): NameObject("/Identity"),
        NameObject("/W"): ArrayObject([NumberObject(0), ArrayObject(
            FloatObject(w) if w % 1 else NumberObject(int(w)) for w in font.widths)]),
        NameObject("/FontDescriptor"): writer._add_object(descriptor),
    })
    to_unicode = DecodedStreamObject()
    to_unicode.set_data(_to_unicode_cmap(font.unicode))
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): base,
        NameObject("/Encoding"): NameObject("/Identity-H"),
        NameObject("/DescendantFonts"): ArrayObject([writer._add_object(descendant)]),
        NameObject("/ToUnicode"): writer._add_object(to_unicode.flate_encode()),
    }))


def _to_unicode_cmap(unicode: dict[int, str]) -> bytes:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(unicode.items())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{glyph:04x}> <{char.encode('utf-16-be').hex()}>".encode()
                  for glyph, char in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def page_count_fonts(parts: list[tuple[int, dict[str, Path]]]) -> list[dict[str, Path]]:
    """Expand (pages, fonts) per part into the fonts of each page."""
    out = []
    for pages, fonts in parts:
        out += [fonts] * pages
    return out

