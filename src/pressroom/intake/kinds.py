"""Line forms: one stripped line of a raw source in, what it is by its form alone (page header, byline, credit, editor line, image marker, …) out.

The patterns and their order are the rules an editor will want to change: the
first row that matches decides. A line wider than SHORT_LINE ems is running text
whatever it looks like. What a line *is* in its article (a short line may be a title,
a subhead or a caption) is decided later from its place: roles.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from ..text.chars import ends_sentence
from ..text.furniture import DATELINE
from .boilerplate import LIST_OPENER, boilerplate
from .meta import CREW_ROLES, read_header, read_staff

SHORT_LINE = 40  # ems: lines at most this wide may be headings, names, captions
BYLINE_MARKS = "□■"  # □通讯员 于萌 李媛: a mark before a name line makes it a byline
LEADING_MARKS = "□■◇◆"  # marks that stand before a line's text and are not part of it
MARKED_BYLINE = 30  # characters at most after a byline mark
CAPTION_LINE = 80  # ems: a caption with its credit on one line may be this wide

DIGIT = "0-9０-９"
# a name, or a two-character name padded to three cells (周  敏, 李　明): one character
# is never a name, so two single ones with a space or two between them are one
NAMES = r"(?:[\u4e00-\u9fff·]{2,4}|(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000]{1,2})" \
        r"[\u4e00-\u9fff](?![\u4e00-\u9fff]))"
OUTLET = r"[\u4e00-\u9fff]{1,6}?(?:报|网|社|新闻|客户端|电视台|融媒)"  # 澎湃新闻记者, 浙江日报记者
ROLES = (rf"(?:本报|本刊|新华社|中新社|特约|见习|实习|摄影|全媒体|融媒体?|首席|特派|驻[\u4e00-\u9fff]{{1,4}}|"
         rf"{OUTLET})?(?:记者|通讯员)|实习生|共享联盟·[\u4e00-\u9fff]{{1,6}}站")  # 浙江日报's county partners
BYLINE = re.compile(rf"^(?:(?:{ROLES})\s*{NAMES}(?:[\s、]+{NAMES})*\s*)+(?:报道)?$")
CREDIT_FORMS = (
    rf"[（(]?(?:(?:{ROLES})\s*)?{NAMES}(?:[\s、]+{NAMES})*\s*[/／]?\s*摄(?:影)?(?:\s*[/／]\s*\S+)?[）)]?",
    rf"[（(]?摄影\s*[：:/／]?\s*{NAMES}[）)]?",
    r"(?:图片来源|图片|照片|图|摄影)\s*[/／：:丨|｜]\s*\S.{0,20}",  # 图片：工行南湖支行, 图丨X
    r"(?:供图|图片提供)\s*[：:]\s*\S.{0,20}",
    r"\S.{0,20}?\s*供图",
    r"(?:新华社|中新社|人民图片|视觉中国|IC\s*photo)\S{0,8}?(?:发|供图|图)?",
)
CREDIT = re.compile("^(?:" + "|".join(CREDIT_FORMS) + ")$")
# 图为…。新华社发 / 工行客户经理走访企业。（通讯员 应佳 摄）: a caption with its credit
CAPTIONED = re.compile(r"^(?P<caption>\S.{1,60}?[。！？”）)]?)\s*(?P<credit>"
                       rf"[（(](?:(?:{ROLES})\s*)?{NAMES}(?:[\s、]+{NAMES})*\s*[/／]?\s*摄[）)]"
                       rf"|(?<=[。！？])\s*(?:(?:{ROLES})\s*)?{NAMES}(?:[\s、]+{NAMES})*\s*[/／]?\s*摄"
                       r"|(?<=[。！？])\s*(?:新华社|中新社)\S{0,6}?发)$")
PHOTO_NOTE = re.compile(r"^[（(]?(?:本版)?(?:图片|照片|配图).{0,30}(?:提供|供图)[）)]?$")
PLACEHOLDER = re.compile(rf"^[\[【（(]?(?:图片|图|照片)\s*([{DIGIT}]{{0,3}})[\]】）)]?$")
LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}[·•・‧][\u4e00-\u9fff“”‘’\"0-9A-Za-z]{2,24}$")
NOT_EDITORS = CREW_ROLES
ROLE = rf"责任编辑|本版编辑|编辑|责编|{NOT_EDITORS}"
EDITOR = re.compile(rf"^[（(]?(?:本版|本期)?(?:{ROLE})\s*(?:[：:/／丨|｜]|\s+{NAMES}(?:\s|$))")
# 美编：X, 校对：X, 版式：X; 审核 X
CREW = re.compile(rf"^[（(]?(?:(?:{NOT_EDITORS})\s*[：:丨|｜]|"
                  rf"(?:美编|校对|审核|审校|版式|初审|复审|终审)\s+{NAMES}$)")
AUTHOR = re.compile(r"^[（(]?(?:作者|文字|撰文|撰稿|图文|文\s*[/／]\s*图|文)\s*[：:/／丨|｜\s]\s*(\S.{0,20})$")
AFFILIATION = re.compile(r"^[（(]作者(?:单位|系|为|是)")
NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
LIST_NUMBER = re.compile(r"^(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|"
                         r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．)）](?![0-9０-９]))")
MARKED_HEAD = re.compile(r"^(?:【(?P<bracket>[^【】]{2,30})】|[■◆●]\s*(?P<mark>\S.{1,30}))$")
CAPTION_MARKS = "▲△↑"  # ▲工作人员为客户讲解: a caption under the photo it points at
MARKED_CAPTION = re.compile(rf"^[{CAPTION_MARKS}]\s*(?P<caption>\S.{{1,60}})$")
FULL_AMBIGUOUS = set("“”‘’…—·")  # of "ambiguous" width, set a full em wide in Chinese text


def width(text: str) -> float:
    """Printed width in ems: Chinese characters and marks 1, Latin letters and digits 1/2."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" or c in FULL_AMBIGUOUS else 0.5
               for c in text.strip())


@dataclass(frozen=True)
class LineKind:
    """A kind of line recognised by its form: `test(text, bare)` on the stripped line and
    on the line without leading marks."""

    name: str
    test: Callable[[str, str], bool]
    example: str  # a line of this kind, for the documentation and the tests
    wide: bool = False  # may be wider than SHORT_LINE


def _pattern(pattern: re.Pattern) -> Callable[[str, str], bool]:
    return lambda text, bare: bool(pattern.search(bare))


def _marked_byline(text: str, bare: str) -> bool:
    return text[0] in BYLINE_MARKS and len(bare) <= MARKED_BYLINE and not ends_sentence(bare) \
        and not re.search(r"[，,。：:；;“”\"]", bare) and MARKED_HEAD.match(text) is None


def _header(text: str, bare: str) -> bool:
    return read_header(text) is not None


def _boilerplate(text: str, bare: str) -> bool:
    row = boilerplate(text)
    return row is not None and row.name not in ("list-opener", "wechat-lead-label")


def _lead_label(text: str, bare: str) -> bool:
    row = boilerplate(text)
    return row is not None and row.name == "wechat-lead-label"


def _staff(text: str, bare: str) -> bool:
    """A line naming several staff, or staff beside a bracketed button (【纠错】)."""
    entries = read_staff(text)
    return entries is not None and (len(entries) > 1 or entries[0].kind == "boilerplate" or
                                    text[0] in "【[") and \
        not CREDIT.match(text)  # 汪长征 摄/视觉重庆 is one credit


def _marked_head(text: str, bare: str) -> bool:
    match = MARKED_HEAD.match(text)
    return bool(match) and not ends_sentence(text.rstrip("】"))


def _numbered_head(text: str, bare: str) -> bool:
    """一、把牢政治方向,在服务大局中找准定位: a numbered heading, not a numbered sentence."""
    return bool(LIST_NUMBER.match(text)) and width(text) <= 30 and not ends_sentence(text) \
        and not re.search(r"[。；;]", text)


def _dateline(text: str, bare: str) -> bool:
    """A dateline on a line of its own (本报讯（记者 林晓 通讯员 黄一帆）)."""
    match = DATELINE.match(text)
    return bool(match) and match.end() == len(text)


# First match wins: a photo note may look like a credit, an editor line like a byline.
LINE_KINDS = (
    LineKind("header", _header, "南浔日报 2025年3月18日 第3版 综合新闻", wide=True),
    LineKind("list", _pattern(LIST_OPENER), "▶往期推荐"),
    LineKind("lead_label", _lead_label, "导读"),
    LineKind("boilerplate", _boilerplate, "◀上一版  下一版▶", wide=True),
    LineKind("dateline", _dateline, "本报讯（记者 林晓 通讯员 黄一帆）"),
    LineKind("byline", _marked_byline, "□通讯员 于萌 李媛"),
    LineKind("photo_note", _pattern(PHOTO_NOTE), "（本版图片由工行萧山分行提供）"),
    LineKind("placeholder", _pattern(PLACEHOLDER), "图片5"),
    LineKind("staff", _staff, "责任编辑：徐婷　美编：王磊"),
    LineKind("crew", _pattern(CREW), "美编：何丽娜"),
    LineKind("editor", _pattern(EDITOR), "责任编辑：王五"),
    LineKind("author", _pattern(AUTHOR), "作者：余冬晖"),
    LineKind("byline", _pattern(BYLINE), "本报记者 张三 通讯员 李四"),
    LineKind("credit", _pattern(CREDIT), "汪长征 摄/视觉重庆"),
    LineKind("label", _pattern(LABEL), "溯源·红色根脉的百年跨越"),
    LineKind("marked_caption", _pattern(MARKED_CAPTION), "▲市民在老街商户用数字人民币付款"),
    LineKind("marked_head", _marked_head, "【整村授信打通“最后一公里”】"),
    LineKind("numbered_head", _numbered_head, "一、把牢政治方向,在服务大局中找准定位"),
    LineKind("captioned", _pattern(CAPTIONED), "市民在城市书房阅读。（孙八 摄）", wide=True),
)


def classify(text: str) -> str:
    """The kind of a line that stands alone by its form, or "" for running text."""
    bare = text.lstrip(LEADING_MARKS).strip()
    if not bare:
        return ""
    short = width(text) <= SHORT_LINE
    return next((kind.name for kind in LINE_KINDS if (short or kind.wide and
                 width(text) <= CAPTION_LINE) and kind.test(text, bare)), "")
