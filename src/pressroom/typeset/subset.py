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

    A cached subset costs nothing; a new character set costs some milliseconds per
    face (HarfBuzz, and a rewrite of the small subset's character map)."""
    wanted = sorted(set(chars + BASE_CHARS) - {"\n", "\r", "\t"})
    recipe = "|".join(["".join(wanted), ",".join(sorted(USED_FEATURES)), FULL_WIDTH_FORMS, "5"])
    key = hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:16]
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, face in fonts.faces.items():
        target = cache_dir / f"{face.file.stem}-{face.sha256[:8]}-{key}{face.file.suffix}"
        if not target.exists():
            write_atomic(target, subset_face(face.file, wanted), durable=False)
        paths[name] = target
    return paths


def source_of(subset: Path) -> str:
    """The face a subset file was cut from, without its character set
    ('NotoSerifCJKsc-Regular-9a8d5a97-2e8e….otf' → 'NotoSerifCJKsc-Regular-9a8d5a97'):
    two subsets of one face give every character they share the same glyph and width."""
    return subset.stem.rsplit("-", 1)[0]


def subset_face(path: Path, chars: list[str]) -> bytes:
    """Subset one face to `chars`, with only cmap-reachable glyphs.

    WeasyPrint maps embedded glyphs back to text through the font's cmap, so a glyph
    that only a GSUB feature reaches (Noto's full-width dash, a ligature) would copy
    out as garbage. The subset therefore keeps no substitutions, and the Chinese
    full-width forms of — and · are made the characters' own cmap glyphs.
    """
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    plan = hb.SubsetInput()
    wide = _full_width_forms(face, chars)
    for char in chars:
        if ord(char) not in wide:  # its narrow default glyph would only add weight
            plan.unicode_set.add(ord(char))
    plan.layout_feature_tag_set.clear()  # HarfBuzz keeps ~70 features by default
    for tag in sorted(USED_FEATURES):
        plan.layout_feature_tag_set.add(int.from_bytes(tag.encode("latin-1"), "big"))
    # Identity charset: CID = GID, as WeasyPrint writes glyph ids as CIDs (Identity-H).
    plan.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.CFF_IDENTITY_CHARSET
    for gid in wide.values():
        plan.glyph_set.add(gid)
    result = hb.subset(face, plan)
    if result is None:
        raise FontError(Problem("could not subset the font", path,
                                hint="the file may be damaged; restore it from git"))
    data = result.blob.data
    if wide:
        mapping = hb.SubsetPlan(face, plan).old_to_new_glyph_mapping
        data = _remap_cmap(data, {cp: mapping[gid] for cp, gid in wide.items()})
    return data


def _full_width_forms(face: hb.Face, chars: list[str]) -> dict[int, int]:
    """Code point → glyph of its full-width form, where the default glyph is narrower."""
    font = hb.Font(face)
    forms = {}
    for char in FULL_WIDTH_FORMS:
        if char not in chars:
            continue
        buf = hb.Buffer()
        buf.add_str(char)
        buf.guess_segment_properties()
        hb.shape(font, buf, {"fwid": True})
        gid, advance = buf.glyph_infos[0].codepoint, buf.glyph_positions[0].x_advance
        if advance == face.upem and gid != font.get_nominal_glyph(ord(char)):
            forms[ord(char)] = gid
    return forms


def _remap_cmap(data: bytes, glyphs: dict[int, int]) -> bytes:
    """The subset with `glyphs` (code point → glyph) added to its character map.

    Only the cmap table is decompiled and rewritten: glyphs are named by number, so the
    CFF or glyf table is copied as it is, never compiled (a few milliseconds).
    """
    from fontTools.ttLib import TTFont  # only when the character set is new
    count = hb.Face(hb.Blob(data)).glyph_count
    # fontTools stamps head.modified with the clock unless told not to.
    font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    font.setGlyphOrder([f"gid{number}" for number in range(count)])
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12):
            for codepoint, gid in glyphs.items():
                table.cmap[codepoint] = f"gid{gid}"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
