"""Line kinds: one stripped line of a raw source in, what it is by its form alone (byline, credit, editor line, …) out.

The patterns and their order are the rules an editor will want to change: the
first pattern that matches decides. A line wider than SHORT_LINE ems is running
text whatever it looks like.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from ..text.chars import ends_sentence

SHORT_LINE = 40  # ems: lines at most this wide may be headings, names, captions
BYLINE_MARKS = "□■"  # □通讯员 于萌 李媛: a mark before a name line makes it a byline
LEADING_MARKS = "□■◇◆"  # marks that stand before a line's text and are not part of it
MARKED_BYLINE = 30  # characters at most after a byline mark

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


def width(text: str) -> float:
    """Printed width in ems: Chinese characters 1, Latin letters and digits 1/2."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text.strip())


@dataclass(frozen=True)
class LineKind:
    """A kind of line recognised by its form: `test(text, bare)` on the stripped line and
    on the line without leading marks."""

    name: str
    test: Callable[[str, str], bool]
    example: str  # a line of this kind, for the documentation and the tests


def _pattern(pattern: re.Pattern) -> Callable[[str, str], bool]:
    return lambda text, bare: bool(pattern.search(bare))


def _marked_byline(text: str, bare: str) -> bool:
    return text[0] in BYLINE_MARKS and len(bare) <= MARKED_BYLINE and not ends_sentence(bare)


# First match wins: a photo note may look like a credit, an editor line like a byline.
LINE_KINDS = (
    LineKind("byline", _marked_byline, "□通讯员 于萌 李媛"),
    LineKind("photo_note", _pattern(PHOTO_NOTE), "（本版图片由工行萧山分行提供）"),
    LineKind("placeholder", _pattern(PLACEHOLDER), "图片5"),
    LineKind("editor", _pattern(EDITOR), "责任编辑：王五"),
    LineKind("author", _pattern(AUTHOR), "作者：余冬晖"),
    LineKind("byline", _pattern(BYLINE), "本报记者 张三 通讯员 李四"),
    LineKind("credit", _pattern(CREDIT), "汪长征 摄/视觉重庆"),
    LineKind("label", _pattern(LABEL), "溯源·红色根脉的百年跨越"),
    LineKind("captioned", _pattern(CAPTIONED), "市民在城市书房阅读。（孙八 摄）"),
)


def classify(text: str) -> str:
    """The kind of a line that stands alone by its form, or "" for running text."""
    if width(text) > SHORT_LINE:
        return ""
    bare = text.lstrip(LEADING_MARKS).strip()
    return next((kind.name for kind in LINE_KINDS if kind.test(text, bare)), "")
