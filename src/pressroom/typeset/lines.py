"""Line breaking: styled runs of a paragraph in, measured and justified lines out.

WeasyPrint stretches only spaces when justifying, so a Chinese line ends short
whenever it holds Latin letters, digits or a line-start push-out. pressroom
therefore breaks the lines itself (clreq line-start/line-end prohibitions,
unbreakable —— and ……, no last line of fewer than MIN_LAST_CHARS characters
where another break avoids it) and
gives every non-final line the letter-spacing that makes it reach the column
edge exactly. markup.py turns the lines into HTML.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

from ..text.chars import LEFT_INK, NO_LINE_END, NO_LINE_START, UNBREAKABLE_PAIRS

# Marks the breaker treats as punctuation tokens (the rest of Chinese text is Han).
PUNCT_TOKENS = NO_LINE_START | NO_LINE_END | set("—")
# Characters Kai should borrow from Song: LXGW WenKai draws “” ‘’ · half-width.
BORROWED_FROM_SONG = set("“”‘’·")
HAN_LATIN_GAP = 0.25  # em; clreq asks for 1/8 to 1/4 em between Han and Latin
MAX_STRETCH = 0.5  # em per gap; looser lines are a last resort
ORPHAN_PENALTY = 10_000.0
# Web and e-mail addresses may break after these characters (address_pieces).
ADDRESS = re.compile(r"^(https?://|ftp://|www\.)|^[\w.+-]+@[\w-]+\.")
ADDRESS_BREAKS = frozenset("/.-?&=#")
# A paragraph's last line holds at least this many characters (Han, Latin letters,
# digits; marks not counted) wherever another break allows it: no 孤字, and not two
# characters alone either. Body, leads and captions alike.
MIN_LAST_CHARS = 3
SHAPES_KEPT = 100_000  # shaped pieces a Metrics keeps (a long-running process starts again)


@dataclass(frozen=True)
class Run:
    """A stretch of paragraph text in one face ('song', 'song-bold', 'kai'…)."""

    text: str
    face: str


@dataclass
class Token:
    """An unbreakable unit: one Han character or mark, a Latin word, a —— or ……"""

    text: str
    face: str
    width: float  # em
    clusters: list[str]  # how the shaper groups the text; spacing follows each
    kind: str  # 'han', 'punct', 'latin', 'space'
    halved: bool = False  # right half dropped before another mark
    break_after: bool = False  # a piece of a web or e-mail address: a line may end here


@dataclass
class Line:
    tokens: list[Token]
    gaps: list[float]  # natural gap (em) before each token after the first
    spacing: float  # em added after every cluster
    last: bool
    indent: float = 0.0  # em
    halve_end: bool = False  # display lines: the line-end mark is set half width

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.tokens)


class Metrics:
    """Advance widths from the same font files WeasyPrint will embed."""

    def __init__(self, faces: dict[str, Path], fallbacks: dict[str, list[str]]):
        self._paths = faces
        self._fallbacks = fallbacks
        self._fonts: dict[str, hb.Font] = {}
        self._cmaps: dict[str, set[int]] = {}
        # Per instance, not an lru_cache on the method: a long-lived process (watch, the
        # resident builder) must let an old font set's metrics go with its typesetter.
        self._shapes: dict[tuple[str, str], tuple[float, tuple[str, ...]]] = {}

    def _font(self, face: str) -> hb.Font:
        if face not in self._fonts:
            hb_face = hb.Face(hb.Blob.from_file_path(str(self._paths[face])))
            self._fonts[face] = hb.Font(hb_face)
            self._cmaps[face] = set(hb_face.unicodes)
        return self._fonts[face]

    def covers(self, face: str, char: str) -> bool:
        self._font(face)
        return ord(char) in self._cmaps[face]

    def face_for(self, face: str, char: str) -> str:
        """The face that actually draws `char` when the role asks for `face`."""
        if face == "kai" and char in BORROWED_FROM_SONG:
            face = "song"
        if self.covers(face, char):
            return face
        for other in self._fallbacks.get(face, []):
            if self.covers(other, char):
                return other
        return face

    def shape(self, face: str, text: str) -> tuple[float, tuple[str, ...]]:
        """Width in em and the clusters of `text` set in `face` (remembered)."""
        key = (face, text)
        if key not in self._shapes:
            if len(self._shapes) > SHAPES_KEPT:
                self._shapes.clear()
            self._shapes[key] = self._shape(face, text)
        return self._shapes[key]

    def _shape(self, face: str, text: str) -> tuple[float, tuple[str, ...]]:
        font = self._font(face)
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.language = "zh-Hans"
        hb.shape(font, buf, {})
        upem = font.face.upem
        width = sum(p.x_advance for p in buf.glyph_positions) / upem
        starts = sorted({info.cluster for info in buf.glyph_infos})
        ends = starts[1:] + [len(text)]
        return width, tuple(text[a:b] for a, b in zip(starts, ends))


def char_kind(char: str) -> str:
    if char.isspace():
        return "space"
    if char in PUNCT_TOKENS:
        return "punct"
    if char.isascii() or unicodedata.category(char)[0] in "LN" and ord(char) < 0x2E80:
        return "latin"
    return "han"


def tokenize(runs: list[Run], metrics: Metrics) -> list[Token]:
    """Split styled runs into unbreakable tokens with their widths."""
    pieces: list[tuple[str, str, str]] = []  # text, face, kind
    for run in runs:
        i, text = 0, run.text
        while i < len(text):
            char = text[i]
            kind = char_kind(char)
            face = metrics.face_for(run.face, char)
            if text.startswith(UNBREAKABLE_PAIRS, i):
                pieces.append((text[i:i + 2], face, "punct"))
                i += 2
                continue
            if kind == "latin" and pieces and pieces[-1][2] == "latin" \
                    and pieces[-1][1] == face and not pieces[-1][0].endswith(" "):
                prev = pieces.pop()
                pieces.append((prev[0] + char, face, "latin"))
            else:
                pieces.append((char, face, kind))
            i += 1
    tokens = []
    for text, face, kind in pieces:
        parts = address_pieces(text) if kind == "latin" else [text]
        for number, part in enumerate(parts):
            width, clusters = metrics.shape(face, part)
            tokens.append(Token(part, face, width, list(clusters), kind,
                                break_after=number < len(parts) - 1))
    _compress_adjacent_marks(tokens)
    return tokens


def address_pieces(word: str) -> list[str]:
    """A web or e-mail address in the pieces a line may break between: after a slash
    (not inside //), a dot, hyphen, ?, &, = or #, as address breaking goes.
    Any other Latin word is one piece: words and numbers (1.25) never break."""
    if not ADDRESS.search(word):
        return [word]
    pieces, start = [], 0
    for i, char in enumerate(word[:-1]):
        if char in ADDRESS_BREAKS and not (char == "/" and word[i + 1] == "/"):
            pieces.append(word[start:i + 1])
            start = i + 1
    return pieces + [word[start:]]


def _compress_adjacent_marks(tokens: list[Token]) -> None:
    for left, right in zip(tokens, tokens[1:]):
        if left.text in LEFT_INK and right.kind == "punct" and left.width >= 0.99:
            left.halved = True
            left.width -= 0.5


def _gap(left: Token, right: Token) -> float:
    kinds = {left.kind, right.kind}
    return HAN_LATIN_GAP if kinds == {"han", "latin"} else 0.0


def _can_break(left: Token, right: Token) -> bool:
    if right.kind == "space" or left.kind == "space":
        return True
    if right.text[0] in NO_LINE_START or left.text[-1] in NO_LINE_END:
        return False
    return not (left.kind == "latin" and right.kind == "latin") or left.break_after


def can_break(tokens: list[Token], p: int) -> bool:
    """Whether a line may break between tokens p-1 and p.

    A break at a space looks through the spaces: `甲 ，乙` must not start a line
    with the comma, and `“ 甲` must not end one with the quote.
    """
    if not _can_break(tokens[p - 1], tokens[p]):
        return False
    i, j = p, p
    while i > 0 and tokens[i - 1].kind == "space":
        i -= 1
    while j < len(tokens) and tokens[j].kind == "space":
        j += 1
    return i == 0 or j == len(tokens) or i == j or _can_break(tokens[i - 1], tokens[j])


def line_chars(tokens: list[Token]) -> int:
    """Characters that count for a line's length: Han, Latin letters, digits."""
    return sum(len(t.text) for t in tokens if t.kind in ("han", "latin"))


def break_lines(tokens: list[Token], width: float, indent: float = 2.0,
                min_last: int = MIN_LAST_CHARS) -> list[Line]:
    """Total-fit line breaking of one paragraph; `width` and `indent` in em.

    A last line of fewer than `min_last` characters costs ORPHAN_PENALTY, so it is
    set only where every other layout is worse (a one-line paragraph is exempt).
    """
    n = len(tokens)
    if n == 0:
        return []
    breaks = [i for i in range(1, n) if can_break(tokens, i)]
    allowed = set(breaks) | {n}
    starts = [0] + breaks
    measure = _Measure(tokens)
    best: dict[int, tuple[float, int]] = {0: (0.0, -1)}
    for end in sorted(allowed):
        # Nearest starts first; the scan stops once a line gets too wide, so a
        # paragraph costs O(n × line length), not O(n²).
        for k in range(bisect.bisect_left(starts, end) - 1, -1, -1):
            start = starts[k]
            if start not in best:
                continue
            natural, stretches = measure.line(start, end)
            avail = width - (indent if start == 0 else 0.0)
            if natural > avail + 1e-6 and end - start > 1 and end in best:
                break  # longer lines only get wider
            last = end == n
            orphan = last and start > 0 and \
                line_chars(_trim(tokens, start, end)) < min_last
            cost = best[start][0] + _range_cost(natural, stretches, avail, last, orphan)
            if end not in best or cost < best[end][0]:
                best[end] = (cost, start)
            if natural > avail + 1e-6:
                break  # overfull even at its shortest: take it, nothing fits better
    lines, end = [], n
    while end > 0:
        start = best[end][1]
        lines.append((start, end))
        end = start
    lines.reverse()
    return [_make_line(tokens, s, e, width, indent if s == 0 else 0.0, e == n)
            for s, e in lines]


class _Measure:
    """Prefix sums over a paragraph's tokens: a candidate line is measured in O(1)."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.width = [0.0]
        self.gap = [0.0, 0.0]  # gap[i]: sum of gaps between tokens j-1 and j, j < i
        self.units = [0]
        for i, token in enumerate(tokens):
            self.width.append(self.width[-1] + token.width)
            self.units.append(self.units[-1] + _stretch_units(token))
            if i:
                self.gap.append(self.gap[-1] + _gap(tokens[i - 1], token))

    def line(self, start: int, end: int) -> tuple[float, int]:
        """Natural width (em) and stretch count of tokens[start:end], spaces trimmed."""
        tokens = self.tokens
        while start < end and tokens[start].kind == "space":
            start += 1
        while end > start and tokens[end - 1].kind == "space":
            end -= 1
        if start == end:
            return 0.0, -1
        natural = self.width[end] - self.width[start] + self.gap[end] - self.gap[start + 1]
        if tokens[end - 1].halved:
            natural += 0.5  # a halved mark keeps its full width at the end of a line
        return natural, self.units[end] - self.units[start] - 1


def _range_cost(natural: float, stretches: int, avail: float, last: bool,
                orphan: bool) -> float:
    if natural > avail + 1e-6:
        return 1e9  # a single token wider than the column
    if last:
        return ORPHAN_PENALTY if orphan else 0.0
    if stretches <= 0:
        return 1e6
    per_gap = (avail - natural) / stretches
    cost = (per_gap / MAX_STRETCH) ** 2 * 100
    return cost if per_gap <= MAX_STRETCH else cost * 100


def _trim(tokens: list[Token], start: int, end: int) -> list[Token]:
    line = tokens[start:end]
    while line and line[0].kind == "space":
        line = line[1:]
    while line and line[-1].kind == "space":
        line = line[:-1]
    return line


def _natural(line: list[Token]) -> float:
    # A mark halved for its neighbour keeps its full width when it ends the line.
    restored = 0.5 if line and line[-1].halved else 0.0
    return sum(t.width for t in line) + sum(_gap(a, b) for a, b in zip(line, line[1:])) \
        + restored


def _stretch_units(token: Token) -> int:
    """Letter-spacing follows each cluster, but stays out of Latin words and dashes
    (a piece of an address is spaced after its end, like a word)."""
    if token.kind == "han" or token.kind == "punct" and len(token.clusters) == 1:
        return len(token.clusters)
    return 1


def _stretch_count(line: list[Token]) -> int:
    """Places where letter-spacing opens a gap: after every cluster but the last."""
    return sum(_stretch_units(t) for t in line) - 1


def _make_line(tokens, start, end, width, indent, last) -> Line:
    line = _trim(tokens, start, end)
    gaps = [_gap(a, b) for a, b in zip(line, line[1:])]
    spacing = 0.0
    if not last:
        stretches = _stretch_count(line)
        if stretches:
            spacing = max(0.0, (width - indent - _natural(line)) / stretches)
    return Line(line, gaps, spacing, last, indent)
