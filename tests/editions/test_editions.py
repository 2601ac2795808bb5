"""Print and archive editions, checked on the produced files.

veraPDF cannot be installed here, so each PDF/A requirement the issue names is a test
of its own on the archive files (ISO 19005-2/-3 clause in the test's docstring).
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from importlib.resources import files

import pypdfium2 as pdfium
import pikepdf
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from pdfread import pdftotext_pages, read_lines
from pressroom.project.config import mm_to_pt
from pressroom.editions.xmp import xmp_date
from pressroom.editions.impose import impose
from pressroom.editions.marks import BLEED_MM, MM, SLUG_MM

BLEED = BLEED_MM * MM
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
      "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
      "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#"}


def box(rect) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in (rect.left, rect.bottom, rect.right, rect.top))


def walk(reader: PdfReader):
    """Every object reachable from the trailer, once (indirect objects by number)."""
    seen, stack = set(), [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        yield obj
        if isinstance(obj, DictionaryObject):
            stack += [v for k, v in obj.items() if k != "/Parent"]
        elif isinstance(obj, ArrayObject):
            stack += list(obj)


# -- every edition ------------------------------------------------------------------

def all_outputs(editions):
    return sorted(p for p in editions.out.rglob("*.pdf") if ".cache" not in p.parts
                  and "proofs" not in p.parts)


def test_every_page_of_every_output_has_its_contents(editions):
    """A page whose /Contents names a missing object shows blank (it happened to the
    cover once, through pypdf's duplicate merging)."""
    outputs = all_outputs(editions)
    assert len(outputs) >= 7
    for path in outputs:
        for number, page in enumerate(PdfReader(path).pages, 1):
            if "/Contents" in page:
                assert page.get_contents() is not None, f"{path.name} page {number}"


def test_every_output_passes_qpdf_check(editions):
    for path in all_outputs(editions) + [editions.pdfa2]:
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, f"{path.name}: {check.stdout}{check.stderr}"
        assert "WARNING" not in check.stdout + check.stderr, path.name


def test_every_output_passes_pikepdfs_checks(editions):
    """pikepdf sees what qpdf --check does not, e.g. an annotation listed twice in a
    page's /Annots (the contents page had 12 such duplicates)."""
    for path in all_outputs(editions) + [editions.pdfa2]:
        with pikepdf.open(path) as pdf:
            assert pdf.check_pdf_syntax() == [], path.name
            for page in pdf.pages:
                annots = [a.objgen for a in page.obj.get("/Annots", [])]
                assert len(annots) == len(set(annots)), path.name


# -- print --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed(editions):
    return PdfReader(editions.print)


def test_print_pages_are_a_multiple_of_four_padded_before_the_colophon(editions, printed):
    screen = pdftotext_pages(editions.screen)
    pages = pdftotext_pages(editions.print)
    assert len(pages) % 4 == 0 and 0 <= len(pages) - len(screen) < 4
    padding = len(pages) - len(screen)
    assert "版本记录" in pages[-1]
    # cover, contents and every article page as on screen: no blank page in an article
    # (the contents differ only in the colophon's page number)
    for index in range(2, len(screen) - 1):
        assert pages[index] == screen[index], f"page {index + 1}"
    for index in range(len(screen) - 1, len(screen) - 1 + padding):
        assert "".join(pages[index].split()).startswith("记事"), f"page {index + 1}"


def test_print_contents_give_the_colophon_its_printed_folio(printed):
    labels = printed.page_labels
    contents = printed.pages[1].extract_text()
    number = re.search(r"版本记录\D*(\d+)", contents)[1]
    assert labels[-1] == number


def test_print_boxes_on_every_page(printed):
    width, height = mm_to_pt(210), mm_to_pt(297)
    slug = SLUG_MM * MM
    for number, page in enumerate(printed.pages, 1):
        trim = box(page.trimbox)
        assert trim == pytest.approx((0, 0, width, height), abs=0.01), number
        assert box(page.bleedbox) == pytest.approx(
            (-BLEED, -BLEED, width + BLEED, height + BLEED), abs=0.01), number
        assert box(page.mediabox) == pytest.approx(
            (-slug, -slug, width + slug, height + slug), abs=0.01), number
        assert "/TrimBox" in page and "/BleedBox" in page


def render(path, index, dpi=72):
    pdf = pdfium.PdfDocument(str(path))
    image = pdf[index].render(scale=dpi / 72, may_draw_forms=False).to_pil().convert("RGB")
    pdf.close()
    return image


def test_print_cover_field_runs_into_the_bleed_and_marks_stand_outside(editions):
    image = render(editions.print, 0, dpi=144)  # 2 px = 1 pt; MediaBox starts at -slug
    slug = SLUG_MM * MM
    red = (176, 25, 30)

    def at(x, y):  # trim coordinates, y up → pixel
        return image.getpixel((round(2 * (x + slug)), round(image.height - 2 * (y + slug))))

    def ink(x, y):  # darkest pixel around a point: hairlines fall between pixels
        return min(sum(image.getpixel((round(2 * (x + slug)) + i,
                                       round(image.height - 2 * (y + slug)) + j)))
                   for i in (-1, 0, 1) for j in (-1, 0, 1))

    width, height = mm_to_pt(210), mm_to_pt(297)
    near = lambda c: all(abs(a - b) < 30 for a, b in zip(c, red))  # noqa: E731
    assert near(at(width / 2, height + BLEED - 2)), "red field in the top bleed"
    assert near(at(-BLEED + 2, height - 100)), "red field in the left bleed"
    assert near(at(width + BLEED - 2, height - 100)), "red field in the right bleed"
    assert at(width / 2, height + BLEED + 3) == (255, 255, 255), "nothing beyond the bleed"
    assert at(-BLEED - 3, height - 100) == (255, 255, 255)
    # crop marks: outside the bleed, on the trim lines, at each corner
    for x, y, dx, dy in ((0, 0, 0, -1), (width, 0, 0, -1), (0, height, 0, 1),
                         (width, height, 0, 1), (0, 0, -1, 0), (width, height, 1, 0)):
        mark = [ink(x + dx * d, y + dy * d) for d in range(round(BLEED) + 2, round(slug) - 1)]
        assert min(mark) < 400, f"crop mark at ({x:.0f}, {y:.0f})"


def test_print_folios_sit_where_the_screen_folios_sit(editions):
    foot = mm_to_pt(20)

    def folios(path):
        return [(line.page, line.text, round(line.x0, 1), line.baseline)
                for line in read_lines(path) if line.baseline < foot
                and re.fullmatch(r"\d+|[ivx]+", line.text.strip())]

    screen, printed = folios(editions.screen), folios(editions.print)
    body = [f for f in screen if f[0] < len(PdfReader(editions.screen).pages) - 1]
    assert body and printed[:len(body)] == body


def test_the_print_edition_imposes_without_added_pages(editions, printed):
    result = impose(editions.print.read_bytes())
    assert result.blanks == 0 and not result.warnings
    assert result.sheets == len(printed.pages) // 4
    # PDF/X-4 is defined on PDF 1.6 (pypdf would declare 1.3); the imposition stays X-4
    assert editions.print.read_bytes().startswith(b"%PDF-1.6")
    assert result.pdf.startswith(b"%PDF-1.6")


# -- archive ------------------------------------------------------------------------

ARCHIVES = ["booklet-3a", "booklet-2a", "article-3a", "article-2a"]


@pytest.fixture(scope="module", params=ARCHIVES)
def archive(request, editions):
    kind, variant = request.param.split("-")
    slug = sorted(editions.archive_articles)[0]
    path = {("booklet", "3a"): editions.archive, ("booklet", "2a"): editions.pdfa2,
            ("article", "3a"): editions.archive_articles[slug],
            ("article", "2a"): editions.pdfa2_articles[slug]}[kind, variant]
    return {"path": path, "reader": PdfReader(path), "part": variant[0], "kind": kind,
            "slug": slug}


def xmp(reader) -> ET.Element:
    stream = reader.trailer["/Root"]["/Metadata"].get_object()
    return ET.fromstring(stream.get_data())


def test_pdfa_header_is_version_1_7_with_a_binary_comment(archive):
    """6.1.2: %PDF-1.n, then a comment line of at least four bytes above 127."""
    head = archive["path"].read_bytes()[:32]
    assert head.startswith(b"%PDF-1.7\n%")
    comment = head.split(b"\n")[1]
    assert len(comment) >= 5 and all(b > 127 for b in comment[1:5])


def test_pdfa_file_identifier(archive):
    """6.1.3: the trailer has an /ID of two byte strings."""
    ids = archive["reader"].trailer["/ID"]
    assert len(ids) == 2 and all(len(bytes(i.original_bytes)) == 16 for i in ids)


def test_pdfa_no_encryption_javascript_or_external_references(archive):
    """6.1.3 no /Encrypt; 6.6.1 no JavaScript, Launch or other forbidden actions;
    6.1.7 no external streams; 6.2.9 no reference XObjects."""
    reader = archive["reader"]
    assert "/Encrypt" not in reader.trailer
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/JavaScript" not in root.get("/Names", {})
    for obj in walk(reader):
        if isinstance(obj, DictionaryObject):
            assert obj.get("/S") not in ("/JavaScript", "/Launch", "/URI", "/GoToR",
                                         "/ImportData", "/SubmitForm", "/ResetForm",
                                         "/Sound", "/Movie", "/Rendition"), obj
            assert "/JS" not in obj and "/AA" not in obj
            assert "/Ref" not in obj or obj.get("/Subtype") != "/Form"
        if isinstance(obj, StreamObject):
            assert "/F" not in obj and "/FFilter" not in obj


def test_pdfa_xmp_identifies_the_part_and_conformance(archive):
    """6.6.4: pdfaid:part and pdfaid:conformance (A: the file is tagged) in the XMP
    packet; PDF/UA-1 declared too, with the extension schema PDF/A asks for pdfuaid
    (6.6.2.3.1)."""
    meta = xmp(archive["reader"])
    assert meta.findtext(".//pdfaid:part", namespaces=NS) == archive["part"]
    assert meta.findtext(".//pdfaid:conformance", namespaces=NS) == "A"
    assert meta.findtext(".//pdfuaid:part", namespaces=NS) == "1"
    schemas = [(li.findtext("pdfaSchema:prefix", namespaces=NS),
                li.findtext("pdfaSchema:namespaceURI", namespaces=NS))
               for li in meta.findall(".//pdfaExtension:schemas/rdf:Bag/rdf:li", NS)]
    assert schemas == [("pdfuaid", NS["pdfuaid"])]
    stream = archive["reader"].trailer["/Root"]["/Metadata"].get_object()
    assert stream["/Type"] == "/Metadata" and stream["/Subtype"] == "/XML"
    assert "/Filter" not in stream  # readable as it stands
    assert stream.get_data().startswith(b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>')
    assert stream.get_data().rstrip().endswith(b'<?xpacket end="w"?>')


def test_pdfa_xmp_matches_the_document_information(archive, built):
    """6.6.2.3: every document information entry equals its XMP property; Dublin Core
    title, creator, description and language are there."""
    reader = archive["reader"]
    info, meta = reader.metadata, xmp(reader)
    text = lambda path: meta.findtext(path, namespaces=NS)  # noqa: E731
    assert text(".//dc:title/rdf:Alt/rdf:li") == info["/Title"]
    assert [li.text for li in meta.findall(".//dc:creator/rdf:Seq/rdf:li", NS)] == [
        info["/Author"]]
    assert text(".//dc:description/rdf:Alt/rdf:li") == info["/Subject"] != ""
    assert text(".//dc:language/rdf:Bag/rdf:li") == "zh-CN"
    assert text(".//pdf:Keywords") == info["/Keywords"]
    assert text(".//pdf:Producer") == info["/Producer"]
    assert text(".//xmp:CreatorTool") == info["/Creator"]
    assert text(".//xmp:CreateDate") == xmp_date(info["/CreationDate"])
    assert text(".//xmp:ModifyDate") == xmp_date(info["/ModDate"])
    assert info["/CreationDate"].startswith("D:" + built.project.booklet.date.strftime("%Y%m%d"))
    if archive["kind"] == "booklet":
        assert info["/Title"] == built.project.booklet.title
    else:
        assert info["/Title"] == built.articles[archive["slug"]].title
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_xmp_dates_keep_their_instant():
    assert xmp_date("D:20261123000000Z") == "2026-11-23T00:00:00Z"
    assert xmp_date("D:20261123083000+08'00'") == "2026-11-23T08:30:00+08:00"


def test_pdfa_output_intent_with_embedded_srgb_profile(archive):
    """6.2.3: one PDF/A output intent whose DestOutputProfile is an embedded ICC profile."""
    intents = archive["reader"].trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"]
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    data = profile.get_data()
    assert data[36:40] == b"acsp" and data[16:20] == b"RGB "
    assert data == (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()


def fonts_of(resources, seen=None):
    """Font dictionaries of a resource dictionary, forms and patterns included."""
    seen = seen if seen is not None else set()
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for kind in ("/XObject", "/Pattern"):
        for ref in (resources.get(kind) or {}).values():
            obj = ref.get_object()
            if id(obj) in seen or "/Resources" not in obj:
                continue
            seen.add(id(obj))
            yield from fonts_of(obj["/Resources"], seen)


def test_pdfa_every_font_is_embedded(archive):
    """6.2.11.4.1: every font program is embedded."""
    count = 0
    for page in archive["reader"].pages:
        for font in fonts_of(page.get("/Resources")):
            count += 1
            fonts = [d.get_object() for d in font["/DescendantFonts"]] \
                if font["/Subtype"] == "/Type0" else [font]
            for inner in fonts:
                if inner["/Subtype"] == "/Type3":
                    continue  # drawn by its own glyph procedures
                descriptor = inner["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                    inner["/BaseFont"]
    assert count > 0


def operators(page):
    from pypdf.generic import ContentStream
    contents = page.get_contents()
    return [op for _, op in ContentStream(contents, page.pdf).operations] if contents else []


def test_pdfa_colours_are_covered_by_the_rgb_output_intent(archive):
    """6.2.4.3: with an RGB output intent, no DeviceCMYK; q nesting stays within the
    implementation limit of 28 (6.1.13)."""
    for number, page in enumerate(archive["reader"].pages, 1):
        depth = deepest = 0
        for op in operators(page):
            assert op not in (b"k", b"K"), f"CMYK colour on page {number}"
            depth += (op == b"q") - (op == b"Q")
            deepest = max(deepest, depth)
        assert deepest <= 28, f"page {number}: q nesting {deepest}"
    for obj in walk(archive["reader"]):
        if isinstance(obj, (DictionaryObject, ArrayObject)):
            assert "/DeviceCMYK" not in [str(v) for v in
                                         (obj.values() if isinstance(obj, dict) else obj)]


def test_pdfa_annotations_print_and_are_not_hidden(archive):
    """6.3.2: every annotation has /F with Print set and Hidden/Invisible/NoView clear."""
    count = 0
    for page in archive["reader"].pages:
        for ref in page.get("/Annots", []) or []:
            flags = ref.get_object().get("/F", 0)
            assert flags & 4 and not flags & (1 | 2 | 32)
            count += 1
    assert count > 0 or archive["kind"] == "article"  # the contents' links


def test_archive_text_is_the_booklet_text(archive, editions, built):
    source = editions.screen if archive["kind"] == "booklet" else \
        built.article_pdfs[archive["slug"]]
    screen, kept = pdftotext_pages(source), pdftotext_pages(archive["path"])
    assert len(kept) == len(screen)
    assert kept[:-1] == screen[:-1]  # the colophon says which edition it is


def embedded(reader) -> dict[str, DictionaryObject]:
    names = reader.trailer["/Root"].get("/Names", {}).get("/EmbeddedFiles")
    if names is None:
        return {}
    pairs = names.get_object()["/Names"]
    return {str(pairs[i]): pairs[i + 1].get_object() for i in range(0, len(pairs), 2)}


def test_pdfa_3a_carries_sources_as_associated_files(archive, built):
    """ISO 19005-3 6.8: each embedded file is an associated file (/AF) with
    /AFRelationship, a MIME /Subtype and /Params with /ModDate."""
    reader = archive["reader"]
    files_ = embedded(reader)
    root = reader.trailer["/Root"]
    if archive["part"] == "2":
        assert files_ == {} and "/AF" not in root
        return
    slugs = sorted(built.articles) if archive["kind"] == "booklet" else [archive["slug"]]
    expected = {}
    for slug in slugs:
        article = built.articles[slug]
        folder = article.path.parent
        for path in (folder / article.source, article.path, folder / article.corrections):
            expected[f"{slug}.{path.name}"] = path.read_bytes()
    assert sorted(files_) == sorted(expected)
    af = [ref.get_object() for ref in root["/AF"]]
    assert len(af) == len(expected)
    for name, spec in files_.items():
        assert spec in af
        assert spec["/AFRelationship"] == "/Source"
        assert spec["/F"] == spec["/UF"] == name and spec["/Desc"]
        stream = spec["/EF"]["/F"].get_object()
        assert stream.get_data() == expected[name], f"{name} embedded as received"
        assert stream["/Type"] == "/EmbeddedFile"
        assert stream["/Subtype"] in ("/text/plain", "/text/markdown", "/application/yaml")
        assert stream["/Params"]["/ModDate"].startswith("D:")
        assert stream["/Params"]["/Size"] == len(expected[name])


def test_source_embedded_byte_for_byte_even_when_not_utf8(project, tmp_path):
    from pressroom.editions.archive import article_sources
    from pressroom.project.manuscript import read_article
    article = read_article(project / "manuscripts" / "bashan-yushui" / "article.md")
    source = article.path.parent / article.source
    source.write_bytes("来稿".encode("gb18030"))
    (attachment, *_) = article_sources(article)
    assert attachment.data == "来稿".encode("gb18030")


def test_archive_edition_refused_when_the_audit_fails(project, capsys):
    from pressroom.cli import main
    manuscript = project / "manuscripts" / "bashan-yushui" / "article.md"
    text = manuscript.read_text(encoding="utf-8")
    manuscript.write_text(text.replace("骤降的气温", "骤降的温度"), encoding="utf-8")
    assert main(["build", "-q", "-C", str(project), "--edition", "archive"]) == 1
    err = capsys.readouterr().err
    assert "archive edition is refused" in err and "article.md" in err
    assert not (project / "build" / "booklet-archive.pdf").exists()


def test_archive_refusal_says_what_fixes_the_problems_found(project):
    """The editor's report: after import --add the refusal said to run record, which
    cannot write a reason. The hint follows the problems' rules: TODO reasons are to be
    written in the record, at their lines; unrecorded changes are to be recorded."""
    from types import SimpleNamespace

    from pressroom.editions.archive import refuse
    from pressroom.exceptions import BuildError
    record = project / "manuscripts" / "bashan-yushui" / "corrections.yml"
    text = record.read_text(encoding="utf-8")
    reason = 'reason: "别字：“这副……画卷”，画卷的量词应作“幅”。"'
    record.write_text(text.replace(reason, 'reason: "TODO 请写明理由"', 1), encoding="utf-8")
    fake = SimpleNamespace(booklet=SimpleNamespace(root=project))
    with pytest.raises(BuildError) as refused:
        refuse(fake)
    hint = refused.value.problems[-1].hint
    assert "write the reason in place of TODO in " in hint and "corrections.yml (line " in hint
    assert "pressroom record" not in hint
    entry = text[:text.index(reason)].rfind("- kind:")
    assert f"(line {text[:entry].count(chr(10)) + 1})" in hint, hint  # the entry's line
    manuscript = project / "manuscripts" / "bashan-yushui" / "article.md"
    manuscript.write_text(manuscript.read_text(encoding="utf-8").replace("骤降的气温", "骤降的温度"),
                          encoding="utf-8")
    with pytest.raises(BuildError) as refused:
        refuse(fake)
    hint = refused.value.problems[-1].hint
    assert 'record the changes (pressroom record --reason "…") or undo them' in hint
    assert hint.index("in place of TODO") < hint.index("record the changes")
