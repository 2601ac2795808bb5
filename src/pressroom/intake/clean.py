"""Cleaning: a block's source characters and its role in, its normalised text (with where each character came from and every change made) out.

Width and whitespace are normalised as text/normalise.py defines; straight quotes in
Chinese text become “” ‘’ (paired by position); a space between the halves of a
quoted slogan becomes U+3000 and any other stray space goes; a dateline stays as
printed (a space between its names becomes U+3000; none is inserted); a name padded
to three cells (周  敏) loses its padding; a subtitle loses its ——, a marked subhead
its 【】 or ■, a credit takes the house form (X 摄, X 供图). Paragraphs get bold run-in
heads.
"""

from __future__ import annotations

import re

from ..text.chars import NUMBER_SIGNS, fullwidth_alnum, is_cjk, is_han
from ..text.furniture import DATELINE
from ..text.normalise import ELLIPSIS, ellipses, protected_spans, widen
from .kinds import ROLE
from .model import Cleaned, Element, Notes, SourceBlock
from .source import SourceLine

STYLE = {"title": "heading", "kicker": "heading", "subtitle": "heading", "subhead": "heading",
         "story": "heading", "label": "heading", "byline": "name", "author": "name",
         "editor": "name", "credit": "name", "story-byline": "name", "main-credit": "name"}
ROLE_WORDS = re.compile(r"(本报记者|特约记者|见习记者|实习记者|摄影记者|全媒体记者|融媒体?记者|首席记者|"
                        r"记者|通讯员|实习生)")
QUOTE_PUNCT = re.compile(r"[，。、；：！？…—,.;:!?]")
HEAD_MARKS = "【】■◆●▲ \u3000"


def block_chars(lines: list[SourceLine]) -> tuple[list[str], list[int]]:
    """The characters of some source lines (a "\\n" between two) and their offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    for k, line in enumerate(lines):
        if k:
            chars.append("\n")
            offsets.append(lines[k - 1].offset + len(lines[k - 1].text))
        chars += list(line.text)
        offsets += range(line.offset, line.offset + len(line.text))
    return chars, offsets


OPEN_BEFORE = set("：:，,；;、（(【《—\n")  # a quote after these opens: 笑容："多亏
CLOSE_AFTER = set("，,。；;：:、！？!?）)】》")  # a quote before these closes: "茶贷"，投产。"


def quote_side(work: list[str], i: int) -> str:
    """What the context says a straight quote is: "open", "close", or "" (either: 的"茶贷,
    识破。"这种 opens, 投产。"企业 closes)."""
    before = next((c for c in reversed(work[:i]) if c not in " \t"), None)
    after = next((c for c in work[i + 1:] if c not in " \t\n"), None)
    if after is None or after in CLOSE_AFTER:
        return "close"
    return "open" if before is None or before in OPEN_BEFORE else ""


def orient(sides: list[str]) -> list[bool] | None:
    """Opening (True) or closing for each quote, the context's word taken where it speaks
    and the pairing kept balanced (nested quotes allowed); None if the context contradicts
    itself (then quotes are paired by position)."""
    depth, out = 0, []
    for n, side in enumerate(sides):
        rest = sides[n + 1:]
        opens = side == "open" or not side and (depth == 0 or
                                                rest.count("close") - rest.count("open") > depth)
        depth += 1 if opens else -1
        if depth < 0:
            return None
        out.append(opens)
    return out if depth == 0 else None


def curl_quotes(work: list[str], result: Cleaned, protected: frozenset[int]) -> tuple[int, int]:
    """Straight quotes in Chinese text to “” ‘’, each turned the way its context says
    (笑容："多亏了工行的"茶贷"，…投产。" → “多亏了工行的“茶贷”，…投产。”), else paired by
    position; the count left unpaired and the count of quotes inside quotes of their kind."""
    if not any(is_han(c) for c in work):
        return 0, 0
    unpaired = nested = 0
    for straight, pair in (('"', "“”"), ("'", "‘’")):
        spots = [i for i, c in enumerate(work) if c == straight and i not in protected and
                 not _apostrophe(work, i)]
        opening = orient([quote_side(work, i) for i in spots])
        if opening is None:
            opening = [n % 2 == 0 for n in range(len(spots))]
            unpaired += len(spots) % 2
        depth = 0
        for i, opens in zip(spots, opening):
            depth += 1 if opens else -1
            nested += opens and depth > 1
            work[i] = pair[0] if opens else pair[1]
            result.changes.append(("quote-style", i, i + 1))
    return unpaired, nested


def _apostrophe(work: list[str], i: int) -> bool:
    """it's, rock'n'roll: a quote between two Latin letters is an apostrophe."""
    before = work[i - 1] if i else ""
    after = work[i + 1] if i + 1 < len(work) else ""
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()


def slogan_spaces(work: list[str]) -> set[int]:
    """Whitespace inside “…” that parts the two halves of a slogan (“守护钱袋子 护航幸福家”)."""
    index = [i for i, c in enumerate(work) if c != "\n"]  # a line break inside is a wrap
    text = "".join(work[i] for i in index)
    found: set[int] = set()
    for match in re.finditer(r"“([^“”]{3,30})”", text):
        inner = match[1]
        runs = list(re.finditer(r"[ \t\u3000]+", inner))
        if len(runs) != 1 or QUOTE_PUNCT.search(inner):
            continue
        left, right = inner[:runs[0].start()], inner[runs[0].end():]
        if len(left) >= 2 and len(right) >= 2 and abs(len(left) - len(right)) <= 2 and \
                is_han(left[-1]) and is_han(right[0]):
            found.update(index[match.start(1) + k]
                         for k in range(runs[0].start(), runs[0].end()))
    return found


# the space inside a name padded to three cells: 周  敏, 李　明 (one character is no
# name); 图, 文 and 摄 are role words (文/图 李明, 王敏 摄), not halves of a name
PADDED = re.compile(r"(?<![\u4e00-\u9fff·])[\u4e00-\u9fff](?<![图文摄])([ \t\u3000]{1,2})"
                    r"(?![图文摄])[\u4e00-\u9fff](?![\u4e00-\u9fff·])")


def padding(text: str) -> set[int]:
    """Indexes of the whitespace that pads two-character names (周  敏 → 周敏)."""
    return {i for match in PADDED.finditer(text) for i in range(match.start(1), match.end(1))}


def dateline_marks(work: list[str]) -> set[int]:
    """A paragraph-opening dateline: the whitespace that becomes U+3000.

    It stays as printed: 本报讯（记者 王晓燕 通讯员 李明） → 本报讯（记者　王晓燕　通讯员　李明）,
    本报讯（记者孙悦 通讯员陈晨） → 本报讯（记者孙悦　通讯员陈晨）; nothing is inserted between
    a role word and a name, and a name's padding (周  敏) goes.
    """
    text = "".join(work)
    lead = len(text) - len(text.lstrip())
    match = DATELINE.match(text[lead:].replace("\n", " "))
    if not match:
        return set()
    spaces: set[int] = set()
    if match["names"]:
        start = lead + match.start("names")
        names = text[start:lead + match.end("names")]
        padded = padding(names)
        for run in re.finditer(r"\s+", names):
            if run[0].strip(" \t\u3000") and not separates(names, run):
                continue  # a line break inside a name (李⏎明): joined without a space
            if run.start() in padded or not (run.start() and is_han(names[run.start() - 1]) and
                                             run.end() < len(names) and is_han(names[run.end()])):
                continue  # 周  敏: one name; 林晨、⏎颜之宏: a mark parts them already
            spaces.update(range(start + run.start(), start + run.end()))
    else:
        after = lead + match.end()
        run = re.match(r"[ \t\u3000]+", text[after:])
        if run and after + run.end() < len(text):
            spaces.update(range(after, after + run.end()))
    return spaces


def separates(names: str, run: re.Match) -> bool:
    """Does a line break inside a dateline's names stand between two words (a role word,
    or two names of two characters or more), not inside a name?"""
    before = re.split(r"\s+|" + ROLE_WORDS.pattern, names[:run.start()])[-1]
    after = re.split(r"\s+|" + ROLE_WORDS.pattern, names[run.end():])[0]
    return not before or not after or (len(before) >= 2 and len(after) >= 2)


def clean(chars: list[str], offsets: list[int], style: str, notes: Notes | None = None,
          block: SourceBlock | None = None) -> Cleaned:
    """Normalise width, quotes and whitespace of one block's text.

    style "body": spaces next to Chinese go, except a slogan's and a dateline's (U+3000);
    "heading": a space between two halves (Han or quotes on both sides) stays as one
    ASCII space; "name": spaces separate names and stay.
    """
    work = list(chars)
    result = Cleaned([], [], offsets)
    for i, char in enumerate(work):
        if fullwidth_alnum(char):
            work[i] = fullwidth_alnum(char)
            result.changes.append(("punctuation-width", i, i + 1))
    for i, char in enumerate(work):
        after = "".join(work[i + 1:i + 4]).lstrip()[:1]  # a number may go on after a break
        before = "".join(work[max(0, i - 3):i]).rstrip()[-1:]
        if char in NUMBER_SIGNS and before.isdigit() and \
                (char == "％" or after.isascii() and after.isdigit()):
            work[i] = NUMBER_SIGNS[char]
            result.changes.append(("punctuation-width", i, i + 1))
    protected = protected_spans("".join(work))
    unpaired, nested = curl_quotes(work, result, protected)
    if unpaired and notes is not None and block is not None:
        notes.add(block.number, f"“{''.join(work)[:16]}…”中的直引号不成对（{unpaired} 处），"
                  "已按先后次序改为“”‘’；请核对", block, topic="text")
    if nested and notes is not None and block is not None:
        notes.add(block.number, f"“{''.join(work)[:16]}…”中引号里又有同样的引号（{nested} 处），"
                  "已按上下文分出前后引号；内层宜改为‘’（编辑改动，写明理由）", block, topic="text")
    for i in widen(work, protected, careful=True):
        result.changes.append(("punctuation-width", i, i + 1))
    dots = set()
    for start, end in ellipses(work, protected):  # 长队......去年 → 长队……去年
        work[start:start + 2] = list(ELLIPSIS)
        dots.update(range(start + 2, end))
        result.changes.append(("punctuation-width", start, end))
    slogans = slogan_spaces(work) if style == "body" else set()
    dateline = dateline_marks(work) if style == "body" else set()
    padded = padding("".join(work)) if style == "name" else set()
    _squeeze(work, style, slogans | dateline, padded, result, dots)
    return result


def _squeeze(work: list[str], style: str, ideographic: set[int], padded: set[int],
             result: Cleaned, dropped: set[int] = frozenset()) -> None:
    """Copy `work` into `result`, deciding what each run of whitespace becomes (U+3000 for
    `ideographic`, nothing for a name's `padded`); characters `dropped` are left out (the
    dots of an ellipsis beyond its two ……)."""
    i = 0
    while i < len(work):
        if i in dropped:
            i += 1
            continue
        if not work[i].isspace():
            result.chars.append(work[i])
            result.origin.append(i)
            i += 1
            continue
        j = i
        while j < len(work) and work[j].isspace():
            j += 1
        before = result.chars[-1] if result.chars else None
        after = work[j] if j < len(work) else None
        if i in ideographic and before is not None and after is not None:
            space = "\u3000"
        elif i in padded:
            space = ""
        else:
            space = _space(work[i:j], before, after, style)
        if space:
            result.chars.append(space)
            result.origin.append(i)
        if "\n" in work[i:j]:
            result.changes.append(("join", i, j))
        elif space != "".join(work[i:j]):
            result.changes.append(("whitespace", i, j))
            if space == "\u3000":
                result.slogans.append(i)
        i = j


def _space(run: list[str], before: str | None, after: str | None, style: str) -> str:
    """What a run of whitespace becomes between `before` and `after`."""
    if before is None or after is None:
        return ""
    if "\n" in run and (before.isdigit() or before in ".,") and (after.isdigit() or
                                                               after in ".%"):
        return ""  # a number split by a line or column break: 3⏎200余万元
    if "\n" in run or style == "body":
        return "" if is_cjk(before) or is_cjk(after) else " "
    if style == "name":
        return "" if before in "□■◇◆" else " "
    halves = "“”‘’《》"
    if (is_han(before) or before in halves) and (is_han(after) or after in halves):
        return " "
    return "" if is_cjk(before) or is_cjk(after) else " "


def trim(cleaned: Cleaned, head: str = "", tail: str = "") -> None:
    """Drop marks at the start (——, 【, ■) and end (】) of a cleaned text."""
    while cleaned.chars and cleaned.chars[0] in head:
        del cleaned.chars[0], cleaned.origin[0]
    while cleaned.chars and cleaned.chars[-1] in tail:
        cleaned.chars.pop(), cleaned.origin.pop()


def house_credit(cleaned: Cleaned) -> None:
    """（通讯员 X 摄） → 通讯员 X 摄; X/摄 → X 摄; 供图：X → X 供图."""
    text = cleaned.text
    if re.match(r"^[（(].*[）)]$", text):
        trim(cleaned, "（(", "）)")
        text = cleaned.text
    slash = re.search(r"\s*[/／]\s*(?=摄$)", text)
    if slash:
        _replace(cleaned, slash.start(), slash.end(), " ")
        return
    given = re.match(r"^(?:供图|图片提供)\s*[：:]\s*", text)
    if given:
        word = cleaned.chars[:given.end()]
        origin = cleaned.origin[:given.end()]
        keep = [k for k, c in enumerate(word) if c not in "：: "]
        del cleaned.chars[:given.end()], cleaned.origin[:given.end()]
        cleaned.chars += [" "] + [word[k] for k in keep]
        cleaned.origin += [None] + [origin[k] for k in keep]


def _replace(cleaned: Cleaned, start: int, end: int, text: str) -> None:
    origin = next((o for o in cleaned.origin[start:end] if o is not None), None)
    cleaned.chars[start:end] = list(text)
    cleaned.origin[start:end] = [origin] + [None] * (len(text) - 1)


def clean_block(block: SourceBlock, role: str, notes: Notes | None = None) -> Cleaned:
    chars, offsets = block_chars(block.lines)
    chars, offsets = chars[block.skip:block.stop], offsets[block.skip:block.stop]
    cleaned = clean(chars, offsets, STYLE.get(role, "body"), notes, block)
    if role == "subtitle":
        trim(cleaned, "—-－ \u3000")
    elif role in ("subhead", "label") and block.kind == "marked_head":
        trim(cleaned, HEAD_MARKS, HEAD_MARKS)
    elif role in ("credit", "main-credit"):
        house_credit(cleaned)
    elif role == "author" and block.kind == "author":
        trim(cleaned, tail="）) ")  # （作者：张三）
    if block.kind == "editor":  # 责任编辑：王五　校对：赵六 → 王五
        text = cleaned.text
        cut = re.search(rf"\s*(?:{ROLE})\s*[：:]", text)
        if cut:
            del cleaned.chars[cut.start():], cleaned.origin[cut.start():]
        trim(cleaned, tail="）)】] ")
        last = max((o for o in cleaned.origin if o is not None), default=-1)
        # changes in what was cut away are not changes to the manuscript's text
        cleaned.changes = [c for c in cleaned.changes if c[1] <= last]
    return cleaned


def insert_markup(cleaned: Cleaned, position: int, markup: str) -> None:
    cleaned.chars[position:position] = list(markup)
    cleaned.origin[position:position] = [None] * len(markup)


def runin_length(text: str) -> int:
    """Length of a paragraph's opening sentence if it could be a run-in head, else 0."""
    depth = 0
    for i, char in enumerate(text):
        depth += (char == "“") - (char == "”")
        if char in "。！？" and depth == 0:
            return i + 1 if 4 <= i + 1 <= 22 and len(text) - i > 20 else 0
    return 0


def shape(sentence: str) -> tuple[int, int]:
    clauses = re.split(r"[，、]", sentence.rstrip("。！？"))
    return len(clauses), len(clauses[0])


def word_runin(element: Element, cleaned: Cleaned) -> int:
    """A Word paragraph's bold opening: its length in the cleaned text, else 0."""
    bold = element.block.lines[0].bold
    if not bold:
        return 0
    return next((n for n, o in enumerate(cleaned.origin) if o is not None and o >= bold),
                0)


def mark_runins(body: list[Element], cleaned: dict[SourceBlock, Cleaned], notes: Notes) -> None:
    """Bold the opening sentences of parallel paragraphs (助企纾困不断档。/线上服务不打烊。)."""
    candidates: list[tuple[int, Element, int]] = []
    position = 0
    for element in body:
        if element.role in ("story", "subhead"):
            position += 10  # parallel paragraphs do not cross a heading
        if element.role != "paragraph":
            continue
        position += 1
        text = cleaned[element.block].text
        bold = word_runin(element, cleaned[element.block])
        if bold:
            insert_markup(cleaned[element.block], bold, "**")
            insert_markup(cleaned[element.block], 0, "**")
            continue
        length = runin_length(text)
        if length:
            candidates.append((position, element, length))
    group: list[tuple[int, Element, int]] = []
    for candidate in candidates + [(10**9, None, 0)]:
        if group:
            last_position, last, last_length = group[-1]
            text = cleaned[last.block].text
            if candidate[1] is not None and candidate[0] - last_position <= 3 and \
                    _siblings(text[:last_length],
                              cleaned[candidate[1].block].text[:candidate[2]]):
                group.append(candidate)
                continue
            if len(group) >= 2:
                for _, element, length in group:
                    bold = cleaned[element.block]
                    insert_markup(bold, length, "**")
                    insert_markup(bold, 0, "**")
                notes.guess(group[0][1].block, "以下各段开头的短句排为段首引语（粗体）："
                            + "／".join(cleaned[e.block].text[2:n + 2] for _, e, n in group),
                            "普通正文（去掉 **）")
        group = [candidate] if candidate[1] is not None else []


def _siblings(a: str, b: str) -> bool:
    (count_a, first_a), (count_b, first_b) = shape(a), shape(b)
    return count_a == count_b and abs(first_a - first_b) <= 1
