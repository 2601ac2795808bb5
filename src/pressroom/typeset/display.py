"""Display text (heads, subheads, labels, kickers, bylines): a string and a measure in, balanced lines out.

Body text is justified; display text is centred or set flush left line by line, so
the reader sees every break. A head therefore

* breaks where the sense breaks (breaks.py prices each candidate break), never inside
  a word, a number with its unit or a quoted phrase where another break exists;
* keeps the body's clreq prohibitions exactly: the candidate breaks are those of
  lines.can_break on the tokens of lines.tokenize;
* is balanced: each line's width is compared with the text's width / the number of
  lines (squared), and of two equal layouts the longer first line wins (上长下短);
* never leaves fewer than `min_last` characters alone on its last line.

`set_display` solves this exactly with one small dynamic programme per line count.
Word boundaries come from words.py, consulted only when the best layout could break
between two Han characters (see set_display). The lines are lines.Line objects
(no letter-spacing) for markup.render_line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import breaks as B
from . import words
from .lines import LEFT_INK, Line, Metrics, Run, Token, can_break, line_chars, tokenize
from .lines import _gap

SHORT_LINE = 20_000.0  # a line with too few characters
OVERFULL = 1_000_000.0  # a line wider than the measure (plus 10,000 per em over)
TOP_HEAVY = 0.05  # per (line index × width / measure): 上长下短, deterministically
MORE_LINES = 2  # layouts of up to this many lines more than the width needs are tried


@dataclass(frozen=True)
class Style:
    """How one kind of display text is broken."""

    min_last: int = 3  # fewer characters (Han, Latin, digits) on the last line: SHORT_LINE
    min_line: int = 2  # the same for every other line
    balance: float = 300.0  # weight of Σ((width − text width / lines) / measure)²
    line: float = 100.0  # cost of each line after the first
    han_space: bool = True  # a space between Han text is a 1-em gap (U+3000)
    spaces_only: bool = False  # break at spaces only (bylines: names stay whole)
    hang_end: bool = True  # a line-end 。，、” counts (and is set) half width
    penalties: dict = field(default_factory=lambda: dict(B.PENALTIES))


HEAD = Style()  # titles, subheads, labels, kickers, subtitles
BYLINE = Style(min_last=0, min_line=0, han_space=False, spaces_only=True)
INLINE = Style(hang_end=False)  # one line, as the body sets it (credits, the band, notes)
STYLES = {"head": HEAD, "byline": BYLINE, "inline": INLINE}


@dataclass
class DisplaySet:
    """A display text broken into lines, with what the breaker thought of it."""

    lines: list[Line]
    widths: list[float]  # em, as set
    measure: float  # em
    breaks: list[str]  # the kind of each break ('comma', 'word', …)
    overfull: bool  # some line is wider than the measure: nothing fitted
    segmented: bool  # the word segmenter was consulted
    min_last: int = 3

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def bad_breaks(self) -> list[str]:
        """Breaks a typographer would avoid: inside a word, number or short quotation."""
        return [kind for kind in self.breaks if B.kind_cost(kind) >= B.BAD]

    @property
    def short_last(self) -> bool:
        return len(self.lines) > 1 and line_chars(self.lines[-1].tokens) < self.min_last

    @property
    def ok(self) -> bool:
        return not self.overfull and not self.bad_breaks and not self.short_last


def display_tokens(text: str, metrics: Metrics, face: str, style: Style = HEAD) -> list[Token]:
    """lines.tokenize on `text` with its whitespace made single; with `han_space`, a
    space not between two Latin words becomes U+3000, the 1-em gap between the halves
    of a two-part title (it copies out as that gap)."""
    text = han_spaces(text) if style.han_space else " ".join(text.split())
    return tokenize([Run(text, face)], metrics)


def han_spaces(text: str) -> str:
    """Whitespace made single; a space not between two Latin words becomes U+3000."""
    words_ = text.split()
    joined = words_[:1]
    for word in words_[1:]:
        latin = joined[-1][-1:].isascii() and word[:1].isascii()
        joined.append((" " if latin else "\u3000") + word)
    return "".join(joined)


def set_display(text: str, width_em: float, metrics: Metrics, face: str = "hei",
                style: Style = HEAD, segmenter="auto") -> DisplaySet:
    """Break `text` for a measure of `width_em` em in `face`.

    `segmenter`: "auto" (default), None (rules only) or a callable text → words.
    "auto" first solves with every Han–Han break priced as cheaply as a dictionary
    could price it. Every other break costs the same with or without a dictionary, so
    when that layout uses no Han–Han break no dictionary could change it, and none is
    loaded; otherwise words.segmenter() is loaded and the problem solved again.
    """
    tokens = display_tokens(text, metrics, face, style)
    if not tokens:
        return DisplaySet([], [], width_em, [], False, False, style.min_last)
    offsets, offset = [], 0
    for token in tokens:
        offsets.append(offset)
        offset += len(token.text)
    positions = [p for p in range(1, len(tokens)) if can_break(tokens, p)]
    if segmenter == "auto":
        kinds = B.classify(tokens, positions, offsets, None, style.spaces_only, optimistic=True)
        bounds = _solve(tokens, positions, kinds, width_em, style)
        if not any(_between_han(tokens, e) for _, e in bounds[:-1]):
            return _finish(tokens, bounds, kinds, width_em, style, segmented=False)
        segmenter = words.segmenter()
    cuts = words.word_cuts(segmenter("".join(t.text for t in tokens))) if segmenter else None
    kinds = B.classify(tokens, positions, offsets, cuts, style.spaces_only)
    bounds = _solve(tokens, positions, kinds, width_em, style)
    return _finish(tokens, bounds, kinds, width_em, style, segmented=cuts is not None)


def _between_han(tokens: list[Token], p: int) -> bool:
    return tokens[p - 1].kind == "han" and tokens[p].kind == "han"


def _trimmed(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    while start < end and tokens[start].kind == "space":
        start += 1
    while end > start and tokens[end - 1].kind == "space":
        end -= 1
    return start, end


class _Sums:
    """Prefix sums over the tokens: a candidate line is measured in O(1)."""

    def __init__(self, tokens: list[Token], style: Style):
        self.tokens, self.style = tokens, style
        self.width, self.gap, self.chars = [0.0], [0.0, 0.0], [0]
        for i, token in enumerate(tokens):
            self.width.append(self.width[-1] + token.width)
            self.chars.append(self.chars[-1] + line_chars([token]))
            if i:
                self.gap.append(self.gap[-1] + _gap(tokens[i - 1], token))

    def line(self, start: int, end: int) -> tuple[float, int, bool]:
        """(width as set, characters, last mark halved) of tokens[start:end]. A halved
        line-end mark still advances a full em past the width (see _extent)."""
        start, end = _trimmed(self.tokens, start, end)
        if start == end:
            return 0.0, 0, False
        width = self.width[end] - self.width[start] + self.gap[end] - self.gap[start + 1]
        last, halve = self.tokens[end - 1], False
        if last.text in LEFT_INK and self.style.hang_end:
            if not last.halved and last.width >= 0.99:
                width -= 0.5  # the empty right half of a line-end mark is not set
            halve = True
        elif last.halved:
            width += 0.5  # halved for a neighbour that is now on the next line
        return width, self.chars[end] - self.chars[start], halve


def _line_penalty(sums: _Sums, start: int, end: int, width_em: float) -> tuple[float, float]:
    """(penalty of the line for being overfull or too short, its width)."""
    n, style = len(sums.tokens), sums.style
    width, chars, halve = sums.line(start, end)
    extent = _extent(width, halve)
    cost = 0.0
    if extent > width_em + 1e-6:
        cost += OVERFULL + 10_000.0 * (extent - width_em)
    minimum = style.min_last if end == n else style.min_line
    if chars < minimum and not (start == 0 and end == n):
        cost += SHORT_LINE
    return cost, width


def _extent(width: float, halve: bool) -> float:
    """How far a line reaches: a line-end mark set half width (its ink is in its left
    half, so a centred line centres on its ink) still advances its right half, which
    must stay inside the measure."""
    return width + 0.5 if halve else width


def layout_cost(tokens, bounds, kinds, width_em, style) -> float:
    """What a layout (lines as (start, end) token ranges) costs: its breaks, its overfull
    or short lines, each line's distance from the balanced width, its line count."""
    measure = max(width_em, 1e-6)
    sums = _Sums(tokens, style)
    target = sums.line(0, len(tokens))[0] / len(bounds)
    total = style.line * (len(bounds) - 1)
    for index, (start, end) in enumerate(bounds):
        penalty, width = _line_penalty(sums, start, end, width_em)
        total += penalty + style.balance * ((width - target) / measure) ** 2 \
            + TOP_HEAVY * index * width / measure
        if end < len(tokens):
            total += B.kind_cost(kinds[end], style.penalties)
    return total


def _candidate_lines(sums, positions, kinds, width_em) -> dict[int, list]:
    """end → [(start, penalty incl. the break's cost, width)] of every line worth trying."""
    n, style = len(sums.tokens), sums.style
    starts = [0] + positions
    lines = {}
    for end in positions + [n]:
        row = lines[end] = []
        cost = B.kind_cost(kinds[end], style.penalties) if end < n else 0.0
        for start in reversed([s for s in starts if s < end]):
            penalty, width = _line_penalty(sums, start, end, width_em)
            row.append((start, penalty + cost, width))
            if penalty >= OVERFULL:
                break  # wider still as the start moves left; the first is the fallback
    return lines


def _solve(tokens, positions, kinds, width_em, style) -> list[tuple[int, int]]:
    """The cheapest layout by layout_cost: one dynamic programme per line count k over
    (break position, lines so far), each exact since every line of a k-line layout is
    compared with the same target; the cheapest k wins."""
    n, measure = len(tokens), max(width_em, 1e-6)
    sums = _Sums(tokens, style)
    natural = sums.line(0, n)[0]
    k_min = max(1, math.ceil(natural / measure - 1e-9))
    k_max = min(len(positions) + 1, k_min + MORE_LINES)
    lines = _candidate_lines(sums, positions, kinds, width_em)
    options = []
    for k in range(1, k_max + 1):
        target = natural / k
        best: dict[int, dict[int, tuple[float, int]]] = {0: {0: (0.0, -1)}}
        for end in positions + [n]:
            row = best.setdefault(end, {})
            for start, penalty, width in lines[end]:
                cost = penalty + style.balance * ((width - target) / measure) ** 2
                for j, (previous, _) in best.get(start, {}).items():
                    if j + 1 > k or (j + 1 == k) != (end == n):
                        continue
                    total = previous + cost + TOP_HEAVY * j * width / measure
                    if j + 1 not in row or total < row[j + 1][0]:
                        row[j + 1] = (total, start)
        if k in best.get(n, {}):
            bounds, end, j = [], n, k
            while end > 0:
                start = best[end][j][1]
                bounds.append((start, end))
                end, j = start, j - 1
            options.append((best[n][k][0] + style.line * (k - 1), k, bounds[::-1]))
    return min(options, key=lambda option: option[:2])[2]


def _finish(tokens, bounds, kinds, width_em, style, segmented) -> DisplaySet:
    sums = _Sums(tokens, style)
    lines, widths, overfull = [], [], False
    for start, end in bounds:
        width, _, halve = sums.line(start, end)
        if halve and width + 1.0 > width_em:
            # centred, the halved mark's right half would poke past the measure:
            # set it full width (the line still fits, see _extent)
            width, halve = width + 0.5, False
        a, b = _trimmed(tokens, start, end)
        line = tokens[a:b]
        lines.append(Line(line, [_gap(x, y) for x, y in zip(line, line[1:])], 0.0, True,
                          halve_end=halve))
        widths.append(width)
        overfull |= _extent(width, halve) > width_em + 1e-6
    return DisplaySet(lines, widths, width_em, [kinds[e] for _, e in bounds[:-1]], overfull,
                      segmented, style.min_last)


def fit_display(text: str, width_pt: float, size_pt: float, metrics: Metrics,
                face: str = "hei", min_size: float | None = None, max_break: float = B.BAD,
                style: Style = HEAD, segmenter="auto") -> tuple[float, DisplaySet]:
    """The largest size ≤ `size_pt` (in half points, down to `min_size`, by default ¾ of
    the size) at which the text breaks well: nothing overfull, no short last line, no
    break costing `max_break` or more (BAD: none inside a word; SENSE: only at spaces,
    punctuation and quotations). Failing that, the largest size at which it is at least
    `ok`; failing that, the smallest size."""
    if min_size is None:
        min_size = math.floor(size_pt * 0.75 * 2) / 2
    size, fallback = size_pt, None
    while True:
        result = set_display(text, width_pt / size, metrics, face, style, segmenter)
        if result.ok and all(B.kind_cost(k, style.penalties) < max_break
                             for k in result.breaks):
            return size, result
        if result.ok and fallback is None:
            fallback = (size, result)
        if size - 0.5 < min_size - 1e-9:
            return fallback or (size, result)
        size -= 0.5

