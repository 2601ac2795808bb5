"""Typographic polish measured on the PDFs of real builds (A4 in three columns and A5 in
two): every non-final line of body, lead and caption flush with its measure, no
paragraph or head ending on a line of one or two characters, heads broken at the
sense, and —— / …… drawn as one rule / one even ellipsis in rendered pixels."""

from __future__ import annotations

import re
from collections import defaultdict

import pypdfium2 as pdfium
import pytest

from pdfread import read_chars, read_lines
from pressroom.project.config import mm_to_pt
from pressroom.project.manuscript import Subhead
from pressroom.typeset.lines import char_kind

TOLERANCE = 0.5  # pt
BUILDS = ["built", "built_a5"]


@pytest.fixture(params=BUILDS)
def build(request):
    return request.getfixturevalue(request.param)


def columns(layout):
    left = mm_to_pt(layout.margin_side)
    step = layout.column_width_pt + layout.column_gap_pt
    return [(left + k * step, left + k * step + layout.column_width_pt)
            for k in range(layout.columns)]


def counted(text):
    """Characters that count for a line's length: Han, Latin letters, digits."""
    return sum(1 for c in text if char_kind(c) in ("han", "latin"))


def advance_end(char):
    return char.x0 + char.size if ord(char.text) >= 0x2E80 or char.text in "“”‘’" else char.x1


def set_lines(pdf, size, fonts, bounds):
    """Lines of text in `fonts` at `size`, grouped by page, measure and baseline (not by
    adjacency: a line is whole however wide its gaps). `bounds`: the measures (x0, x1)
    a line may start in. Returns [(page, measure, baseline, left, right, text)] in
    content order, which is reading order: story by story, column by column."""
    groups = defaultdict(list)  # insertion order: each line's first character
    for page, chars in enumerate(read_chars(pdf)):
        for char in chars:
            if abs(char.size - size) > 0.05 or not char.font.startswith(fonts) \
                    or char.text.isspace():
                continue
            measure = next((k for k, (a, b) in enumerate(bounds)
                            if a - TOLERANCE <= char.x0 <= b + TOLERANCE), None)
            if measure is not None:
                groups[(page, measure, char.baseline)].append(char)
    lines = []
    for (page, measure, baseline), chars in groups.items():
        chars.sort(key=lambda c: c.x0)
        lines.append((page, measure, baseline, chars[0].x0, max(map(advance_end, chars)),
                      "".join(c.text for c in chars)))
    return lines


def paragraph_lines(lines, bounds, indent):
    """(line, final) for each line: final when the next line starts a paragraph (its
    indent) or there is none."""
    out = []
    for line, following in zip(lines, lines[1:] + [None]):
        final = following is None or \
            abs(following[3] - (bounds[following[1]][0] + indent)) <= TOLERANCE
        out.append((line, final))
    return out


def kinds(build):
    """Justified kinds of text: (name, size, fonts, measures, first-line indent)."""
    layout = build.project.booklet.layout
    cols = columns(layout)
    text = (cols[0][0], cols[-1][1])
    lead = round(layout.body_size * 1.1, 2)
    caption = round(layout.body_size * 0.85, 2)
    return [("body", layout.body_size, ("PR-Song",), cols, 2 * layout.body_size),
            ("lead", lead, ("PR-Kai", "PR-Song"), [text], 2 * lead),
            ("caption", caption, ("PR-Kai", "PR-Song"), cols, 0.0)]


def test_every_non_final_line_is_flush_with_its_measure(build):
    """Body, lead and captions, every page of both articles, A4 and A5. Lines are
    grouped by baseline, so a gap (an ideographic space inside a quoted slogan) cannot
    hide a short line."""
    ragged, total = [], 0
    for slug, pdf in build.article_pdfs.items():
        for name, size, fonts, bounds, indent in kinds(build):
            lines = set_lines(pdf, size, fonts, bounds)
            if name == "caption":  # every caption is its own paragraph
                indent = -1000
            for line, final in paragraph_lines(lines, bounds, indent):
                page, measure, _, _, right, text = line
                if final and name != "caption":
                    continue
                if name == "caption" and right < bounds[measure][1] - TOLERANCE:
                    continue  # a caption's last line; its others are checked below
                total += 1
                if abs(right - bounds[measure][1]) > TOLERANCE:
                    ragged.append(f"{slug} p{page + 1} {name}: {text} ends at {right:.2f}")
    assert total > 400
    assert not ragged, "\n".join(ragged[:10])


def test_ideographic_spaces_inside_slogans_are_set_flush(build):
    """The quoted slogans with U+3000 between their halves: every line that holds one
    or breaks at one reaches the column edge unless it ends its paragraph."""
    layout = build.project.booklet.layout
    cols = columns(layout)
    seen = 0
    for slug, pdf in build.article_pdfs.items():
        lines = set_lines(pdf, layout.body_size, ("PR-Song",), cols)
        for line, final in paragraph_lines(lines, cols, 2 * layout.body_size):
            page, measure, _, _, right, text = line
            if any(s in text for s in ("大众创新", "助力小微", "守初心", "联学共建树")):
                seen += 1
                assert final or abs(right - cols[measure][1]) <= TOLERANCE, (slug, page, text)
    assert seen >= 2


def test_no_paragraph_lead_or_caption_ends_on_one_or_two_characters(build):
    short = []
    for slug, pdf in build.article_pdfs.items():
        for name, size, fonts, bounds, indent in kinds(build):
            lines = set_lines(pdf, size, fonts, bounds)
            for (line, final), previous in zip(paragraph_lines(lines, bounds, indent),
                                               [None] + lines):
                text = line[5]
                first = previous is None or name == "caption" or \
                    abs(line[3] - (bounds[line[1]][0] + indent)) <= TOLERANCE
                if final and not first and counted(text) < 3:
                    short.append(f"{slug} p{line[0] + 1} {name}: {text}")
    assert not short, "\n".join(short)


def head_groups(pdf, font="PR-Hei-Bold", min_size=9.5):
    """Consecutive lines of one display element: same page, font and size, baselines
    one line apart."""
    groups = []
    for line in read_lines(pdf):
        if not line.font.startswith(font) or line.size < min_size:
            continue
        last = groups[-1][-1] if groups else None
        if last and last.page == line.page and abs(last.size - line.size) < 0.05 \
                and 0 < last.baseline - line.baseline <= 1.7 * line.size:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def display_texts(article):
    """The article's heads by their text without spaces."""
    heads = [article.title, article.kicker, article.subtitle]
    for block in article.blocks:
        heads += [getattr(block, name, "") for name in ("title", "label")]
        if isinstance(block, Subhead):
            heads.append(block.text)
    return {re.sub(r"\s", "", h): h for h in heads if h}


def sense_breaks(head):
    """Offsets (in the text without spaces) after a mark or at a space of `head`."""
    out, at = set(), 0
    for char in head:
        if char.isspace():
            out.add(at)
            continue
        at += 1
        if char in "，：、。；！？”》·":
            out.add(at)
    return out


def test_heads_break_at_the_sense_and_never_leave_one_or_two_characters(build):
    """Titles, story titles, labels and subheads: each group of lines is one head of the
    manuscript, and a multi-line head's last line holds at least 3 characters."""
    multi = 0
    for slug, pdf in build.article_pdfs.items():
        expected = display_texts(build.articles[slug])
        for group in head_groups(pdf):
            lines = [re.sub(r"\s", "", line.text) for line in group]
            head = expected.get("".join(lines))
            if head is None or len(group) == 1:
                continue
            multi += 1
            assert counted(lines[-1]) >= 3, lines
            at = 0
            for line in lines[:-1]:  # each break after punctuation or at a space
                at += len(line)
                assert at in sense_breaks(head), lines
    assert multi >= 2


def test_the_issue_subheads_break_after_their_comma(built):
    groups = [[line.text for line in g] for g in head_groups(built.article_pdfs["hongse-xinhuo"])]
    for head in (["党建引领，", "搭建廉洁共建“连心桥”"], ["以案为鉴，", "敲响拒腐防变“警示钟”"],
                 ["实干笃行，", "树立正确政绩“风向标”"]):
        assert head in groups


def test_bylines_keep_names_whole(build):
    for slug, pdf in build.article_pdfs.items():
        bylines = [b.byline for b in build.articles[slug].blocks if getattr(b, "byline", "")]
        kai = [line.text for line in read_lines(pdf) if line.font.startswith("PR-Kai")]
        for byline in bylines:
            for name in byline.split():
                assert any(name in line for line in kai), (byline, name)


# -- dashes and ellipses in pixels ------------------------------------------------------

SCALE = 4  # px per pt


def mark_runs(pdf_path):
    """(page index, kind, x0, x1, y0, y1 in PDF points) of each —— and …… drawn."""
    runs = []
    for index, chars in enumerate(read_chars(pdf_path)):
        for a, b in zip(chars, chars[1:]):
            if a.text == b.text and a.text in "—…" and abs(a.baseline - b.baseline) < 0.5 \
                    and 0 < b.x0 - a.x0 < 1.6 * a.size:
                runs.append((index, a.text, a.x0, b.x0 + b.size, a.baseline, a.size))
    return runs


def inked_columns(image, x0, x1, y0, y1):
    """Per pixel column of the box: whether any pixel differs from the box's background
    (its most common value) by more than a third of the full range."""
    box = image.crop((x0, y0, x1, y1))
    width, height = box.size
    pixels = box.load()
    values = [pixels[x, y] for x in range(width) for y in range(height)]
    background = max(set(values), key=values.count)
    return [any(abs(pixels[x, y] - background) > 85 for y in range(height))
            for x in range(width)]


def runs_of(flags, value=True):
    out, start = [], None
    for i, flag in enumerate(flags + [not value]):
        if flag == value and start is None:
            start = i
        elif flag != value and start is not None:
            out.append((start, i))
            start = None
    return out


@pytest.fixture(params=BUILDS)
def booklet_marks(request):
    build = request.getfixturevalue(request.param)
    path = build.booklet
    runs = mark_runs(path)
    pdf = pdfium.PdfDocument(str(path))
    images = {index: pdf[index].render(scale=SCALE).to_pil().convert("L")
              for index in sorted({r[0] for r in runs})}
    heights = {index: pdf[index].get_height() for index in images}
    pdf.close()
    return runs, images, heights


def test_dashes_are_one_unbroken_rule(booklet_marks):
    """Every —— of every page (body, heads, contents, colophon) is inked without a gap
    from its first to its last inked pixel, at the dash's height."""
    runs, images, heights = booklet_marks
    dashes = [r for r in runs if r[1] == "—"]
    assert dashes
    broken = []
    for index, _, x0, x1, baseline, size in dashes:
        top = heights[index] - baseline - 0.45 * size  # the rule sits at about 0.38 em
        flags = inked_columns(images[index], int(x0 * SCALE), int(x1 * SCALE),
                              int(top * SCALE), int((top + 0.2 * size) * SCALE))
        inked = runs_of(flags)
        if len(inked) != 1:
            broken.append(f"page {index + 1} at x {x0:.1f}: {len(inked)} pieces {inked}")
        elif inked[0][1] - inked[0][0] < 1.6 * size * SCALE:
            broken.append(f"page {index + 1} at x {x0:.1f}: rule too short")
    assert not broken, "\n".join(broken)


def test_ellipses_are_six_evenly_spaced_dots(booklet_marks):
    runs, images, heights = booklet_marks
    ellipses = [r for r in runs if r[1] == "…"]
    assert ellipses
    for index, _, x0, x1, baseline, size in ellipses:
        top = heights[index] - baseline - 0.5 * size
        flags = inked_columns(images[index], int(x0 * SCALE), int(x1 * SCALE),
                              int(top * SCALE), int((top + 0.3 * size) * SCALE))
        dots = [(a + b) / 2 for a, b in runs_of(flags)]
        assert len(dots) == 6, (index, x0, dots)
        pitches = [b - a for a, b in zip(dots, dots[1:])]
        assert max(pitches) - min(pitches) <= 0.06 * size * SCALE, (index, x0, pitches)
