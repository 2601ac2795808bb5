"""Tagged-PDF structure: a PDF in, what its structure tree and content streams say together out: problems (each with a rule id and page), the paragraph texts and headings in reading order.

A conformance validator checks that a file declares what it should and that its tree
is well formed; it does not check that the tree reaches the content (a page whose
text no element names reads as nothing). These checks read both:

    struct-parents      every page has /StructParents (its entry in the ParentTree)
    orphan-content      every marked-content sequence (MCID) on a page is named by an
                        element (or MCR) of that page, and only once
    missing-content     every MCID the tree names exists on the page it names
    parent-tree         the ParentTree maps each MCID and annotation to its element
    tree-shape          each element's /P is its parent; no element is reached twice
    heading-skip        heading levels never rise by more than one (H1 → H3)
    heading-empty       a heading has text
    figure-alt          a Figure has alternative text (/Alt or /ActualText)
    link-tag            a link annotation is the OBJR of a Link element on its page
    link-contents       a link annotation has a description (/Contents)
    untagged-content    nothing is painted outside tagged or artifact content
    tagged-in-artifact  no MCID inside an artifact

Text is decoded through each font's /ToUnicode. `check_structure(pdf)` runs them
all; tests use it on every output, and `check` reports its findings.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PAINT = TEXT_SHOW | {"Do", "sh", "BI", "INLINE IMAGE", "f", "F", "f*", "S", "s", "B", "B*",
                     "b", "b*"}
HEADING = re.compile(r"H([1-6])$")

Key = tuple  # (page index, form XObject objgen or None, MCID)


@dataclass
class Finding:
    rule: str
    message: str
    page: int | None = None  # 1-based
    text: str | None = None  # the text concerned (a heading), to locate it in the sources


@dataclass
class StructureReport:
    findings: list[Finding] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # P texts in tree order
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text)
    figures: list[str] = field(default_factory=list)  # the Alt of each Figure

    def add(self, rule: str, message: str, page: int | None = None,
            text: str | None = None) -> None:
        self.findings.append(Finding(rule, message, page, text))

    def rules(self) -> set[str]:
        return {f.rule for f in self.findings}

    def summary(self, limit: int = 5) -> str:
        out = []
        for rule in sorted(self.rules()):
            found = [f for f in self.findings if f.rule == rule]
            out.append(f"{rule}: {len(found)}")
            out += [f"  page {f.page}: {f.message}" for f in found[:limit]]
        return "\n".join(out) or "no problems"


# -- content --------------------------------------------------------------------------

class ToUnicode:
    """Character codes → text, from a font's /ToUnicode CMap (bfchar and bfrange)."""

    def __init__(self, font: Dictionary):
        self.two_byte = font.get("/Subtype") == "/Type0"
        self.map: dict[int, str] = {}
        cmap = font.get("/ToUnicode")
        if isinstance(cmap, pikepdf.Stream):
            self._parse(cmap.read_bytes())

    def _parse(self, data: bytes) -> None:
        def text(hex_digits: bytes) -> str:
            return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", errors="replace")
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for code, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                self.map[int(code, 16)] = text(target)
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for low, high, target in re.findall(
                    rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
                low, high = int(low, 16), int(high, 16)
                if target.startswith(b"["):
                    for code, each in zip(range(low, high + 1),
                                          re.findall(rb"<([0-9A-Fa-f]*)>", target)):
                        self.map[code] = text(each)
                    continue
                start = bytes.fromhex(target[1:-1].decode())
                base = int.from_bytes(start, "big")
                for offset in range(high - low + 1):
                    self.map[low + offset] = (base + offset).to_bytes(len(start), "big") \
                        .decode("utf-16-be", errors="replace")

    def decode(self, data: bytes) -> str:
        if self.two_byte:
            codes = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
        else:
            codes = list(data)
        return "".join(self.map.get(code, "\ufffd") for code in codes)


@dataclass
class Content:
    """What the content streams hold, per marked-content sequence and page."""

    text: dict[Key, str] = field(default_factory=dict)
    order: list[Key] = field(default_factory=list)  # content order
    untagged: dict[int, set[str]] = field(default_factory=dict)  # page → operators
    in_artifact: list[Key] = field(default_factory=list)
    duplicate: list[Key] = field(default_factory=list)
    artifacts: dict[int, str] = field(default_factory=dict)  # page → text drawn as artifact


def read_content(pdf: pikepdf.Pdf) -> Content:
    content, fonts = Content(), {}
    for index, page in enumerate(pdf.pages):
        _walk(page.obj, page.obj.get("/Resources", Dictionary()), index, None, content, fonts,
              [], frozenset())
    return content


def _font(fonts: dict, resources, name) -> ToUnicode | None:
    font = resources.get("/Font", Dictionary()).get(name)
    if font is None:
        return None
    key = font.objgen if font.is_indirect else id(font)
    if key not in fonts:
        fonts[key] = ToUnicode(font)
    return fonts[key]


def _walk(owner, resources, page: int, stream, content: Content, fonts: dict, stack: list,
          forms: frozenset) -> None:
    """One content stream; `stack` holds the sequences open around it: ('mcid', key),
    ('artifact', None) or ('other', None)."""
    font, stack = None, list(stack)
    for item in pikepdf.parse_content_stream(owner):
        op = str(item.operator)
        operands = item.operands if op != "INLINE IMAGE" else []
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            if isinstance(props, Name):  # a property list named in /Resources /Properties
                props = resources.get("/Properties", Dictionary()).get(props)
            if str(operands[0]) == "/Artifact":
                stack.append(("artifact", None))
            elif isinstance(props, Dictionary) and "/MCID" in props:
                key = (page, stream, int(props.MCID))
                if any(kind == "artifact" for kind, _ in stack):
                    content.in_artifact.append(key)
                if key in content.text:
                    content.duplicate.append(key)
                content.text.setdefault(key, "")
                content.order.append(key)
                stack.append(("mcid", key))
            else:
                stack.append(("other", None))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            font = _font(fonts, resources, operands[0])
        elif op in PAINT:
            marked = next((entry for entry in reversed(stack) if entry[0] != "other"), None)
            if op == "Do":
                xobject = resources.get("/XObject", Dictionary()).get(operands[0])
                if xobject is not None and xobject.get("/Subtype") == "/Form" and \
                        xobject.objgen not in forms:
                    # A form's MCIDs belong to the form when it has /StructParents.
                    inner = ("form", xobject.objgen) if "/StructParents" in xobject else stream
                    _walk(xobject, xobject.get("/Resources", resources), page, inner, content,
                          fonts, stack, forms | {xobject.objgen})
                    continue
            if marked is None:
                content.untagged.setdefault(page, set()).add(op)
            elif op in TEXT_SHOW and font is not None and marked[0] == "mcid":
                content.text[marked[1]] += _shown(op, operands, font)
            elif op in TEXT_SHOW and font is not None:
                content.artifacts[page] = content.artifacts.get(page, "") + \
                    _shown(op, operands, font)


def _shown(op: str, operands, font: ToUnicode) -> str:
    if op == "TJ":
        return "".join(font.decode(bytes(part)) for part in operands[0]
                       if isinstance(part, pikepdf.String))
    return font.decode(bytes(operands[-1]))


# -- the tree --------------------------------------------------------------------------

def kids_of(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


@dataclass
class Tree:
    elements: list = field(default_factory=list)  # in tree (reading) order
    types: dict = field(default_factory=dict)  # objgen → standard type
    refs: dict[Key, object] = field(default_factory=dict)  # content → element
    objrs: dict[tuple, tuple] = field(default_factory=dict)  # annotation → (element, page)
    page_of: dict[tuple, int | None] = field(default_factory=dict)  # element → page index
    pages: dict[tuple, int] = field(default_factory=dict)  # page objgen → index
    twice: list[Key] = field(default_factory=list)
    shape: list[str] = field(default_factory=list)


def standard_type(s: str, role_map) -> str:
    seen = set()
    while s not in STANDARD_TYPES and role_map is not None and "/" + s in role_map and \
            s not in seen:
        seen.add(s)
        s = str(role_map["/" + s])[1:]
    return s


def read_tree(pdf: pikepdf.Pdf) -> Tree:
    tree = Tree()
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        tree.shape.append("the document has no structure tree (/StructTreeRoot)")
        return tree
    pages = tree.pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    role_map = root.get("/RoleMap")
    seen = set()

    def page_of(obj, inherited):
        return pages.get(obj.Pg.objgen) if "/Pg" in obj else inherited

    def refer(key, element):
        if key in tree.refs:
            tree.twice.append(key)
        tree.refs[key] = element

    stack = [(kid, root, None) for kid in reversed(kids_of(root))]
    while stack:
        element, parent, page = stack.pop()
        if not isinstance(element, Dictionary):
            continue
        if element.objgen in seen:
            tree.shape.append(f"element {element.get('/S')} is reached twice")
            continue
        seen.add(element.objgen)
        if element.get("/P") is None or element.P.objgen != parent.objgen:
            tree.shape.append(f"element {element.get('/S')}: /P is not its parent")
        page = tree.page_of[element.objgen] = page_of(element, page)
        tree.elements.append(element)
        tree.types[element.objgen] = standard_type(str(element.get("/S", "/"))[1:], role_map)
        children = []
        for kid in kids_of(element):
            if isinstance(kid, int):
                refer((page, None, int(kid)), element)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                form = ("form", kid.Stm.objgen) if "/Stm" in kid else None
                refer((page_of(kid, page), form, int(kid.MCID)), element)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                if "/Obj" in kid:
                    tree.objrs[kid.Obj.objgen] = (element, page_of(kid, page))
            elif isinstance(kid, Dictionary):
                children.append((kid, element, page))
        stack.extend(reversed(children))
    return tree


def parent_tree(root) -> dict[int, object]:
    """The ParentTree number tree, flattened."""
    out: dict[int, object] = {}
    stack = [root.ParentTree] if root is not None and "/ParentTree" in root else []
    while stack:
        node = stack.pop()
        nums = node.get("/Nums", Array())
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
        stack.extend(node.get("/Kids", Array()))
    return out


# -- the checks ------------------------------------------------------------------------

def check_structure(source: bytes | Path | pikepdf.Pdf) -> StructureReport:
    """Every check above on one PDF (bytes, a path or an open pikepdf.Pdf)."""
    if isinstance(source, pikepdf.Pdf):
        pdf = source
    else:
        pdf = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    report = StructureReport()
    content, tree = read_content(pdf), read_tree(pdf)
    for problem in tree.shape:
        report.add("tree-shape", problem)
    _check_content(pdf, content, tree, report)
    texts = _texts(tree, content)
    _check_headings(tree, texts, report)
    _check_figures(tree, texts, report)
    _check_links(pdf, tree, report)
    report.paragraphs = paragraph_texts(tree, texts)
    return report


def _page(key: Key) -> int | None:
    return key[0] + 1 if key[0] is not None else None


def _check_content(pdf, content: Content, tree: Tree, report: StructureReport) -> None:
    for index, page in enumerate(pdf.pages):
        if "/StructParents" not in page.obj:
            report.add("struct-parents", "the page has no /StructParents", index + 1)
    for key in content.order:
        if key not in tree.refs:
            report.add("orphan-content", f"MCID {key[2]} ({content.text.get(key, '')[:20]!r}) "
                       "is named by no structure element of its page", _page(key))
    for key in tree.twice:
        report.add("orphan-content", f"MCID {key[2]} is named by two elements", _page(key))
    for key in content.duplicate:
        report.add("orphan-content", f"MCID {key[2]} is used twice on the page", _page(key))
    for key, element in tree.refs.items():
        if key not in content.text:
            report.add("missing-content", f"{tree.types[element.objgen]} names MCID {key[2]}, "
                       "which the page does not have", _page(key))
    for page, operators in sorted(content.untagged.items()):
        report.add("untagged-content", f"{', '.join(sorted(operators))} painted outside "
                   "tagged or artifact content", page + 1)
    for key in content.in_artifact:
        report.add("tagged-in-artifact", f"MCID {key[2]} is inside an artifact", _page(key))
    numbers = parent_tree(pdf.Root.get("/StructTreeRoot"))
    for index, page in enumerate(pdf.pages):
        if "/StructParents" not in page.obj:
            continue
        entry = numbers.get(int(page.obj.StructParents))
        for key in (k for k in content.order if k[0] == index and k[1] is None):
            element = tree.refs.get(key)
            if element is None:
                continue
            if not isinstance(entry, Array) or key[2] >= len(entry) or \
                    not isinstance(entry[key[2]], Dictionary) or \
                    entry[key[2]].objgen != element.objgen:
                report.add("parent-tree", f"the ParentTree does not map MCID {key[2]} to the "
                           "element that names it", index + 1)


def _texts(tree: Tree, content: Content) -> dict[tuple, str]:
    """Each element's text: its own content and its kids' in order (/ActualText wins)."""
    texts: dict[tuple, str] = {}
    for element in reversed(tree.elements):  # kids before their parents
        if "/ActualText" in element:
            texts[element.objgen] = str(element.ActualText)
            continue
        page, parts = tree.page_of[element.objgen], []
        for kid in kids_of(element):
            if isinstance(kid, int):
                parts.append(content.text.get((page, None, int(kid)), ""))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                where = tree.pages.get(kid.Pg.objgen) if "/Pg" in kid else page
                form = ("form", kid.Stm.objgen) if "/Stm" in kid else None
                parts.append(content.text.get((where, form, int(kid.MCID)), ""))
            elif isinstance(kid, Dictionary) and kid.get("/Type") != "/OBJR":
                parts.append(texts.get(kid.objgen, ""))
        texts[element.objgen] = "".join(parts)
    return texts


def _check_headings(tree: Tree, texts: dict, report: StructureReport) -> None:
    previous = 0
    for element in tree.elements:
        match = HEADING.match(tree.types[element.objgen])
        if not match:
            continue
        level, text = int(match[1]), texts.get(element.objgen, "")
        page = _element_page(element, tree)
        report.headings.append((level, text))
        if not text.strip():
            report.add("heading-empty", f"an H{level} has no text", page)
        if level > previous + 1:
            report.add("heading-skip", f"H{level} “{text}” follows "
                       f"{'H' + str(previous) if previous else 'no heading'}", page, text)
        previous = level


def _check_figures(tree: Tree, texts: dict, report: StructureReport) -> None:
    for element in tree.elements:
        if tree.types[element.objgen] != "Figure":
            continue
        alt = str(element.get("/Alt", element.get("/ActualText", ""))).strip()
        report.figures.append(alt)
        if not alt:
            report.add("figure-alt", "a Figure has no alternative text (/Alt)",
                       _element_page(element, tree))


def _check_links(pdf, tree: Tree, report: StructureReport) -> None:
    numbers = parent_tree(pdf.Root.get("/StructTreeRoot"))
    for index, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", Array()):
            if annot.get("/Subtype") != "/Link":
                continue
            if not str(annot.get("/Contents", "")).strip():
                report.add("link-contents", "a link has no description (/Contents)", index + 1)
            found = tree.objrs.get(annot.objgen)
            if found is None:
                report.add("link-tag", "a link annotation is in no structure element",
                           index + 1)
                continue
            element, page_of_objr = found
            parent = numbers.get(int(annot.StructParent)) if "/StructParent" in annot else None
            if tree.types[element.objgen] != "Link":
                report.add("link-tag", f"a link annotation sits in a "
                           f"{tree.types[element.objgen]}, not a Link", index + 1)
            elif page_of_objr != index:
                report.add("link-tag", "a link's OBJR names another page", index + 1)
            elif not isinstance(parent, Dictionary) or parent.objgen != element.objgen:
                report.add("link-tag", "the ParentTree does not map the link annotation "
                           "(/StructParent) to its Link element", index + 1)


def _element_page(element, tree: Tree) -> int | None:
    page = tree.page_of.get(element.objgen)
    return page + 1 if page is not None else None


def paragraph_texts(tree: Tree, texts: dict, types=("P",)) -> list[str]:
    """The text of each element of `types` (after role mapping) in reading order; an
    element of those types inside another counts as part of the outer one."""
    out, inside = [], set()
    for element in tree.elements:
        if element.objgen in inside:
            inside.update(k.objgen for k in kids_of(element) if isinstance(k, Dictionary))
            continue
        if tree.types[element.objgen] in types:
            out.append(texts.get(element.objgen, ""))
            inside.update(k.objgen for k in kids_of(element) if isinstance(k, Dictionary))
    return out
