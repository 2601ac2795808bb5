"""Fonts: the manifest is verified, subsets keep only cmap glyphs, coverage reaches GBK."""

from __future__ import annotations

import shutil

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from pressroom.exceptions import FontError
from pressroom.project.fonts import load_fonts, missing_chars
from pressroom.typeset.subset import subset_fonts

from conftest import ROOT


def gbk_characters():
    chars = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                chars.append(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def test_manifest_names_four_faces_with_licenses():
    fonts = load_fonts(ROOT / "fonts")
    assert set(fonts.faces) == {"song", "song-bold", "hei", "kai"}
    for face in fonts.faces.values():
        assert face.license.is_file() and "Open Font License" in face.license.read_text()
        name = TTFont(face.file, lazy=True)["name"].getDebugName(4)
        assert "SC" in name or "WenKai" in name  # Simplified Chinese faces, not the JP face


@pytest.mark.parametrize("role", ["song", "song-bold", "hei", "kai"])
def test_each_role_with_its_fallbacks_covers_gbk(role):
    fonts = load_fonts(ROOT / "fonts", verify=False)
    assert missing_chars(fonts, role, gbk_characters(), {}) == set()


def test_a_changed_font_file_is_refused(tmp_path):
    fonts_dir = tmp_path / "fonts"
    shutil.copytree(ROOT / "fonts", fonts_dir, ignore=shutil.ignore_patterns("*.otf"))
    for face in ("NotoSerifCJKsc-Regular.otf", "NotoSerifCJKsc-Bold.otf",
                 "NotoSansCJKsc-Bold.otf"):
        (fonts_dir / face).symlink_to(ROOT / "fonts" / face)
    kai = fonts_dir / "LXGWWenKai-Regular.ttf"
    kai.write_bytes(kai.read_bytes()[:1000])
    with pytest.raises(FontError) as info:
        load_fonts(fonts_dir)
    assert "LXGWWenKai-Regular.ttf" in info.value.problems[0].format()
    assert "git checkout" in info.value.problems[0].hint
    kai.unlink()
    with pytest.raises(FontError) as info:
        load_fonts(fonts_dir)
    assert "missing" in info.value.problems[0].message


def test_subsets_map_every_glyph_from_the_cmap_and_set_the_dash_full_width(tmp_path):
    fonts = load_fonts(ROOT / "fonts", verify=False)
    paths = subset_fonts(fonts, "破折号——和间隔号·", tmp_path)
    for key, path in paths.items():
        font = TTFont(path)
        reachable = set(font.getBestCmap().values()) | {font.getGlyphOrder()[0]}
        assert set(font.getGlyphOrder()) == reachable, key
        assert "GSUB" not in font or not font["GSUB"].table.FeatureList.FeatureRecord
    song = hb.Font(hb.Face(hb.Blob.from_file_path(str(paths["song"]))))
    assert song.get_glyph_h_advance(song.get_nominal_glyph(ord("—"))) == 1000
    assert song.get_glyph_h_advance(song.get_nominal_glyph(ord("·"))) == 1000


def test_subsets_are_cached_by_content(tmp_path):
    fonts = load_fonts(ROOT / "fonts", verify=False)
    first = subset_fonts(fonts, "甲乙", tmp_path)
    again = subset_fonts(fonts, "乙甲", tmp_path)
    other = subset_fonts(fonts, "丙", tmp_path)
    assert first == again and first["song"] != other["song"]
