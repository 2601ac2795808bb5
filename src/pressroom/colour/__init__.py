"""Colour for print: the printing condition (an ICC output profile), the layouts' palette in CMYK, and images separated to CMYK before layout.

    icc.py        ICC profile bytes → what the header and description tag say
    condition.py  booklet.yml's `print` settings → the OutputCondition (profile, names, intent)
    palette.py    the layouts' colours: sRGB on screen, chosen CMYK in print (the `ink` filter)
    layouts.py    the print layouts → located problems (a raw colour, opacity, a gradient)
    images.py     an image file → a CMYK (or K-only grey) JPEG for the press
    profiles/     the CMYK profile pressroom ships, its manifest, licence and rebuild script

Nothing here writes a PDF: editions/pdfx.py does, checks/pdfx/ reads it back.
"""

# Version of images.py's output, part of every separated image's cache key: bump it when
# the output changes. Kept here so that computing a cache key does not import Pillow.
CONVERTER_VERSION = "1"
