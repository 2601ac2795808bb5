"""Segmenting: source lines in, groups of lines that make one block (paragraph, heading, caption, …) out.

A blank line in text extracted from print is either a paragraph break or a column
break inside a sentence; hard-wrapped column lines are joined. `joins` is the rule
that decides, line by line; a plain line break inside a sentence of running text is
never a paragraph end. Every join across a blank line, and every join that puts two
digits side by side, is noted for review, and so is a paragraph end kept where the
sentence was left open. A caption set inside a paragraph (…发放贷 / 图为… / 款50万元…)
is taken out of it: the paragraph is one again and the caption follows it (`bridge`).
The lines of one Word paragraph always join and two Word paragraphs never do.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ..text.chars import ends_sentence
from ..text.furniture import DATELINE
from .captions import caption_like
from .model import Notes
from .kinds import CAPTION_LINE, LIST_NUMBER, SHORT_LINE, width
from .source import SourceLine


CONTINUES = "，、；：“‘（《〈【「—,;:(-"  # a line ending in these goes on


CONTINUATION_START = "，。、；：？！）》〉】」”’,.;:?!)"  # a new paragraph never starts so


ATTRIBUTION = re.compile(r"^[^，。！？“”,!?]{1,20}?(?:说|表示|介绍|坦言|感慨|说道)。")
NUMBER_GOES_ON = r"[0-9０-９.．%％万亿千百元家户个人名次亩吨辆台件条笔项倍年月日号岁]"


PARTICLES = set("的了和与及在是为对把被从向将以而并或之其且给让使着所也都就还又再等")


@dataclass
class Columns:
    """How the text was set: hard-wrapped column lines or one line per paragraph."""

    wrapped: bool
    widths: list[float | None]  # the column width around each line, when wrapped
    fullest: list[float | None]  # the widest lines around it (the column's real measure)
    running: list[float | None]  # the median of the lines around it that run on into the next
    indents: bool = False  # paragraphs open with an indent (and only they do)
    loose: bool = False  # wrapped by hand, paragraphs parted by blank lines (an e-mail)


def span(line: SourceLine) -> float:
    """A line's width in ems with its indent (the column held it too)."""
    indent = line.text[:len(line.text) - len(line.text.lstrip())]
    return width(line.text) + sum(1 if c == "\u3000" else 0.5 for c in indent if c != "\t")


def measure(lines: list[SourceLine]) -> Columns:
    text = [line for line in lines if not line.kind]
    short = [line for line in text if width(line.text) <= SHORT_LINE]
    open_ended = [line for line in short if not ends_sentence(line.text)]
    # in a column, a line that breaks off is mostly followed by the next line at once;
    # headings and captions that break off stand between blank lines
    after = {id(line): lines[k + 1] for k, line in enumerate(lines[:-1])}
    running = [line for line in open_ended if id(line) in after and after[id(line)].gap == 0]
    wrapped = len(text) >= 8 and len(short) >= 0.6 * len(text) and \
        len(open_ended) >= 0.4 * len(text) and len(running) >= 0.45 * len(open_ended)
    widths: list[float | None] = []
    fullest: list[float | None] = []
    columns: list[float | None] = []
    inside = {id(line) for line in running}
    for k in range(len(lines)):
        # the median of the nearby lines: a column's width, not swayed by a caption or name
        near = [lines[j] for j in range(max(0, k - 4), min(len(lines), k + 5))
                if not lines[j].kind and 6 <= span(lines[j]) <= SHORT_LINE]
        window = sorted(span(line) for line in near)
        known = wrapped and len(window) >= 3
        widths.append(statistics.median(window) if known else None)
        fullest.append(window[-2] if known else None)
        # lines that run on into the next: the column's own lines, never a caption
        ran = sorted(span(lines[j]) for j in range(max(0, k - 8), min(len(lines), k + 9))
                     if id(lines[j]) in inside)
        columns.append(statistics.median(ran) if wrapped and len(ran) >= 3 else None)
    if not wrapped:
        for run in column_runs(lines):
            sizes = sorted(span(lines[k]) for k in run)
            for k in run:
                widths[k], fullest[k] = statistics.median(sizes), sizes[-1]
    elif not regular(lines, fullest):
        fullest = [None] * len(lines)  # a loose column: how full a line is tells little
    indents = sum(line.indented for line in text) >= 3
    # wrapped by hand (no regular measure), no indents, no column breaks (every blank line
    # between running lines follows a sentence's end): where blank lines part paragraphs,
    # a writer who used them used them for every paragraph
    gaps = [(a, b) for a, b in zip(lines, lines[1:]) if b.gap and not a.kind and not b.kind and
            RUNNING.search(b.text) and width(a.text) > 6]
    parted = sum(ends_sentence(a.text) for a, _ in gaps)
    loose = wrapped and not indents and parted >= 2 and parted == len(gaps) and \
        all(f is None for f in fullest)
    return Columns(wrapped, widths, fullest, columns, indents, loose)


def column_runs(lines: list[SourceLine]) -> list[list[int]]:
    """In text not set in columns, a stretch that is: four or more lines of one width
    that break off mid-sentence, a blank line between each (a lead at the end, seed 001)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, line in enumerate(lines):
        fits = not line.kind and 6 <= span(line) <= SHORT_LINE and (
            not current or abs(span(line) - span(lines[current[0]])) <= 1.5)
        if fits and (not current or not ends_sentence(lines[current[-1]].text)):
            current.append(k)
            continue
        if len(current) >= 4:
            runs.append(current)
        current = [k] if fits else []
    if len(current) >= 4:
        runs.append(current)
    return [run for run in runs
            if sum(bool(RUNNING.search(lines[k].text)) for k in run) >= len(run) / 2]


def regular(lines: list[SourceLine], fullest: list[float | None]) -> bool:
    """Are the column's lines filled to within an em (set by a program, not by hand)?"""
    running = [k for k in range(len(lines) - 1) if fullest[k] and not lines[k].kind and
               not ends_sentence(lines[k].text) and lines[k + 1].gap == 0]
    full = sum(span(lines[k]) >= fullest[k] - 1 for k in running)
    return bool(running) and full >= 0.85 * len(running)


def forced(last: SourceLine, line: SourceLine, fullest: float | None) -> bool:
    """Was the break after `last` forced by the column: would `line`'s first word not fit?"""
    if fullest is None or ends_sentence(line.text) and width(line.text) < 6:
        return False
    word = re.match(r"[“‘（《(\"']*(?:——|……|[!-~]+|.)", line.stripped)
    return span(last) + width(word[0] if word else line.stripped[:1]) > fullest


def continues(previous: SourceLine, line: SourceLine) -> bool:
    """Does `line` obviously carry on the sentence `previous` leaves open?"""
    before = previous.stripped
    after = line.stripped
    if before[-1] in CONTINUES or after[0] in CONTINUATION_START or \
            re.match(r"了(?!解)|的(?!确)|们", after):
        return True  # no sentence opens with a particle: 推出⏎了“积分贷”
    if re.search(r"[0-9０-９]$", before) and re.match(NUMBER_GOES_ON, after):
        return True  # a number split by a line or column break: 3⏎200余万元
    if re.search(r"[。！？…]”$", before) and ATTRIBUTION.match(after):
        return True  # ……。”⏎企业负责人说。 the speaker of the quotation
    if before.count("（") + before.count("(") > before.count("）") + before.count(")") or \
            before.count("《") > before.count("》"):
        return True  # a bracket left open: （作者单位：中国工商银行丽水⏎分行）
    if ends_sentence(before) or LIST_NUMBER.match(after):
        return False
    # "项目。工行…", "束,共同…": a fragment too short to open a paragraph
    match = re.search(r"[。；、！？，：,;:!?]", after)
    return bool(match) and (match.start() <= 2 if match[0] in "。；、！？!?;" else
                            match.start() <= 1)


def joins(block: list[SourceLine], line: SourceLine, after: SourceLine | None, column: float | None,
          notes: Notes, fullest: float | None = None, running: float | None = None,
          indents: bool = False, loose: bool = False) -> bool:
    """Is `line` the continuation of the paragraph `block` ends with?

    A blank line in text extracted from print is either a paragraph break or a column
    break inside a sentence; headings, captions and credits stand on lines of their own.
    """
    last = block[-1]
    if last.paragraph or line.paragraph or line.image or last.image:  # a Word file
        return bool(last.paragraph) and last.paragraph == line.paragraph
    if last.kind == "dateline" and len(block) == 1 and not line.kind:
        return True  # 本报讯（记者 林晓）⏎近日，…
    if DATELINE.match(line.stripped) or last.kind or line.kind or last.inset:
        return False  # a dateline opens a paragraph; forms and insets stand alone
    if line.indented and last.stripped[-1] not in CONTINUES:
        if line.gap == 0 and open_ended(block):
            notes.add(last.number, f"第 {last.number} 行“{last.stripped[-8:]}”没有句末标点，"
                                   f"但第 {line.number} 行缩进，当作新的一段；若是同一段，请接排",
                      topic="merge")
        return False
    if line.stripped.startswith("—") and last.stripped[-1] not in CONTINUES:
        return False  # ——副题 under its title
    if continues(last, line):
        return True
    if line.gap == 0 and open_ended(block) and (len(block) > 1 or carries(line)) and \
            not (len(block) == 1 and (caption_like(last.stripped) or wide_over_column(
                last, line, running, fullest))):
        return True  # a line break inside a sentence is a wrap: …源源不断的金⏎融活水。
    if loose and line.gap == 0 and ends_sentence(last.text) and carries(line) and \
            not heading_line(line, after, None, False):
        notes.add(last.number, f"第 {last.number} 行以句末标点结束、下一行紧接（没有空行）；全文以空行分段，"
                               f"当作同一段接排；若是新的一段，请在第 {line.number} 行前分段",
                  topic="merge")
        return True  # hand-wrapped copy that parts its paragraphs by blank lines
    if indents and unindented_continuation(block, line, after, column):
        return True
    if ends_sentence(last.text) and indents and line.gap == 0 and block[0].indented and \
            not line.indented and carries(line) and not caption_like(line.stripped):
        return True  # paragraphs open with an indent: an unindented line goes on with its own
    if running is not None and last.stripped[-1] not in PARTICLES and \
            (outside(last, running) or outside(line, running)):
        return False  # wider than the column: a caption or headline line
    if ends_sentence(last.text):
        # a full column line may end a sentence in the middle of a paragraph; a line
        # that had room for more ended its paragraph; a short line with no mark of
        # running text under it, before a new paragraph, is a heading (一码在手 信用可贷)
        return line.gap == 0 and column is not None and span(last) >= column - 2 and \
            (fullest is None or forced(last, line, fullest)) and \
            not heading_line(line, after, column, indents)
    if line.gap == 0:
        return within(block, line, column, fullest)
    return across(block, line, after, column, fullest, notes)


def wide_over_column(last: SourceLine, line: SourceLine, running: float | None,
                     fullest: float | None) -> bool:
    """In a regular column, a line well wider than the column right over a line of it: a
    caption or headline line, not the column's (in hand-wrapped copy widths tell nothing)."""
    return running is not None and fullest is not None and outside(last, running) and \
        not outside(line, running) and span(line) >= running - 3


def open_ended(block: list[SourceLine]) -> bool:
    """Does a block of running text stop in the middle of a sentence?"""
    last = block[-1]
    return not ends_sentence(last.text) and (len(block) > 1 or RUNNING.search(last.text)
                                             is not None)


def carries(line: SourceLine) -> bool:
    """Is a line running text (not a headline or title line under a kicker)?"""
    return RUNNING.search(line.text) is not None or ends_sentence(line.text)


def heading_line(line: SourceLine, after: SourceLine | None, column: float | None,
                 indents: bool) -> bool:
    """A line with no mark of running text that stands before a new paragraph (an
    indented line, a blank line, a form or the end) and does not fill the column."""
    if RUNNING.search(line.text) or ends_sentence(line.text) or width(line.text) > SHORT_LINE:
        return False
    before_new = after is None or after.gap > 0 or bool(after.kind) or \
        indents and after.indented
    return before_new and (column is None or span(line) < column - 1.5 or
                           indents and after is not None and after.indented)


def unindented_continuation(block: list[SourceLine], line: SourceLine, after: SourceLine | None,
                            column: float | None) -> bool:
    """Where paragraphs open with an indent, a line of running text with none, after a
    blank line under a full column line of an indented paragraph, goes on with it."""
    return bool(line.gap) and block[0].indented and not line.indented and column is not None \
        and span(block[-1]) >= column - 2 and RUNNING.search(line.text) is not None and \
        (after is None or after.gap == 0 or ends_sentence(line.text)) and \
        not caption_like(line.stripped)


def within(block: list[SourceLine], line: SourceLine, column: float | None,
           fullest: float | None) -> bool:
    """The next line, no blank line between, of a sentence left open."""
    last = block[-1]
    size = span(last)
    if column is None:
        return size > SHORT_LINE
    lone = len(block) == 1 and size < column - 4 and (last.gap or last is block[0])
    return not lone or (RUNNING.search(last.text) is not None and forced(last, line, fullest))


def across(block: list[SourceLine], line: SourceLine, after: SourceLine | None,
           column: float | None, fullest: float | None, notes: Notes) -> bool:
    """Across a blank line: a column break inside a sentence, or a paragraph break?"""
    last = block[-1]
    size = span(last)
    if len(block) > 1 and forced(last, line, fullest):
        return True  # 也可登录⟂https://…: the next word could not fit
    if not stands_on(line, after, column) or not (PUNCTUATED.search(last.text) or
                                                  PUNCTUATED.search(line.text)):
        return False  # two headline or caption lines, not one sentence across a column
    alone = len(block) == 1 and (last.gap or last is block[0])
    if alone and caption_like(last.stripped):
        return False  # 工行客户经理（右）在果园里了解果农的资金需求: a caption, however wide
    if alone and not RUNNING.search(last.text) and not last.indented:
        # a line standing alone with no mark of running text is a heading, unless it
        # fills the column so that the next word could not fit (no wider: a caption or
        # headline line is not held by the column)
        return fullest is not None and fullest - 0.5 <= span(last) <= \
            min(fullest, column or fullest) + 1 and forced(last, line, fullest)
    if column is not None and column - 1.5 <= size <= column + 2 or \
            fullest is not None and fullest - 1.5 <= size <= fullest + 1:
        return True  # a full column line: the blank line is a column break
    # a lone line between blank lines, followed by single-spaced text, is a heading
    heading = alone and after is not None and after.gap == 0
    if column is not None and column - 3 <= size <= column + 2 and not heading:
        return True
    if last.stripped[-1] in PARTICLES:  # no heading ends in 的, 了, 和 …
        notes.add(last.number, f"“{last.stripped[-6:]}”后的空行当作分栏处理，与下一行"
                               f"（第 {line.number} 行）接排；若是标题请改回", topic="merge")
        return True
    return column is None and size > SHORT_LINE


def outside(line: SourceLine, column: float) -> bool:
    """A line well wider than the column around it, and not for a long address in it."""
    return span(line) > column + 3 and not re.search(r"[!-~]{10,}", line.text)


def stands_on(line: SourceLine, after: SourceLine | None, column: float | None) -> bool:
    """After a column break the text goes on: the line ends a sentence, is a full column
    line, or has more lines under it. A short unpunctuated line alone is no continuation."""
    if line.stripped.startswith("—"):
        return False  # ——副题
    if ends_sentence(line.text) or (after is not None and after.gap == 0 and not after.kind):
        return True
    if after is not None and not after.kind and continues(line, after):
        return True  # a lone line between two column breaks: 金额合计1⟂580万元
    return column is not None and span(line) >= column - 1.5


PUNCTUATED = re.compile(r"[，。、；：？！,;:?!]")


def segment(lines: list[SourceLine], notes: Notes) -> list[list[SourceLine]]:
    layout = measure(lines)
    groups: list[list[SourceLine]] = []
    top = True  # no line of running text yet
    listing = False  # under ▶往期推荐: one title a line, until a line of running text
    for k, line in enumerate(lines):
        after = lines[k + 1] if k + 1 < len(lines) else None
        listing = line.kind == "list" or listing and width(line.text) <= SHORT_LINE
        if groups and inset(groups[-1], line, after, layout.widths[k - 1]):
            line.inset = True
            groups.append([line])
        elif groups and not listing and \
                not (top and len(groups[-1]) == 1 and headline_break(groups[-1][-1], line)) and \
                joins(groups[-1], line, after, layout.widths[k - 1], notes, layout.fullest[k - 1],
                      layout.running[k - 1], layout.indents, layout.loose):
            note_join(groups[-1][-1], line, notes)
            groups[-1].append(line)
        else:
            if groups and not line.paragraph:
                note_break(groups[-1], line, layout.widths[k - 1], notes)
            groups.append([line])
        top = top and not RUNNING.search(line.text)
    return unstack(bridge(groups, notes))


INSET_FORMS = ("captioned", "placeholder", "credit", "marked_caption")


def inset(block: list[SourceLine], line: SourceLine, after: SourceLine | None,
          column: float | None) -> bool:
    """A line alone between blank lines under a paragraph left open mid-sentence, that
    reads as a caption (图为…, who does what where) or has no mark of running text and
    does not fill the column: set inside the paragraph, not part of its text."""
    if not line.gap or after is not None and not after.gap or line.kind or \
            block[-1].kind or block[-1].paragraph or not open_ended(block):
        return False
    if after is not None and not after.kind and (line.stripped[-1] in CONTINUES or re.search(
            r"[0-9０-９]$", line.stripped) and re.match(NUMBER_GOES_ON, after.stripped)):
        return False  # one line of a column between two breaks: 体工商户3⟂6800余户
    text = line.stripped
    if caption_like(text):
        return True
    return not RUNNING.search(text) and not ends_sentence(text) and \
        width(text) <= SHORT_LINE and (column is None or span(line) < column - 1.5)


def bridge(groups: list[list[SourceLine]], notes: Notes) -> list[list[SourceLine]]:
    """A paragraph left open mid-sentence, then a caption (its marker, credit) set inside
    it, then text that carries the sentence on: one paragraph, the caption after it."""
    out: list[list[SourceLine]] = []
    k = 0
    while k < len(groups):
        group, insets = groups[k], []
        k += 1
        if len(group) == 1 and (caption_like(group[0].stripped) or
                                k >= 2 and groups[k - 2][-1].kind == "placeholder"):
            out.append(group)  # a caption itself (under its marker), not a paragraph
            continue
        while True:
            j = k
            while j < len(groups) and j - k < 4 and figure_line(groups, j, k):
                j += 1
            if j == k or j >= len(groups) or groups[k][0].gap == 0 or groups[j][0].gap == 0 or \
                    not carries_on(group, groups[j]):
                break
            last, first = group[-1], groups[j][0]
            notes.add(last.number, f"第 {last.number} 行“{last.stripped[-8:]}”与第 {first.number} 行"
                                   f"“{first.stripped[:8]}”之间的图片说明（第 {groups[k][0].number} 行起）"
                                   "插在段落中间：段落已接排，图片放在这一段之后", topic="merge")
            for inset_group in groups[k:j]:
                inset_group[0].inset = True
            insets += groups[k:j]
            group = group + groups[j]
            k = j + 1
        if len(group) == 1 and group[0].inset:
            group[0].inset = False  # nothing carried on under it: a heading or caption of its own
        out.append(group)
        out += insets
    return out


def figure_line(groups: list[list[SourceLine]], j: int, start: int) -> bool:
    """Is groups[j] a line of a figure (marker, caption, credit) standing in the text: an
    inset, a figure's form, or a plain line right under a marker or right over a credit."""
    if len(groups[j]) != 1:
        return False
    line = groups[j][0]
    if line.inset or line.kind in INSET_FORMS:
        return True
    above = groups[j - 1][0] if j > start else None
    below = groups[j + 1][0] if j + 1 < len(groups) else None
    return not line.kind and width(line.text) <= CAPTION_LINE and (
        above is not None and above.kind == "placeholder" and line.gap == 0 or
        below is not None and below.kind == "credit" and below.gap == 0)


def carries_on(group: list[SourceLine], following: list[SourceLine]) -> bool:
    """Does `following` carry on the sentence `group` left open (a caption between them)?"""
    last, first = group[-1], following[0]
    if last.kind or first.kind or last.paragraph or first.paragraph or \
            not (open_ended(group) or continues(last, first)):
        return False
    return any(RUNNING.search(line.text) for line in following) or \
        ends_sentence(following[-1].text) or continues(last, first)


RUNNING = re.compile(r"[，。、；？！,;?!]")  # marks of running text (not ：, common in titles)


def headline_break(last: SourceLine, line: SourceLine) -> bool:
    """Above the running text, a line with no mark of running text that a blank line
    follows is a headline line, not the first line of a column (no column breaks there)."""
    return bool(line.gap) and not last.kind and not RUNNING.search(last.text) and \
        last.stripped[-1] not in CONTINUES


def unstack(groups: list[list[SourceLine]]) -> list[list[SourceLine]]:
    """A group at the top whose lines have no mark of running text, followed by a ——
    line, a byline or a dateline, is a headline stack (引题/主题/副题): one line each. Over
    a —— line a kicker may have a comma (嘉善持续优化营商环境，银行服务提速增效): two or three
    lines none of which ends a sentence are a stack there too."""
    out: list[list[SourceLine]] = []
    for k, group in enumerate(groups):
        following = groups[k + 1][0] if k + 1 < len(groups) else None
        plain = not any(RUNNING.search(line.text) for line in group)
        dashed = following is not None and following.stripped.startswith("—") and \
            len(group) <= 3 and not any(ends_sentence(line.text) for line in group)
        stacked = len(group) > 1 and (plain or dashed) and \
            following is not None and (following.stripped.startswith("—") or
                                       following.kind in ("byline", "dateline", "header") or
                                       DATELINE.match(following.stripped) is not None) and \
            not any(RUNNING.search(line.text) for g in out for line in g)
        out += [[line] for line in group] if stacked else [group]
    return out


def note_join(last: SourceLine, line: SourceLine, notes: Notes) -> None:
    """A join across a blank line, or one that puts digits side by side, is listed."""
    before, after = last.stripped, line.stripped
    digits = re.search(r"[0-9０-９.．,]$", before) and re.match(r"[0-9０-９.．,%％]", after)
    if line.gap and not line.paragraph:
        what = "数字被分栏拆开，已接排为" if digits else "空行当作分栏，已接排："
        notes.add(last.number, f"第 {last.number} 行与第 {line.number} 行之间{what}"
                               f"“{before[-8:]}{after[:8]}”", topic="merge")
    elif digits:
        notes.add(last.number, f"第 {last.number} 行末的数字与下一行接排为“{before[-8:]}"
                               f"{after[:8]}”，请核对数字", topic="merge")


def note_break(block: list[SourceLine], line: SourceLine, column: float | None,
               notes: Notes) -> None:
    """A full column line that ends a sentence before a blank line: paragraph end or column break."""
    last = block[-1]
    if line.gap and column and not line.kind and not last.kind and len(block) > 1 and \
            ends_sentence(last.text) and span(last) >= column - 1.5 and \
            not line.indented and span(line) >= column - 3:
        notes.add(last.number, f"第 {last.number} 行写满一栏并以句末标点结束，其后的空行当作分段；"
                               f"若是分栏，请把第 {line.number} 行起的一段与上一段合并", topic="merge")
