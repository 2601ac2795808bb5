"""Tagged parts: a document WeasyPrint has just written with its structure tree (stamped by weasytags.py) in, the same document with a tidy tree out: one element per HTML element, artifacts where the content is not the text.

What WeasyPrint 70 writes, and what `tidy` makes of it:

- An element cut by a column or page break becomes sibling elements, each page
  repeating the whole ancestor chain (three Sects for one story, two Ps for one
  paragraph, one Div per column, a table row continued as a second row). Siblings
  stamped with the same HTML element are joined, recursively at the seam (a row's
  cells each with its first piece); column boxes (same element as their parent)
  are dissolved. One paragraph is one P, whatever breaks it crosses.
- Every text box is a Span of its own, every <br> an empty element: attribute-less
  Spans are dissolved into their parent and empty elements dropped (table cells
  and rows excepted: a table keeps its grid).
- Margin boxes (the running head) are drawn as marked content the tree never
  reaches: they become /Artifact <</Type /Pagination>>. Content of an element
  marked `data-tag="Artifact"` (the 图片待补 frame, the contents leader dots)
  becomes /Artifact; `data-tag="-"` dissolves an element; any other data-tag
  value becomes the element's structure type (TOC, TOCI, Caption …).
- A block link gets one annotation per box inside it; within a Link element, an
  annotation nested in another with the same target is removed.
- The ParentTree is rebuilt from the tidy tree; pressroom's stamps and the PDF 2.0
  namespace WeasyPrint writes into 1.7 files are removed.

Content streams are edited only where a marked-content sequence becomes an
artifact, by rewriting that one operator: text strings are never re-serialised
(compose/fonts.py re-codes them by their bytes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name

from .weasytags import KEY as KEY_NAME, TAG as TAG_NAME

KEY, TAG = Name("/" + KEY_NAME), Name("/" + TAG_NAME)
KEEP_EMPTY = {"TH", "TD", "TR"}  # a table keeps its grid
# Entries that make a Span say something; a Span without any is dissolved.
MEANINGFUL = ("/Lang", "/Alt", "/ActualText", "/E", "/ID", "/A", "/C", "/T")
MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
RUNNING_HEAD = b"/Artifact <</Type /Pagination>> BDC"  # a margin box: page furniture
DECORATION = b"/Artifact BMC"


@dataclass(frozen=True)
class Mcr:
    """One marked-content sequence: its page (index) and MCID."""

    page: int
    mcid: int


@dataclass
class Node:
    """A structure element being tidied: its dictionary (reused when written back),
    type, stamp and kids (Nodes, Mcrs, or OBJR dictionaries of annotations)."""

    obj: Dictionary
    s: str
    key: int | None = None
    tag: str | None = None
    kids: list = field(default_factory=list)

    def mcrs(self):
        for kid in self.kids:
            if isinstance(kid, Mcr):
                yield kid
            elif isinstance(kid, Node):
                yield from kid.mcrs()

    def objrs(self):
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.objrs()
            elif not isinstance(kid, Mcr):
                yield kid

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()


def tidy(pdf: pikepdf.Pdf) -> None:
    """Tidy the structure tree of a document WeasyPrint wrote with stamping() active."""
    root = pdf.Root.StructTreeRoot
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    tops = [read_node(kid, None, pages) for kid in kids_of(root) if isinstance(kid, Dictionary)]
    document = tops[0] if len(tops) == 1 and tops[0].s == "Document" else \
        Node(Dictionary(), "Document", kids=tops)
    _to_artifacts(pdf, document)
    for node in document.walk():
        if node.tag and node.tag not in ("-", "Artifact"):
            node.s = node.tag
    document.kids = _tidy(document, document.kids)
    _dedupe_links(pdf, document)
    if "/Namespaces" in root:  # WeasyPrint 70 writes them when no version is given
        del root.Namespaces
    if "/NS" in document.obj:
        del document.obj.NS
    write_tree(pdf, document)
    pdf.Root.MarkInfo = Dictionary(Marked=True)


# -- reading ----------------------------------------------------------------------------

def kids_of(obj) -> list:
    k = obj.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def read_node(obj: Dictionary, page: int | None, pages: dict) -> Node:
    """The element `obj` and everything below it; `page` is the inherited /Pg."""
    if "/Pg" in obj:
        page = pages.get(obj.Pg.objgen, page)
    node = Node(obj, str(obj.get("/S", "/NonStruct"))[1:],
                int(obj[KEY]) if KEY in obj else None,
                str(obj[TAG])[1:] if TAG in obj else None)
    for kid in kids_of(obj):
        if isinstance(kid, int):
            node.kids.append(Mcr(page, int(kid)))
        elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
            where = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
            node.kids.append(Mcr(where, int(kid.MCID)))
        elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
            node.kids.append(kid)
        elif isinstance(kid, Dictionary):
            node.kids.append(read_node(kid, page, pages))
    return node


# -- artifacts --------------------------------------------------------------------------

def _to_artifacts(pdf: pikepdf.Pdf, document: Node) -> None:
    """Content the tree does not reach (margin boxes) becomes a pagination artifact,
    content under data-tag="Artifact" a plain one."""
    reached, decoration = set(), set()

    def mark(node: Node, artifact: bool) -> None:
        artifact = artifact or node.tag == "Artifact"
        for kid in node.kids:
            if isinstance(kid, Mcr):
                (decoration if artifact else reached).add((kid.page, kid.mcid))
            elif isinstance(kid, Node):
                mark(kid, artifact)
        if node.tag == "Artifact":  # its link annotations stay, for its parent
            node.kids = list(node.objrs())

    mark(document, False)
    for index, page in enumerate(pdf.pages):
        for stream in _content_streams(page.obj):
            data = stream.read_bytes()

            def replace(match, index=index):
                mcid = (index, int(match[2]))
                if mcid in reached:
                    return match[0]
                return DECORATION if mcid in decoration else RUNNING_HEAD

            new = MARKED.sub(replace, data)
            if new != data:
                stream.write(new)


def _content_streams(page: Dictionary):
    """The page's content streams and the form XObjects it paints, each once."""
    contents = page.get("/Contents")
    yield from (contents if isinstance(contents, Array) else [contents] if contents else [])
    seen, stack = set(), [page.get("/Resources", Dictionary())]
    while stack:
        resources = stack.pop()
        for _, xobject in (resources.get("/XObject") or Dictionary()).items():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield xobject
                stack.append(xobject.get("/Resources", Dictionary()))


# -- tidying ----------------------------------------------------------------------------

def _same(a, b) -> bool:
    return isinstance(a, Node) and isinstance(b, Node) and a.key is not None and \
        a.key == b.key and a.s == b.s


def _join(out: list, more: list) -> list:
    """Append `more` to `out`, joining fragments of one element at the seam."""
    for kid in more:
        if out and _same(out[-1], kid):
            _absorb(out[-1], kid)
        else:
            out.append(kid)
    return out


def _absorb(first: Node, fragment: Node) -> None:
    """Join `fragment` (a later piece of the same element) into `first`. A table row cut
    by a page break continues each of its cells: the cells join their first pieces."""
    for name in MEANINGFUL:  # the first fragment's entries win
        if name in fragment.obj and name not in first.obj:
            first.obj[name] = fragment.obj[name]
    if first.s != "TR":
        first.kids = _join(first.kids, fragment.kids)
        return
    for kid in fragment.kids:
        earlier = next((k for k in first.kids if _same(k, kid)), None)
        if earlier is None:
            first.kids.append(kid)
        else:
            _absorb(earlier, kid)


def _dissolves(node: Node, owner: Node) -> bool:
    if node.tag in ("-", "Artifact"):
        return True
    if node.key is not None and node.key == owner.key and node.s == owner.s:
        return True  # an anonymous box of the same element: a column, a line wrapper
    return node.s == "Span" and not any(name in node.obj for name in MEANINGFUL)


def _tidy(owner: Node, kids: list) -> list:
    out: list = []
    for kid in kids:
        if not isinstance(kid, Node):
            _join(out, [kid])
            continue
        kid.kids = _tidy(kid, kid.kids)
        if not kid.kids and kid.s not in KEEP_EMPTY:
            continue  # a <br>, a box whose paint is all artifact
        _join(out, kid.kids if _dissolves(kid, owner) else [kid])
    return out


def _dedupe_links(pdf: pikepdf.Pdf, document: Node) -> None:
    """Within a Link element, drop annotations nested in another with the same target
    (WeasyPrint writes one per box of a block link); from the tree and the page."""
    dropped = set()
    for node in document.walk():
        objrs = [kid for kid in node.kids if isinstance(kid, Dictionary)]
        if node.s != "Link" or len(objrs) < 2:
            continue
        kept = []
        for objr in sorted(objrs, key=lambda o: -_area(o.Obj.Rect)):  # largest first
            annot = objr.Obj
            if any(_target(k.Obj) == _target(annot) and _inside(annot.Rect, k.Obj.Rect)
                   for k in kept):
                dropped.add(annot.objgen)
            else:
                kept.append(objr)
        node.kids = [kid for kid in node.kids
                     if not (isinstance(kid, Dictionary) and kid.Obj.objgen in dropped)]
    if dropped:
        for page in pdf.pages:
            if "/Annots" in page.obj:
                page.obj.Annots = Array([a for a in page.obj.Annots
                                         if a.objgen not in dropped])


def _target(annot) -> str:
    return repr(annot.get("/A")) + repr(annot.get("/Dest"))


def _box(rect) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in rect)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _area(rect) -> float:
    x0, y0, x1, y1 = _box(rect)
    return (x1 - x0) * (y1 - y0)


def _inside(inner, outer, slack: float = 0.01) -> bool:
    a, b = _box(inner), _box(outer)
    return a[0] >= b[0] - slack and a[1] >= b[1] - slack and \
        a[2] <= b[2] + slack and a[3] <= b[3] + slack


# -- writing back ------------------------------------------------------------------------

def write_tree(pdf: pikepdf.Pdf, document: Node) -> None:
    """Write the Nodes into their dictionaries under the StructTreeRoot and rebuild the
    ParentTree: page i has StructParents i (an array indexed by MCID), annotations
    the keys after the pages."""
    root = pdf.Root.StructTreeRoot
    pages = list(pdf.pages)
    by_page: dict[int, dict[int, Dictionary]] = {}
    annotations: list[tuple[Dictionary, Dictionary]] = []

    def write(node: Node, parent: Dictionary) -> Dictionary:
        obj = node.obj if node.obj.is_indirect else pdf.make_indirect(node.obj)
        node.obj = obj
        for private in (KEY, TAG):
            if private in obj:
                del obj[private]
        obj.Type = Name.StructElem
        obj.S = Name("/" + node.s)
        obj.P = parent
        page = next((m.page for m in node.mcrs() if m.page is not None), None)
        if page is not None:
            obj.Pg = pages[page].obj
        elif "/Pg" in obj and not any(True for _ in node.objrs()):
            del obj.Pg
        k = Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                k.append(write(kid, obj))
            elif isinstance(kid, Mcr):
                k.append(kid.mcid if kid.page == page else
                         Dictionary(Type=Name.MCR, Pg=pages[kid.page].obj, MCID=kid.mcid))
                by_page.setdefault(kid.page, {})[kid.mcid] = obj
            else:
                annotations.append((kid, obj))
                k.append(kid)
        obj.K = k
        return obj

    root.K = Array([write(document, root)])
    nums = Array()
    for index, page in enumerate(pages):
        page.obj.StructParents = index
        mcids = by_page.get(index, {})
        nums.extend([index, pdf.make_indirect(
            Array([mcids.get(i) for i in range(max(mcids, default=-1) + 1)]))])
    key = len(pages)
    for objr, element in annotations:
        objr.Obj.StructParent = key
        nums.extend([key, element])
        key += 1
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = key
