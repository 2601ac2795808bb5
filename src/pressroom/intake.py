"""Intake: raw text extracted from a newspaper page → draft manuscript, corrections record and review report.

The mechanical normalisations defined here (whitespace, punctuation width, character
width) are also the ones `audit` allows without a record, so both stay in step. Every
other decision (what is a headline, a byline, a caption; where the lead goes) is a guess
from the layout of the text; each guess is written down for an editor to check.
"""

from __future__ import annotations

import codecs
import json
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .config import SLUG
from .errors import PressroomError, Problem

# Half-width marks that GB/T 15834 wants full width in Chinese running text.
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
FULL_TO_HALF = {v: k for k, v in HALF_TO_FULL.items()}
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—·～"


def is_han(char: str) -> bool:
    """A Chinese character (CJK unified ideographs and their extensions, 〇)."""
    if len(char) != 1:
        return False
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF or char == "〇")


def is_cjk(char: str) -> bool:
    """Han, kana, hangul, or a full-width/Chinese punctuation mark (not a space)."""
    if len(char) != 1 or char.isspace():
        return False
    code = ord(char)
    return (is_han(char) or char in CJK_PUNCT or 0x3000 <= code <= 0x30FF
            or 0xFF00 <= code <= 0xFFEF or 0xAC00 <= code <= 0xD7AF)


def fullwidth_alnum(char: str) -> str | None:
    """The ASCII letter or digit a full-width one (Ａ１) stands for, else None."""
    code = ord(char)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    return None


def _neighbour(chars: list[str], index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(chars):
        if not chars[index].isspace():
            return chars[index]
        index += step
    return None


def widen(chars: list[str], protected: frozenset[int] = frozenset(),
          careful: bool = False) -> list[int]:
    """Make half-width , ; : ( ) ! ? full width where a neighbour is Chinese; in place.

    A mark counts as Chinese context when the nearest non-space character on either
    side is Han or Chinese punctuation; marks between digits or Latin letters (1,000,
    10:30, "Hello, world") stay. `careful` (intake) also leaves a mark between a Latin
    letter and a Chinese quote alone: “Hello, everyone!”. Returns the indexes changed,
    repeating until stable because a widened mark makes its neighbour's context
    Chinese too ("贷(APP)," → "贷（APP），").
    """
    changed: list[int] = []
    while True:
        found = False
        for i, char in enumerate(chars):
            if char in HALF_TO_FULL and i not in protected and \
                    chinese_context(_neighbour(chars, i, -1) or "", _neighbour(chars, i, 1) or "",
                                     careful):
                chars[i] = HALF_TO_FULL[char]
                changed.append(i)
                found = True
        if not found:
            return sorted(changed)


def chinese_context(before: str, after: str, careful: bool = True) -> bool:
    """Is a half-width mark between `before` and `after` in Chinese text?"""
    if not (is_cjk(before) or is_cjk(after)):
        return False
    if not careful or is_han(before) or is_han(after):
        return True
    latin = before.isascii() and before.isalnum() or after.isascii() and after.isalnum()
    quote = before in "“”‘’" or after in "“”‘’"
    return not (latin and quote)


def squeeze_spaces(chars: list[str]) -> list[bool]:
    """Which characters survive the whitespace normalisation.

    A run of whitespace (line breaks included) disappears when it touches a Chinese
    character or punctuation mark or an end of the text; between two Latin letters or
    digits it stays as one space (the caller turns the run's first character into " ").
    """
    keep = [True] * len(chars)
    i = 0
    while i < len(chars):
        if not chars[i].isspace():
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j].isspace():
            j += 1
        before = chars[i - 1] if i else None
        after = chars[j] if j < len(chars) else None
        drop_all = before is None or after is None or is_cjk(before) or is_cjk(after)
        for k in range(i, j):
            keep[k] = not drop_all and k == i
        i = j
    return keep


def normalise(chars: list[str], offsets: list[int]) -> tuple[str, list[int]]:
    """The mechanical normalisation audit compares by: width, then whitespace.

    Width is folded without regard to context (every , ; : ( ) ! ? full width, every
    full-width letter or digit ASCII): the same on both sides, it cannot hide a change of
    text, and it does not depend on which piece follows which. Whether a mark should be
    full width where it stands is lint's business. Returns the normalised text and, for
    each of its characters, the offset it came from.
    """
    chars = [HALF_TO_FULL.get(c, c) for c in (fullwidth_alnum(c) or c for c in chars)]
    keep = squeeze_spaces(chars)
    text, kept = [], []
    for char, offset, k in zip(chars, offsets, keep):
        if k:
            text.append(" " if char.isspace() else char)
            kept.append(offset)
    return "".join(text), kept


class IntakeError(PressroomError):
    """A raw source cannot be read or imported."""


def decode_source(data: bytes, encoding: str | None = None,
                  path: Path | str | None = None) -> tuple[str, str, str]:
    """Text with LF line ends, the codec used and a description for the user.

    Without `encoding` it detects UTF-8 (with or without BOM), UTF-16 with BOM and
    GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese offices).
    """
    codec = encoding.lower() if encoding else _detect(data)
    try:
        codecs.lookup(codec)
    except LookupError:
        raise IntakeError(Problem(f"unknown encoding '{encoding}'", path, None,
                                  "use e.g. utf-8, gb18030, gbk or big5")) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = "name the right one with --encoding" if encoding else \
            "name the file's encoding with --encoding, or save it as UTF-8"
        raise IntakeError(Problem(f"byte 0x{data[exc.start]:02x} is not valid "
                                  f"{codec.upper()}", path, line, hint)) from None
    bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    name = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(codec, codec.upper())
    description = name + (" with BOM" if bom else "") + (", CRLF line ends" if crlf else "")
    return text, codec, description


def _detect(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return "utf-8"  # decoding again reports the first bad byte


# --- reading the raw text: lines and what they look like -----------------------------------------

SENTENCE_END = "。！？…!?"
CLOSERS = "”’）》」』】〕)"
CONTINUES = "，、；：“‘（《〈【「—,;:(-"  # a line ending in these goes on
CONTINUATION_START = "，。、；：？！）》〉】」”’,.;:?!)"  # a new paragraph never starts so
PARTICLES = set("的了和与及在是为对把被从向将以而并或之其且给让使着所也都就还又再")
NAMES = r"[\u4e00-\u9fff·]{2,4}"
BYLINE = re.compile(rf"^(?:(?:本报|特约|见习|实习)?(?:记者|通讯员)\s*{NAMES}(?:[\s、]+{NAMES})*\s*)+"
                    r"(?:报道)?$")
CREDIT = re.compile(rf"^[（(]?(?:(?:本报|特约)?(?:记者|通讯员)\s*)?{NAMES}(?:[\s、]+{NAMES})*"
                    r"\s*摄(?:\s*[/／]\s*\S+)?[）)]?$|^(?:图|摄影)\s*[/／：:]\s*\S.{0,20}$"
                    r"|^\S.{0,20}?\s*供图$")
PHOTO_NOTE = re.compile(r"^[（(]?(?:本版)?(?:图片|照片|配图).{0,30}(?:提供|供图)[）)]?$")
CAPTIONED = re.compile(r"^(?P<caption>.{2,40}?)\s*[（(](?P<credit>[^（()）]{2,20}摄(?:\s*[/／]\s*\S+)?)[）)]$")
PLACEHOLDER = re.compile(r"^[\[【（(]?(?:图片|图|照片)\s*(\d{1,3})[\]】）)]?$")
LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}[·•・‧][\u4e00-\u9fff“”‘’0-9A-Za-z]{2,24}$")
ROLE = r"责任编辑|编辑|责编|校对|美编|审校|终审|版式|组版|制图|统筹"
EDITOR = re.compile(rf"^[（(]?(?:{ROLE})[：:]")
AUTHOR = re.compile(r"^(?:作者|文)\s*[：:/／]\s*(\S.{0,20})$")
NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
LIST_NUMBER = re.compile(r"^[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．)）]")
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
                 r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def width(text: str) -> float:
    """Printed width in ems: Chinese characters 1, Latin letters and digits 1/2."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text.strip())


def ends_sentence(text: str) -> bool:
    text = text.rstrip().rstrip(CLOSERS)
    return bool(text) and text[-1] in SENTENCE_END


@dataclass
class Line:
    """A non-blank line of the source."""

    number: int
    text: str
    offset: int  # of its first character in the decoded source
    gap: int  # blank lines before it
    kind: str = ""  # byline, credit, photo_note, placeholder, label, editor, author; "" for text

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indented(self) -> bool:
        return self.text.startswith(("\u3000", "  ", "\t"))


def read_lines(text: str) -> list[Line]:
    lines, gap, offset = [], 0, 0
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            lines.append(Line(number, raw, offset, gap, classify(raw.strip())))
            gap = 0
        else:
            gap += 1
        offset += len(raw) + 1
    return lines


def classify(text: str) -> str:
    """The kind of a line that stands alone by its form, or "" for running text."""
    if width(text) > 40:
        return ""
    bare = text.lstrip("□■◇◆").strip()
    if text[0] in "□■" and len(bare) <= 30 and not ends_sentence(bare):
        return "byline"
    for kind, pattern in (("photo_note", PHOTO_NOTE), ("placeholder", PLACEHOLDER),
                          ("editor", EDITOR), ("author", AUTHOR), ("byline", BYLINE),
                          ("credit", CREDIT), ("label", LABEL), ("captioned", CAPTIONED)):
        if pattern.search(bare):
            return kind
    return ""


# --- joining lines into blocks -------------------------------------------------------------------

@dataclass
class Layout:
    """How the text was set: hard-wrapped column lines or one line per paragraph."""

    wrapped: bool
    widths: list[float | None]  # the column width around each line, when wrapped


def measure(lines: list[Line]) -> Layout:
    text = [line for line in lines if not line.kind]
    short = [line for line in text if width(line.text) <= 40]
    open_ended = [line for line in short if not ends_sentence(line.text)]
    wrapped = len(text) >= 4 and len(short) >= 0.6 * len(text) and \
        len(open_ended) >= 0.4 * len(text)
    widths: list[float | None] = []
    for k in range(len(lines)):
        # the median of the nearby lines: a column's width, not swayed by a caption or name
        window = [width(lines[j].text) for j in range(max(0, k - 4), min(len(lines), k + 5))
                  if not lines[j].kind and 6 <= width(lines[j].text) <= 40]
        widths.append(statistics.median(window) if wrapped and len(window) >= 3 else None)
    return Layout(wrapped, widths)


def continues(previous: Line, line: Line) -> bool:
    """Does `line` obviously carry on the sentence `previous` leaves open?"""
    before = previous.stripped
    after = line.stripped
    if before[-1] in CONTINUES or after[0] in CONTINUATION_START:
        return True
    if ends_sentence(before) or LIST_NUMBER.match(after):
        return False
    # "项目。工行…", "束,共同…": a fragment too short to open a paragraph
    match = re.search(r"[。；、！？，：,;:!?]", after)
    return bool(match) and (match.start() <= 2 if match[0] in "。；、！？!?;" else
                            match.start() <= 1)


def joins(block: list[Line], line: Line, after: Line | None, column: float | None,
          notes: list[Note]) -> bool:
    """Is `line` the continuation of the paragraph `block` ends with?

    A blank line in text extracted from print is either a paragraph break or a column
    break inside a sentence; headings, captions and credits stand on lines of their own.
    """
    last = block[-1]
    if last.kind or line.kind:
        return False
    if line.indented and last.stripped[-1] not in CONTINUES:
        return False
    if continues(last, line):
        return True
    size = width(last.text)
    if ends_sentence(last.text):
        # a full column line may end a sentence in the middle of a paragraph
        return line.gap == 0 and column is not None and size >= column - 2
    if line.gap == 0:
        if column is None:
            return size > 40
        return not (len(block) == 1 and size < column - 4 and (last.gap or last is block[0]))
    # a lone line between blank lines, followed by single-spaced text, is a heading
    heading = len(block) == 1 and last.gap and after is not None and after.gap == 0
    if column is not None and column - 3 <= size <= column + 2 and not heading:
        return True  # a full column line: the blank line is a column break
    if last.stripped[-1] in PARTICLES:  # no heading ends in 的, 了, 和 …
        notes.append(Note(last.number, f"“{last.stripped[-6:]}”后的空行当作分栏处理，与下一行"
                                       f"（第 {line.number} 行）接排；若是标题请改回"))
        return True
    return column is None and size > 40


def segment(lines: list[Line], notes: list[Note]) -> list[list[Line]]:
    layout = measure(lines)
    groups: list[list[Line]] = []
    for k, line in enumerate(lines):
        after = lines[k + 1] if k + 1 < len(lines) else None
        if groups and joins(groups[-1], line, after, layout.widths[k - 1], notes):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


# --- what each block is, and where it goes ----------------------------------------------------------

@dataclass
class Note:
    """A spot an editor should look at."""

    source_line: int
    text: str
    block: Block | None = None  # gives the manuscript line once written


@dataclass
class Block:
    """Source lines that make one paragraph, heading, credit, …"""

    lines: list[Line]
    kind: str  # a Line kind, "para" (running text) or "short" (heading, caption, name)
    gap_after: int = 0
    skip: int = 0  # characters of the first line that are not part of the text (编辑：)
    stop: int | None = None  # end of the text in the block's characters, when not all

    @property
    def number(self) -> int:
        return self.lines[0].number

    @property
    def first(self) -> str:
        return self.lines[0].stripped


@dataclass
class Element:
    """One thing of the draft manuscript, made of source blocks."""

    role: str  # front: title kicker subtitle lead byline author editor photo_note;
    #            body: paragraph subhead story figure
    block: Block | None = None
    label: Block | None = None  # story
    byline: Block | None = None  # story
    caption: Block | None = None  # figure
    credit: Block | None = None  # figure
    placeholder: Block | None = None  # figure
    moved: bool = False  # taken out of the source's order

    @property
    def blocks(self) -> list[Block]:
        return [b for b in (self.block, self.label, self.byline, self.placeholder, self.caption,
                            self.credit) if b]


def make_blocks(groups: list[list[Line]], trailing_gap: int) -> list[Block]:
    blocks = []
    for group in groups:
        if len(group) == 1 and group[0].kind == "captioned":
            blocks += split_captioned(group[0])
            continue
        if len(group) == 1 and group[0].kind:
            kind = group[0].kind
        elif len(group) == 1 and width(group[0].text) <= 40 and not ends_sentence(group[0].text):
            kind = "short"
        else:
            kind = "para"
        blocks.append(Block(group, kind, skip=label_length(group[0].text, kind)))
    for block, following in zip(blocks, blocks[1:]):
        block.gap_after = following.lines[0].gap
    if blocks:
        blocks[-1].gap_after = trailing_gap
    return blocks


def label_length(text: str, kind: str) -> int:
    """Characters before the value on an editor or author line (编辑：, 作者：)."""
    if kind in ("editor", "author"):
        match = re.search(r"[：:/／]\s*", text)
        return match.end() if match else 0
    return 0


def split_captioned(line: Line) -> list[Block]:
    """市民在城市书房阅读。（孙八 摄） → a caption block and a credit block."""
    match = CAPTIONED.search(line.text)
    return [Block([line], "short", skip=match.start("caption"), stop=match.end("caption")),
            Block([line], "credit", skip=match.start("credit"), stop=match.end("credit"))]


def is_name(block: Block) -> bool:
    return block.kind == "short" and bool(NAME_LINE.match(block.first))


def is_marker(block: Block) -> bool:
    """Lines that close an article: author, photo note, editor."""
    return block.kind in ("photo_note", "editor", "author") or is_name(block)


def story_starts(blocks: list[Block], first_para: int) -> list[int]:
    """Where stories of a special page begin: [label] heading byline, or label heading."""
    starts = []
    for k, block in enumerate(blocks[:-1]):
        following = blocks[k + 1]
        if block.kind == "label" and following.kind == "short":
            starts.append(k)
        elif block.kind == "short" and following.kind == "byline" and k > first_para and \
                blocks[k - 1].kind != "label":
            starts.append(k)
    return starts


def end_zone(blocks: list[Block], first_para: int) -> tuple[int, int] | None:
    """The run of author/photo-note/editor lines that closes the body, if any."""
    for k in range(first_para + 1, len(blocks)):
        if is_marker(blocks[k]) and not is_marker(blocks[k - 1]):
            end = k
            while end < len(blocks) and is_marker(blocks[end]):
                end += 1
            only_names = all(is_name(b) for b in blocks[k:end])
            if only_names and end < len(blocks) and blocks[end].kind == "para":
                continue  # a two-character subhead (结语) above a paragraph
            return k, end
    return None


def arrange(blocks: list[Block], notes: list[Note]) -> tuple[list[Element], list[Element]]:
    """Front-matter elements and body elements, in the order they will be written."""
    paras = [k for k, b in enumerate(blocks) if b.kind == "para"]
    first_para = paras[0] if paras else len(blocks)
    zone = end_zone(blocks, first_para) or (len(blocks), len(blocks))
    stories = [k for k in story_starts(blocks, first_para)
               if not zone[0] <= k + (blocks[k].kind == "label") < zone[1]]  # 余冬晖 is the author
    if len(stories) == 1 and stories[0] < first_para:
        stories = []  # a label above the headline is its kicker, not a story
    top_end = min([first_para] + stories[:1])
    front: list[Element] = []
    body: list[Element] = []
    used: set[int] = set()
    for k, block in enumerate(blocks):  # these go to the front matter wherever they are
        if block.kind in ("editor", "photo_note", "author"):
            front.append(Element(block.kind, block))
            used.add(k)
        if block.kind == "editor" and len(re.findall(ROLE, block.first)) > 1:
            notes.append(Note(block.number, f"“{block.first}”：稿件只有 editor 字段，只保留了编辑的"
                              "姓名，其余署名（校对等）没有放进稿件", block))
    for k in range(*zone):
        if is_name(blocks[k]):
            front.append(Element("author", blocks[k]))
            used.add(k)
    heads = [k for k in range(top_end) if blocks[k].kind in ("short", "label")][:3]
    front += headlines(heads, blocks, notes)
    used |= set(heads)
    if stories:
        for k in range(top_end, stories[0]):
            if blocks[k].kind == "para":
                front.append(Element("lead", blocks[k]))
                used.add(k)
    tail = [k for k in range(zone[1], len(blocks)) if k not in used]
    leading, trailing = trailing_zone(tail, blocks, front, bool(stories), notes)
    used |= set(tail)
    body += leading
    story_set = set(stories)
    k = 0
    while k < zone[0]:
        if k in used:
            k += 1
            continue
        k = place_block(k, blocks, story_set, zone[0], used, front, body, notes)
    body += trailing
    return front, body


def headlines(candidates: list[int], blocks: list[Block], notes: list[Note]) -> list[Element]:
    """Kicker, title and subtitle from the short lines at the top."""
    if not candidates:
        return []
    found = [blocks[k] for k in candidates]
    if len(found) == 1:
        return [Element("title", found[0])]
    if len(found) == 2 and found[1].first.startswith("—"):
        roles = ["title", "subtitle"]
    elif len(found) == 2:
        roles = ["kicker", "title"] if width(found[0].first) < width(found[1].first) else \
            ["title", "subtitle"]
    else:
        roles = ["kicker", "title", "subtitle"]
    elements = [Element(role, block) for role, block in zip(roles, found)]
    notes.append(Note(found[0].number, "文首有多行标题：" + "、".join(
        f"{role}=“{block.first}”" for role, block in zip(roles, found)) + "，请核对引题、主题、副题",
        found[0]))
    return elements


def trailing_zone(tail: list[int], blocks: list[Block], front: list[Element], has_stories: bool,
                  notes: list[Note]) -> tuple[list[Element], list[Element]]:
    """What follows the closing lines (seed 2: lead, captions, headline, credit).

    Returns figures for the start of the body (the headline's photo) and for its end.
    """
    leading: list[Element] = []
    trailing: list[Element] = []
    has_title = any(e.role == "title" for e in front)
    shorts = [k for k in tail if blocks[k].kind == "short"]
    title_at = None
    if shorts and not has_title:
        title_at = min(shorts, key=lambda k: ("，" in blocks[k].first or "," in blocks[k].first,
                                              width(blocks[k].first), k))
        front.insert(0, Element("title", blocks[title_at], moved=True))
        notes.append(Note(blocks[title_at].number, "文首没有标题；取文末的短行“"
                          f"{blocks[title_at].first}”作主题（从文末移到前置信息）", blocks[title_at]))
    for k in tail:
        block = blocks[k]
        if k == title_at:
            continue
        if block.kind == "para" and not has_stories and \
                not any(e.role == "lead" and not e.moved for e in front):
            front.append(Element("lead", block, moved=True))
            notes.append(Note(block.number, "结束行之后的段落当作导语，移到前置信息 lead", block))
        elif block.kind == "credit" and title_at is not None and k == title_at + 1:
            leading.append(Element("figure", credit=block, moved=True))
            notes.append(Note(block.number, "主题下的摄影署名当作版面主图的署名，放在正文最前", block))
        elif block.kind in ("short", "credit", "placeholder"):
            role = {"short": "caption", "credit": "credit", "placeholder": "placeholder"}[
                block.kind]
            trailing.append(Element("figure", **{role: block}))
            notes.append(Note(block.number, f"文末的“{block.first}”当作图片说明，放在正文末尾；"
                              "请移到它所配的段落旁边（并在校订记录中写明 move）", block))
        else:
            trailing.append(Element("paragraph", block))
            notes.append(Note(block.number, "结束行之后还有正文段落，保留在文末", block))
    return leading, trailing


def figure_like(k: int, blocks: list[Block]) -> bool:
    block = blocks[k]
    if block.kind in ("placeholder", "credit"):
        return True
    near = [blocks[j].kind for j in (k - 1, k + 1) if 0 <= j < len(blocks)]
    beside = "placeholder" in near or "credit" in near
    if block.kind == "para":  # a one-line caption may end in 。
        return beside and len(block.lines) == 1 and width(block.first) <= 40
    return block.kind == "short" and (block.lines[0].gap >= 2 or block.gap_after >= 2 or beside)


def figures(group: list[Block], notes: list[Note]) -> list[Element]:
    """Placeholders, captions and credits that stand together, as figures."""
    elements: list[Element] = []
    current = Element("figure")

    def flush():
        nonlocal current
        if current.blocks:
            elements.append(current)
        current = Element("figure")

    for block in group:
        if block.kind == "placeholder":
            if current.placeholder:
                flush()
            current.placeholder = block
        elif block.kind == "credit":
            if current.credit:
                flush()
            current.credit = block
            flush()
        elif current.caption and not current.credit and width(block.first) <= 8 and \
                "，" not in block.first:
            current.credit = block
            notes.append(Note(block.number, f"“{block.first}”当作上一张图片的署名（供图单位）",
                              block))
            flush()
        else:
            if current.caption or current.credit:
                flush()
            current.caption = block
    flush()
    return elements


def place_block(k: int, blocks: list[Block], stories: set[int], end: int, used: set[int],
                front: list[Element], body: list[Element], notes: list[Note]) -> int:
    """Turn the body block at k (and any that belong with it) into elements; next index."""
    block = blocks[k]
    following = blocks[k + 1] if k + 1 < end else None
    if k in stories:
        label = block if block.kind == "label" else None
        j = k + bool(label)
        byline = blocks[j + 1] if j + 1 < end and blocks[j + 1].kind == "byline" else None
        body.append(Element("story", blocks[j], label=label, byline=byline))
        return j + 1 + bool(byline)
    if block.kind == "para":
        body.append(Element("paragraph", block))
        return k + 1
    if figure_like(k, blocks):
        j = k
        while j < end and j not in used and j not in stories and figure_like(j, blocks):
            j += 1
        body.extend(figures(blocks[k:j], notes))
        return j
    if block.kind == "byline" and not any(e.role == "byline" for e in front):
        front.append(Element("byline", block))
        return k + 1
    if block.kind == "short" and following is not None and following.kind == "para":
        body.append(Element("subhead", block))
        return k + 1
    body.append(Element("paragraph", block))
    notes.append(Note(block.number, f"“{block.first}”不像正文段落（{block.kind}），"
                      "暂作段落；请确定它是什么", block))
    return k + 1


# --- cleaning text: the mechanical normalisations, each change remembered ---------------------------

@dataclass
class Cleaned:
    """A block's text after normalisation; `origin` maps output characters to input indexes."""

    chars: list[str]  # output, with any markup ("**") inserted later
    origin: list[int | None]  # input index of each output character; None for markup
    offsets: list[int]  # source offset of each input character
    changes: list[tuple[str, int, int]] = field(default_factory=list)  # kind, input span
    slogans: list[int] = field(default_factory=list)  # input indexes given U+3000

    @property
    def text(self) -> str:
        return "".join(self.chars)


def block_chars(lines: list[Line]) -> tuple[list[str], list[int]]:
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


def protected_spans(text: str) -> frozenset[int]:
    """Indexes inside URLs and e-mail addresses, whose punctuation stays as it is."""
    inside = set()
    for match in URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)":  # sentence punctuation
            end -= 1
        inside.update(range(match.start(), end))
    return frozenset(inside)


def clean(chars: list[str], offsets: list[int], style: str) -> Cleaned:
    """Normalise width and whitespace of one block's text.

    style "body": spaces next to Chinese go, a space between Han characters inside “…”
    becomes U+3000 (a slogan's two halves); "heading": a space between two Han
    characters stays (a two-part title); "name": spaces separate names and stay.
    """
    work = list(chars)
    result = Cleaned([], [], offsets)
    for i, char in enumerate(work):
        if fullwidth_alnum(char):
            work[i] = fullwidth_alnum(char)
            result.changes.append(("punctuation-width", i, i + 1))
    for i in widen(work, protected_spans("".join(work)), careful=True):
        result.changes.append(("punctuation-width", i, i + 1))
    depth, i = 0, 0
    while i < len(work):
        if not work[i].isspace():
            depth += (work[i] == "“") - (work[i] == "”" and depth > 0)
            result.chars.append(work[i])
            result.origin.append(i)
            i += 1
            continue
        j = i
        while j < len(work) and work[j].isspace():
            j += 1
        space = _space(work[i:j], result.chars[-1] if result.chars else None,
                       work[j] if j < len(work) else None, style, depth > 0)
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
    return result


def _space(run: list[str], before: str | None, after: str | None, style: str,
           quoted: bool) -> str:
    """What a run of whitespace becomes between `before` and `after`."""
    if before is None or after is None:
        return ""
    if "\n" in run or style == "body":
        if style == "body" and quoted and is_han(before) and is_han(after) and "\n" not in run:
            return "\u3000"
        return "" if is_cjk(before) or is_cjk(after) else " "
    if style == "name" or (is_han(before) and is_han(after)):
        return " "
    return "" if is_cjk(before) or is_cjk(after) else " "


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


def mark_runins(body: list[Element], cleaned: dict[int, Cleaned], notes: list[Note]) -> None:
    """Bold the opening sentences of parallel paragraphs (助企纾困不断档。/线上服务不打烊。)."""
    candidates: list[tuple[int, Element, int]] = []
    position = 0
    for element in body:
        if element.role in ("story", "subhead"):
            position += 10  # parallel paragraphs do not cross a heading
        if element.role != "paragraph":
            continue
        position += 1
        text = cleaned[id(element.block)].text
        length = runin_length(text)
        if length:
            candidates.append((position, element, length))
    group: list[tuple[int, Element, int]] = []
    for candidate in candidates + [(10**9, None, 0)]:
        if group:
            last_position, last, last_length = group[-1]
            text = cleaned[id(last.block)].text
            if candidate[1] is not None and candidate[0] - last_position <= 3 and \
                    _siblings(text[:last_length],
                              cleaned[id(candidate[1].block)].text[:candidate[2]]):
                group.append(candidate)
                continue
            if len(group) >= 2:
                for _, element, length in group:
                    bold = cleaned[id(element.block)]
                    insert_markup(bold, length, "**")
                    insert_markup(bold, 0, "**")
                notes.append(Note(group[0][1].block.number, "以下各段开头的短句排为段首引语（粗体）："
                                  + "／".join(cleaned[id(e.block)].text[2:n + 2] for _, e, n in group),
                                  group[0][1].block))
        group = [candidate] if candidate[1] is not None else []


def _siblings(a: str, b: str) -> bool:
    (count_a, first_a), (count_b, first_b) = shape(a), shape(b)
    return count_a == count_b and abs(first_a - first_b) <= 1


# --- writing the draft -----------------------------------------------------------------------------

FRONT_ORDER = ("kicker", "title", "subtitle", "lead", "date", "byline", "author", "editor",
               "photo_note")
STYLE = {"title": "heading", "kicker": "heading", "subtitle": "heading", "subhead": "heading",
         "story": "heading", "label": "heading", "byline": "name", "author": "name",
         "editor": "name", "credit": "name"}


@dataclass
class Part:
    """A block as written: its cleaned text, the line it is on and what precedes it there."""

    block: Block
    cleaned: Cleaned
    line: int = 0


@dataclass
class Draft:
    article: str
    records: list[dict]
    notes: list[Note]
    lines: dict[int, int]  # id(block) → manuscript line


def yaml_value(value: str) -> str:
    """A front-matter value, quoted only when YAML needs it."""
    try:
        if value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def clean_block(block: Block, role: str) -> Cleaned:
    chars, offsets = block_chars(block.lines)
    chars, offsets = chars[block.skip:block.stop], offsets[block.skip:block.stop]
    cleaned = clean(chars, offsets, STYLE.get(role, "body"))
    if block.kind == "editor":  # 责任编辑：王五　校对：赵六 → 王五
        text = cleaned.text
        cut = re.search(rf"\s*(?:{ROLE})[：:]", text)
        if cut:
            del cleaned.chars[cut.start():], cleaned.origin[cut.start():]
        while cleaned.chars and cleaned.chars[-1] in "）)":
            cleaned.chars.pop(), cleaned.origin.pop()
        last = max((o for o in cleaned.origin if o is not None), default=-1)
        # changes in what was cut away are not changes to the manuscript's text
        cleaned.changes = [c for c in cleaned.changes if c[1] <= last]
    return cleaned


def guess_date(text: str, notes: list[Note]) -> str:
    match = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", text) or re.search(r"(\d{4})\s*年", text)
    if not match:
        notes.append(Note(1, "来稿中找不到日期；请在前置信息 date 中填写原载日期"))
        return "TODO"
    year = "".join(fullwidth_alnum(c) or c for c in match[1])
    date = year + (f"-{int(match[2]):02d}" if match.lastindex == 2 else "")
    line = text.count("\n", 0, match.start()) + 1
    notes.append(Note(line, f"原载日期按正文中第一次出现的“{match[0]}”暂定为 {date}；"
                      "请按报纸版面核对"))
    return date


def write_draft(front: list[Element], body: list[Element], text: str, slug: str,
                source_name: str, notes: list[Note]) -> Draft:
    parts = {id(block): Part(block, clean_block(block, part_role(element, block)))
             for element in front + body for block in element.blocks}
    suspicious(parts, notes)
    mark_runins(body, {k: p.cleaned for k, p in parts.items()}, notes)
    out = ["---", f"slug: {slug}"]
    date = guess_date(text, notes)
    for role in FRONT_ORDER:
        if role == "date":
            out.append(f"date: {date}")
            continue
        elements = [e for e in front if e.role == role]
        if role == "lead" and elements:
            out.append("lead: |")
            for n, element in enumerate(elements):
                if n:
                    out.append("")
                out.append("  " + parts[id(element.block)].cleaned.text)
                parts[id(element.block)].line = len(out)
        elif elements:
            value = " ".join(parts[id(e.block)].cleaned.text for e in elements)
            out.append(f"{role}: {yaml_value(value)}")
            for element in elements:
                parts[id(element.block)].line = len(out)
            if len(elements) > 1:
                notes.append(Note(elements[1].block.number, f"来稿有 {len(elements)} 行 {role}，"
                                  "合在一行；请核对", elements[1].block))
        elif role == "title":
            out.append('title: ""')
            notes.append(Note(1, "没有找到标题；请在前置信息 title 中填写"))
    out += [f"source: source/{source_name}", "corrections: corrections.yml", "---"]
    for element in body:
        out.append("")
        out += render(element, parts, len(out))
    article = "\n".join(out) + "\n"
    records = make_records(front, body, parts, text, out)
    lines = {k: p.line for k, p in parts.items()}
    return Draft(article, records, notes, lines)


def part_role(element: Element, block: Block) -> str:
    if element.role == "story":
        return "label" if block is element.label else \
            "byline" if block is element.byline else "story"
    if element.role == "figure":
        return "credit" if block is element.credit else "caption"
    return element.role


def render(element: Element, parts: dict[int, Part], at: int) -> list[str]:
    """The manuscript lines of a body element; `at` is the number of lines written so far."""
    def text(block):
        part = parts[id(block)]
        part.line = at + 1 + len(lines)
        return part.cleaned.text

    lines: list[str] = []
    if element.role == "story":
        lines.append("## " + text(element.block))
        if element.label:
            lines.append("label: " + text(element.label))
        if element.byline:
            lines.append("byline: " + text(element.byline))
    elif element.role == "subhead":
        lines.append("### " + text(element.block))
    elif element.role == "figure":
        caption = text(element.caption) if element.caption else ""
        credit = text(element.credit) if element.credit else ""
        src = ""
        if element.placeholder:
            parts[id(element.placeholder)].line = at + 1
            src = f"images/{PLACEHOLDER.search(element.placeholder.first)[1]}.jpg"
        space = " " if credit else ""
        lines.append(f"![{caption}]({src}{space}{json.dumps(credit, ensure_ascii=False) if credit else ''})")
    else:
        lines.append(text(element.block))
    return lines


# --- the corrections record and the review report ---------------------------------------------------

CONTEXT = {"join": 3}  # characters of context either side of a change; 2 otherwise
TODO = "TODO 请写明理由（草稿：{}）"
WHAT = {
    "title": "主题移入前置信息 title", "kicker": "引题移入前置信息 kicker",
    "subtitle": "副题移入前置信息 subtitle", "lead": "导语移入前置信息 lead",
    "byline": "署名移入 byline 字段", "author": "作者行移入前置信息 author",
    "editor": "编辑行移入前置信息 editor（只留姓名）",
    "photo_note": "图片总说明移入前置信息 photo_note", "label": "栏目名移到分稿标题下的 label 字段",
    "caption": "图片说明写成图片段", "credit": "摄影署名写成图片段的署名",
    "placeholder": "图片占位写成图片段（图片文件见括号内路径）",
    "story": "分稿标题写成二级标题，原在其上的栏目名移到其下",
}


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def change_record(kind: str, start: int, end: int, part: Part, text: str,
                  line: str) -> dict | None:
    """A record of one mechanical change, quoting enough context to be unique on its lines."""
    cleaned = part.cleaned
    span = output_span(cleaned, start, end, text)
    if span is None:
        return None
    size = len(cleaned.chars)
    for context in range(CONTEXT.get(kind, 2), size + 1):
        low, high = max(0, span[0] - context), min(size, span[1] + context)
        inputs = [o for o in cleaned.origin[low:high] if o is not None] + [start, end - 1]
        first, last = max(0, min(inputs)), min(len(cleaned.offsets) - 1, max(inputs))
        source_start, source_end = cleaned.offsets[first], cleaned.offsets[last] + 1
        record = {"kind": kind, "source_line": line_of(text, source_start),
                  "manuscript_line": part.line, "source": text[source_start:source_end],
                  "manuscript": "".join(cleaned.chars[low:high])}
        lines_start = text.rfind("\n", 0, source_start) + 1
        lines_end = text.find("\n", source_end)
        around = text[lines_start:lines_end if lines_end != -1 else len(text)]
        if line.count(record["manuscript"]) == 1 and around.count(record["source"]) == 1 or \
                (low, high) == (0, size):
            return record
    return None


def output_span(cleaned: Cleaned, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Where the input characters start:end are (or would be) in the cleaned text.

    None when they fall in text that was cut away (the 校对：… after an editor's name).
    """
    kept = [o for o, origin in enumerate(cleaned.origin)
            if origin is not None and start <= origin < end]
    if kept:
        return kept[0], kept[-1] + 1
    later = [o for o, origin in enumerate(cleaned.origin) if origin is not None and origin >= end]
    if later:
        return later[0], later[0]
    last = max((o for o in cleaned.origin if o is not None), default=-1)
    between = "".join(text[cleaned.offsets[k]] for k in range(last + 1, start))
    if last < 0 or between.strip():
        return None
    return len(cleaned.chars), len(cleaned.chars)


def structure_record(kind: str, block: Block, part: Part, article_lines: list[str],
                     what: str) -> dict:
    line = article_lines[part.line - 1].strip()
    # a line that loses characters (编辑：, the brackets round a credit) is quoted whole
    whole = block.skip or block.stop is not None or block.kind in ("editor", "author")
    return {"kind": kind, "source_line": block.number, "manuscript_line": part.line,
            "source": block.first if whole else block.first[:24], "manuscript": line[:40],
            "reason": TODO.format(what)}


def make_records(front: list[Element], body: list[Element], parts: dict[int, Part], text: str,
                 article_lines: list[str]) -> list[dict]:
    records = []
    for part in parts.values():
        if part.block.kind == "placeholder":
            continue  # its text becomes the image's file name, recorded as structure
        for kind, start, end in part.cleaned.changes:
            record = change_record(kind, start, end, part, text,
                                   article_lines[part.line - 1])
            if record:
                records.append(record)
    for element in front + body:
        for block in element.blocks:
            role = part_role(element, block)
            if block is element.placeholder:
                role = "placeholder"
            kind = "move" if element.moved else "structure"
            if role == "story" and not element.label:
                continue  # nothing moved: "## " is markup only
            if role in WHAT:
                what = WHAT[role] if not element.moved else f"原在文末，{WHAT[role]}"
                records.append(structure_record(kind, block, parts[id(block)], article_lines,
                                                what))
            runin = parts[id(block)].cleaned
            if runin.origin and runin.origin[0] is None:  # a run-in head was made bold
                end = runin.chars.index("*", 2)
                inputs = [o for o in runin.origin[2:end] if o is not None]
                records.append({
                    "kind": "structure", "source_line": block.number,
                    "manuscript_line": parts[id(block)].line,
                    "source": text[runin.offsets[inputs[0]]:runin.offsets[inputs[-1]] + 1],
                    "manuscript": "".join(runin.chars[:end + 2]),
                    "reason": TODO.format("段首引语排为粗体")})
    return sorted(records, key=lambda r: (r["source_line"], r["manuscript_line"]))


def records_yaml(source_name: str, codec: str, records: list[dict]) -> str:
    out = [f"source: source/{source_name}"]
    if codec not in ("utf-8", "utf-8-sig"):
        out.append(f"encoding: {codec}")
    out.append("corrections:" if records else "corrections: []")
    for record in records:
        out.append(f"- kind: {record['kind']}")
        for key in ("source_line", "manuscript_line"):
            out.append(f"  {key}: {record[key]}")
        for key in ("source", "manuscript", "reason"):
            if key in record:
                out.append(f"  {key}: {json.dumps(record[key], ensure_ascii=False)}")
    return "\n".join(out) + "\n"


def suspicious(parts: dict[int, Part], notes: list[Note]) -> None:
    """Spots that look like typos or leftovers; intake cannot know, an editor can."""
    checks = (
        (r"(?<!\d)\d*[1-9]余[万亿千百]", "概数“余”跟在不是整数的数后，应在单位之后（如“49万余亩”）？"),
        (r"(?<![的了是和与])([的了是和与])\1(?![的了是和与])(?!(.)\2)", "重字？"),  # not 的的确确
        (r"[\"']", "直引号：中文用“”‘’"),
        (r"(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])", "汉字之间的半角句点"),
        (r"(?<=[\u4e00-\u9fff])[,;:()!?]|[,;:()!?](?=[\u4e00-\u9fff])",
         "保留了半角标点（网址、邮箱或西文中）"),
    )
    texts = {k: p.cleaned.text for k, p in parts.items()}
    for key, text in texts.items():
        for pattern, what in checks:
            for match in re.finditer(pattern, text):
                notes.append(Note(parts[key].block.number, f"“{text[max(0, match.start() - 6):match.end() + 6]}”：{what}",
                                  parts[key].block))
    variants(parts, notes)


PLACE_ENDINGS = set("沟村镇乡街路庄屯湾坝坪岭巷寨堡埠")  # not 县 区: 全县, 区域


def variants(parts: dict[int, Part], notes: list[Note]) -> None:
    """A place name written once one way and elsewhere always another (宋家街/宋家沟)."""
    followers: dict[str, dict[str, list[Part]]] = {}
    for part in parts.values():
        text = part.cleaned.text
        for i in range(len(text) - 2):
            if is_han(text[i]) and is_han(text[i + 1]) and is_han(text[i + 2]):
                followers.setdefault(text[i:i + 2], {}).setdefault(text[i + 2], []).append(part)
    for prefix, found in followers.items():
        if len(found) != 2 or not set(found) <= PLACE_ENDINGS:
            continue
        (rare, seen_rare), (usual, seen_usual) = sorted(found.items(), key=lambda f: len(f[1]))
        if len(seen_rare) == 1 and len(seen_usual) >= 2:
            notes.append(Note(seen_rare[0].block.number, f"地名“{prefix}{rare}”只出现一次，别处都作"
                              f"“{prefix}{usual}”（{len(seen_usual)} 次）：是否笔误？",
                              seen_rare[0].block))


def cell(text: str) -> str:
    return (text.replace("|", "\\|").replace("\n", "⏎").replace("\u3000", "〔全角空格〕")
            or "（空）")


def review_text(slug: str, source_name: str, description: str, text: str,
                draft: Draft) -> str:
    notes = sorted(draft.notes, key=lambda n: n.source_line)
    out = [f"# 导入报告：{slug}", "",
           f"- 来稿：`source/{source_name}`（{description}，{text.count(chr(10)) + 1} 行）",
           "- 稿件草稿：`article.md`",
           f"- 校订记录草稿：`corrections.yml`（{len(draft.records)} 条）", "",
           "请先逐条核对“请核对”清单，改好稿件；再把 corrections.yml 中以 TODO 开头的理由改写成"
           "真实的理由；最后运行 `pressroom audit` 和 `pressroom lint`，两者都通过才算完成。", "",
           f"## 请核对（{len(notes)} 处）", ""]
    for note in notes:
        where = f"来稿第 {note.source_line} 行"
        if note.block is not None and draft.lines.get(id(note.block)):
            where += f" → 稿件第 {draft.lines[id(note.block)]} 行"
        out.append(f"- {where}：{note.text}")
    out += ["", f"## 改动清单（{len(draft.records)} 处）", "",
            "| 来稿行 | 稿件行 | 类型 | 原文 | 改为 |", "| --- | --- | --- | --- | --- |"]
    for record in draft.records:
        out.append(f"| {record['source_line']} | {record['manuscript_line']} | {record['kind']} "
                   f"| {cell(record['source'])} | {cell(record['manuscript'])} |")
    return "\n".join(out) + "\n"


# --- the import ------------------------------------------------------------------------------------

@dataclass
class ImportResult:
    """What `import` wrote."""

    folder: Path
    encoding: str
    records: int
    notes: int


def draft_manuscript(text: str, slug: str, source_name: str) -> Draft:
    """Raw text → draft manuscript, corrections record and notes (no files touched)."""
    notes: list[Note] = []
    lines = read_lines(text)
    groups = segment(lines, notes)
    trailing_gap = len(text.split("\n")) - lines[-1].number
    front, body = arrange(make_blocks(groups, trailing_gap), notes)
    draft = write_draft(front, body, text, slug, source_name, notes)
    return draft


def import_source(source: Path, project: Path, slug: str, encoding: str | None = None,
                  force: bool = False) -> ImportResult:
    """Write manuscripts/<slug>/ (article.md, corrections.yml, review.md, source/) from a raw text."""
    if not SLUG.match(slug):
        raise IntakeError(Problem(f"slug '{slug}' is not usable as a folder name", None, None,
                                  "use lower-case letters, digits and hyphens, e.g. "
                                  "chongqing-2022"))
    try:
        data = source.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise IntakeError(Problem("source file not found", source)) from None
    text, codec, description = decode_source(data, encoding, source)
    if not text.strip():
        raise IntakeError(Problem("source is empty", source, None, "check the file"))
    folder = project / "manuscripts" / slug
    article = folder / "article.md"
    if article.exists() and not force:
        raise IntakeError(Problem("a manuscript already exists here", article, None,
                                  "choose another --slug, or add --force to replace it"))
    draft = draft_manuscript(text, slug, source.name)
    (folder / "source").mkdir(parents=True, exist_ok=True)
    copy = folder / "source" / source.name
    if not (copy.exists() and copy.resolve() == source.resolve()):
        copy.write_bytes(data)
    article.write_text(draft.article, encoding="utf-8", newline="\n")
    (folder / "corrections.yml").write_text(records_yaml(source.name, codec, draft.records),
                                            encoding="utf-8", newline="\n")
    (folder / "review.md").write_text(review_text(slug, source.name, description, text, draft),
                                      encoding="utf-8", newline="\n")
    return ImportResult(folder, description, len(draft.records), len(draft.notes))
