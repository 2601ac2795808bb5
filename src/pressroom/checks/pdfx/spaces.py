"""Colour spaces as the preflight sees them: a colour space operand or resource (pikepdf) in, what kind of colour it makes out (gray, rgb, cmyk, lab, spot, registration …); and whether a text colour is one ink.
"""

from __future__ import annotations

from dataclasses import dataclass

from pikepdf import Array, Name

PROCESS_INKS = {"/Cyan", "/Magenta", "/Yellow", "/Black"}


@dataclass(frozen=True)
class Space:
    """A resolved colour space: its family, components and the kind of colour it makes."""

    family: str  # DeviceGray, DeviceRGB, DeviceCMYK, ICCBased, CalRGB, Lab, Indexed, …
    n: int  # components of a colour value
    kind: str  # gray, calgray, rgb, cmyk, lab, k, spot, none, registration, pattern, unknown
    detail: str = ""  # e.g. "ICCBased N=3", "Indexed over DeviceRGB", "Separation /All …"
    base: "Space | None" = None  # of Indexed and Pattern; the alternate of spot colours

    @property
    def label(self) -> str:
        return self.detail or self.family

    @property
    def makes_rgb(self) -> bool:
        """RGB colour, itself or through an Indexed or Pattern base."""
        space = self
        while space is not None:
            if space.kind == "rgb":
                return True
            if space.family not in ("Indexed", "Pattern"):
                return False
            space = space.base
        return False

    @property
    def rgb_alternate(self) -> bool:
        return self.family in ("Separation", "DeviceN") and self.base is not None and \
            self.base.kind == "rgb"


GRAY = Space("DeviceGray", 1, "gray")
RGB = Space("DeviceRGB", 3, "rgb")
CMYK = Space("DeviceCMYK", 4, "cmyk")
PATTERN = Space("Pattern", 1, "pattern")
DEVICE = {"/DeviceGray": GRAY, "/DeviceRGB": RGB, "/DeviceCMYK": CMYK, "/Pattern": PATTERN,
          "/G": GRAY, "/RGB": RGB, "/CMYK": CMYK}  # with inline-image abbreviations


def resource(resources, category: str, key: str):
    """resources[category][key], or None (also for damaged resource dictionaries)."""
    if resources is None:
        return None
    try:
        group = resources.get(category)
        return None if group is None else group.get(key)
    except (AttributeError, TypeError, ValueError):
        return None


def resolve(obj, resources, depth: int = 0) -> Space:
    """A colour space operand or /ColorSpace value → Space (names looked up in resources)."""
    if depth > 8:
        return Space("?", 1, "unknown", "colour space nested too deeply")
    if isinstance(obj, Name):
        key = str(obj)
        if key in DEVICE:
            return DEVICE[key]
        named = resource(resources, "/ColorSpace", key)
        if named is not None:
            return resolve(named, resources, depth + 1)
        return Space(key[1:], 1, "unknown", f"undefined colour space {key}")
    if isinstance(obj, Array) and len(obj):
        family = str(obj[0])
        if family == "/ICCBased":
            return _icc(obj[1])
        if family in ("/Indexed", "/I"):
            base = resolve(obj[1], resources, depth + 1)
            return Space("Indexed", 1, base.kind, f"Indexed over {base.label}", base)
        if family == "/Separation":
            name = str(obj[1])
            alternate = resolve(obj[2], resources, depth + 1)
            kind = {"/All": "registration", "/None": "none", "/Black": "k"}.get(name, "spot")
            return Space("Separation", 1, kind,
                         f"Separation {name} (alternate {alternate.label})", alternate)
        if family == "/DeviceN":
            names = [str(n) for n in obj[1]]
            alternate = resolve(obj[2], resources, depth + 1)
            kind = "cmyk" if set(names) <= PROCESS_INKS else "spot"
            return Space("DeviceN", len(names), kind,
                         f"DeviceN [{' '.join(names)}] (alternate {alternate.label})",
                         alternate)
        if family == "/Pattern":
            base = resolve(obj[1], resources, depth + 1) if len(obj) > 1 else None
            return Space("Pattern", (base.n if base else 0) + 1, "pattern",
                         f"Pattern over {base.label}" if base else "Pattern", base)
        if family == "/CalRGB":
            return Space("CalRGB", 3, "rgb")
        if family == "/CalGray":
            return Space("CalGray", 1, "calgray")
        if family == "/Lab":
            return Space("Lab", 3, "lab")
        if family in DEVICE:
            return DEVICE[family]
    return Space("?", 1, "unknown", f"unrecognised colour space {obj!r}"[:80])


def _icc(stream) -> Space:
    n = int(stream.get("/N", 0))
    kind = {1: "gray", 3: "rgb", 4: "cmyk"}.get(n, "unknown")
    try:
        head = stream.read_bytes()[:20]
        if len(head) >= 20 and head[16:20] == b"Lab ":
            kind = "lab"
    except Exception:  # a damaged profile stream: classified by /N alone
        pass
    return Space("ICCBased", n, kind, f"ICCBased N={n}")


def fmt(values) -> str:
    return " ".join(f"{float(v):g}" for v in values)


def text_ink_problem(space: Space, values) -> str | None:
    """Why a text colour is not one ink although it should be, or None when it is fine.

    Black and grey text must be K only; coloured text (the brand red: M, Y and some K)
    is a choice and passes. DeviceGray counts as K only: under a CMYK output intent a
    PDF/X RIP prints it on the black plate (ISO 32000-1 10.3: C = M = Y = 0).
    """
    if space.family == "DeviceGray" or space.kind in ("k", "none", "spot", "rgb"):
        return None  # RGB is reported by rgb-colour already
    if space.kind == "registration":
        return "the registration colour (/All: every plate)"
    if space.kind in ("gray", "calgray"):
        return f"colour-managed grey ({space.label}); the RIP may build it from CMY+K"
    if space.kind == "pattern":
        return "a pattern (cannot be checked as one ink)"
    if space.kind == "cmyk" and len(values) == 4:
        c, m, y, k = (float(v) for v in values)
        if c == m == y == 0:
            return None
        spread = max(c, m, y) - min(c, m, y)
        if k >= 0.5 or (k > 0 and spread <= 0.25) or \
                (c > 0 and m > 0 and y > 0 and spread <= 0.1):
            return f"black or grey built from several inks ({fmt(values)})"
    return None
