"""The merged booklet: outline, page labels, folios, contents, links and metadata."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from pdfread import read_lines
from pressroom.project.config import mm_to_pt


@pytest.fixture(scope="module")
def reader(built):
    return PdfReader(built.booklet)


@pytest.fixture(scope="module")
def folios(built):
    """Printed folio of each page (None where none is printed), read from the foot."""
    layout = built.project.booklet.layout
    foot = mm_to_pt(layout.margin_bottom)
    pages = {}
    for line in read_lines(built.booklet):
        if line.baseline < foot and re.fullmatch(r"\d+|[ivxlc]+", line.text.strip()):
            pages[line.page] = line.text.strip()
    count = len(PdfReader(built.booklet).pages)
    return [pages.get(i) for i in range(count)]


def first_pages(reader, built):
    """Page index of each article's first page, found by its headline."""
    found = {}
    for slug, article in built.articles.items():
        first_part = article.title.split()[0]
        found[slug] = next(i for i, page in enumerate(reader.pages)
                           if first_part in page.extract_text() and i > 1)
    return found


def test_folios_are_continuous_across_articles(folios):
    assert folios[0] is None  # the cover carries no folio
    assert folios[1] == "i"  # front matter in lower-case roman
    start = folios.index("1")
    assert folios[start:] == [str(n) for n in range(1, len(folios) - start + 1)]


def test_page_labels_match_printed_folios(reader, folios):
    labels = reader.page_labels
    assert labels[0] == "封面"
    for index, folio in enumerate(folios):
        if folio is not None:
            assert labels[index] == folio, f"page {index + 1}: label {labels[index]}, " \
                                           f"printed {folio}"


def test_odd_folios_fall_on_right_hand_pages(reader, folios):
    first_body = next(i for i, f in enumerate(folios) if f == "1")
    assert first_body % 2 == 0  # physical page 1, 3, … are rectos (index 0, 2, …)


def contents_entries(built, reader):
    """(text, number) of each line of the contents page."""
    entries = []
    for line in read_lines(built.booklet):
        if line.page == 1:
            match = re.fullmatch(r"(.+?)[·.…\s]*(\d+)", line.text)
            if match:
                entries.append((match.group(1).strip("·. "), int(match.group(2)), line))
    return entries


def test_contents_numbers_equal_the_printed_folios(built, reader, folios):
    entries = contents_entries(built, reader)
    firsts = first_pages(reader, built)
    for slug, article in built.articles.items():
        title = article.title.replace(" ", "　")
        number = next(n for text, n, _ in entries if text.replace(" ", "　") == title)
        assert folios[firsts[slug]] == str(number)
        for story in article.stories:
            story_number = next(n for text, n, _ in entries if text == story.title)
            page = next(i for i, p in enumerate(reader.pages)
                        if story.title in p.extract_text().replace("\n", "") and i > 1)
            assert folios[page] == str(story_number)
    colophon = next(n for text, n, _ in entries if text == "版本记录")
    assert "版本记录" in reader.pages[-1].extract_text()
    assert folios[-1] == str(colophon)


def test_contents_links_jump_to_the_page_they_name(built, reader, folios):
    entries = contents_entries(built, reader)
    height = float(reader.pages[1].mediabox.top)
    annotations = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    links = [a for a in annotations if a.get("/Subtype") == "/Link"]
    page_numbers = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    for text, number, line in entries:
        covering = [link for link in links
                    if float(link["/Rect"][1]) - 1 <= line.baseline <= float(link["/Rect"][3]) + 1
                    or float(link["/Rect"][3]) - 1 <= line.baseline <= float(link["/Rect"][1]) + 1]
        assert covering, f"no link on the contents line {text}"
        for link in covering:
            assert "/A" not in link  # no URI action left over
            target = page_numbers[link["/Dest"][0].idnum]
            assert folios[target] == str(number), f"{text} links to page {target + 1}"
            assert 0 < float(link["/Dest"][3]) <= height


def test_outline_lists_cover_contents_articles_stories_and_colophon(built, reader):
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    expected = ["封面", "目录"] + [a.title.replace(" ", "　") for a in built.articles.values()] \
        + ["版本记录"]
    assert titles == expected
    firsts = first_pages(reader, built)
    items = [item for item in outline if not isinstance(item, list)]
    for slug, article in built.articles.items():
        item = next(i for i in items if i.title == article.title.replace(" ", "　"))
        assert reader.get_destination_page_number(item) == firsts[slug]
    children = next(item for item in outline if isinstance(item, list))
    special = next(a for a in built.articles.values() if a.stories)
    assert [c.title for c in children] == [s.title for s in special.stories]
    for child, story in zip(children, special.stories):
        page = reader.pages[reader.get_destination_page_number(child)]
        assert story.title in page.extract_text().replace("\n", "")


def test_document_metadata(built, reader):
    booklet = built.project.booklet
    meta = reader.metadata
    assert meta.title == booklet.title
    assert meta.author == booklet.compiler
    assert meta.subject == booklet.subject
    assert all(k in meta["/Keywords"] for k in booklet.keywords)
    assert meta.creation_date.date() == booklet.date
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert len(reader.trailer["/ID"]) == 2


def test_each_face_is_embedded_once(reader):
    programs = set()
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            descendant = ref.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            key = "/FontFile2" if "/FontFile2" in descriptor else "/FontFile3"
            programs.add(descriptor.raw_get(key).idnum)
    assert len(programs) == 4


def render(path, index, scale=0.5):
    pdf = pdfium.PdfDocument(str(path))
    image = pdf[index].render(scale=scale).to_pil().convert("L")
    pdf.close()
    return image


def test_nothing_is_drawn_in_the_side_margins(built, reader):
    """Overflow check on the rendered pages: beyond the text block, only white."""
    layout = built.project.booklet.layout
    for index in range(2, len(reader.pages)):
        image = render(built.booklet, index)
        width, height = image.size
        scale = width / float(reader.pages[index].mediabox.width)
        margin = int((mm_to_pt(layout.margin_side) - 3) * scale)
        for box in [(0, 0, margin, height), (width - margin, 0, width, height)]:
            darkest = image.crop(box).getextrema()[0]
            assert darkest > 240, f"page {index + 1}: ink in the margin {box}"


def test_article_pages_are_not_left_half_empty_by_accident(built, reader, folios):
    """Every article page but an article's last is filled to the foot of the text block."""
    layout = built.project.booklet.layout
    firsts = sorted(first_pages(reader, built).values())
    lasts = {f - 1 for f in firsts[1:]} | {len(reader.pages) - 2}
    foot = mm_to_pt(layout.margin_bottom) + 2 * layout.body_size * layout.line_height
    lowest = {}
    for line in read_lines(built.booklet):
        if line.size <= 11 and re.search(r"[\u4e00-\u9fff]", line.text) \
                and line.baseline > mm_to_pt(layout.margin_bottom):
            lowest[line.page] = min(lowest.get(line.page, 1e9), line.baseline)
    for index in range(firsts[0], len(reader.pages) - 1):
        if index not in lasts:
            assert lowest[index] < foot + 60, f"page {index + 1} ends high at {lowest[index]}"
