"""The content walker: one page's content stream (pikepdf) in, findings about every colour, image, font and graphics state it draws out.

It interprets the operators that matter for print: colour (g G rg RG k K cs CS sc scn
SC SCN), the CTM (q Q cm), text (BT Tm Tf Tr Tj TJ ' "), images (Do, inline images),
shadings (sh), graphics states (gs), and follows what is drawn: form XObjects
(recursively, each once per graphics context, cycles cut), tiling and shading
patterns, soft-mask groups, Type3 glyph procedures (colour operators in a d1 glyph
are ignored, as the PDF specification says) and, from document.py, annotation
appearance streams.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from .rules import RULES, Finding
from .spaces import CMYK, GRAY, RGB, Space, fmt, resolve, resource, text_ink_problem

MAX_TOTAL_INK = 300.0  # percent
MIN_PPI = 300.0  # below: image-resolution-low (warning)
HARD_MIN_PPI = 150.0  # below: image-resolution (error; the Ghent Workgroup's limit)
SMALL_TEXT_PT = 12.0  # black or grey text at or below this size must be one ink
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m, n):
    """m × n for PDF matrices [a b c d e f] (m applied first)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def scale(m) -> float:
    """Geometric mean scale of a matrix (√|det|)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def objid(obj) -> tuple[int, int] | None:
    try:
        return obj.objgen if obj.is_indirect else None
    except AttributeError:
        return None


@dataclass
class ColourUse:
    """One colour-setting operator as drawn, for inventories."""

    page: int | None
    object: str
    operator: str
    operands: tuple
    space: str


@dataclass
class Collector:
    """Findings of one preflight, each (page, object, rule, message) once with a count."""

    findings: dict = field(default_factory=dict)
    inventory: list[ColourUse] = field(default_factory=list)
    seen_forms: set = field(default_factory=set)  # (objgen, state key), per page
    seen_images: set = field(default_factory=set)
    seen_fonts: set = field(default_factory=set)

    def add(self, page, obj, rule, message, fix=None, example=None):
        assert rule in RULES, rule
        entry = self.findings.setdefault((page, obj, rule, message),
                                         [fix or RULES[rule].fix, 0, example])
        entry[1] += 1

    def next_page(self) -> None:
        """Shared forms are walked again on each page, so each page reports its own."""
        self.seen_forms.clear()
        self.seen_images.clear()
        self.seen_fonts.clear()

    def results(self) -> list[Finding]:
        out = []
        for (page, obj, rule, message), (fix, count, example) in self.findings.items():
            if count > 1:
                message += f" ({count} times)"
            if example:
                message += f"; e.g. {example}"
            out.append(Finding(page, obj, rule, message, fix))
        return sorted(out, key=lambda f: (f.page is not None, f.page or 0, f.object, f.rule,
                                          f.message))


@dataclass
class GState:
    ctm: tuple = IDENTITY
    fill_space: Space = GRAY
    fill: tuple = (0.0,)
    stroke_space: Space = GRAY
    stroke: tuple = (0.0,)
    font: object = None
    font_name: str = ""
    font_size: float = 0.0
    render_mode: int = 0

    def copy(self) -> "GState":
        return GState(**self.__dict__)

    def key(self) -> tuple:
        """What a form's findings depend on: the inherited colours and the scale."""
        return (self.fill_space.label, self.fill, self.stroke_space.label, self.stroke,
                round(scale(self.ctm), 3))


class Walker:
    """Walks one page's content and everything it draws, adding findings to `out`."""

    def __init__(self, out: Collector, page_no: int | None):
        self.out = out
        self.page_no = page_no
        self.stack: list = []  # objgens of the streams being walked (cycles are cut)

    def add(self, obj, rule, message, fix=None, example=None):
        self.out.add(self.page_no, obj, rule, message, fix, example)

    def walk(self, content, resources, label: str, state: GState, uncoloured=False):
        """Interpret `content` (a page, form, pattern, glyph or appearance stream)."""
        key = objid(content)
        if key is not None:
            if key in self.stack:
                self.add(label, "content-cycle", "a form or pattern draws itself")
                return
            self.stack.append(key)
        try:
            try:
                instructions = pikepdf.parse_content_stream(content)
            except Exception as exc:  # pikepdf raises several kinds for damaged streams
                self.add(label, "content-syntax", f"content stream cannot be parsed: {exc}")
                return
            self._run(instructions, resources, label, state, uncoloured)
        finally:
            if key is not None:
                self.stack.pop()

    def _run(self, instructions, resources, label, state: GState, uncoloured: bool):
        gs, saved, tm = state.copy(), [], IDENTITY
        for item in instructions:
            if isinstance(item, pikepdf.ContentStreamInlineImage):
                self._inline_image(item.iimage, resources, label, gs)
                continue
            op, args = str(item.operator), list(item.operands)
            if op == "q":
                saved.append(gs.copy())
            elif op == "Q":
                gs = saved.pop() if saved else gs
            elif op == "cm" and len(args) == 6:
                gs.ctm = multiply(tuple(float(a) for a in args), gs.ctm)
            elif op in ("g", "G", "rg", "RG", "k", "K"):
                space = {"g": GRAY, "rg": RGB, "k": CMYK}[op.lower()]
                self._colour(op, args, space, label, uncoloured)
                values = tuple(float(a) for a in args)
                if op.islower():
                    gs.fill_space, gs.fill = space, values
                else:
                    gs.stroke_space, gs.stroke = space, values
            elif op in ("cs", "CS") and args:
                space = resolve(args[0], resources)
                self._colour(op, args, space, label, uncoloured)
                initial = (0.0, 0.0, 0.0, 1.0) if space.kind == "cmyk" else (0.0,) * space.n
                if space.family in ("Separation", "DeviceN"):
                    initial = (1.0,) * space.n
                if op == "cs":
                    gs.fill_space, gs.fill = space, initial
                else:
                    gs.stroke_space, gs.stroke = space, initial
            elif op in ("sc", "scn", "SC", "SCN"):
                fill = op in ("sc", "scn")
                space = gs.fill_space if fill else gs.stroke_space
                numbers = tuple(float(a) for a in args if not isinstance(a, Name))
                self._colour(op, args, space, label, uncoloured)
                if args and isinstance(args[-1], Name) and space.family == "Pattern":
                    self._pattern(args[-1], resources, label, gs)
                if fill:
                    gs.fill = numbers
                else:
                    gs.stroke = numbers
            elif op == "gs" and args:
                self._extgstate(args[0], resources, label, gs)
            elif op == "sh" and args:
                self._shading(args[0], resources, label, "sh")
            elif op == "Do" and args:
                self._xobject(args[0], resources, label, gs)
            elif op == "BT":
                tm = IDENTITY
            elif op == "Tm" and len(args) == 6:
                tm = tuple(float(a) for a in args)
            elif op == "Tf" and len(args) == 2:
                gs.font_name, gs.font_size = str(args[0]), float(args[1])
                gs.font = resource(resources, "/Font", gs.font_name)
                self._font(gs.font, gs.font_name, resources, label, gs)
            elif op == "Tr" and args:
                gs.render_mode = int(args[0])
            elif op in ("Tj", "TJ", "'", '"'):
                self._text(gs, tm, label, uncoloured)
            elif op == "d1":
                uncoloured = True

    # -- colour ----------------------------------------------------------------------

    def _colour(self, op, args, space: Space, label, uncoloured):
        if uncoloured:
            return  # an uncoloured Type3 glyph (d1) paints in the text colour
        self.out.inventory.append(ColourUse(self.page_no, label, op,
                                            tuple(str(a) for a in args), space.label))
        numbers = [float(a) for a in args if not isinstance(a, Name)]
        if space.makes_rgb:
            example = f"{args[0]} {op}" if op in ("cs", "CS") else f"{fmt(numbers)} {op}"
            self.add(label, "rgb-colour", f"'{op}' sets an RGB colour ({space.label})",
                     example=example)
        elif space.rgb_alternate:
            self.add(label, "rgb-alternate", f"'{op}' uses a spot colour whose alternate "
                     f"is RGB ({space.label})")
        elif space.kind in ("lab", "unknown"):
            what = "a Lab colour" if space.kind == "lab" else \
                "a colour space the preflight cannot classify"
            self.add(label, "non-cmyk-colour", f"'{op}' sets {what} ({space.label})")
        if space.kind == "cmyk" and op not in ("cs", "CS") and len(numbers) == 4 and \
                sum(numbers) * 100 > MAX_TOTAL_INK + 0.5:
            self.add(label, "total-ink", f"vector colour {fmt(numbers)} {op} has "
                     f"{sum(numbers) * 100:.0f}% total ink (> {MAX_TOTAL_INK:.0f}%)")

    def _text(self, gs: GState, tm, label, uncoloured):
        if uncoloured or gs.render_mode in (3, 7):  # invisible text (OCR layers, clips)
            return
        size = abs(gs.font_size) * scale(multiply(tm, gs.ctm))
        paints = []
        if gs.render_mode in (0, 2, 4, 6):
            paints.append(("fill", gs.fill_space, gs.fill))
        if gs.render_mode in (1, 2, 5, 6):
            paints.append(("stroke", gs.stroke_space, gs.stroke))
        for what, space, values in paints:
            problem = text_ink_problem(space, values)
            if problem is None:
                continue
            small = size <= SMALL_TEXT_PT + 0.01 or space.kind == "registration"
            self.add(label, "text-k-only" if small else "text-k-only-large",
                     f"text ({gs.font_name}) {what} colour is {problem}",
                     example=f"{size:.1f} pt, {space.label} {fmt(values)}")

    # -- what is drawn -----------------------------------------------------------------

    def _xobject(self, name, resources, label, gs: GState):
        xobj = resource(resources, "/XObject", str(name))
        if not isinstance(xobj, Stream):
            self.add(label, "missing-resource", f"Do {name}: no such XObject")
            return
        subtype = str(xobj.get("/Subtype", ""))
        if subtype == "/Image":
            self._image(xobj, f"{label} › image {name}", resources, gs)
        elif subtype == "/Form":
            sub = f"{label} › form {name}"
            inner = gs.copy()
            inner.ctm = multiply(tuple(float(v) for v in xobj.get("/Matrix", IDENTITY)), gs.ctm)
            self.group(xobj, sub)
            self._opi(xobj, sub)
            key = (objid(xobj), inner.key())
            if key[0] is not None and key in self.out.seen_forms:
                return
            self.out.seen_forms.add(key)
            self.walk(xobj, xobj.get("/Resources", resources), sub, inner)
        elif subtype == "/PS":
            self.add(f"{label} › {name}", "forbidden-feature", "PostScript XObject")

    def group(self, xobj, label):
        """A form's transparency group must not blend in RGB."""
        group = xobj.get("/Group")
        if not isinstance(group, Dictionary) or group.get("/CS") is None:
            return
        space = resolve(group["/CS"], xobj.get("/Resources"))
        if space.makes_rgb:
            self.add(label, "rgb-group", f"transparency group blends in RGB "
                     f"(/Group /CS {space.label})")

    def _opi(self, xobj, label):
        if "/OPI" in xobj:
            self.add(label, "forbidden-feature", "OPI reference",
                     fix="embed the high-resolution image")

    def _image(self, image, label, resources, gs: GState, inline: bool = False):
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        placed_w = math.hypot(gs.ctm[0], gs.ctm[1]) / 72  # inches: an image fills the
        placed_h = math.hypot(gs.ctm[2], gs.ctm[3]) / 72  # unit square under the CTM
        is_mask = bool(image.get("/ImageMask", False))
        bits = int(image.get("/BitsPerComponent", 1 if is_mask else 8))
        if width and height and placed_w > 0 and placed_h > 0 and bits > 1:
            ppi = min(width / placed_w, height / placed_h)
            if ppi < MIN_PPI - 0.5:
                rule = "image-resolution" if ppi < HARD_MIN_PPI else "image-resolution-low"
                self.add(label, rule, f"{width}×{height} px placed at {placed_w * 25.4:.0f}×"
                         f"{placed_h * 25.4:.0f} mm is {ppi:.0f} ppi (< {MIN_PPI:.0f})")
        if "/Alternates" in image:
            self.add(label, "forbidden-feature", "image with /Alternates")
        self._opi(image, label)
        if is_mask:  # a stencil mask paints in the current fill colour
            if gs.fill_space.makes_rgb:
                self.add(label, "rgb-colour", f"stencil mask painted in RGB "
                         f"({gs.fill_space.label})")
            return
        key = objid(image)
        if key is not None:
            if key in self.out.seen_images:
                return
            self.out.seen_images.add(key)
        if image.get("/ColorSpace") is None:
            if "/JPXDecode" in filters(image):
                self.add(label, "image-colour", "JPEG 2000 image with its colour space in "
                         "the code stream")
            return
        space = resolve(image["/ColorSpace"], resources)
        if space.makes_rgb:
            self.add(label, "rgb-image", f"{'inline ' if inline else ''}image in RGB "
                     f"({space.label})")
        elif space.kind == "lab":
            self.add(label, "non-cmyk-colour", f"image in Lab ({space.label})")
        elif space.kind == "cmyk" and not inline:
            self._image_ink(image, label)
        smask = image.get("/SMask")
        if isinstance(smask, Stream) and smask.get("/ColorSpace") is not None and \
                resolve(smask["/ColorSpace"], resources).makes_rgb:
            self.add(f"{label} › soft mask", "rgb-image", "image soft mask in RGB")

    def _image_ink(self, image, label):
        try:
            peak = image_total_ink(image)
        except Exception as exc:  # undecodable: said, never a crash
            self.add(label, "total-ink-unmeasured", f"cannot decode the CMYK image ({exc})")
            return
        if peak is not None and peak > MAX_TOTAL_INK + 0.5:
            self.add(label, "total-ink", f"image reaches {peak:.0f}% total ink "
                     f"(> {MAX_TOTAL_INK:.0f}%)")

    def _inline_image(self, iimage, resources, label, gs):
        obj, info = iimage.obj, Dictionary()
        for short, long in (("/W", "/Width"), ("/H", "/Height"), ("/BPC", "/BitsPerComponent"),
                            ("/IM", "/ImageMask"), ("/CS", "/ColorSpace"), ("/F", "/Filter")):
            for key in (short, long):
                if key in obj:
                    info[long] = obj[key]
        space = info.get("/ColorSpace")
        if isinstance(space, Array) and len(space) and str(space[0]) == "/I":
            info["/ColorSpace"] = Array([Name("/Indexed"), *list(space)[1:]])
        self._image(info, f"{label} › inline image", resources, gs, inline=True)

    def _shading(self, name_or_obj, resources, label, via):
        shading, name = name_or_obj, ""
        if isinstance(name_or_obj, Name):
            name = str(name_or_obj)
            shading = resource(resources, "/Shading", name)
        if shading is None or shading.get("/ColorSpace") is None:
            return
        space = resolve(shading["/ColorSpace"], resources)
        where = f"{label} › shading {name}".rstrip()
        if space.makes_rgb:
            self.add(where, "rgb-colour", f"shading in RGB ({space.label}) via {via}",
                     fix="keep gradients out of the print layouts (WeasyPrint paints them "
                         "in RGB)")
        elif space.kind == "lab":
            self.add(where, "non-cmyk-colour", f"shading in Lab ({space.label})")

    def _pattern(self, name, resources, label, gs: GState):
        pattern = resource(resources, "/Pattern", str(name))
        if pattern is None:
            return
        where = f"{label} › pattern {name}"
        if int(pattern.get("/PatternType", 1)) == 2:
            self._shading(pattern.get("/Shading"), resources, where, "pattern")
            return
        key = (objid(pattern), gs.key())
        if key[0] is not None and key in self.out.seen_forms:
            return
        self.out.seen_forms.add(key)
        inner = gs.copy()
        inner.ctm = tuple(float(v) for v in pattern.get("/Matrix", IDENTITY))
        self.walk(pattern, pattern.get("/Resources", resources), where, inner)

    def _extgstate(self, name, resources, label, gs: GState):
        egs = resource(resources, "/ExtGState", str(name))
        if egs is None:
            return
        where = f"{label} › ExtGState {name}"
        for key in ("/TR", "/TR2"):
            value = egs.get(key)
            if value is not None and not (isinstance(value, Name) and
                                          str(value) in ("/Identity", "/Default")):
                self.add(where, "forbidden-feature", f"transfer function {key}",
                         fix=f"remove {key}")
        if "/HTP" in egs:
            self.add(where, "forbidden-feature", "halftone phase /HTP", fix="remove /HTP")
        smask = egs.get("/SMask")
        if isinstance(smask, Dictionary) and "/G" in smask:
            group, sub = smask["/G"], f"{where} › soft mask"
            self.group(group, sub)
            backdrop = smask.get("/BC")
            if backdrop is not None and len(backdrop) == 3:
                self.add(sub, "rgb-group", f"soft mask backdrop /BC [{fmt(backdrop)}] is RGB")
            key = (objid(group), "smask")
            if key[0] is None or key not in self.out.seen_forms:
                self.out.seen_forms.add(key)
                self.walk(group, group.get("/Resources", resources), sub, GState(ctm=gs.ctm))

    def _font(self, font, name, resources, label, gs: GState):
        if font is None:
            self.add(label, "font-embedded", f"font {name} is used but not in the resources")
            return
        key = objid(font)
        if key is not None:
            if key in self.out.seen_fonts:
                return
            self.out.seen_fonts.add(key)
        subtype = str(font.get("/Subtype", ""))
        if subtype == "/Type3":  # drawn by its glyph procedures, which may set colours
            procs = font.get("/CharProcs") or Dictionary()
            own = font.get("/Resources", resources)
            for glyph in list(procs.keys()):
                self.walk(procs[glyph], own, f"{label} › Type3 font {name} glyph {glyph}",
                          GState(ctm=gs.ctm, fill_space=gs.fill_space, fill=gs.fill))
            return
        descriptor = font.get("/FontDescriptor")
        if subtype == "/Type0":
            descendants = font.get("/DescendantFonts")
            descriptor = descendants[0].get("/FontDescriptor") if descendants else None
        if descriptor is None or not any(k in descriptor for k in
                                         ("/FontFile", "/FontFile2", "/FontFile3")):
            self.add(f"{label} › font {name}", "font-embedded",
                     f"font {font.get('/BaseFont', name)} is not embedded")


def filters(stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    return [str(x) for x in value] if isinstance(value, Array) else [str(value)]


def image_total_ink(image) -> float | None:
    """Peak C+M+Y+K of a CMYK image XObject, in percent (None if it is not CMYK)."""
    from PIL import ImageChops, ImageMath

    pil = pikepdf.PdfImage(image).as_pil_image()
    if pil.mode != "CMYK":
        return None
    # A sample means /Decode applied to it. Pillow already inverts an Adobe (APP14) CMYK
    # JPEG, which WeasyPrint marks /Decode [1 0 1 0 1 0 1 0]: invert only when the two
    # disagree, so the inversion is neither missed nor applied twice.
    decode = image.get("/Decode")
    decode_inverted = decode is not None and [float(v) for v in decode] == [1, 0] * 4
    pillow_inverted = "/DCTDecode" in filters(image) and "adobe" in pil.info
    if decode_inverted != pillow_inverted:
        pil = ImageChops.invert(pil)
    c, m, y, k = (band.convert("I") for band in pil.split())
    total = ImageMath.lambda_eval(lambda e: e["c"] + e["m"] + e["y"] + e["k"],
                                  c=c, m=m, y=y, k=k)
    return total.getextrema()[1] / 255 * 100
