"""Merging tagged parts: typeset parts (PDF bytes, each with its own structure tree) in, one tagged PDF out whose structure tree holds every part's tree in order (pikepdf).

pypdf's merge drops the structure tree and every page's /StructParents (its link
into the tree); a tree cannot survive it. pikepdf (qpdf) copies each part's pages
and then its StructTreeRoot with one copier per source, so every /Pg, annotation
and page reference of the tree lands on the copies. Then, per part:

- its ParentTree keys move up by the keys the parts before it used: page
  /StructParents and annotation /StructParent follow, the ParentTree is one flat
  number tree again;
- RoleMap and ClassMap entries are merged; a clash renames the part's entry
  (Name_2) and its elements follow;
- structure element IDs (table headers) stay unique: a clash gets a suffix, and
  the cells that name that header follow;
- the kids of its /Document are grafted, in order, under the one /Document.

Blank pages (front matter padding) get /StructParents with nothing under them.
Everything after the merge (fonts, folios as artifacts, links, outline, labels,
metadata) is done by pypdf on the result: pypdf keeps a tree it is given whole.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..exceptions import BuildError, Problem


def merge_tagged(parts: list[bytes], blank_after: dict[int, int] | None = None) -> bytes:
    """One tagged PDF of the parts in order; `blank_after[i]` blank pages after part i."""
    out = pikepdf.new()
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root,
                                            K=Array()))
    root.K = Array([document])
    numbers: dict[int, object] = {}
    ids: dict[bytes, Dictionary] = {}
    next_key = 0
    sources = []  # qpdf reads the parts' streams when saving: keep them open till then
    for index, data in enumerate(parts):
        source = pikepdf.open(io.BytesIO(data))
        sources.append(source)
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            raise BuildError(Problem(f"part {index + 1} of the merge has no structure tree",
                                     hint="typeset it again (build --force)"))
        first = len(out.pages)
        out.pages.extend(source.pages)
        copies = list(out.pages)[first:]
        # After the pages: the tree's references to them land on the copies.
        tree = out.copy_foreign(tree)
        offset = next_key
        part_numbers = number_tree(tree.ParentTree) if "/ParentTree" in tree else {}
        for key, value in part_numbers.items():
            numbers[key + offset] = value
        for page in copies:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", Array()):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        next_key = max(offset + max(part_numbers, default=-1) + 1,
                       offset + int(tree.get("/ParentTreeNextKey", 0)))
        elements = list(elements_below(tree))
        _merge_maps(root, tree, elements)
        _unique_ids(ids, elements)
        for element in _document_kids(tree, index):
            element.P = document
            document.K.append(element)
        for _ in range((blank_after or {}).get(index, 0)):
            box = copies[-1].mediabox if copies else Array([0, 0, 595.28, 841.89])
            out.add_blank_page(page_size=(float(box[2]), float(box[3])))
            out.pages[-1].obj.StructParents = next_key
            numbers[next_key] = out.make_indirect(Array())
            next_key += 1
    root.ParentTree = out.make_indirect(Dictionary(Nums=Array(
        [item for key in sorted(numbers) for item in (key, numbers[key])])))
    root.ParentTreeNextKey = next_key
    if ids:
        root.IDTree = out.make_indirect(Dictionary(Names=Array(
            [item for key in sorted(ids) for item in (pikepdf.String(key), ids[key])])))
    out.Root.StructTreeRoot = root
    out.Root.MarkInfo = Dictionary(Marked=True)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    for source in sources:
        source.close()
    return buffer.getvalue()


def number_tree(node, depth: int = 0) -> dict[int, object]:
    """A number tree (Nums and Kids) flattened into a dict."""
    if depth > 32:
        raise BuildError(Problem("a structure tree's ParentTree is nested too deeply"))
    out = {}
    nums = node.get("/Nums", Array())
    for i in range(0, len(nums) - 1, 2):
        out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", Array()):
        out.update(number_tree(kid, depth + 1))
    return out


def _kids(obj) -> list:
    k = obj.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _is_element(obj) -> bool:
    return isinstance(obj, Dictionary) and obj.get("/Type") not in ("/MCR", "/OBJR")


def elements_below(obj):
    """Every structure element below `obj` (the root or an element), in tree order."""
    seen = set()
    stack = [kid for kid in reversed(_kids(obj)) if _is_element(kid)]
    while stack:
        element = stack.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        yield element
        stack.extend(kid for kid in reversed(_kids(element)) if _is_element(kid))


def _document_kids(tree, index: int) -> list:
    """The elements a part contributes: the kids of its /Document."""
    tops = [kid for kid in _kids(tree) if _is_element(kid)]
    if len(tops) != 1 or tops[0].get("/S") != "/Document":
        return tops
    kids = _kids(tops[0])
    if any(not _is_element(kid) for kid in kids):
        raise BuildError(Problem(f"part {index + 1} of the merge has content directly under "
                                 "its /Document", hint="typeset it again (build --force)"))
    return kids


def _merge_maps(root, tree, elements: list) -> None:
    """The part's RoleMap and ClassMap into the root's; clashing entries renamed."""
    for name in ("/RoleMap", "/ClassMap"):
        entries = tree.get(name)
        if entries is None or not len(entries.keys()):
            continue
        if name not in root:
            root[name] = Dictionary()
        target, renames = root[name], {}
        for key in sorted(entries.keys()):
            value = entries[key]
            if key in target and target[key] != value:
                n = 2
                while f"{key}_{n}" in target:
                    n += 1
                renames[key] = f"{key}_{n}"
                key = renames[key]
            target[key] = value
        if not renames:
            continue
        for element in elements:
            if name == "/RoleMap" and str(element.get("/S")) in renames:
                element.S = Name(renames[str(element.S)])
            if name == "/ClassMap" and "/C" in element:
                classes = element.C
                element.C = Array([Name(renames.get(str(c), str(c))) for c in classes]) \
                    if isinstance(classes, Array) else Name(renames.get(str(classes),
                                                                        str(classes)))


def _unique_ids(ids: dict[bytes, Dictionary], elements: list) -> None:
    """Give every element /ID a value no earlier part used; cells naming a renamed
    header (/A /Headers) follow."""
    renamed = {}
    for element in elements:
        if "/ID" not in element:
            continue
        old = bytes(element.ID)
        new, n = old, 2
        while new in ids:
            new = old + b"-" + str(n).encode()
            n += 1
        if new != old:
            renamed[old] = new
            element.ID = pikepdf.String(new)
        ids[new] = element
    if not renamed:
        return
    for element in elements:
        attributes = element.get("/A")
        for entry in attributes if isinstance(attributes, Array) else [attributes]:
            if isinstance(entry, Dictionary) and "/Headers" in entry:
                entry.Headers = Array([pikepdf.String(renamed.get(bytes(h), bytes(h)))
                                       for h in entry.Headers])
