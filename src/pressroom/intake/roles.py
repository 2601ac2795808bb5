"""Block roles: groups of source lines in, blocks each with its role in the article (page header, kicker, title, subtitle, byline, lead, subhead, body, image marker, caption, credit, author, editor line, note, …) out.

The rules are the table RULES, tried in order for every block; the first that
holds decides, and the block remembers which (`block.rule`). A rule sees the block
and the page: where the running text starts, the run of closing lines, the stories
of a special page. Lines after the closing run (a headline and lead printed at the
end, captions) get their roles from `tail_roles`. Where two readings are close the
likelier wins and the other is noted for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..text.chars import ends_sentence
from .kinds import CAPTION_LINE, CAPTIONED, NAME_LINE, SHORT_LINE, width
from .model import Notes, SourceBlock
from .source import SourceLine

HEAD_WORDS = {"结语", "前言", "引言", "尾声", "后记", "序言", "开篇", "链接", "延伸阅读", "相关新闻",
              "短评", "记者手记", "编后", "编者按"}
HEAD_WIDTH = 30  # ems: a subhead is at most this wide
CLOSING_KINDS = ("photo_note", "editor", "author", "crew")


def make_blocks(groups: list[list[SourceLine]], trailing_gap: int) -> list[SourceBlock]:
    """One block per group; a caption with its credit on one line becomes two blocks."""
    blocks = []
    for group in groups:
        first = group[0]
        if len(group) == 1 and first.kind == "captioned":
            match = CAPTIONED.search(first.text)
            blocks += [SourceBlock([first], "caption", skip=match.start("caption"),
                                   stop=match.end("caption")),
                       SourceBlock([first], "credit", skip=match.start("credit"),
                                   stop=match.end("credit"))]
            continue
        if len(group) == 1 and first.kind:
            kind = first.kind
        elif len(group) == 1 and width(first.text) <= SHORT_LINE and not ends_sentence(first.text):
            kind = "short"
        else:
            kind = "para"
        blocks.append(SourceBlock(group, kind, skip=label_length(first.text, kind)))
    for block, following in zip(blocks, blocks[1:]):
        block.gap_after = following.lines[0].gap
    if blocks:
        blocks[-1].gap_after = trailing_gap
    return blocks


def label_length(text: str, kind: str) -> int:
    """Characters before the value on an editor or author line (编辑：, 作者：)."""
    if kind in ("editor", "author"):
        match = re.search(r"[：:/／]\s*|(?<=编辑)\s+", text)
        return match.end() if match else 0
    return 0


@dataclass
class Page:
    """What the rules see besides the block: the shape of the whole article."""

    blocks: list[SourceBlock]
    body: int = 0  # index of the first block of running text
    closing: tuple[int, int] = (0, 0)  # the run of closing lines after the running text
    stories: set[int] = field(default_factory=set)  # blocks that open a story (label or title)
    figures: bool = False  # a photo note (本版图片除署名外由…提供): uncredited photos exist
    word: bool = False  # a Word file: paragraph styles say what a paragraph is

    def kind(self, k: int) -> str:
        return self.blocks[k].kind if 0 <= k < len(self.blocks) else ""

    def style(self, k: int) -> str:
        return self.blocks[k].lines[0].style if 0 <= k < len(self.blocks) else ""


Test = Callable[[int, Page], bool]


@dataclass(frozen=True)
class Rule:
    """One row of the table: blocks it holds for get `role`."""

    name: str
    role: str
    test: Test
    example: str  # a raw article; the line marked ▶ is one this row decides (tests/intake)


def _kind(*kinds: str) -> Test:
    return lambda k, page: page.kind(k) in kinds


def _style(*prefixes: str) -> Test:
    return lambda k, page: page.style(k).startswith(prefixes)


def is_name(block: SourceBlock) -> bool:
    return block.kind == "short" and bool(NAME_LINE.match(block.first)) and \
        block.first not in HEAD_WORDS


def _word_title(k: int, page: Page) -> bool:
    """Heading 1 when the document has no Title: the first one is the title."""
    if not page.style(k).startswith("Heading"):
        return False
    styles = [page.style(j) for j in range(len(page.blocks))]
    return "Title" not in styles and styles.index(page.style(k)) == k and k < page.body


def _top(k: int, page: Page) -> bool:
    """A short line above the running text (kicker, title, subtitle)."""
    return k < page.body and page.kind(k) in ("short", "label", "marked_head", "numbered_head") \
        and not page.stories & set(range(k + 1))


def _story_label(k: int, page: Page) -> bool:
    return k in page.stories and page.kind(k) == "label"


def _story_title(k: int, page: Page) -> bool:
    return (k in page.stories and page.kind(k) != "label") or \
        (k - 1 in page.stories and page.kind(k - 1) == "label")


def _story_byline(k: int, page: Page) -> bool:
    return page.kind(k) == "byline" and _story_title(k - 1, page)


def _closing_name(k: int, page: Page) -> bool:
    return page.closing[0] <= k < page.closing[1] and is_name(page.blocks[k])


def _beside_figure(k: int, page: Page) -> bool:
    """A short line (or a one-line sentence) next to an image marker or a credit."""
    block = page.blocks[k]
    if block.kind not in ("short", "para") or len(block.lines) > 1 or \
            width(block.first) > SHORT_LINE:
        return False
    # a caption stands before its credit or marker, or after its marker; a short line
    # after a credit belongs to what follows (the credit closed its own figure)
    return page.kind(k + 1) in ("placeholder", "image", "credit") or \
        page.kind(k - 1) in ("placeholder", "image")


def _tuwei(k: int, page: Page) -> bool:
    """图为……: a line that says it describes a picture."""
    block = page.blocks[k]
    return len(block.lines) == 1 and block.first.startswith(("图为", "图片为", "上图为", "下图为")) \
        and width(block.first) <= CAPTION_LINE and k > page.body


def _set_off(k: int, page: Page) -> bool:
    """A short line with two or more blank lines round it: a caption (seed 000)."""
    block = page.blocks[k]
    return block.kind == "short" and not page.word and \
        (block.lines[0].gap >= 2 or block.gap_after >= 2)


def head_like(block: SourceBlock) -> bool:
    """Could this short line be a subhead? Not a fragment that breaks off mid-sentence."""
    text = block.first
    return block.kind == "short" and width(text) <= HEAD_WIDTH and \
        not re.search(r"[0-9０-９A-Za-z、，,：:（(“‘《—-]$", text) and \
        len(re.findall(r"[，,]", text)) <= 1 and text[-1] not in "的了和与及在是为对把被从向将以而并或"


def _short_heads(k: int, page: Page) -> list[int]:
    """Short lines standing alone above running text in the same story as k."""
    starts = sorted(s for s in page.stories if s <= k)
    low = starts[-1] if starts else page.body
    later = sorted(s for s in page.stories if s > k)
    high = min(later[:1] + [page.closing[0]])
    return [j for j in range(low, high)
            if head_like(page.blocks[j]) and page.kind(j + 1) == "para" and
            not _beside_figure(j, page) and not _set_off(j, page)]


def _short_subhead(k: int, page: Page) -> bool:
    heads = _short_heads(k, page)
    return k in heads and (len(heads) >= 2 or not page.figures)


def _lone_short(k: int, page: Page) -> bool:
    """The only short line of its story, where a photo note says there are photos: a caption."""
    return k in _short_heads(k, page) and page.figures


def _bold_head(k: int, page: Page) -> bool:
    """A short Word paragraph all in bold inside the text (above it, a headline)."""
    block = page.blocks[k]
    return page.word and k > page.body and len(block.lines) == 1 and \
        block.kind in ("short", "marked_head") and \
        any(line.style == "Normal" for line in block.lines) and _all_bold(block)


def _all_bold(block: SourceBlock) -> bool:
    return block.lines[0].all_bold


EXAMPLE_HEAD = "金融活水润产业\n\n▶工行南浔支行“木业贷”助地板企业转型升级\n\n本报讯 走进车间，机械臂正在忙碌。\n"
EXAMPLE_STORY = ("乡村振兴看今朝\n\n导语写在这里，说明本版内容。\n\n产业·一颗草莓的致富经\n\n"
                 "大棚里长出“甜蜜事业”\n\n▶□通讯员 郑一 冯二\n\n正文第一段。\n")

RULES: tuple[Rule, ...] = (
    Rule("word-title", "title", _style("Title"),
         "Title: ▶数字人民币“游”进千年古镇\nNormal: 正文第一段。"),
    Rule("word-subtitle", "subtitle", _style("Subtitle"),
         "Title: 数字人民币“游”进千年古镇\nSubtitle: ▶——工行打造应用场景侧记\nNormal: 正文第一段。"),
    Rule("word-first-heading", "title", _word_title,
         "Heading 1: ▶银行大堂里的“反诈哨兵”\nNormal: 正文第一段。"),
    Rule("word-heading", "subhead", _style("Heading"),
         "Title: 标题\nNormal: 正文第一段。\nHeading 2: ▶场景建设：从“一条街”到“一座镇”\n"
         "Normal: 正文第二段。"),
    Rule("word-caption", "caption", _style("Caption"),
         "Title: 标题\nNormal: 正文第一段。\nCaption: ▶乌镇西栅景区一景\nNormal: 正文第二段。"),
    Rule("word-bold-line", "subhead", _bold_head,
         "Title: 标题\nNormal: 正文第一段。\nNormal: ▶**惠民让利把实惠送到游客手中**\n"
         "Normal: 正文第二段。"),
    Rule("page-header", "header", lambda k, page: page.kind(k) == "header" and k < page.body,
         "▶南浔日报 2025年3月18日 第3版 综合新闻\n\n标题\n\n正文第一段。\n"),
    Rule("image-marker", "image", _kind("placeholder", "image"),
         "正文第一段。\n\n▶图片1\n村民在服务点办理业务。\n本报记者 刘洋 摄\n\n正文第二段。\n"),
    Rule("caption-with-credit", "caption", _kind("caption"),
         "正文第一段。\n\n▶图为茶农在采摘白茶。新华社发\n\n正文第二段。\n"),
    Rule("credit", "credit", _kind("credit"),
         "正文第一段。\n\n图1\n村民在服务点办理业务。\n▶本报记者 刘洋 摄\n\n正文第二段。\n"),
    Rule("photo-note", "photo_note", _kind("photo_note"),
         "正文第一段。\n\n▶本版图片除署名外由工行丽水分行提供\n责任编辑：叶青\n"),
    Rule("crew-line", "dropped", _kind("crew"), "正文第一段。\n\n▶美编：何丽娜\n"),
    Rule("editor-line", "editor", _kind("editor"), "正文第一段。\n\n▶责任编辑 冯远\n"),
    Rule("author-line", "author", _kind("author"), "正文第一段。\n\n▶作者：蓝晓燕\n"),
    Rule("story-label", "label", _story_label, EXAMPLE_STORY.replace("产业·", "▶产业·")
         .replace("▶□", "□")),
    Rule("story-title", "story", _story_title, EXAMPLE_STORY.replace("大棚", "▶大棚")
         .replace("▶□", "□")),
    Rule("story-byline", "story-byline", _story_byline, EXAMPLE_STORY),
    Rule("byline", "byline", _kind("byline"), "标题\n\n▶□本报记者 张振宇\n\n正文第一段。\n"),
    Rule("closing-name", "author", _closing_name,
         "正文第一段写在这里，说了很多。\n\n正文第二段。\n\n▶褚晓红\n\n标题在文末\n"),
    Rule("headline", "headline", _top, EXAMPLE_HEAD),
    Rule("special-page-lead", "lead", lambda k, page: bool(page.stories) and
         page.kind(k) == "para" and k < min(page.stories),
         EXAMPLE_STORY.replace("导语", "▶导语").replace("▶□", "□")),
    Rule("marked-subhead", "subhead", _kind("marked_head"),
         "标题\n\n正文第一段。\n\n▶【整村授信打通“最后一公里”】\n\n正文第二段。\n"),
    Rule("numbered-subhead", "subhead", _kind("numbered_head"),
         "标题\n\n正文第一段。\n\n▶一、把牢政治方向,在服务大局中找准定位\n\n正文第二段。\n"),
    Rule("caption-tuwei", "caption", _tuwei,
         "正文第一段。\n\n▶图为工人在车间内调试新设备，设备由银行贷款购置。\n\n正文第二段。\n"),
    Rule("caption-beside-figure", "caption", _beside_figure,
         "正文第一段。\n\n图片1\n\n▶缙云县壶镇镇一处山村夜校里，工行客户经理为村民讲解金融知识\n\n"
         "严峰 摄\n\n正文第二段。\n"),
    Rule("caption-set-off", "caption", _set_off,
         "正文第一段。\n\n\n▶工行南湖支行“红船驿站”党员志愿服务岗\n\n\n正文第二段。\n"),
    Rule("short-subhead", "subhead", _short_subhead,
         "标题\n\n正文第一段。\n\n▶从“空心村”到“网红村”\n\n正文第二段。\n\n贷款跟着产业走\n\n"
         "正文第三段。\n"),
    Rule("lone-short-caption", "caption", _lone_short,
         "标题\n\n正文第一段。\n\n▶云和县雾溪畲族乡的毛竹林\n\n正文第二段。\n\n"
         "本版图片除署名外由工行丽水分行提供\n"),
    Rule("body", "body", lambda k, page: True, "标题\n\n▶正文第一段。\n"),
)


def closing_run(blocks: list[SourceBlock], body: int) -> tuple[int, int]:
    """The run of author/photo-note/editor lines that closes the running text, if any.

    A lone name is the author's unless the article goes on with subheads after it
    (then it is a short subhead such as 结语).
    """
    def closing(k: int) -> bool:
        return blocks[k].kind in CLOSING_KINDS or is_name(blocks[k])

    for k in range(body + 1, len(blocks)):
        if closing(k) and not closing(k - 1):
            end = k
            while end < len(blocks) and closing(end):
                end += 1
            if all(is_name(b) for b in blocks[k:end]) and any(
                    blocks[j].kind == "short" and blocks[j + 1].kind == "para"
                    for j in range(end, len(blocks) - 1)):
                continue
            return k, end
    return len(blocks), len(blocks)


def story_starts(blocks: list[SourceBlock], body: int, closing: tuple[int, int]) -> set[int]:
    """Where stories of a special page begin: label + heading (+ byline), or heading + byline."""
    starts = []
    for k, block in enumerate(blocks[:-1]):
        following = blocks[k + 1]
        if closing[0] <= k + (block.kind == "label") < closing[1]:
            continue
        if block.kind == "label" and following.kind == "short":
            starts.append(k)
        elif block.kind == "short" and following.kind == "byline" and k > body and \
                blocks[k - 1].kind != "label":
            starts.append(k)
    if len(starts) == 1 and starts[0] < body:
        return set()  # a label above the headline is its kicker, not a story
    return set(starts)


def read_page(blocks: list[SourceBlock], word: bool) -> Page:
    paras = [k for k, b in enumerate(blocks) if b.kind == "para"]
    body = paras[0] if paras else len(blocks)
    closing = closing_run(blocks, body)
    figures = any(b.kind == "photo_note" for b in blocks)  # photos beyond those credited
    return Page(blocks, body, closing, story_starts(blocks, body, closing), figures, word)


def classify_blocks(blocks: list[SourceBlock], notes: Notes, word: bool = False) -> Page:
    """Give every block its role (and the rule that decided it); note the close calls."""
    page = read_page(blocks, word)
    for k, block in enumerate(blocks):
        rule = next(rule for rule in RULES if rule.test(k, page))
        block.role, block.rule = rule.role, rule.name
    headline_roles([b for b in blocks if b.role == "headline"], notes)
    if page.stories:
        first = blocks[min(page.stories)]
        notes.guess(first, f"按专版处理：{len(page.stories)} 篇分稿（栏目名、分稿标题、署名），"
                    "分稿之前的段落作导语", "一篇文章，栏目名和标题是小标题")
    tail_roles(page, notes)
    for k, block in enumerate(blocks):
        close_calls(k, block, page, notes)
    return page


def headline_roles(found: list[SourceBlock], notes: Notes) -> None:
    """Kicker, title and subtitle from the short lines above the running text."""
    if not found:
        return
    dash = next((n for n, b in enumerate(found) if b.first.startswith("—")), None)
    if len(found) == 1:
        roles = ["title"]
    elif dash is not None and dash >= 1:
        roles = ["body"] * len(found)
        roles[dash], roles[dash - 1] = "subtitle", "title"
        if dash >= 2:
            roles[dash - 2] = "kicker"
    else:
        roles = ["kicker", "title"] + ["subtitle"] * (len(found) > 2) + \
            ["body"] * (len(found) - 3)
        if len(found) == 2:
            notes.guess(found[0], f"文首两行标题，上行“{found[0].first}”作引题、下行作主题",
                        "上行作主题、下行作副题")
        else:
            notes.guess(found[0], "文首三行标题依次作引题、主题、副题（副题前没有“——”）",
                        "其中一行是栏目名或正文")
    for block, role in zip(found, roles):
        block.role = role
        if role == "body":
            notes.guess(block, f"文首短行“{block.first}”不像标题的一部分，暂作正文段落",
                        "引题、主题或副题")


def title_score(block: SourceBlock, following: SourceBlock | None) -> float:
    """How much a short line at the end looks like the headline rather than a caption."""
    text = block.first
    two_part = bool(re.search(r"\S(?:\s{2,}|\u3000)\S", text) or
                    re.search(r"[\u4e00-\u9fff”]\s[\u4e00-\u9fff“]", text))
    return (2 * ("“" in text or '"' in text) + 2 * two_part + 3 * bool(
        following is not None and following.first.startswith("—")) - 2 * bool(
        re.search(r"[，,]", text)) - (width(text) > 20) - ("在" in text))


def tail_roles(page: Page, notes: Notes) -> None:
    """Blocks after the closing lines: the lead, a headline and captions printed at the end."""
    blocks = page.blocks
    tail = [k for k in range(page.closing[1], len(blocks))
            if blocks[k].role in ("body", "subhead", "caption", "headline")]
    has_title = any(b.role == "title" for b in blocks)
    shorts = [k for k in tail if blocks[k].kind == "short" and
              not blocks[k].first.startswith("—")]
    if shorts and not has_title:
        ranked = sorted(shorts, key=lambda k: (-title_score(
            blocks[k], blocks[k + 1] if k + 1 < len(blocks) else None), -k))
        title = ranked[0]
        blocks[title].role, blocks[title].rule = "title", "tail-title"
        other = f"“{blocks[ranked[1]].first}”作主题" if len(ranked) > 1 else ""
        notes.guess(blocks[title], f"文首没有标题；取文末的短行“{blocks[title].first}”作主题"
                    "（从文末移到前置信息）", other)
        following = title + 1
        if following < len(blocks) and blocks[following].first.startswith("—"):
            blocks[following].role, blocks[following].rule = "subtitle", "tail-subtitle"
        elif following < len(blocks) and blocks[following].kind == "credit":
            blocks[following].role, blocks[following].rule = "main-credit", "tail-main-credit"
    has_lead = any(b.role == "lead" for b in blocks)
    for k in tail:
        block = blocks[k]
        if block.role in ("title", "subtitle"):
            continue
        if block.kind == "para" and not page.stories and not has_lead:
            block.role, block.rule = "lead", "tail-lead"
            notes.guess(block, "作者、编辑行之后的段落当作导语，移到前置信息 lead", "正文的最后一段")
        elif block.kind == "short":
            block.role, block.rule = "caption", "tail-caption"
            notes.guess(block, f"文末的“{block.first}”当作图片说明，放在正文末尾；请移到它所配的"
                        "段落旁边（并在校订记录中写明 move）")


def close_calls(k: int, block: SourceBlock, page: Page, notes: Notes) -> None:
    """Name the other reading where the rule that decided was a close call."""
    if block.rule == "lone-short-caption":
        notes.guess(block, f"“{block.first}”独占一行，全文只此一处，当作图片说明（无图片文件）",
                    "小标题")
    elif block.rule == "short-subhead" and len(_short_heads(k, page)) < 2:
        notes.guess(block, f"“{block.first}”独占一行，当作小标题", "图片说明")
    elif block.rule == "closing-name":
        notes.guess(block, f"文末单独一行的“{block.first}”当作作者署名（author）", "小标题或正文")
    elif block.rule == "caption-set-off" and block.kind == "short":
        notes.guess(block, f"前后空行较多的短行“{block.first}”当作图片说明", "小标题")
    elif block.role == "dropped":
        notes.guess(block, f"“{block.first}”：稿件没有相应字段，已从稿件中删去（校订记录中写明）")
