"""Font isolation: the machine's fontconfig → a private one that knows no system font.

WeasyPrint finds fonts through fontconfig. With the machine's configuration, a
character or a generic family (`monospace`) that the project's faces do not answer
would silently fall back to whatever fonts the machine has, and the PDF would
differ from machine to machine. pressroom instead loads fonts.conf beside this
module, which lists no font folder: the only fonts are the ones the layouts add
with @font-face, i.e. the project's subsets.
"""

from __future__ import annotations

import os
import warnings
from contextlib import contextmanager
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")
# Variables that would point fontconfig elsewhere than FONTS_CONF.
FONTCONFIG_VARIABLES = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")


@contextmanager
def private_fontconfig():
    """Within this block, a new fontconfig configuration is pressroom's own.

    fontconfig reads FONTCONFIG_FILE when a configuration is created, so the
    variable is set only for that moment and the caller's environment is restored.
    """
    saved = {name: os.environ.get(name) for name in FONTCONFIG_VARIABLES}
    for name in FONTCONFIG_VARIABLES:
        os.environ.pop(name, None)
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    try:
        with warnings.catch_warnings():
            # WeasyPrint warns at import when fontconfig lists no system font: intended here.
            warnings.filterwarnings("ignore", message=".*FontConfig.*")
            yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def font_configuration():
    """A WeasyPrint FontConfiguration that sees only fonts added by @font-face."""
    from .engine import weasyprint  # imported as engine.py does it
    with private_fontconfig():
        return weasyprint.text.fonts.FontConfiguration()
