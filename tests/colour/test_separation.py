"""Images separated for the press before layout (colour/images.py): every kind of source
comes out as a JPEG WeasyPrint embeds as DeviceCMYK (or DeviceGray), through the
condition's profile, with the same pixels and resolution as the source."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from pressroom.colour.condition import default_condition, shop_condition
from pressroom.colour.images import separate, total_ink

SHOP = Path(__file__).parents[1] / "fixtures" / "profiles" / "test-fogra29-uncoated.icc"


def encoded(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def colour_cube(size: int = 17) -> Image.Image:
    """Every corner and edge of the sRGB cube, the hardest colours to print."""
    steps = [round(i * 255 / (size - 1)) for i in range(size)]
    image = Image.new("RGB", (size * size, size))
    image.putdata([(r, g, b) for b in steps for r in steps for g in steps])
    return image


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image


def test_an_rgb_photo_becomes_cmyk_within_the_ink_limit():
    source = colour_cube()
    result = separate(encoded(source, dpi=(300, 300)), default_condition())
    image = opened(result.data)
    assert (result.mode, image.mode, image.size) == ("CMYK", "CMYK", source.size)
    assert image.info["dpi"] == pytest.approx((300, 300))
    assert "adobe" in image.info  # Pillow's Adobe CMYK: WeasyPrint adds /Decode for it
    assert 250 < result.max_total_ink <= 300 + 3  # the profile's 300 % (JPEG adds a little)
    assert result.source_profile == "sRGB (untagged)"


def test_the_shops_profile_separates_with_its_own_ink_limit():
    result = separate(encoded(colour_cube()), shop_condition(SHOP))
    assert result.max_total_ink <= 260 + 3
    assert result.key != separate(encoded(colour_cube()), default_condition()).key


def test_brand_red_photo_pixels_separate_as_the_profile_says():
    red = Image.new("RGB", (64, 64), (176, 25, 30))
    c, m, y, k = opened(separate(encoded(red), default_condition()).data).getpixel((32, 32))
    assert c < 10 and m > 220 and y > 180 and 40 < k < 110  # about 0 95 81 29 %


def test_an_embedded_source_profile_is_honoured():
    """The same pixels tagged as another RGB space separate differently from untagged."""
    pixels = Image.new("RGB", (32, 32), (40, 160, 90))
    lab_tagged = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    untagged = separate(encoded(pixels), default_condition())
    tagged = separate(encoded(pixels, icc_profile=lab_tagged), default_condition())
    assert tagged.source_profile != "sRGB (untagged)"
    assert opened(tagged.data).getpixel((16, 16)) == pytest.approx(
        opened(untagged.data).getpixel((16, 16)), abs=3)  # it is sRGB, after all
    cmyk = Image.new("CMYK", (32, 32), (0, 255, 255, 0))
    shop_tagged = separate(encoded(cmyk, "JPEG", icc_profile=SHOP.read_bytes()),
                           default_condition())
    assert shop_tagged.source_profile.startswith("pressroom test profile")


def test_transparency_is_flattened_on_white_paper():
    clear = Image.new("RGBA", (20, 20), (255, 0, 0, 0))
    result = separate(encoded(clear), default_condition())
    assert opened(result.data).getpixel((10, 10)) == pytest.approx((0, 0, 0, 0), abs=2)


def test_greyscale_stays_on_the_black_plate_with_the_presss_tone():
    grey = Image.new("L", (20, 20), 128)
    result = separate(encoded(grey), default_condition())
    image = opened(result.data)
    assert (result.mode, image.mode) == ("L", "L")
    # the K tint prints the lightness the grey shows (relative to paper and to white)
    from test_palette import lab_of_print, lab_of_screen
    k = (255 - image.getpixel((10, 10))) / 2.55
    assert lab_of_print((0, 0, 0, k))[0] == pytest.approx(lab_of_screen("#808080")[0], abs=1.5)
    assert 55 < k < 75  # mid grey needs more than 50 % K on paper
    white = separate(encoded(Image.new("L", (8, 8), 255)), default_condition())
    assert opened(white.data).getpixel((4, 4)) >= 253 and white.max_total_ink < 1


def test_untagged_cmyk_is_kept_and_its_ink_measured():
    heavy = Image.new("CMYK", (16, 16), (255, 255, 255, 255))
    result = separate(encoded(heavy, "JPEG"), default_condition())
    assert result.source_profile == "untagged CMYK (kept)" and result.max_total_ink > 390


def test_palette_and_odd_modes_are_separated():
    for image in (Image.new("P", (10, 10)), Image.new("1", (10, 10), 1),
                  Image.new("LA", (10, 10), (0, 255))):
        assert separate(encoded(image), default_condition()).mode in ("CMYK", "L")


def test_the_same_input_gives_the_same_bytes():
    data = encoded(colour_cube())
    assert separate(data, default_condition()).data == separate(data, default_condition()).data


def test_total_ink_of_a_cmyk_image():
    assert total_ink(Image.new("CMYK", (2, 2), (255, 255, 0, 0))) == pytest.approx(200)
