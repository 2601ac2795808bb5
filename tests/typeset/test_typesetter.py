"""Typesetting quality measured on the article PDFs: justification, line breaking, indents,
fonts and extracted text (issue: the booklet, end to end)."""

from __future__ import annotations

import io
import re

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from pdfread import pdfium_pages, pdftotext_pages, read_lines
from pressroom.project.config import mm_to_pt
from pressroom.text.chars import NO_LINE_END, NO_LINE_START
from pressroom.project.manuscript import Paragraph

TOLERANCE = 0.5  # pt


def columns(layout):
    left = mm_to_pt(layout.margin_side)
    step = layout.column_width_pt + layout.column_gap_pt
    return [(left + k * step, left + k * step + layout.column_width_pt)
            for k in range(layout.columns)]


def body_lines(path, layout):
    """Body-text lines (Song at the body size), each tagged with its column."""
    cols = columns(layout)
    out = []
    for line in read_lines(path):
        if not line.font.startswith("PR-Song") or abs(line.size - layout.body_size) > 0.05:
            continue
        column = next((k for k, (a, b) in enumerate(cols)
                       if a - TOLERANCE <= line.x0 <= a + 2 * layout.body_size + TOLERANCE), None)
        if column is not None:
            out.append((line, column))
    return out


def indented(line, column, layout):
    left = columns(layout)[column][0]
    return abs(line.x0 - (left + 2 * layout.body_size)) <= TOLERANCE


@pytest.fixture(scope="module", params=["hongse-xinhuo", "bashan-yushui"])
def article(request, built):
    slug = request.param
    return built.articles[slug], built.article_pdfs[slug], built.project.booklet.layout


def test_non_final_body_lines_end_flush_with_the_column(article):
    _, pdf, layout = article
    lines = body_lines(pdf, layout)
    cols = columns(layout)
    ragged = []
    for (line, column), (following, next_column) in zip(lines, lines[1:] + [(None, None)]):
        final = following is None or indented(following, next_column, layout)
        if not final and abs(line.x1 - cols[column][1]) > TOLERANCE:
            ragged.append(f"p{line.page + 1} {line.text} ends at {line.x1:.2f}, "
                          f"column edge {cols[column][1]:.2f}")
    assert len(lines) > 200
    assert not ragged, "\n".join(ragged[:10])


def test_lead_lines_are_justified_to_the_text_width(built):
    layout = built.project.booklet.layout
    cols = columns(layout)
    pdf = built.article_pdfs["bashan-yushui"]
    lead_size = round(layout.body_size * 1.1, 2)
    lead = [line for line in read_lines(pdf) if abs(line.size - lead_size) < 0.05
            and line.page == 0]
    lead_text = "".join(p.text for p in built.articles["bashan-yushui"].lead)
    assert "".join(line.text for line in lead) == lead_text
    finals = {p.text[-len(line.text):] for p in built.articles["bashan-yushui"].lead
              for line in lead if p.text.endswith(line.text)}
    for line in lead:
        if line.text not in finals:
            assert abs(line.x1 - cols[-1][1]) <= TOLERANCE, line.text


def test_no_line_breaks_a_prohibition(built):
    bad = []
    for slug, pdf in built.article_pdfs.items():
        for line in read_lines(pdf):
            text = line.text
            if text[0] in NO_LINE_START or text[-1] in NO_LINE_END:
                bad.append(f"{slug} p{line.page + 1}: {text}")
            if re.search(r"(^|[^—])—$", text) or re.match(r"^—(?!—)", text):
                bad.append(f"{slug} p{line.page + 1}: split dash: {text}")
            if re.search(r"(^|[^…])…$", text) or re.match(r"^…(?!…)", text):
                bad.append(f"{slug} p{line.page + 1}: split ellipsis: {text}")
    assert not bad, "\n".join(bad)


def test_paragraphs_start_with_a_two_em_indent_and_no_extra_space(article):
    manuscript, pdf, layout = article
    lines = body_lines(pdf, layout)
    starts = [line for line, column in lines if indented(line, column, layout)]
    paragraphs = [b for b in manuscript.blocks if isinstance(b, Paragraph)]
    assert len(starts) == len(paragraphs)
    line_height = layout.body_size * layout.line_height
    gaps = [round(b.baseline - a.baseline, 2) for (a, ca), (b, cb) in zip(lines, lines[1:])
            if a.page == b.page and ca == cb and b.baseline < a.baseline]
    step = [abs(g) for g in gaps]
    # Within a run of body text every baseline is exactly one line below the last one:
    # paragraphs get no extra space. Larger steps occur only around figures and subheads.
    assert step.count(round(line_height, 2)) >= 0.9 * len(step)
    between = [abs(round(b.baseline - a.baseline, 2)) for (a, ca), (b, cb)
               in zip(lines, lines[1:]) if indented(b, cb, layout) and a.page == b.page
               and ca == cb and b.baseline < a.baseline
               and abs(b.baseline - a.baseline) < 2 * line_height]
    assert between and all(abs(g - line_height) < 0.05 for g in between)


def test_last_lines_hold_more_than_one_character(article):
    manuscript, pdf, layout = article
    lines = body_lines(pdf, layout)
    finals = [line for (line, _), (following, column) in zip(lines, lines[1:] + [(None, 0)])
              if following is None or indented(following, column, layout)]
    lonely = [line.text for line in finals
              if len(re.sub(r"[，。、；：！？”’）》…—]", "", line.text)) < 2]
    assert not lonely


def normalise(text):
    return re.sub(r"\s+", "", text)


def without_furniture(pages, booklet):
    """Page text without the running header band and the folio. (The band sets the
    title's halves 1 em apart, U+3000, and 1/4 em between Han and digits, which an
    extractor may give as a space.)"""
    out = []
    for text in pages:
        lines = [line for line in text.split("\n") if line.strip()]
        lines = [line for line in lines
                 if not line.strip().replace("\u3000", " ").startswith(booklet.title)
                 and not re.fullmatch(r"原刊.*\d{4} ?年.*", line.strip())
                 and not re.fullmatch(r"\s*(\d+|[ivx]+)\s*", line)]
        out.append("".join(lines))
    return "".join(out)


@pytest.mark.parametrize("extract", [pdftotext_pages, pdfium_pages], ids=["poppler", "pdfium"])
def test_extracted_text_has_every_paragraph_in_order_without_spaces(built, extract):
    """Copy/paste gives the manuscript's paragraphs: lines join without spaces between
    Han characters. (The 1/4-em gap between Han and Latin may come out as a space.)"""
    for slug, pdf in built.article_pdfs.items():
        # An ideographic space (U+3000) may come out as an ASCII one.
        joined = without_furniture(extract(pdf), built.project.booklet).replace("\u3000", " ")
        cleaned = re.sub(r"(?<=[\x21-\x7e]) +| +(?=[\x21-\x7e])", "", joined)
        position = 0
        for block in built.articles[slug].blocks:
            if not isinstance(block, Paragraph):
                continue
            text = block.text.replace("\u3000", " ")
            found = cleaned.find(text, position)
            if found < 0:
                loose = re.compile(" *".join(map(re.escape, text)))
                match = loose.search(cleaned, position)
                detail = f"spaces inserted: {match.group()[:60]}" if match else "missing"
                pytest.fail(f"{slug} line {block.line}: {block.text[:20]}… {detail}")
            position = found + len(text)


FACE_NAMES = {"PR-Song": "song", "PR-Song-Bold": "song-bold", "PR-Hei-Bold": "hei",
              "PR-Kai": "kai"}


def embedded_fonts(pdf):
    """(BaseFont, font program bytes) of every font used on any page."""
    seen = {}
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            seen[str(font["/BaseFont"])] = program.get_object().get_data() if program else None
    return seen


@pytest.fixture(scope="session")
def original_faces(built):
    return {key: TTFont(face.file, lazy=True) for key, face in built.project.fonts.faces.items()}


def outline(font, char):
    glyph = font.getBestCmap()[ord(char)]
    pen = RecordingPen()
    font.getGlyphSet()[glyph].draw(pen)
    return pen.value


def test_every_font_is_an_embedded_subset_of_the_project_faces(built, original_faces):
    for pdf in [built.booklet, *built.article_pdfs.values()]:
        fonts = embedded_fonts(pdf)
        assert fonts
        for name, program in fonts.items():
            tag, _, face_name = name.lstrip("/").partition("+")
            assert re.fullmatch(r"[A-Z]{6}", tag), name
            assert face_name in FACE_NAMES, f"{pdf.name}: foreign font {name}"
            assert program, f"{pdf.name}: {name} is not embedded"
            embedded = TTFont(io.BytesIO(program))
            original = original_faces[FACE_NAMES[face_name]]
            assert len(embedded.getGlyphOrder()) < len(original.getGlyphOrder()) / 5
            assert embedded["name"].getDebugName(1) == original["name"].getDebugName(1)


@pytest.mark.parametrize("char", "直今误")
def test_song_glyphs_have_simplified_chinese_forms(built, original_faces, char):
    """These characters differ between the JP and SC faces of Noto: the embedded
    glyph must be the SC face's (the .ttc's face 0 is Japanese)."""
    fonts = embedded_fonts(built.booklet)
    song = next(p for n, p in fonts.items() if n.endswith("+PR-Song"))
    embedded = TTFont(io.BytesIO(song))
    if ord(char) not in embedded.getBestCmap():
        pytest.skip(f"{char} is not in this booklet")
    assert outline(embedded, char) == outline(original_faces["song"], char)
    assert "SC" in original_faces["song"]["name"].getDebugName(4)


def test_every_drawn_character_is_in_its_font(built):
    """No tofu: each character is mapped by the embedded font it is drawn with."""
    fonts = {name.lstrip("/").partition("+")[2]: TTFont(io.BytesIO(program)).getBestCmap()
             for name, program in embedded_fonts(built.booklet).items()}
    missing = {(line.font, c.text) for line in read_lines(built.booklet) for c in line.chars
               if not c.text.isspace() and ord(c.text) not in fonts.get(c.font, {})}
    assert not missing


def test_headlines_break_only_between_halves_or_after_a_comma(built):
    """A title too wide for one line breaks between its halves or after its comma at
    its full size, never inside a half; only a half too long for any line may break
    inside (at the smallest size)."""
    from pressroom.typeset import breaks as B, display as D
    from pressroom.typeset.lines import Metrics
    from pressroom.typeset.subset import subset_fonts
    fonts = built.project.fonts
    files = subset_fonts(fonts, "红色薪火映初心金融报国担使命一颗火种的百年传承，当遇见科技甲",
                         built.out / ".cache" / "fonts")
    metrics = Metrics(files, fonts.fallbacks())
    size, result = D.fit_display("红色薪火映初心 金融报国担使命", 10 * 25, 25, metrics,
                                 max_break=B.SENSE)
    assert size == 25 and result.texts == ["红色薪火映初心", "金融报国担使命"]
    size, result = D.fit_display("一颗火种的百年传承，当红色薪火遇见科技金融", 12 * 19, 19, metrics,
                                 max_break=B.SENSE)
    assert size == 19 and result.texts == ["一颗火种的百年传承，", "当红色薪火遇见科技金融"]
    size, result = D.fit_display("甲" * 30, 20 * 19, 19, metrics, max_break=B.SENSE)
    assert len(result.lines) > 1 and not result.overfull  # too long to keep whole


def test_another_page_size_and_column_count(built_a5):
    """A5 in two columns at 9 pt: justified lines, headlines that fit, no overflow."""
    result = built_a5.result
    assert not [w for w in result.warnings if w.rule != "figure-placeholder"]
    layout = built_a5.project.booklet.layout
    pdf = built_a5.article_pdfs["hongse-xinhuo"]
    lines = body_lines(pdf, layout)
    cols = columns(layout)
    assert len(cols) == 2 and len(lines) > 200
    for (line, column), (following, next_column) in zip(lines, lines[1:]):
        if not indented(following, next_column, layout):
            assert abs(line.x1 - cols[column][1]) <= TOLERANCE, line.text


def test_a_paragraph_set_again_is_the_same_and_not_broken_again(built, tmp_path, monkeypatch):
    """Watch mode keeps its typesetter: an edit re-breaks only the paragraphs it touches."""
    from pressroom.project.inline import Span
    from pressroom.project.load import booklet_chars
    from pressroom.typeset import typesetter as module
    from pressroom.typeset.subset import subset_fonts
    project = built.project
    fonts = subset_fonts(project.fonts, booklet_chars(project), tmp_path / "fonts")
    ts = module.Typesetter(project.booklet, fonts, project.fonts.fallbacks())
    spans = [Span("为做好各项金融服务保障工作，"), Span("各分支行充分落实", strong=True)]
    first = ts.set_paragraph(spans, "song", 15, 2.0, 10)
    calls = []
    monkeypatch.setattr(module, "break_lines", lambda *a: calls.append(a) or [])
    assert ts.set_paragraph(list(spans), "song", 15, 2.0, 10) == first and calls == []
    ts.set_paragraph(spans, "song", 12, 2.0, 10)  # another measure: set anew
    ts.set_paragraph([spans[0], Span("各分支行充分落实")], "song", 15, 2.0, 10)  # not bold
    assert len(calls) == 2
