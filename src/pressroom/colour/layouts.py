"""The print layouts checked for colour: templates in layouts/ in, a located problem for every colour the print edition could not print in CMYK out.

Colours reach the print edition as CMYK only through the palette (`{{ '#rrggbb' |
ink }}`). A colour written in a template directly (#hex, rgb(), hsl(), a named
colour such as `red`) would be typeset as DeviceRGB in print too, and a gradient
either crashes WeasyPrint 70 (with device-cmyk stops) or paints an RGB shading.
This finds them in the template text, at their line, before anything is typeset;
the preflight of the finished PDF (checks/pdfx) would find them too, but only by
page.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from tinycss2.color4 import _COLOR_KEYWORDS

from ..exceptions import Problem

# Declarations whose value may hold a colour; custom properties (--red) too.
DECLARATION = re.compile(
    r"(?<![\w-])(--[\w-]+|color|background(?:-color|-image)?|"
    r"border(?:-(?:top|right|bottom|left|block|inline)(?:-(?:start|end))?)?(?:-color)?|"
    r"column-rule(?:-color)?|outline(?:-color)?|text-decoration(?:-color)?|caret-color|"
    r"fill|stroke|box-shadow|text-shadow|text-emphasis(?:-color)?)\s*:\s*([^;{}\"]*)", re.I)
JINJA = re.compile(r"\{\{.*?\}\}|\{#.*?#\}|\{%.*?%\}|/\*.*?\*/", re.S)  # and CSS comments
COLOUR_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
                    "color"}
FIX = "write it as {{ '#rrggbb' | ink }} and give it a print value in " \
      "src/pressroom/colour/palette.py (PALETTE)"


def layout_problems(layouts_dir: Path) -> list[Problem]:
    """Every colour in layouts/ that bypasses the palette, and every gradient, located."""
    problems = []
    for template in sorted(p for p in layouts_dir.glob("*") if p.is_file()):
        try:
            text = template.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the typesetter reports an unreadable template itself
        # Jinja expressions, statements, comments and CSS comments blanked, newlines kept.
        plain = JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
        lines = text.splitlines()
        for number, line in enumerate(plain.splitlines(), 1):
            for match in DECLARATION.finditer(line):
                for what in _raw_colours(match[2]):
                    problems.append(Problem(
                        f"{match[1]}: {what} is not from the palette: the print edition "
                        "would print it in RGB", template, number, FIX,
                        lines[number - 1], rule="print-colour"))
    return problems


def _raw_colours(value: str) -> list[str]:
    """What in a declaration's value is a colour the palette did not give."""
    found = []
    for token in tinycss2.parse_component_value_list(value):
        if token.type == "hash":
            found.append(f"#{token.value}")
        elif token.type == "ident" and token.lower_value in _COLOR_KEYWORDS:
            found.append(f"the named colour {token.value}")
        elif token.type == "function" and token.lower_name in COLOUR_FUNCTIONS:
            found.append(f"{token.name}()")
        elif token.type == "function" and token.lower_name.endswith("gradient"):
            found.append(f"a gradient ({token.name}(), which WeasyPrint 70 paints in RGB "
                         "or, with device-cmyk() stops, cannot paint)")
    return found
