"""Drawn folios: where each number stands, in which numbering, in which colours."""

import re

import pytest

from pressroom.colour.palette import PALETTE
from pressroom.compose.folios import FOLIO, cmyk, colour_for, draw, rgb, roman
from pressroom.compose.fonts import FontFile
from pressroom.project.config import Layout

A4_WIDTH = 595.276
DIGITS = "0123456789ivx"
FONT = FontFile(data=b"", widths=tuple([500.0] * (len(DIGITS) + 1)),
                unicode={i + 1: c for i, c in enumerate(DIGITS)},
                glyphs={c: i + 1 for i, c in enumerate(DIGITS)},
                bbox=(0, -120, 1000, 880), ascent=880, descent=-120, opentype=True)


def text_x(ops: bytes) -> float:
    return float(re.search(rb"1 0 0 1 ([\d.]+) [\d.]+ Tm", ops).group(1))


@pytest.mark.parametrize("number, expected", [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv")])
def test_front_matter_numbers_are_lower_case_roman(number, expected):
    assert roman(number) == expected


def test_recto_folios_stand_at_the_outer_right_margin_and_verso_at_the_left():
    layout = Layout()
    recto = draw("7", True, layout, FONT, A4_WIDTH, rgb, FOLIO)
    verso = draw("8", False, layout, FONT, A4_WIDTH, rgb, FOLIO)
    margin = layout.margin_side * 72 / 25.4
    width = 500 * FOLIO.size / 1000
    assert text_x(recto) == pytest.approx(A4_WIDTH - margin - width, abs=0.01)
    assert text_x(verso) == pytest.approx(margin, abs=0.01)


def test_a_folio_is_a_pagination_artifact_so_tagged_readers_skip_it():
    ops = draw("3", True, Layout(), FONT, A4_WIDTH, rgb, FOLIO)
    assert ops.startswith(b"/Artifact <</Type /Pagination")
    assert ops.rstrip().endswith(b"EMC")


def test_print_folios_use_the_palette_cmyk_and_no_rgb():
    ops = draw("3", True, Layout(), FONT, A4_WIDTH, colour_for("print"), FOLIO).decode()
    assert " RG" not in ops and " rg" not in ops
    assert "0 0 0 1 k" in ops  # text: 100 % K, one plate
    red = PALETTE[FOLIO.bar_colour].cmyk
    assert " ".join(f"{v / 100:g}" for v in red) + " K" in ops


@pytest.mark.parametrize("edition", ["screen", "archive"])
def test_screen_and_archive_folios_keep_the_screen_colours(edition):
    assert colour_for(edition) is rgb
    assert rgb("#b0191e", True) == "0.6902 0.09804 0.1176 RG"


def test_every_folio_colour_has_a_print_value():
    for colour in (FOLIO.text_colour, FOLIO.bar_colour):
        assert cmyk(colour, False).endswith(" k")
