"""Font subsets: the project's faces and the booklet's characters in, one subset file per face out.

Every document of a build is set against the same subset of each face (the
characters of the whole booklet), and WeasyPrint embeds those files unchanged,
so the merged booklet carries each face once. uharfbuzz subsets in a few
milliseconds; no system library is needed.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import uharfbuzz as hb

from ..exceptions import FontError, Problem
from ..files import write_atomic
from ..project.fonts import FontSet


# Characters every document may print besides the text: digits, Latin, folio marks.
BASE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "　·—…“”‘’（）《》、，。：；！？□■◆"


# Positioning only: substitutions would reach glyphs the cmap does not name.
USED_FEATURES = {"kern", "halt", "palt"}


# Characters whose Chinese form in Noto CJK is the fwid variant (1 em, centred).
FULL_WIDTH_FORMS = "—·"


def subset_fonts(fonts: FontSet, chars: str, cache_dir: Path) -> dict[str, Path]:
    """One subset per face covering `chars`, cached by content; returns their paths.

    A cached subset costs nothing; a new character set costs a few milliseconds of
    HarfBuzz per face, from base fonts prepared once per font file (base_font)."""
    wanted = sorted(set(chars + BASE_CHARS) - {"\n", "\r", "\t"})
    recipe = "|".join(["".join(wanted), ",".join(sorted(USED_FEATURES)), FULL_WIDTH_FORMS, "5"])
    key = hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:16]
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, face in fonts.faces.items():
        target = cache_dir / f"{face.file.stem}-{face.sha256[:8]}-{key}{face.file.suffix}"
        if not target.exists():
            base = base_font(face.file, face.sha256, cache_dir.with_name("base-fonts"))
            write_atomic(target, subset_face(base, wanted), durable=False)
        paths[name] = target
    return paths


def subset_face(path: Path, chars: list[str]) -> bytes:
    """Subset one face to `chars`, with only cmap-reachable glyphs.

    WeasyPrint maps embedded glyphs back to text through the font's cmap, so a glyph
    that only a GSUB feature reaches (Noto's full-width dash, a ligature) would copy
    out as garbage. The subset therefore keeps no substitutions; the base font it is
    made from already maps — and · to their Chinese full-width forms.
    """
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    plan = hb.SubsetInput()
    for char in chars:
        plan.unicode_set.add(ord(char))
    plan.layout_feature_tag_set.clear()  # HarfBuzz keeps ~70 features by default
    for tag in sorted(USED_FEATURES):
        plan.layout_feature_tag_set.add(int.from_bytes(tag.encode("latin-1"), "big"))
    # Identity charset: CID = GID, as WeasyPrint writes glyph ids as CIDs (Identity-H).
    plan.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.CFF_IDENTITY_CHARSET
    result = hb.subset(face, plan)
    if result is None:
        raise FontError(Problem("could not subset the font", path,
                                hint="the file may be damaged; restore it from git"))
    return result.blob.data


def base_font(path: Path, sha256: str, folder: Path) -> Path:
    """The font with — and · mapped to their Chinese full-width forms in its cmap; made
    once per font file and kept by its SHA-256 (the original when no change is needed).

    Only the cmap table is rewritten (with fontTools, glyphs named by number so that the
    CFF table is copied, not compiled): under a second for a 25 MB CJK face, once.
    """
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    wide = _full_width_forms(face)
    if not wide:
        return path
    target = folder / f"{path.stem}-{sha256[:16]}-base{path.suffix}"
    if target.exists():
        return target
    from fontTools.ttLib import TTFont  # only here, once per font file
    # fontTools stamps head.modified with the clock unless told not to.
    font = TTFont(path, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    font.setGlyphOrder([f"gid{number}" for number in range(face.glyph_count)])
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12):
            for codepoint, gid in wide.items():
                table.cmap[codepoint] = f"gid{gid}"
    out = io.BytesIO()
    font.save(out)
    write_atomic(target, out.getvalue(), durable=False)
    return target


def _full_width_forms(face: hb.Face) -> dict[int, int]:
    """Code point → glyph of its full-width form, where the default glyph is narrower."""
    font = hb.Font(face)
    forms = {}
    for char in FULL_WIDTH_FORMS:
        buf = hb.Buffer()
        buf.add_str(char)
        buf.guess_segment_properties()
        hb.shape(font, buf, {"fwid": True})
        gid, advance = buf.glyph_infos[0].codepoint, buf.glyph_positions[0].x_advance
        if advance == face.upem and gid != font.get_nominal_glyph(ord(char)):
            forms[ord(char)] = gid
    return forms
