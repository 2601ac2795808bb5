"""The structure checks (checks/structure.py): silent on a sound tagged file, and each rule found, alone, in a copy broken for it."""

from __future__ import annotations

import io

import pikepdf
import pytest
from PIL import Image
from pikepdf import Array, Dictionary, Name

from pressroom.checks.structure import check_structure, parent_tree, read_tree
from tagged import part_pdf

HTML = """<h1>标题</h1><p>正文一二三</p><p><a href="https://example.org/">目录</a></p>
<p><img src="picture.png" alt="图片说明" style="width: 20mm"></p><h2>说明</h2><p>甲乙</p>"""


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("structure")
    Image.new("RGB", (40, 30), (120, 30, 30)).save(folder / "picture.png")
    return part_pdf(HTML, folder)


def elements(pdf, kind: str) -> list:
    tree = read_tree(pdf)
    return [e for e in tree.elements if tree.types[e.objgen] == kind]


def first_mcid(element) -> int:
    return next(int(k) for k in element.K if isinstance(k, int))


def content(pdf) -> pikepdf.Stream:
    page = pdf.pages[0]
    page.contents_coalesce()
    return page.obj.Contents


def break_struct_parents(pdf):
    del pdf.pages[0].obj.StructParents


def break_orphan(pdf):
    p = elements(pdf, "P")[0]
    p.K = Array([k for k in p.K if not isinstance(k, int)])


def break_missing(pdf):
    elements(pdf, "P")[0].K.append(999)


def break_parent_tree(pdf):
    first, second = elements(pdf, "P")[:2]
    entry = parent_tree(pdf.Root.StructTreeRoot)[int(pdf.pages[0].obj.StructParents)]
    entry[first_mcid(first)] = second


def break_tree_shape(pdf):
    elements(pdf, "P")[0].P = pdf.Root.StructTreeRoot


def break_heading_skip(pdf):
    elements(pdf, "H1")[0].S = Name.H3


def break_heading_empty(pdf):
    [document] = pdf.Root.StructTreeRoot.K
    document.K.append(pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.H2,
                                                   P=document, K=Array())))


def break_figure_alt(pdf):
    del elements(pdf, "Figure")[0].Alt


def break_link_tag(pdf):
    elements(pdf, "Link")[0].S = Name.Span


def break_link_contents(pdf):
    del pdf.pages[0].obj.Annots[0].Contents


def break_untagged(pdf):
    stream = content(pdf)
    stream.write(stream.read_bytes() + b"\nq 0 0 10 10 re f Q\n")


def break_in_artifact(pdf):
    stream = content(pdf)
    stream.write(b"/Artifact BMC\n" + stream.read_bytes() + b"\nEMC\n")


BREAKS = {"struct-parents": break_struct_parents, "orphan-content": break_orphan,
          "missing-content": break_missing, "parent-tree": break_parent_tree,
          "tree-shape": break_tree_shape, "heading-skip": break_heading_skip,
          "heading-empty": break_heading_empty, "figure-alt": break_figure_alt,
          "link-tag": break_link_tag, "link-contents": break_link_contents,
          "untagged-content": break_untagged, "tagged-in-artifact": break_in_artifact}


def test_a_sound_file_has_no_findings(sound):
    report = check_structure(sound)
    assert report.findings == []
    assert report.paragraphs == ["正文一二三", "目录", "", "甲乙"]  # the third holds the image
    assert report.headings == [(1, "标题"), (2, "说明")]
    assert report.figures == ["图片说明"]


@pytest.mark.parametrize("rule", BREAKS)
def test_each_rule_finds_its_fault_alone(sound, rule):
    pdf = pikepdf.open(io.BytesIO(sound))
    BREAKS[rule](pdf)
    out = io.BytesIO()
    pdf.save(out)
    report = check_structure(out.getvalue())
    assert report.rules() == {rule}, report.summary()
    assert all(f.page == 1 for f in report.findings if f.page is not None)


def test_an_untagged_file_fails_from_the_start():
    from synthetic import text_pdf
    rules = check_structure(text_pdf(["正文"])).rules()
    assert {"tree-shape", "struct-parents", "untagged-content"} <= rules
