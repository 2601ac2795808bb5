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

from ..text.furniture import DATELINE
from .boilerplate import LIST_ROW, boilerplate
from .captions import caption_like
from .furniture import ROLE as FURNITURE_ROLE, Found, find_furniture
from .headline import end_stack, headline_roles, tail_roles
from .kinds import CAPTION_LINE, NAME_LINE, SHORT_LINE, width
from .model import Notes, SourceBlock
from .stories import short_label, story_starts

HEAD_WORDS = {"结语", "前言", "引言", "尾声", "后记", "序言", "开篇", "链接", "延伸阅读", "相关新闻",
              "短评", "记者手记", "编后", "编者按"}
HEAD_WIDTH = 30  # ems: a subhead is at most this wide
STAFF_CREDIT = re.compile(r"^(?:图片来源|图片|照片|摄影|图)\s*[/／：:丨|｜]")  # 图片：X, not X 摄
CLOSING_KINDS = ("photo_note", "editor", "author", "crew")


@dataclass
class Page:
    """What the rules see besides the block: the shape of the whole article."""

    blocks: list[SourceBlock]
    body: int = 0  # index of the first block of running text
    closing: tuple[int, int] = (0, 0)  # the run of closing lines after the running text
    stories: set[int] = field(default_factory=set)  # blocks that open a story (label or title)
    figures: bool = False  # a photo note (本版图片除署名外由…提供): uncredited photos exist
    word: bool = False  # a Word file: paragraph styles say what a paragraph is
    labels: set[int] = field(default_factory=set)  # short lines that label a story (产业篇)
    furniture: Found = field(default_factory=dict)  # page, site and app furniture (furniture.py)
    wechat: bool = False  # copied from a WeChat post (its buttons, 原创, 导读), no ▲ captions

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


def labelled(k: int, page: Page) -> bool:
    """Does a story open at k with its label (溯源·…, 产业篇) over its title?"""
    return k in page.stories and (page.kind(k) == "label" or k in page.labels)


def _story_label(k: int, page: Page) -> bool:
    return labelled(k, page)


def _story_title(k: int, page: Page) -> bool:
    return (k in page.stories and not labelled(k, page)) or labelled(k - 1, page)


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
    if page.word:
        return word_caption(k, page)
    # a caption stands before its credit or marker, or after its marker; a short line
    # after a credit belongs to what follows (the credit closed its own figure)
    return page.kind(k + 1) in ("placeholder", "image", "credit") or \
        page.kind(k - 1) in ("placeholder", "image")


def captionish(block: SourceBlock) -> bool:
    """Does a Word paragraph read as a caption: italic, 图为…, who does what where, or one
    short clause (a caption is seldom a sentence of several clauses)?"""
    text = block.first
    return block.lines[0].italic or text.startswith(("图为", "图片为", "上图", "下图")) or \
        caption_like(text) or len(re.findall(r"[，,；;。！？]", text.rstrip("。"))) == 0


def word_caption(k: int, page: Page) -> bool:
    """Beside a Word photo: a paragraph in Caption style wins; else the paragraph under the
    photo when it reads as a caption, the one over it only when the one under does not and
    it reads as a caption by more than its shortness (italic, 图为, a scene)."""
    block = page.blocks[k]
    if page.kind(k - 1) == "image":
        image = k - 1
    elif page.kind(k + 1) == "image":
        image = k + 1
    else:
        return False
    if any(page.style(j).startswith("Caption") for j in (image - 1, image + 1)):
        return False
    if image == k - 1:
        return captionish(block) or page.kind(k + 1) == "credit"
    under = image + 1
    below_takes = under < len(page.blocks) and page.kind(under) in ("short", "para") and \
        len(page.blocks[under].lines) == 1 and width(page.blocks[under].first) <= SHORT_LINE and \
        (captionish(page.blocks[under]) or page.kind(under + 1) == "credit")
    strong = block.lines[0].italic or block.first.startswith("图为") or caption_like(block.first)
    return not below_takes and strong


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


def _furniture(*names: str) -> Test:
    return lambda k, page: page.furniture.get(k, ("",))[0] in names


def _labelled_lead(k: int, page: Page) -> bool:
    """The paragraph under 导读."""
    return page.kind(k) == "para" and page.furniture.get(k - 1, ("",))[0] == "lead-label"


def _closing_credit(k: int, page: Page) -> bool:
    """摄影：李强 among the closing lines: the article's photo credit."""
    return page.closing[0] <= k < page.closing[1] and page.kind(k) == "credit"


def _scene_caption(k: int, page: Page) -> bool:
    """A short line in the text that says who does what where (村民在服务站办理业务)."""
    block = page.blocks[k]
    return k > page.body and block.kind == "short" and caption_like(block.first) and \
        not page.word and not page.closing[0] <= k < page.closing[1]


def _caption_alone(k: int, page: Page) -> bool:
    """A short line under a paragraph with nothing under it to head: the next story, the
    closing lines or the end follow (a caption without credit or marker, 专版)."""
    block = page.blocks[k]
    following = k + 1
    heads_nothing = following in page.stories or (following >= len(page.blocks) and
                                                  bool(page.stories)) or \
        page.kind(following) in CLOSING_KINDS + ("header", "boilerplate", "list")
    return k > page.body and block.kind == "short" and page.kind(k - 1) == "para" and \
        heads_nothing and not page.word and k < page.closing[0] and \
        not block.first.startswith(("—", "（", "(")) and not is_name(block)


def _wechat_caption(k: int, page: Page) -> bool:
    """In a WeChat post (no ▲ marks), a plain short line between two paragraphs: the
    caption of the photo the copy lost (南浔古镇的百间楼); subheads there are marked or numbered."""
    text = page.blocks[k].first
    return page.wechat and k > page.body and page.kind(k) == "short" and \
        page.kind(k - 1) == page.kind(k + 1) == "para" and width(text) >= 5 and \
        not re.search(r"[“”\"'：:|｜丨]", text) and not re.match(r"[0-9０-９一二三四五六七八九十第]", text)


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
            not _beside_figure(j, page) and not _set_off(j, page) and
            not _story_title(j, page)]


def _short_subhead(k: int, page: Page) -> bool:
    heads = _short_heads(k, page)
    return k in heads and (len(heads) >= 2 or not (page.figures or page.stories))


def _lone_short(k: int, page: Page) -> bool:
    """The only short line of its story, where a photo note says there are photos or on a
    special page (its stories have pictures more often than subheads): a caption."""
    return k in _short_heads(k, page) and (page.figures or bool(page.stories))


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
    Rule("page-header", "header", _furniture("header"),
         "▶南浔日报 2025年3月18日 第3版 综合新闻\n\n标题\n\n正文第一段。\n"),
    Rule("masthead", "header", _furniture("masthead"),
         "▶人民日报\n2026年05月21日 星期四\n第06版：区域经济\n\n标题\n\n正文第一段。\n"),
    Rule("account-name", "header", _furniture("account"),
         "▶工银南湖\n金融夜校开进村\n原创 陈静 工银南湖 2026年06月08日 08:30\n\n正文第一段。\n"),
    Rule("folio", "header", _furniture("folio"),
         "2026年5月8日 星期五\n▶3\n\n标题\n\n正文第一段。\n"),
    Rule("section-name", "boilerplate", _furniture("section"),
         "2026年5月8日 星期五\n3\n▶综合新闻\n编辑 李娜 美编 王强\n\n标题\n\n正文第一段。\n"),
    Rule("boilerplate", "boilerplate", _furniture("boilerplate"),
         "标题\n\n正文第一段。\n\n▶阅读原文\n"),
    Rule("list-opener", "boilerplate", _furniture("list"),
         "标题\n\n正文第一段。\n\n▶往期推荐\n\n另一篇文章的标题\n"),
    Rule("list-item", "boilerplate", _furniture("list-item"),
         "标题\n\n正文第一段。\n\n往期推荐\n\n▶另一篇文章的标题\n"),
    Rule("lead-label", "boilerplate", _furniture("lead-label"),
         "标题\n\n▶导读\n\n导语写在这里，说明本文内容。\n\n正文第一段。\n"),
    Rule("labelled-lead", "lead", _labelled_lead,
         "标题\n\n导读\n\n▶导语写在这里，说明本文内容。\n\n正文第一段。\n"),
    Rule("image-marker", "image", _kind("placeholder", "image"),
         "正文第一段。\n\n▶图片1\n村民在服务点办理业务。\n本报记者 刘洋 摄\n\n正文第二段。\n"),
    Rule("caption-with-credit", "caption", _kind("caption"),
         "正文第一段。\n\n▶图为茶农在采摘白茶。新华社发\n\n正文第二段。\n"),
    Rule("marked-caption", "caption", _kind("marked_caption"),
         "正文第一段。\n\n▶▲市民在老街商户用数字人民币付款\n\n正文第二段。\n"),
    Rule("closing-credit", "photo_note", _closing_credit,
         "正文第一段。\n\n文字：叶青\n▶摄影：李强\n编辑：周洋\n"),
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
    Rule("caption-inset", "caption", lambda k, page: page.blocks[k].lines[0].inset and
         page.kind(k) in ("short", "para"),
         "正文第一段，今年2月，徐国强在手机上提交申请，第二天\n\n▶农机手驾驶收割机在田间作业\n\n"
         "80万元就到了账。\n"),
    Rule("caption-tuwei", "caption", _tuwei,
         "正文第一段。\n\n▶图为工人在车间内调试新设备，设备由银行贷款购置。\n\n正文第二段。\n"),
    Rule("caption-beside-figure", "caption", _beside_figure,
         "正文第一段。\n\n图片1\n\n▶缙云县壶镇镇一处山村夜校里，工行客户经理为村民讲解金融知识\n\n"
         "严峰 摄\n\n正文第二段。\n"),
    Rule("caption-scene", "caption", _scene_caption,
         "标题\n\n正文第一段。\n\n▶村民在助农服务站办理养老金取款业务\n\n正文第二段。\n"),
    Rule("caption-alone", "caption", _caption_alone,
         "专版标题\n\n导语。\n\n产业篇\n\n分稿标题一\n\n正文第一段。\n\n▶柯城区的柑橘园\n\n"
         "民生篇\n\n分稿标题二\n\n正文第二段。\n"),
    Rule("caption-wechat", "caption", _wechat_caption,
         "标题\n原创 李婷 工银南浔 2026年07月18日 09:30\n\n正文第一段。\n\n▶南浔古镇的百间楼\n\n正文第二段。\n\n"
         "阅读原文\n"),
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


def closing_run(blocks: list[SourceBlock], body: int, furniture: Found) -> tuple[int, int]:
    """The run of author/photo-note/editor lines that closes the running text, if any.

    Boilerplate among them (- END -, 【纠错】) belongs to the run; a photographer's credit
    (摄影：李强) next to them is the article's. A lone name is the author's unless the
    article goes on with subheads after it (then it is a short subhead such as 结语).
    """
    def closing(k: int) -> bool:
        return blocks[k].kind in CLOSING_KINDS or is_name(blocks[k])

    def within(k: int) -> bool:
        return closing(k) or FURNITURE_ROLE.get(furniture.get(k, ("",))[0]) == "boilerplate" \
            or blocks[k].kind == "credit" and k > 0 and blocks[k - 1].kind in CLOSING_KINDS

    for k in range(body + 1, len(blocks)):
        if closing(k) and not closing(k - 1):
            end = k
            while end < len(blocks) and within(end):
                end += 1
            while end > k and not closing(end - 1):
                end -= 1  # boilerplate after the run is no part of it
            if all(is_name(b) for b in blocks[k:end]) and (any(
                    blocks[j].kind == "short" and blocks[j + 1].kind == "para"
                    for j in range(end, len(blocks) - 1)) or short_label(blocks, k)):
                continue  # 结语 over more text; 红色引领 over a story's title
            while k - 1 > body and blocks[k - 1].kind == "credit" and \
                    STAFF_CREDIT.match(blocks[k - 1].first) and blocks[k - 2].kind == "para":
                k -= 1  # 图片：工行南湖支行 over 编辑：… under the text: the article's photos
            return k, end
    return len(blocks), len(blocks)


def read_page(blocks: list[SourceBlock], word: bool) -> Page:
    furniture = find_furniture(blocks)
    paras = [k for k, b in enumerate(blocks) if b.kind == "para"]
    body = paras[0] if paras else len(blocks)
    closing = closing_run(blocks, body, furniture)
    text_end = len(blocks)
    if closing[0] == len(blocks):  # no closing lines: a headline printed after the text?
        text_end = end_stack(blocks, body, furniture) or len(blocks)
        closing = (text_end, text_end)
    figures = any(b.kind == "photo_note" for b in blocks)  # photos beyond those credited
    stories, labels = story_starts(blocks[:text_end], body, closing, furniture)
    for k, (name, what) in furniture.items():
        blocks[k].what = what
    wechat = any(b.kind in ("boilerplate", "lead_label", "list") and
                 (boilerplate(b.first) or LIST_ROW).name.startswith(("wechat", "list"))
                 or b.kind == "header" and "原创" in b.first for b in blocks) and \
        not any(b.kind == "marked_caption" for b in blocks)
    return Page(blocks, body, closing, stories, figures, word, labels, furniture, wechat)


def classify_blocks(blocks: list[SourceBlock], notes: Notes, word: bool = False) -> Page:
    """Give every block its role (and the rule that decided it); note the close calls."""
    page = read_page(blocks, word)
    for k, block in enumerate(blocks):
        rule = next(rule for rule in RULES if rule.test(k, page))
        block.role, block.rule = rule.role, rule.name
    headline_roles(blocks, notes)
    if page.stories:
        first = blocks[min(page.stories)]
        notes.guess(first, f"按专版处理：{len(page.stories)} 篇分稿（栏目名、分稿标题、署名），"
                    "分稿之前的段落作导语", "一篇文章，栏目名和标题是小标题")
    tail_roles(page, notes)
    repeated_author(blocks, notes)
    for k, block in enumerate(blocks):
        close_calls(k, block, page, notes)
    return page


def repeated_author(blocks: list[SourceBlock], notes: Notes) -> None:
    """An author a web page's meta line names (作者：王一) whom the byline or dateline names
    already is not printed twice: the line is left out and noted."""
    named = "".join(b.text for b in blocks if b.role in ("byline", "story-byline") or
                    b.role == "body" and b.kind == "para" and DATELINE.match(b.first))
    for block in blocks:
        if block.role == "author" and block.lines[0].kind == "header" and block.own and \
                block.own in named:
            block.role, block.rule = "dropped", "repeated-author"
            notes.guess(block, f"版面信息行里的作者“{block.own}”已在署名或电头里，不再写进 author",
                        "作者（author）")


# rule → (what the draft did with the line, the other reading): review.md names both
CLOSE_CALLS = {
    "lone-short-caption": ("独占一行，全文（或这篇分稿）只此一处，当作图片说明（无图片文件）", "小标题"),
    "closing-name": ("是文末单独一行的姓名，当作作者署名（author）", "小标题或正文"),
    "caption-set-off": ("前后空行较多，当作图片说明", "小标题"),
    "caption-inset": ("插在一句话的中间（上下文接排），当作图片说明，移到这一段之后", "小标题或正文"),
    "caption-beside-figure": ("紧挨照片、读来是图片说明，当作这张照片的说明", "正文段落"),
    "caption-scene": ("独占一行，读来是图片说明（谁在哪里做什么），当作没有署名的图片说明", "小标题"),
    "caption-wechat": ("在公众号文章的两段之间、没有小标题的标记，当作照片的说明（照片复制时丢了）", "小标题"),
    "caption-alone": ("在段落之下、其下没有正文（接着是下一篇分稿、结束行或文末），当作没有署名的图片说明",
                      "小标题或正文"),
    "masthead": ("单独一行、紧挨版面信息行，当作报名（publication）", "引题或主题"),
    "account-name": ("与公众号信息行里的名称相同，当作公众号名称（publication）", "引题"),
    "folio": ("紧挨版面信息行的数字，当作版次（page）", "正文"),
    "section-name": ("夹在版面信息行之间，当作版面栏目名，已删去", "引题"),
    "labelled-lead": ("在“导读”之下，当作导语（lead）", "正文第一段"),
    "closing-credit": ("在文末的结束行之间，当作全文的图片署名（photo_note）", "某一张图片的署名"),
    "list-item": ("在“往期推荐”之类的列表里或夹在公众号固定文字之间，当作其他文章的标题，已删去", "正文"),
}


def close_calls(k: int, block: SourceBlock, page: Page, notes: Notes) -> None:
    """Name the other reading where the rule that decided was a close call."""
    if block.role == "boilerplate":
        did, other = CLOSE_CALLS.get(block.rule, (f"：{block.what}，已删去", ""))
        notes.add(block.number, f"“{block.own}”{did}（校订记录中写明）" +
                  (f"；另一种读法：{other}" if other else ""), block, topic="dropped")
    elif block.rule in CLOSE_CALLS and (page.word or block.rule != "caption-beside-figure"):
        did, other = CLOSE_CALLS[block.rule]  # beside a marker or credit in text: no doubt
        if block.rule != "caption-set-off" or block.kind == "short":
            notes.guess(block, f"“{block.own}”{did}", other)
    elif block.rule == "short-subhead" and len(_short_heads(k, page)) < 2:
        notes.guess(block, f"“{block.first}”独占一行，当作小标题", "图片说明")
    elif block.role == "dropped":
        notes.guess(block, f"“{block.own}”：稿件没有相应字段，已从稿件中删去（校订记录中写明）")
