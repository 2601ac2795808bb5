"""Images for the print edition: an image file's bytes and the output condition in, a JPEG separated for that press out (CMYK, or K-only grey).

WeasyPrint embeds what it is given: an RGB image stays DeviceRGB, a CMYK JPEG becomes
DeviceCMYK (Pillow writes Adobe-style inverted CMYK, which WeasyPrint marks with
/Decode [1 0 1 0 1 0 1 0]; every renderer tried shows it right), a greyscale image
DeviceGray. A CMYK image in any other format than JPEG it drops with only a log
line. So every image is converted here, before layout, to a JPEG:

- colour images (RGB, palette; alpha flattened on white paper) → CMYK through the
  output profile, with the condition's rendering intent: relative colorimetric with
  black point compensation by default (the shipped profile's perceptual table is its
  colorimetric one; with a print shop's profile that has a real perceptual table,
  `print: image_intent: perceptual` is the usual choice for photographs). The
  source's embedded ICC profile is honoured; without one, sRGB is assumed;
- greyscale images → greyscale (DeviceGray: the black plate only), with the tone
  curve of the profile's K channel, so that a grey prints as light as it shows;
- CMYK images → separated again through the output profile when they carry a
  profile of another condition; an untagged CMYK image is kept as it is.

The pixel size and resolution stay as they were, so the layout does not move.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageCms, ImageMath, ImageOps

from . import CONVERTER_VERSION
from .condition import OutputCondition

JPEG_QUALITY = 92
INTENTS = {"perceptual": ImageCms.Intent.PERCEPTUAL,
           "relative": ImageCms.Intent.RELATIVE_COLORIMETRIC}


@dataclass(frozen=True)
class Separated:
    """An image as the print edition places it."""

    data: bytes  # JPEG
    key: str  # content hash of source, profile and intent: names the image in the PDF
    mode: str  # 'CMYK' or 'L'
    size: tuple[int, int]
    max_total_ink: float  # percent (K only for 'L')
    source_profile: str  # what the source was read as: its profile's description or sRGB


def separate(data: bytes, condition: OutputCondition) -> Separated:
    """One image file's bytes → a JPEG for the press (see the module docstring)."""
    key = hashlib.sha256(b"\0".join([CONVERTER_VERSION.encode(), data,
                                     condition.digest.encode()])).hexdigest()[:32]
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))  # orientation applied
    dpi = image.info.get("dpi")
    embedded = image.info.get("icc_profile")
    image = _flatten(image)
    output = _profile(condition.profile)
    source = "none"
    if image.mode == "L":
        if embedded:
            source = _describe(ImageCms.ImageCmsProfile(io.BytesIO(embedded)))
        out = image.point(grey_to_k_curve(condition.profile))
        ink = 100 - out.getextrema()[0] / 255 * 100
    elif image.mode == "CMYK" and not embedded:
        out, source = image, "untagged CMYK (kept)"
        ink = total_ink(out)
    else:
        mode = "CMYK" if image.mode == "CMYK" else "RGB"
        image = image if image.mode == mode else image.convert(mode)
        profile = ImageCms.ImageCmsProfile(io.BytesIO(embedded)) if embedded else \
            ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        source = _describe(profile) if embedded else "sRGB (untagged)"
        transform = ImageCms.buildTransform(
            profile, output, mode, "CMYK", renderingIntent=INTENTS[condition.intent],
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
        out = ImageCms.applyTransform(image, transform)
        ink = total_ink(out)
    buffer = io.BytesIO()
    options = {"format": "JPEG", "quality": JPEG_QUALITY, "optimize": False}
    if dpi:
        options["dpi"] = dpi
    out.save(buffer, **options)
    return Separated(buffer.getvalue(), key, out.mode, out.size, ink, source)


def _flatten(image: Image.Image) -> Image.Image:
    """Alpha composited on white paper (print has no transparent photos); odd modes to
    RGB or L."""
    if image.mode in ("RGBA", "LA", "PA") or \
            (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L" if image.mode == "LA" else "RGB")
    if image.mode in ("P", "1", "I;16", "I", "F"):
        return image.convert("RGB" if image.mode == "P" else "L")
    if image.mode not in ("RGB", "L", "CMYK"):
        return image.convert("RGB")
    return image


def total_ink(image: Image.Image) -> float:
    """The highest C+M+Y+K of a CMYK image, in percent."""
    c, m, y, k = (band.convert("I") for band in image.split())
    total = ImageMath.lambda_eval(lambda e: e["c"] + e["m"] + e["y"] + e["k"],
                                  c=c, m=m, y=y, k=k)
    return total.getextrema()[1] / 255 * 100


@lru_cache(maxsize=4)
def _profile(data: bytes) -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(io.BytesIO(data))


def _describe(profile) -> str:
    try:
        return ImageCms.getProfileDescription(profile).strip() or "unnamed profile"
    except ImageCms.PyCMSError:
        return "unnamed profile"


@lru_cache(maxsize=4)
def grey_to_k_curve(profile: bytes) -> tuple[int, ...]:
    """256 entries: a grey level (sRGB tone) → the DeviceGray value whose K prints the
    same L* relative to paper on this press."""
    lab = ImageCms.createProfile("LAB", 5000)
    to_lab = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), lab, "RGB", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    greys = Image.new("RGB", (256, 1))
    greys.putdata([(v, v, v) for v in range(256)])
    grey_l = [px[0] for px in ImageCms.applyTransform(greys, to_lab).get_flattened_data()]
    k_to_lab = ImageCms.buildTransform(_profile(profile), lab, "CMYK", "LAB",
                                       renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    k_l = [px[0] for px in ImageCms.applyTransform(ramp, k_to_lab).get_flattened_data()]
    # K rises as L* falls: the first K at or below the grey's L*; DeviceGray = 1 - K.
    return tuple(255 - next((k for k, value in enumerate(k_l) if value <= target), 255)
                 for target in grey_l)
