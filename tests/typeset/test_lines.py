"""The line breaker: justification arithmetic and clreq line-breaking rules."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest
from hypothesis import given, settings, strategies as st

from pressroom.typeset import lines as L
from pressroom.typeset.markup import render_line
from pressroom.project.fonts import load_fonts

from conftest import ROOT


@pytest.fixture(scope="module")
def metrics():
    fonts = load_fonts(ROOT / "fonts", verify=False)
    return L.Metrics(fonts.paths(), fonts.fallbacks())


def set_text(metrics, text, width=15, indent=2.0, face="song"):
    tokens = L.tokenize([L.Run(text, face)], metrics)
    return L.break_lines(tokens, width, indent)


def line_width(line):
    natural = L._natural(line.tokens)
    return line.indent + natural + line.spacing * L._stretch_count(line.tokens)


SAMPLE = ("浙江萧山衙前，有一片浸透着革命热血的红色热土。1921年9月，中国共产党刚成立不久，"
          "这里便爆发了轰轰烈烈的农民革命运动，书写了党史上的“四个第一”——发动第一次农民"
          "革命运动、成立第一个农民协会（“浙科e贷”“6+X”），截至2026年5月末新增100余户。")


def test_every_line_but_the_last_fills_the_measure_exactly(metrics):
    lines = set_text(metrics, SAMPLE)
    assert len(lines) > 5
    for line in lines[:-1]:
        assert line_width(line) == pytest.approx(15, abs=1e-6)
    assert lines[-1].spacing == 0
    assert "".join(line.text for line in lines) == SAMPLE


def test_pure_han_lines_need_no_spacing(metrics):
    lines = set_text(metrics, "一" * 60, indent=0)
    assert [len(line.text) for line in lines] == [15, 15, 15, 15]
    assert all(line.spacing == 0 for line in lines)


def test_closing_marks_never_start_a_line(metrics):
    # 14 characters, then a comma that would land at the start of line 2.
    text = "一" * 13 + "二，" + "三" * 20
    lines = set_text(metrics, text, indent=0)
    assert lines[1].text[0] != "，"
    assert all(line.text[0] not in L.NO_LINE_START for line in lines)


def test_opening_marks_never_end_a_line(metrics):
    text = "一" * 14 + "“引号”" + "三" * 20
    lines = set_text(metrics, text, indent=0)
    assert all(line.text[-1] not in L.NO_LINE_END for line in lines)


def test_dash_and_ellipsis_stay_whole(metrics):
    for mark in ("——", "……"):
        for offset in range(10, 16):
            text = "一" * offset + mark + "二" * 30
            for line in set_text(metrics, text, indent=0):
                assert not line.text.endswith(mark[0]) or line.text.endswith(mark)
                assert not (line.text.startswith(mark[0]) and not line.text.startswith(mark))


def test_no_single_character_on_the_last_line(metrics):
    text = "一" * 29 + "二"  # greedy breaking leaves 二 alone on line 3 (after a 2-em indent)
    lines = set_text(metrics, text)
    assert len(lines[-1].text) >= 2


def test_adjacent_marks_take_one_and_a_half_em(metrics):
    tokens = L.tokenize([L.Run("好。”他说", "song")], metrics)
    period, quote = tokens[1], tokens[2]
    assert period.halved and period.width + quote.width == pytest.approx(1.5)


def test_han_and_latin_get_a_quarter_em_gap_but_not_beside_punctuation(metrics):
    tokens = L.tokenize([L.Run("在1921年，2026", "song")], metrics)
    gaps = [L._gap(a, b) for a, b in zip(tokens, tokens[1:])]
    assert gaps == [0.25, 0.25, 0.0, 0.0]


def test_latin_words_are_not_letter_spaced(metrics):
    lines = set_text(metrics, "一" * 10 + "PPP项目" + "二" * 30, indent=0)
    html = "".join(render_line(line, "song", 10) for line in lines)
    assert '<span class="nl">PP</span>P' in html


def test_kai_borrows_full_width_quotes_from_song(metrics):
    tokens = L.tokenize([L.Run("“活水”", "kai")], metrics)
    assert tokens[0].face == "song" and tokens[0].width == 1.0
    assert tokens[1].face == "kai"


def test_manuscript_text_is_escaped(metrics):
    html = render_line(set_text(metrics, "<b>{{ 7*7 }}</b>", indent=0)[0], "song", 10)
    assert "<b>" not in html
    assert unescape(re.sub(r"<[^>]+>", "", html)) == "<b>{{ 7*7 }}</b>"


han = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
marks = st.sampled_from(list("，。、；：！？“”（）《》") + ["——", "……"])
latin = st.sampled_from(["1921", "e", "PPP", "1.25", "100%"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(han, han, han, marks, latin), min_size=1, max_size=120),
       st.integers(min_value=8, max_value=30))
def test_random_paragraphs_break_legally(metrics, pieces, width):
    text = "".join(pieces)
    lines = set_text(metrics, text, width=width)
    assert "".join(line.text for line in lines) == text
    for line in lines[1:]:
        starts_ok = line.text[0] not in L.NO_LINE_START
        # A line may start with a mark only where the text leaves no legal break.
        assert starts_ok or all(t.kind == "punct" for t in line.tokens[:1])
    for line in lines[:-1]:
        assert line.text[-1] not in L.NO_LINE_END or len(line.tokens) == 1
        if L._natural(line.tokens) <= width - line.indent and L._stretch_count(line.tokens):
            assert line_width(line) == pytest.approx(width, abs=1e-6)


def test_a_long_paragraph_without_punctuation_breaks_in_linear_time(metrics):
    """The breaker scans only starts that still fit: 10 × the text costs ~10 × the time."""
    def seconds(chars):
        tokens = L.tokenize([L.Run(("党建引领金融服务实体经济" * 2000)[:chars], "song")], metrics)
        started = time.perf_counter()
        lines = L.break_lines(tokens, 18, 2.0)
        assert sum(len(line.text) for line in lines) == chars
        return time.perf_counter() - started

    small = min(seconds(2_000) for _ in range(3))
    assert seconds(20_000) < 25 * small + 0.5  # quadratic scanning took ~35 × small


def test_a_web_address_wider_than_the_column_breaks_after_its_separators(metrics):
    """An address breaks after / . - (never inside a number or word) and every line but
    the last still fills the measure."""
    url = "https://www.example-icbc.cn/kechuang/index.html"
    lines = set_text(metrics, "详见" + url + "网站。" + "一" * 20, indent=0)
    assert "".join(line.text for line in lines) == "详见" + url + "网站。" + "一" * 20
    for line, following in zip(lines, lines[1:]):
        assert line_width(line) == pytest.approx(15, abs=1e-6)
        assert not (re.search(r"[a-z0-9]$", line.text) and re.match(r"[a-z0-9]", following.text))
    assert any(re.search(r"[/.-]$", line.text) for line in lines)  # it did break inside
    assert [t.text for t in L.tokenize([L.Run("增长1.25倍", "song")], metrics)][2] == "1.25"
