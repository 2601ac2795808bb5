"""The front and back matter read like a printed book's: the colophon's text (版本记录),
one Han–digit gap throughout, font roles as the pages use them, and a cover whose
letter-spacing spreads Han characters only."""

from __future__ import annotations

import re
import statistics

import pytest
from pypdf import PdfReader

from pdfread import read_lines
from pressroom.project.manuscript import Paragraph, Subhead
from pressroom.typeset.lines import char_kind

GAP = 0.25  # em, clreq's Han–Latin gap as the body sets it


@pytest.fixture(scope="module")
def pages(built):
    return len(PdfReader(built.booklet).pages)


@pytest.fixture(scope="module")
def colophon(built, pages):
    lines = [line for line in read_lines(built.booklet) if line.page == pages - 1]
    return lines, "\n".join(line.text for line in lines)


def test_the_colophon_names_publications_and_dates_not_files(built, colophon):
    _, text = colophon
    assert not re.search(r"\.txt|source/|\b\d{3}_[0-9a-f]{8,}", text)
    assert "来稿" not in text
    flat = re.sub(r"[ \n]", "", text)  # an entry may take two lines
    for article in built.articles.values():
        title = re.sub(r"\s", "", article.title)
        entry = re.search(f"《{re.escape(title)}》，原刊(.*?)(?=《|$)",
                          flat.replace("\u3000", ""), re.M)
        assert entry and article.date_text in entry[1], title


@pytest.fixture(scope="module")
def with_publication(tmp_path_factory):
    """The one-article fixture, whose article names its newspaper and page, built: its
    colophon's lines."""
    from minis import copy_project
    from pressroom.build import build
    root = copy_project(tmp_path_factory.mktemp("publication") / "project")
    build(root)
    path = root / "build" / "booklet.pdf"
    last = len(PdfReader(path).pages) - 1
    return [line for line in read_lines(path) if line.page == last]


def source_entries(lines) -> list[str]:
    """The 文章来源 entries, joined across lines, without the typesetter's gaps."""
    flat = re.sub(r"[ \n\u3000]", "", "\n".join(line.text for line in lines))
    return re.findall(r"《[^《》]+》，(原刊.*?)(?=《[^》]*》，|字体)", flat)


def test_an_articles_origin_is_worded_one_way_with_or_without_its_newspaper(
        built, colophon, with_publication):
    """原刊于《报名》日期第N版 with the newspaper, 原刊于日期 without: one pattern."""
    assert source_entries(with_publication) == ["原刊于《浙江日报》2026年7月1日第5版"]
    assert source_entries(colophon[0]) == [f"原刊于{a.date_text}"
                                           for a in built.articles.values()]


def test_the_origin_keeps_one_han_digit_gap(with_publication):
    lines = [line for line in with_publication if "浙江日报" in line.text or
             "第5版" in line.text]
    gaps = han_digit_gaps(lines)
    assert len(gaps) >= 4 and all(abs(gap - GAP) <= 0.03 for _, gap in gaps), gaps


def test_the_colophon_has_a_printed_books_entries(built, colophon, pages):
    _, text = colophon
    flat = re.sub(r"\s", "", text)
    booklet = built.project.booklet
    for label in ("书名", "编者", "开本", "页数", "文章来源", "字体", "排版"):
        assert label in flat, label
    assert re.sub(r"\s", "", booklet.title) in flat and booklet.subtitle in flat
    assert f"{pages}页（正文" in flat
    for key, value in booklet.colophon.items():
        if key != "kicker":
            assert key in flat and re.sub(r"\s", "", value) in flat


def test_the_colophon_leaves_no_fragment_alone(colophon):
    """Every line of an entry's text holds at least 3 characters, and the licence is
    named on one line."""
    lines, text = colophon
    entries = [line for line in lines if line.font.startswith("PR-Song") and line.size < 9.5]
    assert len(entries) >= 10
    for line in entries:
        assert sum(char_kind(c) in ("han", "latin") for c in line.text) >= 3, line.text
    assert re.search(r"SIL Open Font License 1\.1", text)


def han_digit_gaps(lines):
    """(line, gap in em) of each Han→digit and digit→Han pair; a justified line's
    letter-spacing (its Han→Han excess) is taken out."""
    out = []
    for line in lines:
        chars = [c for c in line.chars if not c.text.isspace()]
        pairs = list(zip(chars, chars[1:]))
        excess = [b.x0 - a.x0 - a.size for a, b in pairs
                  if char_kind(a.text) == char_kind(b.text) == "han"]
        spacing = statistics.median(excess) if excess else 0.0
        for a, b in pairs:
            if char_kind(a.text) == "han" and b.text.isdigit():
                out.append((line.text, (b.x0 - a.x0 - a.size - spacing) / a.size))
            elif a.text.isdigit() and char_kind(b.text) == "han":
                out.append((line.text, (b.x0 - a.x1 - spacing) / a.size))
    return out


def test_one_han_digit_gap_in_all_front_and_back_matter(built, pages):
    """Contents, colophon and the running band: a quarter em between Han and digits,
    added by the typesetter (the texts carry no spaces)."""
    lines = [line for line in read_lines(built.booklet) if line.page in (1, pages - 1)
             or line.font.startswith("PR-Kai") and line.size <= 8.05]
    gaps = han_digit_gaps(lines)
    assert len(gaps) >= 20
    wrong = [(text, round(gap, 3)) for text, gap in gaps if abs(gap - GAP) > 0.03]
    assert not wrong


def test_the_cover_letter_spaces_han_only(built):
    """The kicker's digits keep their natural advance; the Han characters are spread."""
    kicker = built.project.booklet.colophon["kicker"]
    line = next(line for line in read_lines(built.booklet)
                if line.page == 0 and line.text.replace(" ", "") == kicker)
    chars = line.chars
    digits = [(a, b) for a, b in zip(chars, chars[1:]) if a.text.isdigit() and b.text.isdigit()]
    han = [(a, b) for a, b in zip(chars, chars[1:])
           if char_kind(a.text) == char_kind(b.text) == "han"]
    assert digits and han
    for a, b in digits:
        assert b.x0 - a.x0 < 0.62 * a.size, (a.text, b.text)  # a digit is ~0.55 em
    for a, b in han:
        assert b.x0 - a.x0 > 1.2 * a.size
    # and the line is centred on its ink (no spacing after its last character)
    width = built.project.booklet.layout.page_mm[0] * 72 / 25.4
    assert abs((line.chars[0].x0 + line.chars[-1].x0 + line.size) / 2 - width / 2) < 1.0


FACE_FONTS = {"Noto Serif CJK SC": "PR-Song", "Noto Serif CJK SC Bold": "PR-Song-Bold",
              "Noto Sans CJK SC Bold": "PR-Hei-Bold", "LXGW WenKai": "PR-Kai"}


def role_probes(built):
    """Role word → text the booklet sets in that role (and the page, where it matters)."""
    article = built.articles["hongse-xinhuo"]
    paragraphs = [b for b in article.blocks if isinstance(b, Paragraph)]
    runin = next(s.text for p in paragraphs for s in p.spans if s.strong)
    story = article.stories[0]
    subhead = next(b.text for b in article.blocks if isinstance(b, Subhead))
    caption = next(f.caption for f in article.figures if f.caption)
    booklet = built.project.booklet
    return {"正文": paragraphs[1].text[:6], "段首引语": runin[:4], "封面书名": booklet.title[:4],
            "标题": article.title[:5], "小标题": subhead[:4], "栏目": story.label[:4],
            "目录": (1, article.title[:5]), "页眉": booklet.title[:4], "导语": article.lead[0].text[4:9],
            "署名": story.byline.split()[-1], "图片说明": caption[:4],
            "版本记录": (-1, booklet.layout.page_size + "（")}


def test_the_colophon_names_each_face_for_what_it_sets(built, colophon, pages):
    """Each role the colophon gives a face is set in that face in the booklet."""
    _, text = colophon
    roles = {}
    for line in text.split("\n"):
        match = re.match(r"(.+?)：(.+?)，(.+?) [\d.]+$", line)
        if match and match[3] in FACE_FONTS:
            for role in match[1].split("、"):
                roles[role] = FACE_FONTS[match[3]]
    assert {"正文", "小标题", "标题", "导语"} <= set(roles)
    assert roles["小标题"] == "PR-Hei-Bold"
    lines = read_lines(built.booklet)
    probes = role_probes(built)
    checked = 0
    for role, font in roles.items():
        probe = probes.get(role)
        if probe is None:
            continue
        page, probe = probe if isinstance(probe, tuple) else (None, probe)
        holders = [line for line in lines if probe in line.text.replace(" ", "")
                   and line.page == (page % pages if page is not None else line.page)
                   and (page is not None or line.page != pages - 1)]
        assert holders, (role, probe)
        fonts = {c.font for line in holders for c in line.chars if c.text in probe}
        assert font in fonts, (role, probe, fonts)
        checked += 1
    assert checked >= 8
