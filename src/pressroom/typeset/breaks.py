"""Break kinds for display text: tokens (lines.tokenize) and candidate breaks in, the kind of each break out.

A typographer breaks a head where the sense breaks: between the halves of a
two-part title, after 。！？；，：、, at the edge of a quotation, otherwise between
words; inside a word, a number with its unit or a short quotation only when nothing
else fits. Each kind has a cost in PENALTIES (lower is better); a kind may be
compound ('word+long-quote'), costing the sum of its parts. The tables here are the
rules a developer tunes; display.py turns the costs into line layouts.
"""

from __future__ import annotations

from ..text.chars import (CLAUSE_END, CLOSING_MARKS, ENUMERATION_COMMA, HAN_NUMERALS,
                          INTERPUNCT, OPENING_MARKS, PAIRED_MARKS, PHRASE_END)
from .lines import Token, line_chars
from .words import Cut

PENALTIES = {
    "gap": 0.0,            # a space: between a title's halves, between names
    "stop": 0.0,           # after 。！？；……
    "comma": 3.0,          # after ，：
    "enumeration": 12.0,   # after 、
    "dash-before": 15.0,   # before ——
    "interpunct": 20.0,    # after · (溯源·红色根脉)
    "quote-edge": 20.0,    # after a closing or before an opening quotation mark/bracket
    "script": 25.0,        # after a Latin word or a number (with its unit), before Han
    "latin-space": 30.0,   # between two Latin words
    "phrase": 35.0,        # after 的 (红色金融的/初心)
    "word": 50.0,          # between two Han words (from the dictionary)
    "script-before": 55.0,  # Han before a Latin word or number (超/30亿元, 银行/APP)
    "clitic": 60.0,        # added: a line ends on 较/以/为…, or one starts with 的/后/等…
    "han": 70.0,           # between two Han characters, nothing known
    "dash-after": 80.0,    # a line ending in ——
    "name-gap": 10.0,      # a byline: between two names
    "long-quote": 150.0,   # added inside a quotation longer than SHORT_QUOTE characters
    "after-role": 500.0,   # a byline line ending on its role word (通讯员 / 赵一鸣)
    "date": 500.0,         # inside a date, after 年 or 月 (2026年/7月1日)
    "inside-word": 3000.0,
    "number": 3000.0,      # between a number and its unit (2.6/亿元, 105/周年, 第/3)
    "short-quote": 5000.0,  # added inside a quotation of ≤ SHORT_QUOTE characters
}
BAD = 500.0  # a break costing this much or more is one a typographer would not make
SENSE = 20.0  # breaks up to this cost follow the sense: spaces, punctuation, quotations
SHORT_QUOTE = 8  # a quoted phrase of at most this many characters is never split

# Units and counters that stay with the number before them (2.6亿元, 105周年, 100余户):
# the first after the number, then the second and third.
UNITS = frozenset("亿万千百十元角分年月日号时秒周岁个家户人次名项笔台辆条件座米吨亩倍"
                  "期届天位所只批款种类强余多股张本篇部场轮成折度")
MORE_UNITS = frozenset("万亿元年户家人亩吨个次名项笔台辆件座倍")
DATE_UNITS = frozenset("年月日时")  # 2026年7月1日 is one unit: a number follows these
# Single-character words that lead the phrase after them (a line should not end on
# them: 较/年初) and ones that close the phrase before them (a line should not start
# with them: 的, 后, 等).
LEADING_WORDS = frozenset("较以为在对向从与和及把被让将由同跟给比自至往按据经并而或当使超近达逾"
                          "约各每该其不未再更又也都均已正")
CLOSING_WORDS = frozenset("的了着过之们地得等后时中上下里内外间前来起去")
# A byline's role words: a role stays on the line of the names it introduces.
ROLES = ("□", "本报记者", "记者", "通讯员", "特约记者", "实习生", "见习记者", "本报讯",
         "摄", "编辑", "责任编辑")


def kind_cost(kind: str, penalties: dict[str, float] = PENALTIES) -> float:
    return sum(penalties.get(part, 0.0) for part in kind.split("+"))


def _is_number(token: Token) -> bool:
    return token.kind == "latin" and any(c.isdigit() for c in token.text)


def quote_spans(tokens: list[Token]) -> list[tuple[int, int, int]]:
    """(opening index, closing index, characters inside) of each matched pair of marks."""
    stack, spans = [], []
    for i, token in enumerate(tokens):
        if token.text in OPENING_MARKS:
            stack.append((i, PAIRED_MARKS[token.text]))
        elif token.text in CLOSING_MARKS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] == token.text:
                    start = stack[depth][0]
                    del stack[depth:]
                    spans.append((start, i, line_chars(tokens[start + 1:i])))
                    break
    return spans


def number_glue(tokens: list[Token]) -> tuple[set[int], set[int]]:
    """Break positions inside a number with its unit (2.6|亿|元, 105|周|年, 第|3,
    二|十|届), and those inside a date before its next number (2026年|7月)."""
    glued, dates = set(), set()
    for i, token in enumerate(tokens):
        if token.kind == "han" and i and tokens[i - 1].text in HAN_NUMERALS \
                and (token.text in HAN_NUMERALS or token.text in UNITS):
            glued.add(i)
        if not _is_number(token):
            continue
        if i and tokens[i - 1].text == "第":
            glued.add(i)
        if i >= 2 and tokens[i - 1].text in DATE_UNITS and _is_number(tokens[i - 2]):
            dates.add(i)
        j = i + 1
        while j < len(tokens) and j - i <= 3 and tokens[j].kind == "han" \
                and tokens[j].text in (UNITS if j == i + 1 else MORE_UNITS):
            glued.add(j)
            j += 1
    return glued, dates


def classify(tokens: list[Token], positions: list[int], offsets: list[int],
             cuts: dict[int, Cut] | None, spaces_only: bool = False,
             optimistic: bool = False) -> dict[int, str]:
    """The kind of each candidate break p (between tokens p-1 and p).

    `cuts`: word boundaries by character offset (None: no dictionary). `optimistic`:
    every Han–Han break gets the cheapest kind a dictionary could give it.
    `spaces_only` (bylines): only spaces are breaks, roles stay with their names.
    """
    quotes = quote_spans(tokens)
    glued, dates = number_glue(tokens)
    kinds = {}
    for p in positions:
        i, j = p, p  # the break is between tokens i-1 and j, spaces skipped
        while i > 0 and tokens[i - 1].kind == "space":
            i -= 1
        while j < len(tokens) and tokens[j].kind == "space":
            j += 1
        if i == 0 or j == len(tokens):
            kinds[p] = "gap"
            continue
        spaced = i != j
        kind = _base_kind(tokens, i, j, spaced, cuts, offsets, optimistic)
        if spaces_only:
            kind = _byline_kind(tokens, i, j, kind)
        if j in glued and not spaced:
            kind = "number"
        elif j in dates and not spaced:
            kind = "date"
        for start, end, length in quotes:
            if start < i and j < end:
                kind += "+short-quote" if length <= SHORT_QUOTE else "+long-quote"
                break
        kinds[p] = kind
    return kinds


def _byline_kind(tokens: list[Token], i: int, j: int, kind: str) -> str:
    if kind not in ("gap", "latin-space"):
        return "inside-word"
    if "".join(t.text for t in tokens[max(0, i - 4):i]).endswith(ROLES):
        return "after-role"
    if "".join(t.text for t in tokens[j:j + 4]).startswith(ROLES):
        return "gap"
    return "name-gap"


def _mark_kind(tokens: list[Token], i: int, j: int) -> str:
    """A break beside punctuation: the strongest mark before it decides."""
    candidates = []
    k = i - 1
    while k >= 0 and tokens[k].kind == "punct" and tokens[k].text not in OPENING_MARKS:
        mark = tokens[k].text
        if mark in CLAUSE_END or mark == "……":
            candidates.append("stop")
        elif mark in PHRASE_END:
            candidates.append("comma")
        elif mark == ENUMERATION_COMMA:
            candidates.append("enumeration")
        elif mark == INTERPUNCT:
            candidates.append("interpunct")
        elif mark in CLOSING_MARKS:
            candidates.append("quote-edge")
        elif mark == "——":
            candidates.append("dash-after")
        k -= 1
    if tokens[j].text in OPENING_MARKS:
        candidates.append("quote-edge")
    if tokens[j].text == "——":
        candidates.append("dash-before")
    return min(candidates, key=kind_cost) if candidates else "script"


def _base_kind(tokens, i, j, spaced, cuts, offsets, optimistic) -> str:
    a, b = tokens[i - 1], tokens[j]
    if spaced:
        return "latin-space" if a.kind == "latin" and b.kind == "latin" else "gap"
    if a.kind == "punct" or b.kind == "punct":
        return _mark_kind(tokens, i, j)
    if a.kind == "han" and b.kind == "han":
        return _han_kind(a, b, cuts and cuts.get(offsets[j]), cuts is not None, optimistic)
    return "script" if b.kind == "han" else "script-before"  # Han and Latin/number


def _han_kind(a: Token, b: Token, cut: Cut | None, segmented: bool, optimistic: bool) -> str:
    if not segmented:
        # No dictionary: 的 alone is known; the optimistic pass prices every other
        # break as a word boundary (a lower bound on what a dictionary could say).
        if a.text == "的":
            return "phrase"
        if optimistic:
            return "word"
        return "han+clitic" if b.text == "的" else "han"
    if cut is None:
        return "inside-word"
    if cut.before == "的":
        return "phrase"
    kind = "word" if cut.known else "han"
    if cut.before in LEADING_WORDS or cut.after in CLOSING_WORDS:
        kind += "+clitic"
    return kind
