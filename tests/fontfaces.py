"""Fonts and fontconfig set-ups that tests make for themselves: a face covering given
characters, and a configuration file that makes it the machine's "system" font."""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

TEST_FAMILY = "Pressroom Test System"


def make_face(path: Path, chars: str, family: str = TEST_FAMILY) -> Path:
    """A TrueType face drawing every character of `chars` (and ASCII) as a box."""
    codes = sorted({ord(c) for c in chars if not c.isspace()} | set(range(0x21, 0x7F)))
    names = [".notdef", "space"] + [f"u{code:04X}" for code in codes]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({0x20: "space", **{code: f"u{code:04X}" for code in codes}})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0)), pen.lineTo((100, 700)), pen.lineTo((900, 700)), pen.lineTo((900, 0))
    pen.closePath()
    box = pen.glyph()
    builder.setupGlyf({name: (box if name != "space" else TTGlyphPen(None).glyph())
                       for name in names})
    builder.setupHorizontalMetrics({name: (1000, 100) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880,
                     usWinDescent=120)
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path


def system_fontconfig(folder: Path, font_dir: Path | None, family: str = TEST_FAMILY) -> Path:
    """A fontconfig file for a pretend machine: `font_dir`'s fonts installed and preferred
    for every generic family; with no `font_dir`, a machine with no fonts at all."""
    folder.mkdir(parents=True, exist_ok=True)
    dirs = f"<dir>{font_dir}</dir>" if font_dir else ""
    aliases = "".join(f"<alias><family>{generic}</family><prefer><family>{family}</family>"
                      f"</prefer></alias>" for generic in ("serif", "sans-serif", "monospace"))
    path = folder / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                    f"<fontconfig>{dirs}<cachedir>{folder / 'cache'}</cachedir>"
                    f"{aliases if font_dir else ''}</fontconfig>\n", encoding="utf-8")
    return path
