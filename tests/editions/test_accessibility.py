"""Tagged output, end to end: every PDF of the real project (and of a generated 10-article anthology) passes page-validation's PDF/UA-1 and, for the archive, PDF/A-2a/3a; its structure tree reaches all of its content and reads the manuscripts in order."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil

import page
import pikepdf
import pytest
from PIL import Image

from conftest import ROOT
from minis import copy_project, edit
from pressroom.build import build
from pressroom.checks.structure import check_structure, read_content, read_tree
from pressroom.editions.impose import impose
from pressroom.project.load import load_project
from pressroom.project.manuscript import Paragraph, Story, Subhead

CONFORMANCE_ID = "PDFA2B-ID-CONFORMANCE-001"  # the one 2b rule a level-A file fails


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)  # U+3000 included: the layout adds spaces of its own


def failures(path, profile: str) -> tuple[set[str], object]:
    report = page.validate_pdf(str(path), profile=profile)
    return {f.rule_id for f in report.failures}, report


def screen_files(built) -> list:
    return [built.booklet, *built.article_pdfs.values()]


def archive_files(editions) -> dict[str, list]:
    return {"2a": [editions.pdfa2, *editions.pdfa2_articles.values()],
            "3a": [editions.archive, *editions.archive_articles.values()]}


# -- validators --------------------------------------------------------------------------

def test_booklet_articles_and_print_pass_pdf_ua_1(built, editions):
    for path in screen_files(built) + [editions.print]:
        failed, report = failures(path, "ua1")
        assert failed == set() and report.rules.passed == report.rules.total > 100, path


@pytest.mark.parametrize("profile", ["2a", "3a"])
def test_the_archive_passes_pdf_a_level_a_and_pdf_ua_1(editions, profile):
    for path in archive_files(editions)[profile]:
        for each in (profile, "ua1"):
            failed, report = failures(path, each)
            assert failed == set() and report.rules.failed == 0, (path, each)


def test_the_level_a_archive_passes_every_other_2b_rule(editions):
    """A 2a file is 2b as well; the 2b profile reads the declared level, and only that."""
    for path in archive_files(editions)["2a"]:
        failed, report = failures(path, "2b")
        assert failed == {CONFORMANCE_ID} and report.rules.failed == 1, path
        assert report.rules.passed == report.rules.total - 1 > 100


def test_a_file_with_a_flaw_fails_the_validator(built, tmp_path):
    """The profiles do look at the tree: the booklet without its MarkInfo fails."""
    pdf = pikepdf.open(built.booklet)
    del pdf.Root.MarkInfo
    pdf.save(tmp_path / "flawed.pdf")
    assert failures(tmp_path / "flawed.pdf", "ua1")[0]


def test_every_pdf_declares_pdf_ua_1_its_title_and_language(built, editions):
    for path in screen_files(built) + [editions.print, editions.archive, editions.pdfa2]:
        pdf = pikepdf.open(path)
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1" and meta["dc:title"]
        assert str(pdf.Root.Lang) == "zh-CN" and pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        # PDF/UA-1 rests on PDF 1.7; PDF/X-4 (the print file) is PDF 1.6, which has
        # everything tagging uses (structure tree, marked content, /Lang).
        assert pdf.pdf_version == ("1.6" if path == editions.print else "1.7"), path


# -- structure ---------------------------------------------------------------------------

def test_every_output_reaches_all_its_content(built, editions):
    paths = screen_files(built) + [editions.print] + \
        [p for paths in archive_files(editions).values() for p in paths]
    for path in paths:
        report = check_structure(path)
        assert report.findings == [], f"{path}\n{report.summary()}"


def manuscript_paragraphs(article) -> list[str]:
    return [squeeze(p.text) for p in article.lead] + \
        [squeeze(b.text) for b in article.blocks if isinstance(b, Paragraph)]


def assert_reads_in_order(paragraphs: list[str], expected: list[str]) -> None:
    """The manuscripts' paragraphs are P elements in order, each whole and once."""
    texts = [squeeze(t) for t in paragraphs]
    wanted = set(expected)
    # A paragraph split at a column or page break would be missing here (its pieces
    # are other texts); one read twice would be here twice.
    assert [t for t in texts if t in wanted] == expected


def test_the_tree_reads_each_article_in_manuscript_order(built):
    for slug, article in built.articles.items():
        report = check_structure(built.article_pdfs[slug])
        assert_reads_in_order(report.paragraphs, manuscript_paragraphs(article))


def test_the_tree_reads_the_booklet_in_order(built, editions):
    expected = [p for article in built.project.articles for p in manuscript_paragraphs(article)]
    for path in (built.booklet, editions.print, editions.archive):
        assert_reads_in_order(check_structure(path).paragraphs, expected)


def article_headings(article) -> list[tuple[int, str]]:
    """The title H1, story heads H2, subheads one level below their story (or the title)."""
    out, in_story = [(1, article.title)], False
    for block in article.blocks:
        if isinstance(block, Story):
            out.append((2, block.title))
            in_story = True
        elif isinstance(block, Subhead):
            out.append((3 if in_story else 2, block.text))
    return [(level, squeeze(text)) for level, text in out]


def test_headings_come_in_order_without_skipping(built):
    booklet = built.project.booklet
    report = check_structure(built.booklet)
    expected = [(1, squeeze(booklet.title)), (1, "目录")] + \
        [h for article in built.project.articles for h in article_headings(article)] + \
        [(1, "版本记录")]
    assert [(level, squeeze(text)) for level, text in report.headings] == expected
    assert any(level == 3 for level, _ in expected)  # the real project has subheads
    for slug, article in built.articles.items():
        headings = check_structure(built.article_pdfs[slug]).headings
        assert [(level, squeeze(text)) for level, text in headings] == article_headings(article)


def element_types(path) -> list[str]:
    pdf = pikepdf.open(path)
    tree = read_tree(pdf)
    return [tree.types[e.objgen] for e in tree.elements]


def test_the_booklet_is_cover_contents_articles_colophon(built):
    pdf = pikepdf.open(built.booklet)
    tree = read_tree(pdf)
    [document] = pdf.Root.StructTreeRoot.K
    tops = [tree.types[kid.objgen] for kid in document.K]
    assert tops == ["Sect", "Sect"] + ["Art"] * len(built.articles) + ["Sect"]
    types = [tree.types[e.objgen] for e in tree.elements]
    assert types.count("TOC") == 1 + sum(bool(a.stories) for a in built.articles.values())
    assert types.count("TOCI") == len(built.articles) + 1 + \
        sum(len(a.stories) for a in built.articles.values())
    stories = sum(len(a.stories) for a in built.articles.values())
    assert types.count("Sect") == 3 + stories  # cover, contents, colophon, one per story
    figures = sum(len(a.figures) for a in built.articles.values())
    assert types.count("Caption") == figures  # all 图片待补 frames: no Figure yet
    assert types.count("Figure") == 0


def test_contents_links_sit_in_link_elements_and_say_where_they_lead(built):
    pdf = pikepdf.open(built.booklet)
    tree, content = read_tree(pdf), read_content(pdf)
    annots = list(pdf.pages[1].obj.Annots)
    assert len(annots) == 1 + len(built.articles) + \
        sum(len(a.stories) for a in built.articles.values())  # one per entry
    for annot in annots:
        element, _ = tree.objrs[annot.objgen]
        assert tree.types[element.objgen] == "Link"
        text = "".join(content.text.get((1, None, int(k)), "") for k in element.K
                       if isinstance(k, int))
        title, folio = re.fullmatch(r"(.*?)(\d+)", text).groups()
        assert str(annot.Contents) == f"{title}，第{folio}页"


def test_folios_running_heads_and_placeholders_are_artifacts(built):
    pdf = pikepdf.open(built.booklet)
    content = read_content(pdf)
    tree_text = squeeze("".join(content.text.values()))
    title = squeeze(built.project.booklet.title)
    front = 2
    for index in range(front, len(pdf.pages)):
        drawn = squeeze(content.artifacts.get(index, ""))
        assert drawn.endswith(str(index - front + 1))  # the folio, drawn last
    for index in range(front, len(pdf.pages) - 1):  # article pages carry the running head
        assert title in squeeze(content.artifacts[index])
    assert "图片待补" not in tree_text
    placeholders = sum(f.image is None for a in built.articles.values() for f in a.figures)
    assert "".join(content.artifacts.values()).count("图片待补") == placeholders


def test_latin_names_in_the_colophon_carry_their_language(built):
    pdf = pikepdf.open(built.booklet)
    tree, content = read_tree(pdf), read_content(pdf)
    last = len(pdf.pages) - 1
    tagged = {"".join(content.text.get((last, None, int(k)), "") for k in e.K
                      if isinstance(k, int))
              for e in tree.elements if str(e.get("/Lang", "")) == "en"}
    assert {"SIL Open Font License 1.1", "WeasyPrint", "pypdf"} <= tagged
    assert all(re.fullmatch(r"[A-Za-z][\w .]*", text) for text in tagged), tagged


def test_the_imposed_file_claims_no_structure(editions):
    imposed = impose(editions.print.read_bytes()).pdf
    pdf = pikepdf.open(io.BytesIO(imposed))
    assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
    assert all("/StructParents" not in p.obj for p in pdf.pages)
    forms = [x for p in pdf.pages for x in p.obj.Resources.XObject.values()]
    assert forms and not any(b"/MCID" in form.read_bytes() for form in forms)
    printed = pikepdf.open(editions.print)
    assert b"/MCID" in printed.pages[2].obj.Contents.read_bytes()


# -- a figure with its picture -------------------------------------------------------------

@pytest.fixture(scope="module")
def pictured(tmp_path_factory):
    """The one-article fixture with a photograph, built in every edition."""
    root = copy_project(tmp_path_factory.mktemp("pictured") / "project")
    (root / "manuscripts/mini/images").mkdir()
    Image.new("RGB", (1400, 900), (200, 120, 60)).save(
        root / "manuscripts/mini/images/photo.jpg", quality=80)
    edit(root, "manuscripts/mini/article.md", '![衙前农民运动纪念馆]( "工行萧山分行 供图")',
         '![衙前农民运动纪念馆](images/photo.jpg "工行萧山分行 供图")')
    build(root, editions=("screen", "print", "archive"))
    return root / "build"


def test_a_picture_is_a_figure_with_caption_and_credit_as_alt(pictured):
    for path in (pictured / "booklet.pdf", pictured / "articles" / "mini.pdf"):
        report = check_structure(path)
        assert report.findings == [] and report.figures == ["衙前农民运动纪念馆（工行萧山分行 供图）"]
        assert failures(path, "ua1")[0] == set()
        assert "Caption" in element_types(path)


def test_the_archive_of_a_picture_does_not_ask_for_interpolation(pictured):
    assert b"/Interpolate true" in (pictured / "booklet.pdf").read_bytes()  # WeasyPrint's
    path = pictured / "booklet-archive.pdf"
    pdf = pikepdf.open(path)
    images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and
              o.get("/Subtype") == "/Image"]
    assert images and not any(image.get("/Interpolate") for image in images)
    assert failures(path, "2a")[0] == set()


# -- a larger booklet ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def anthology(tmp_path_factory):
    """The benchmarks' generated anthology of 10 articles, built (screen edition)."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    root = generate.generate(tmp_path_factory.mktemp("anthology") / "project", 10)
    build(root)
    yield root, load_project(root)
    shutil.rmtree(root / "build", ignore_errors=True)


def test_the_anthology_is_tagged_throughout(anthology):
    root, project = anthology
    out = root / "build"
    booklet = check_structure(out / "booklet.pdf")
    assert booklet.findings == [], booklet.summary()
    assert failures(out / "booklet.pdf", "ua1")[0] == set()
    expected = [p for article in project.articles for p in manuscript_paragraphs(article)]
    assert_reads_in_order(booklet.paragraphs, expected)
    headings = [(level, squeeze(text)) for level, text in booklet.headings]
    assert headings[2:-1] == [h for a in project.articles for h in article_headings(a)]
    for article in project.articles:
        path = out / "articles" / f"{article.slug}.pdf"
        report = check_structure(path)
        assert report.findings == [], (path, report.summary())
        assert_reads_in_order(report.paragraphs, manuscript_paragraphs(article))
        assert failures(path, "ua1")[0] == set(), path


def test_another_layout_is_tagged_as_well(built_a5):
    """A5, two columns: other column and page breaks, the same structure."""
    for path in [built_a5.booklet, *built_a5.article_pdfs.values()]:
        report = check_structure(path)
        assert report.findings == [], (path, report.summary())
        assert failures(path, "ua1")[0] == set(), path
    expected = [p for article in built_a5.project.articles for p in manuscript_paragraphs(article)]
    assert_reads_in_order(check_structure(built_a5.booklet).paragraphs, expected)
