"""Lint: manuscripts in, proofreading findings (GB/T 15834 and house rules), each with file, line, column and rule id, out.

Findings are `Problem`s with a rule id and a column, so `check` can reuse them; the
CLI prints them with `lint_line` as `file:line:col: rule-id: message`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from ..audit.streams import Piece, manuscript_pieces, read_text
from ..exceptions import PressroomError, Problem, display_path
from ..project.config import load_booklet
from ..text.chars import CLOSERS, HALF_TO_FULL, OPENERS, SENTENCE_END, fullwidth_alnum, is_cjk, is_han
from ..text.furniture import dateline_end
from ..text.normalise import chinese_context, protected_spans
from ..text.suggest import closest

PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "〈": "〉"}
CLOSING = {v: k for k, v in PAIRS.items()}
PAUSES = "，、；：。"
# A running paragraph may end in a sentence end, a dash, a colon or semicolon (a list
# follows), or "." (an English sentence).
PARAGRAPH_END = SENTENCE_END + "—：；."
TRAILING_NOTE = re.compile(r"（[^（）]*）$")
RUNNING = {"paragraph", "lead"}  # must end in punctuation
HEADINGS = {"title", "kicker", "subtitle", "story", "subhead"}  # may hold one space between two parts
NAMES = {"byline", "author", "editor", "credit", "label", "photo_note", "publication", "page"}


@dataclass(frozen=True)
class Rule:
    """A proofreading rule: its id, how serious, and a text that breaks it next to one
    that keeps it (the documentation, and one test per rule)."""

    id: str
    severity: str
    breaks: str
    keeps: str


RULES = {rule.id: rule for rule in (
    Rule("half-width-punct", "error", "第二段里,有半角逗号。", "共1,000元，约10:30到。"),
    Rule("straight-quote", "error", '他说"四个第一"。', "ICBC's “四个第一”。"),
    Rule("space-between-han", "error", "工行 重庆分行。", "“鉴史崇廉守初心　联学共建树新风”。"),
    Rule("space-han-latin", "error", "推广 APP 服务。", "推广APP服务。"),
    Rule("unbalanced-pair", "error", "他说“好。", "他说“好”。"),
    Rule("single-dash", "warning", "重庆—成都。", "重庆——成都。"),
    Rule("single-ellipsis", "warning", "等等…", "等等……"),
    Rule("full-width-alnum", "error", "共１２３人。", "共123人。"),
    Rule("doubled-punct", "error", "好，，坏。", "好，坏。"),
    Rule("paragraph-end", "warning", "没有句号", "有句号。"),
)}


def lint_line(finding: Problem) -> str:
    """A finding as `file:line:col: rule-id: message`, the form editors' tools read; one
    without a column as `file:line: …`, one about a whole file (not found) as `file: …`."""
    where = display_path(finding.path) if finding.path is not None else "pressroom"
    if finding.line:
        where += f":{finding.line}" + (f":{finding.column}" if finding.column else "")
    hint = f"; {finding.hint}" if finding.hint else ""
    return f"{where}: {finding.rule}: {finding.message}{hint}"


@dataclass
class Spot:
    """A rule's finding inside a piece of text: character index and message."""

    index: int
    rule: str
    message: str


# --- rules: each takes a piece's text and returns spots --------------------------------------------

def _neighbours(text: str, i: int) -> tuple[str, str]:
    before = text[:i].rstrip()
    after = text[i + 1:].lstrip()
    return (before[-1] if before else ""), (after[0] if after else "")


def half_width(text: str, kind: str) -> list[Spot]:
    """, ; : ( ) ! ? next to Chinese text (not in numbers, Latin words, URLs, e-mails)."""
    protected = protected_spans(text)
    spots = []
    for i, char in enumerate(text):
        if char in HALF_TO_FULL and i not in protected:
            if chinese_context(*_neighbours(text, i)):
                spots.append(Spot(i, "half-width-punct", f"half-width '{char}' in Chinese text; "
                                  f"use '{HALF_TO_FULL[char]}'"))
    return spots


def spaces(text: str, kind: str) -> list[Spot]:
    """Spaces between Chinese characters, or between Chinese and Latin letters or digits."""
    if kind in NAMES:
        return []  # names are separated by spaces: □通讯员 于萌 李媛, 汪长征 摄
    spots = []
    depth = 0
    dateline = dateline_end(text) if kind in RUNNING else 0
    for match in re.finditer(r"[^\S\n]+|[“”]", text):
        if match[0] in "“”":
            depth += 1 if match[0] == "“" else -1 if depth else 0
            continue
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not before or not after:
            continue
        if match[0] == "\u3000" and end <= dateline:
            continue  # names in an opening dateline: 本报讯（记者　王晓燕　通讯员　李明）
        if match[0] == "\u3000" and depth > 0 and is_han(before) and is_han(after):
            continue  # the two halves of a quoted slogan: 鉴史崇廉守初心　联学共建树新风
        if kind in HEADINGS and match[0] == " " and halves_meet(before, after):
            continue  # a two-part title: 红色薪火映初心 金融报国担使命, “茶贷”润茶乡 深化“千万工程” 建设和美乡村
        if is_cjk(before) and is_cjk(after):
            spots.append(Spot(start, "space-between-han", "space between Chinese characters; "
                              "remove it (U+3000 only between the halves of a quoted slogan)"))
        elif (is_cjk(before) and after.isascii() and after.isalnum()) or \
                (is_cjk(after) and before.isascii() and before.isalnum()):
            spots.append(Spot(start, "space-han-latin", "space between a Chinese character and "
                              "a Latin letter or digit; remove it, typesetting adds the gap"))
    return spots


def halves_meet(before: str, after: str) -> bool:
    """Whether a space between these characters can part the two halves of a title: a
    half ends in Han or a closing mark and begins with Han or an opening mark."""
    return (is_han(before) or before in CLOSERS) and (is_han(after) or after in OPENERS)


def balance(text: str, kind: str, next_opens_quote: bool = False,
            next_starts_quote: bool = False) -> list[Spot]:
    """Unbalanced “” ‘’ 《》 （） 〈〉 within the paragraph. `next_opens_quote`: the next
    paragraph continues a quotation (see continues_quotation); `next_starts_quote`: it
    opens with “ all the same, which the message explains."""
    spots = []
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if char == "’" and 0 < i < len(text) - 1 and text[i - 1].isascii() and \
                text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha():
            continue  # an apostrophe in Latin text: ICBC’s
        if char in PAIRS:
            stack.append((char, i))
        elif char in CLOSING:
            if stack and stack[-1][0] == CLOSING[char]:
                stack.pop()
            else:
                spots.append(Spot(i, "unbalanced-pair", f"'{char}' closes nothing; add the "
                                  f"opening '{CLOSING[char]}' or remove it"))
    for char, i in stack:
        if char == "“" and next_opens_quote and (char, i) == stack[0]:
            continue  # a quotation over several paragraphs: each opens “, only the last closes
        why = (" (the next paragraph's “ opens a run-in head or a quotation of its own, "
               "not a continued one: that would end its last paragraph with 。”)"
               if char == "“" and next_starts_quote else "")
        spots.append(Spot(i, "unbalanced-pair", f"'{char}' is not closed in this paragraph; "
                          f"add '{PAIRS[char]}'{why}"))
    return spots


def marks(text: str, kind: str) -> list[Spot]:
    """Single — or …, full-width letters and digits, doubled pause marks."""
    spots = []
    for match in re.finditer(r"—+", text):
        if len(match[0]) % 2:
            spots.append(Spot(match.start(), "single-dash", "a dash is two em dashes '——'"))
    for match in re.finditer(r"…+|\.{3,}", text):
        if match[0][0] == "." or len(match[0]) % 2:
            spots.append(Spot(match.start(), "single-ellipsis", "an ellipsis is two marks '……'"))
    for match in re.finditer(r"[０-９Ａ-Ｚａ-ｚ]+", text):
        ascii_text = "".join(fullwidth_alnum(c) for c in match[0])
        spots.append(Spot(match.start(), "full-width-alnum", f"full-width '{match[0]}'; use "
                          f"'{ascii_text}'"))
    for match in re.finditer(rf"[{PAUSES}]{{2,}}|！！+|？？+", text):
        spots.append(Spot(match.start(), "doubled-punct", f"'{match[0]}': keep one mark"))
    return spots


def paragraph_end(text: str, kind: str) -> list[Spot]:
    """A paragraph must end in punctuation (headings, captions, bylines are exempt)."""
    if kind not in RUNNING:
        return []
    body = text.rstrip()
    # A note in brackets closes a paragraph after its stop (。（完）) or is the paragraph
    # itself (（作者单位：工行安溪支行）): the stop is looked for before it.
    bare = TRAILING_NOTE.sub("", body).rstrip(CLOSERS)
    if not bare or bare[-1] in PARAGRAPH_END:
        return []
    return [Spot(len(body) - 1, "paragraph-end", "paragraph does not end in punctuation; "
                 "add '。' (or '！', '？', '……')")]


def straight_quotes(text: str, kind: str) -> list[Spot]:
    """Straight quotes " ' in Chinese text (not an apostrophe in Latin, not in URLs)."""
    protected = protected_spans(text)
    spots = []
    for i, char in enumerate(text):
        if char not in "\"'" or i in protected:
            continue
        before, after = _neighbours(text, i)
        if char == "'" and before.isascii() and before.isalpha() and after.isascii():
            continue  # an apostrophe: ICBC's
        if is_cjk(before) or is_cjk(after):
            curly = "“ ”" if char == '"' else "‘ ’"
            spots.append(Spot(i, "straight-quote", f"straight quote {char} in Chinese text; "
                              f"use {curly}"))
    return spots


CHECKS = (half_width, straight_quotes, spaces, marks, paragraph_end)


# --- running the rules -----------------------------------------------------------------------------

def check_pieces(pieces: list[Piece], raw: str = "") -> list[tuple[Piece, Spot]]:
    found = []
    for k, piece in enumerate(pieces):
        text = piece.text
        following = pieces[k + 1] if k + 1 < len(pieces) else None
        continued = bool(following and piece.kind in RUNNING and
                         continues_quotation(following, raw))
        spots = [spot for check in CHECKS for spot in check(text, piece.kind)]
        opens = bool(following and following.text.lstrip().startswith("“"))
        spots += balance(text, piece.kind, continued, opens)
        found += [(piece, spot) for spot in spots]
    return found


def continues_quotation(piece: Piece, raw: str = "") -> bool:
    """Whether a paragraph continues a quotation left open by the one before it.

    GB/T 15834: a quotation of several paragraphs opens each of them with “ and closes
    only the last, after its final sentence. So a continuing paragraph opens with “, is
    no run-in head (**“战斗堡垒”持续壮大。**…), and its opening “ either stays open to
    its end (a middle paragraph) or is closed by the ” that ends it, right after a
    sentence's end (the last one: ……。”). A “ closed anywhere else opens a quotation of
    its own: a quoted term (“工行印记”愈发鲜明) or a quoted sentence followed by more.
    """
    if piece.kind not in RUNNING or _runin_head(piece, raw):
        return False
    text = piece.text.rstrip()
    start = len(text) - len(text.lstrip())
    if not text[start:].startswith("“"):
        return False
    close = _closing_quote(text, start)
    if close is None:
        return True  # still open: a middle paragraph
    rest = text[close + 1:].strip()
    before = text[:close].rstrip(CLOSERS)
    return (not rest or bool(TRAILING_NOTE.fullmatch(rest))) and \
        bool(before) and before[-1] in SENTENCE_END


def _closing_quote(text: str, start: int) -> int | None:
    """Index of the ” that closes the “ at `start`, or None when it stays open."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "“":
            depth += 1
        elif text[i] == "”":
            depth -= 1
            if depth == 0:
                return i
    return None


def _runin_head(piece: Piece, raw: str) -> bool:
    """Whether a body paragraph opens with a run-in head: `**` before its first character
    on its line (the pieces have the markers removed)."""
    if piece.kind != "paragraph" or not raw or not piece.offsets:
        return False
    first = piece.offsets[0]
    return raw[raw.rfind("\n", 0, first) + 1:first].strip() == "**"


def lint_text(raw: str, path: Path) -> list[Problem]:
    """Findings for one manuscript's text, in file order."""
    starts = [0] + [i + 1 for i, c in enumerate(raw) if c == "\n"]
    findings = []
    for piece, spot in check_pieces(manuscript_pieces(raw, path), raw):
        offset = piece.offsets[min(spot.index, len(piece.offsets) - 1)]
        line = bisect.bisect_right(starts, offset)
        findings.append(Problem(spot.message, path, line, rule=spot.rule,
                                severity=RULES[spot.rule].severity,
                                column=offset - starts[line - 1] + 1))
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule))


def lint_files(paths: list[Path] | tuple[Path, ...]) -> list[Problem]:
    """Findings for the given manuscripts; a file that cannot be read is a finding too."""
    findings: list[Problem] = []
    for path in paths:
        if not Path(path).is_file():
            findings.append(_not_found(Path(path)))
            continue
        try:
            findings += lint_text(read_text(path), path)
        except PressroomError as exc:
            findings += exc.problems
    return findings


def _not_found(path: Path) -> Problem:
    """A manuscript path that names no file, with the nearest article's path when one is
    close (a typo in the slug)."""
    folders = [p.parent.name for p in path.parent.parent.glob("*/article.md")]
    close = closest(path.parent.name, folders)
    hint = (f"did you mean {display_path(path.parent.parent / close / path.name)}?"
            if close and path.name == "article.md" else
            "give the path of a manuscript, such as manuscripts/<slug>/article.md; "
            "without files, lint checks every article of the booklet")
    return Problem("file not found", path, hint=hint, rule="file-missing")


def lint_project(root: Path) -> list[Problem]:
    """Findings for every manuscript of the booklet (for `lint` and `check`)."""
    return lint_files(booklet_manuscripts(root))


def booklet_manuscripts(root: Path) -> list[Path]:
    """The manuscript of every article the booklet lists, in its order."""
    booklet = load_booklet(root)
    return [booklet.article_path(slug) for slug in booklet.articles]


def lint_summary(checked: int) -> str:
    """The line `lint` ends a clean run with, so that an editor sees it ran."""
    return f"lint: clean: {checked} manuscript{'s' * (checked != 1)} checked"
