"""Tagged parts: WeasyPrint's structure tree stamped (weasytags.py) and tidied (tags.py), on small documents where each fault of the raw tree is made to happen first."""

from __future__ import annotations

import io

import pikepdf
import pytest

from pressroom.checks.structure import check_structure, read_content, read_tree
from pressroom.exceptions import BuildError
from pressroom.typeset import weasytags
from tagged import paragraph, part_pdf, raw_pdf

COLUMNS = ".cols { columns: 2; column-gap: 4mm; }"


def types(pdf) -> list[str]:
    tree = read_tree(pdf)
    return [tree.types[e.objgen] for e in tree.elements]


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def test_a_paragraph_across_columns_and_pages_is_one_p(tmp_path):
    texts = [paragraph(1400, 0), paragraph(40, 3), paragraph(1600, 7)]
    html = '<div class="cols">' + "".join(f"<p>{t}</p>" for t in texts) + "</div>"
    raw = open_pdf(raw_pdf(html, tmp_path, css=COLUMNS))
    assert len(raw.pages) >= 2
    assert types(raw).count("P") > len(texts)  # the raw tree splits them
    report = check_structure(part_pdf(html, tmp_path, css=COLUMNS))
    assert report.paragraphs == texts
    assert report.findings == []


def test_a_margin_box_becomes_a_pagination_artifact(tmp_path):
    css = "@page { @top-center { content: element(head); } } .head { position: running(head); }"
    html = f'<div class="head">页眉</div><p>{paragraph(30)}</p>'
    raw = check_structure(raw_pdf(html, tmp_path, css=css))
    assert "orphan-content" in raw.rules()  # WeasyPrint leaves the running head orphaned
    pdf = open_pdf(part_pdf(html, tmp_path, css=css))
    assert check_structure(pdf).findings == []
    page = pdf.pages[0].obj.Contents.read_bytes()
    assert page.count(b"/Artifact <</Type /Pagination>> BDC") == 1


def test_data_tag_renames_dissolves_and_makes_decoration(tmp_path):
    html = """<div data-tag="TOC"><div data-tag="TOCI"><p>目录一</p></div></div>
    <div data-tag="-"><p>正文一</p></div>
    <div data-tag="Artifact"><span>图片待补</span></div><p>说明</p>"""
    data = part_pdf(html, tmp_path)
    pdf = open_pdf(data)
    assert types(pdf) == ["Document", "TOC", "TOCI", "P", "P", "P"]
    report = check_structure(pdf)
    assert report.findings == [] and report.paragraphs == ["目录一", "正文一", "说明"]
    content = read_content(pdf)
    assert "图片待补" not in "".join(content.text.values())  # no element holds it
    assert b"/Artifact BMC" in pdf.pages[0].obj.Contents.read_bytes()


def test_lang_reaches_the_structure_element_and_plain_spans_dissolve(tmp_path):
    html = '<p>中文<span class="x">正文</span><span lang="en">ABC def</span>标题</p>'
    pdf = open_pdf(part_pdf(html, tmp_path))
    tree = read_tree(pdf)
    spans = [e for e in tree.elements if tree.types[e.objgen] == "Span"]
    assert len(spans) == 1 and str(spans[0].Lang) == "en"
    assert check_structure(pdf).paragraphs == ["中文正文ABC def标题"]


def test_a_block_link_keeps_one_annotation_in_its_link_element(tmp_path):
    html = """<a href="https://example.org/" style="display: block">
      <span style="display: block"><span>目录</span><span>一</span></span></a>"""
    raw = open_pdf(raw_pdf(html, tmp_path))
    assert len(raw.pages[0].obj.Annots) > 1  # one annotation per box of the link
    pdf = open_pdf(part_pdf(html, tmp_path))
    [annot] = pdf.pages[0].obj.Annots
    tree = read_tree(pdf)
    element, _ = tree.objrs[annot.objgen]
    assert tree.types[element.objgen] == "Link"
    assert [f.rule for f in check_structure(pdf).findings] == []


def test_a_table_keeps_its_empty_cells(tmp_path):
    html = "<table><tr><th scope='row'>甲</th><td>乙</td></tr>" \
           "<tr><th scope='row'></th><td>丙</td></tr></table>"
    pdf = open_pdf(part_pdf(html, tmp_path))
    assert types(pdf).count("TH") == 2 and types(pdf).count("TR") == 2


def flat(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def test_no_stamp_is_left(tmp_path):
    assert b"/PressroomKey" in raw_pdf("<p data-tag='P'>正文</p>", tmp_path)
    pdf = open_pdf(part_pdf("<p data-tag='P'>正文</p>", tmp_path))
    assert b"/PressroomKey" not in flat(pdf) and b"/PressroomTag" not in flat(pdf)
    assert pdf.pdf_version == "1.7" and pdf.Root.MarkInfo.Marked is True


def test_no_pdf_2_namespace_is_left_in_a_1_7_file(tmp_path):
    """WeasyPrint 70 writes PDF 2.0 namespaces when no version is given."""
    assert b"/Namespaces" in raw_pdf("<p>正文</p>", tmp_path, version=None)
    pdf = open_pdf(part_pdf("<p>正文</p>", tmp_path, version=None))
    assert b"/Namespaces" not in flat(pdf) and b"/NS " not in flat(pdf)


def test_the_builder_is_wrapped_only_while_writing(tmp_path):
    from weasyprint.pdf import tags
    original = tags._build_box_tree
    with pytest.raises(RuntimeError):
        with weasytags.stamping():
            assert tags._build_box_tree is not original
            raise RuntimeError
    assert tags._build_box_tree is original


def test_another_weasyprint_version_is_refused(monkeypatch):
    import weasyprint
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(BuildError) as caught:
        with weasytags.stamping():
            pass
    [problem] = caught.value.problems
    assert problem.rule == "weasyprint-version" and "71.0" in problem.message


def test_a_changed_tree_builder_is_refused(monkeypatch):
    from weasyprint.pdf import tags
    monkeypatch.setattr(tags, "_build_box_tree", lambda box, parent, pdf, page_number: None)
    with pytest.raises(BuildError):
        with weasytags.stamping():
            pass


def test_a_table_row_cut_by_a_page_break_is_one_row(tmp_path):
    cells = [paragraph(60, 0), paragraph(900, 5), paragraph(40, 9)]
    html = "<table>" + "".join(f"<tr><th scope='row'>甲{i}</th><td><p>{text}</p></td></tr>"
                               for i, text in enumerate(cells)) + "</table>"
    raw = open_pdf(raw_pdf(html, tmp_path))
    assert len(raw.pages) >= 2 and types(raw).count("TR") > len(cells)
    pdf = open_pdf(part_pdf(html, tmp_path))
    tree = read_tree(pdf)
    rows = [e for e in tree.elements if tree.types[e.objgen] == "TR"]
    assert [[tree.types[c.objgen] for c in row.K] for row in rows] == [["TH", "TD"]] * 3
    assert check_structure(pdf).paragraphs == cells
