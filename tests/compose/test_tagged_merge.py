"""The tagged merge (compose/structure.py): small tagged parts in, one tree holding them all, every page and annotation still reaching it."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from pressroom.checks.structure import check_structure, parent_tree, read_tree
from pressroom.compose.structure import merge_tagged
from pressroom.exceptions import BuildError
from tagged import paragraph, part_pdf

TABLE = "<table><tr><th>甲</th><th>乙</th></tr><tr><td>一</td><td>二</td></tr></table>"


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parts")
    long = paragraph(2500)
    return [
        part_pdf(f"<h1>标题</h1><p>{long}</p>", folder),
        part_pdf(f'<h1>目录</h1>{TABLE}<p><a href="https://example.org/">目录一</a></p>', folder),
        part_pdf(f'<h1>说明</h1>{TABLE}<p><a href="https://example.org/b">正文</a></p>', folder),
    ]


def pdf_of(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def test_every_part_keeps_its_structure_in_order(parts):
    merged = pdf_of(merge_tagged(parts))
    singles = [check_structure(part) for part in parts]
    report = check_structure(merged)
    assert report.findings == []
    assert report.paragraphs == [p for single in singles for p in single.paragraphs]
    assert report.headings == [(1, "标题"), (1, "目录"), (1, "说明")]
    assert len(merged.pages) == sum(len(pdf_of(p).pages) for p in parts) >= 4
    [document] = merged.Root.StructTreeRoot.K
    tree = read_tree(merged)
    assert [tree.types[kid.objgen] for kid in document.K] == \
        ["H1", "P", "H1", "Table", "P", "H1", "Table", "P"]


def test_struct_parents_are_renumbered_without_clashes(parts):
    merged = pdf_of(merge_tagged(parts))
    keys = [int(page.obj.StructParents) for page in merged.pages]
    keys += [int(a.StructParent) for page in merged.pages for a in page.obj.get("/Annots", [])]
    assert len(keys) == len(set(keys))
    numbers = parent_tree(merged.Root.StructTreeRoot)
    assert set(keys) <= set(numbers)
    assert int(merged.Root.StructTreeRoot.ParentTreeNextKey) > max(keys)


def test_ids_stay_unique_and_cells_follow_their_headers(parts):
    opened = [pdf_of(part) for part in parts[1:]]
    own = [{bytes(e.ID) for e in read_tree(pdf).elements if "/ID" in e} for pdf in opened]
    assert own[0] & own[1]  # WeasyPrint numbers header IDs per file: they collide
    merged = pdf_of(merge_tagged(parts))
    tree = read_tree(merged)
    ids = [bytes(e.ID) for e in tree.elements if "/ID" in e]
    assert len(ids) == 4 and len(set(ids)) == 4
    named = {bytes(e.ID): e for e in tree.elements if "/ID" in e}
    id_tree = merged.Root.StructTreeRoot.IDTree.Names
    assert {bytes(id_tree[i]) for i in range(0, len(id_tree), 2)} == set(named)
    for table in (e for e in tree.elements if tree.types[e.objgen] == "Table"):
        inside = {e.objgen for e in tree.elements if _below(e, table)}
        for cell in (e for e in tree.elements if tree.types[e.objgen] == "TD" and
                     e.objgen in inside):
            for header in cell.A.Headers:
                assert named[bytes(header)].objgen in inside  # its own table's header


def _below(element, ancestor) -> bool:
    while "/P" in element and element.P.get("/Type") == "/StructElem":
        element = element.P
        if element.objgen == ancestor.objgen:
            return True
    return False


def test_blank_pages_are_in_the_parent_tree(parts):
    plain = pdf_of(merge_tagged(parts))
    merged = pdf_of(merge_tagged(parts, blank_after={0: 1}))
    assert len(merged.pages) == len(plain.pages) + 1
    blank = merged.pages[len(pdf_of(parts[0]).pages)]
    assert list(parent_tree(merged.Root.StructTreeRoot)[int(blank.obj.StructParents)]) == []
    assert check_structure(merged).findings == []


def with_role_map(data: bytes, role: str) -> bytes:
    """The part with its first P typed /Custom, mapped to `role`."""
    pdf = pdf_of(data)
    pdf.Root.StructTreeRoot.RoleMap = Dictionary(Custom=Name("/" + role))
    tree = read_tree(pdf)
    next(e for e in tree.elements if tree.types[e.objgen] == "P").S = Name.Custom
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_role_maps_merge_and_a_clash_is_renamed(parts):
    merged = pdf_of(merge_tagged([with_role_map(parts[0], "P"), with_role_map(parts[2], "Span")]))
    role_map = merged.Root.StructTreeRoot.RoleMap
    assert dict(role_map.items()) == {"/Custom": Name.P, "/Custom_2": Name.Span}
    customs = [str(e.S) for e in read_tree(merged).elements if str(e.S).startswith("/Custom")]
    assert customs == ["/Custom", "/Custom_2"]


def test_an_untagged_part_is_refused(parts):
    pdf = pdf_of(parts[1])
    del pdf.Root.StructTreeRoot
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(BuildError):
        merge_tagged([parts[0], out.getvalue()])


def test_pypdf_alone_would_lose_the_tree(parts):
    """Why the merge is pikepdf's: pypdf's append drops the tree and /StructParents."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    assert {"struct-parents", "tree-shape"} <= check_structure(out.getvalue()).rules()
