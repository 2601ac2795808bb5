"""The print palette, one test per row: each layout colour's CMYK value is what its kind
promises (black: 100 % K; grey: the K tint of the screen grey's lightness on the
shipped profile; colour: close to the screen colour in few inks; white: no ink), and
the templates use every row and nothing else."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from pressroom.colour.condition import default_condition
from pressroom.colour.palette import PALETTE, RICH_BLACK, PaletteError, device_cmyk, ink, normalise

LAYOUTS = Path(__file__).parents[2] / "layouts"
GREY_TOLERANCE = 3  # K percent
MAX_DELTA_E = 2.5  # ΔE2000 between the screen colour and its print value


@lru_cache(maxsize=1)
def transforms():
    import io
    lab = ImageCms.createProfile("LAB", 5000)
    cmyk = ImageCms.ImageCmsProfile(io.BytesIO(default_condition().profile))
    relative = ImageCms.Intent.RELATIVE_COLORIMETRIC
    return (ImageCms.buildTransform(ImageCms.createProfile("sRGB"), lab, "RGB", "LAB",
                                    renderingIntent=relative),
            ImageCms.buildTransform(cmyk, lab, "CMYK", "LAB", renderingIntent=relative))


def lab(image: Image.Image, transform) -> tuple[float, float, float]:
    L, a, b = ImageCms.applyTransform(image, transform).getpixel((0, 0))
    return (L * 100 / 255, a - 128, b - 128)


def lab_of_screen(hexcode: str):
    rgb = tuple(int(hexcode[i:i + 2], 16) for i in (1, 3, 5))
    return lab(Image.new("RGB", (1, 1), rgb), transforms()[0])


def lab_of_print(cmyk):
    return lab(Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in cmyk)), transforms()[1])


def delta_e2000(lab1, lab2) -> float:
    """CIEDE2000 (Sharma, Wu and Dalal 2005)."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c ** 7 / (mean_c ** 7 + 25 ** 7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    dL, dC = L2 - L1, c2 - c1
    dH = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    mL, mC = (L1 + L2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mh = h1 + h2
    elif abs(h1 - h2) <= 180:
        mh = (h1 + h2) / 2
    else:
        mh = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(mh - 30)) + 0.24 * math.cos(math.radians(2 * mh)) +
         0.32 * math.cos(math.radians(3 * mh + 6)) - 0.20 * math.cos(math.radians(4 * mh - 63)))
    rotation = -math.sin(math.radians(60 * math.exp(-((mh - 275) / 25) ** 2))) * \
        2 * math.sqrt(mC ** 7 / (mC ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (mL - 50) ** 2 / math.sqrt(20 + (mL - 50) ** 2)
    sc, sh = 1 + 0.045 * mC, 1 + 0.015 * mC * t
    return math.sqrt((dL / sl) ** 2 + (dC / sc) ** 2 + (dH / sh) ** 2 +
                     rotation * (dC / sc) * (dH / sh))


def test_delta_e2000_matches_the_published_test_data():
    """Two pairs of Sharma et al.'s test data (pairs 1 and 7): ΔE00 2.0425 and 2.3669."""
    assert delta_e2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)


def matching_k(hexcode: str) -> int:
    """The K tint whose lightness on the press is the screen grey's (relative to white)."""
    target = lab_of_screen(hexcode)[0]
    return min(range(101), key=lambda k: abs(lab_of_print((0, 0, 0, k))[0] - target))


def template_colours() -> set[str]:
    return {normalise(c) for t in LAYOUTS.glob("*.j2")
            for c in re.findall(r"'(#[0-9a-fA-F]{3,6})' \| ink", t.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("screen", sorted(PALETTE))
def test_palette_row(screen):
    row = PALETTE[screen]
    c, m, y, k = row.cmyk
    assert row.screen == screen == normalise(screen)
    assert row.used_for and row.why
    assert all(0 <= v <= 100 for v in row.cmyk) and sum(row.cmyk) <= 300
    assert screen in template_colours(), "a palette row no layout uses"
    if row.kind == "black":
        assert row.cmyk == (0, 0, 0, 100)  # one plate
        assert matching_k(screen) >= 95  # and it is meant as black
    elif row.kind == "grey":
        assert (c, m, y) == (0, 0, 0)  # one plate
        assert abs(k - matching_k(screen)) <= GREY_TOLERANCE
    elif row.kind == "colour":
        assert delta_e2000(lab_of_screen(screen), lab_of_print(row.cmyk)) <= MAX_DELTA_E
        assert c == 0  # warm colours: no cyan, which dulls them
    else:
        assert row.kind == "white" and row.cmyk == (0, 0, 0, 0)


def test_brand_red_is_solid_magenta_and_yellow():
    red = PALETTE["#b0191e"]
    assert red.cmyk == (0, 100, 100, 30)
    assert ink("#B0191E", "print") == "device-cmyk(0 1 1 0.3)"


def test_rich_black_is_within_the_ink_limit_and_no_layout_uses_it_for_text():
    assert sum(RICH_BLACK) <= 300 and RICH_BLACK[3] == 100
    assert device_cmyk(RICH_BLACK) not in "".join(p.read_text() for p in LAYOUTS.glob("*.j2"))


def test_ink_leaves_screen_and_archive_colours_as_written():
    assert ink("#fff", "screen") == "#fff" and ink("#B0191E", "archive") == "#B0191E"
    assert ink("#fff", "print") == "device-cmyk(0 0 0 0)"


def test_a_colour_without_a_print_value_stops_the_print_edition():
    with pytest.raises(PaletteError, match="#123456"):
        ink("#123456", "print")
    with pytest.raises(PaletteError, match="not a #rgb"):
        ink("red", "print")
    assert ink("#123456", "screen") == "#123456"


def test_every_template_colour_goes_through_the_palette():
    for template in LAYOUTS.glob("*.j2"):
        text = re.sub(r"\{\{.*?\}\}|\{#.*?#\}", "", template.read_text(encoding="utf-8"),
                      flags=re.S)
        assert not re.findall(r"#[0-9a-fA-F]{3,6}\b|\brgba?\(|\bhsla?\(", text), template.name
    assert template_colours() <= set(PALETTE)
