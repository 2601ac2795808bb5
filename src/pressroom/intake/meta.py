"""Header and staff lines: one stripped line in, what it says about the article out — a page header's publication, date and page (in whatever order and glued however the paper, site or account prints them), and the staff named on it (editor, other crew, author, photographer) with where each name stands.

Both readers cut the line into tokens of the forms in TOKENS and fail (None) when
any character is left over: a sentence is never taken for a header. A header has a
date, a page or a source; the names left between its tokens are read by their
place (the paper's name before the date, a section after the page, a WeChat
account after 原创, a region after the time). Pages come as 第6版 (no leading
zero), dates as YYYY-MM-DD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.chars import fullwidth_alnum

D = "[0-9０-９]"
HAN_NAME = r"(?:[\u4e00-\u9fff·]{2,4}|(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000]{1,2})" \
           r"[\u4e00-\u9fff](?![\u4e00-\u9fff]))"  # 沈佳, 沈  佳 (padded)
EDITOR_ROLES = r"责任编辑|责编|编辑|本版编辑|本期编辑"
CREW_ROLES = (r"图片编辑|文字编辑|视频编辑|新媒体编辑|美编|美术编辑|校对|审校|审核|初审|复审|终审|监制|统筹|策划|出品|主编|总编辑|"
              r"版式|组版|制图|设计|排版")
AUTHOR_ROLES = r"作者|文字|撰文|撰稿|图文|文\s*[/／]\s*图|文"
PHOTO_ROLES = r"摄影|图片|图|摄"
STAFF_ROLE = rf"{EDITOR_ROLES}|{CREW_ROLES}|{AUTHOR_ROLES}|{PHOTO_ROLES}"
STAFF_SEP = r"\s*(?:[：:丨|｜/／]\s*|\s)"
NOT_NAMES = rf"(?:{STAFF_ROLE})[：:丨|｜/／\s]|来源|信息|稿件|发布|更新|时间|日期|浏览|阅读|原创"
# one name, or several set apart by 、 or one space (U+3000 and wider gaps part fields)
NAMES = rf"(?!{NOT_NAMES}){HAN_NAME}(?:[、 ](?!{NOT_NAMES}|\s){HAN_NAME})*"
PUBLICATION_ENDS = ("报", "刊", "网", "讯", "新闻", "客户端", "杂志", "在线", "频道", "之声", "融媒",
                    "号", "周刊", "头条", "报道", "财经", "观察", "资讯", "APP", "App")

TOKENS = (  # (kind, pattern); tried in order at each place of the line
    ("date", rf"(?P<y>{D}{{4}})\s*年\s*(?P<m>{D}{{1,2}})\s*月(?:\s*(?P<d>{D}{{1,2}})\s*日)?|"
             rf"(?P<y2>{D}{{4}})[-/.](?P<m2>{D}{{1,2}})[-/.](?P<d2>{D}{{1,2}})"),
    ("time", rf"{D}{{1,2}}[:：]{D}{{2}}(?:[:：]{D}{{2}})?"),
    ("weekday", r"星期[一二三四五六日天]|周[一二三四五六日]"),
    ("page", rf"版次\s*[：:]?\s*(?P<pl>[A-Za-zＡ-Ｚａ-ｚ]?)\s*(?P<pn>{D}{{1,5}})\s*版?|"
             rf"(?:第\s*)?(?P<pl2>[A-Za-zＡ-Ｚａ-ｚ]?)\s*(?P<pn2>{D}{{1,5}})\s*版"),  # 第00005版
    ("issue", rf"总?第\s*{D}{{1,5}}\s*期"),
    ("source", r"(?:信息|稿件|文章|新闻)?来源\s*[：:丨|｜]\s*(?P<src>[^\s|｜丨，。；【】]{2,20}?)"
               rf"(?=\s|$|[|｜丨【]|{D}{{4}})"),
    ("staff", rf"[【\[（(]?\s*(?P<role>{STAFF_ROLE}){STAFF_SEP}(?P<name>{NAMES})\s*[】\]）)]?"),
    ("label", r"(?:发布|更新|发表|刊发|出版)?(?:时间|日期)\s*[：:]"),
    ("counter", rf"(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[：:]?\s*{D}+"),
    ("original", r"原创"),
    ("region", r"(?:发表于|发布于|IP属地\s*[：:]?)\s*[\u4e00-\u9fff]{2,3}"),
    ("bracketed", r"[【\[][^【】\[\]]{1,8}[】\]]"),
    ("folio", rf"[A-Za-zＡ-Ｚ]?{D}{{1,2}}(?=[\s|｜丨]|$)"),  # 综合新闻 2 2026年5月15日
    ("sep", r"[\s|｜丨（）()：:]+"),
    ("name", r"《\s*[^《》\s]{2,16}\s*》|[\u4e00-\u9fffA-Za-z·・\-－]{2,16}"),
)
TOKEN = re.compile("|".join(f"(?P<_{kind}>{pattern})" for kind, pattern in TOKENS))
PROVINCES = set("北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
                "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split())


@dataclass
class Staff:
    """A name on a header or staff line: its kind (editor, crew, author, photo_note) and
    where it stands in the line (start, end: the name, or the whole entry for a photographer)."""

    kind: str
    start: int
    end: int
    role: str = ""


@dataclass
class Meta:
    """What a header line gives: publication, date and page (those printed), the section
    name, the staff on it, and whether it has more than a bare date."""

    fields: dict[str, str] = field(default_factory=dict)
    section: str = ""
    staff: list[Staff] = field(default_factory=list)
    strong: bool = False


def tokens(text: str) -> list[tuple[str, re.Match]] | None:
    """The line as tokens, or None when a character is no part of any token."""
    found, at = [], 0
    while at < len(text):
        match = TOKEN.match(text, at)
        if not match or match.end() == at:
            return None
        kind = next(k for k, _ in TOKENS if match.group(f"_{k}") is not None)
        found.append((kind, match))
        at = match.end()
    return found


def digits(text: str) -> str:
    return "".join(fullwidth_alnum(c) or c for c in text)


def date_of(match: re.Match) -> str:
    year, month = match["y"] or match["y2"], match["m"] or match["m2"]
    day = match["d"] or match["d2"]
    date = f"{int(digits(year)):04d}-{int(digits(month)):02d}"
    return date + (f"-{int(digits(day)):02d}" if day else "")


def page_of(match: re.Match) -> str:
    letter = digits(match["pl"] or match["pl2"] or "").upper()
    return f"第{letter}{int(digits(match['pn'] or match['pn2']))}版"


def staff_kind(role: str) -> str:
    if re.fullmatch(EDITOR_ROLES, role):
        return "editor"
    if re.fullmatch(AUTHOR_ROLES, role):
        return "author"
    return "photo_note" if re.fullmatch(PHOTO_ROLES, role) else "crew"


def staff_entry(match: re.Match) -> Staff:
    kind = staff_kind(match["role"])
    if kind in ("photo_note", "crew"):  # the credit as printed (图/杨帆); a crew entry left out
        return Staff(kind, match.start("role"), match.end("name"), match["role"])
    return Staff(kind, match.start("name"), match.end("name"), match["role"])


def publication_like(name: str) -> bool:
    return name.strip("《》 ").endswith(PUBLICATION_ENDS)


def read_header(text: str) -> Meta | None:
    """A header line's fields, or None (a page header, e-paper date or page line, web
    meta line, WeChat account line, the citation line under a People's Daily article)."""
    found = tokens(text)
    if not found:
        return None
    kinds = [kind for kind, _ in found if kind != "sep"]
    if not {"date", "page", "source"} & set(kinds) or kinds.count("date") > 1:
        return None
    meta = Meta()
    names: list[tuple[int, re.Match]] = []  # (position among tokens, the name)
    for n, (kind, match) in enumerate((k, m) for k, m in found if k != "sep"):
        if kind == "date":
            meta.fields["date"] = date_of(match)
        elif kind == "page":
            meta.fields.setdefault("page", page_of(match))
        elif kind == "source":  # 人民网－人民日报: the paper the site took it from
            source = re.split(r"[－—-]", match["src"].strip("《》"))[-1]
            meta.fields.setdefault("publication", source or match["src"])
        elif kind == "staff":
            meta.staff.append(staff_entry(match))
        elif kind == "folio" and "date" in kinds:  # a page number beside the date
            folio = digits(match[0]).upper()
            meta.fields.setdefault("page", f"第{folio.rstrip('0123456789')}"
                                           f"{int(folio.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ'))}版")
        elif kind == "name":
            names.append((n, match))
    if not place_names(meta, names, kinds):
        return None
    meta.strong = bool(set(kinds) - {"date", "weekday", "sep"}) or "publication" in meta.fields
    return meta


def person(pair: list[re.Match]) -> re.Match:
    """Of the two names after 原创 (the author's and the account's), the author's: WeChat
    prints the author first (原创 陈静 工银南湖), but copies put the account first too (原创
    工银南湖 陈静): a name of two or three characters beside a longer one or a publication's
    is the person's."""
    first, second = (match[0].strip("《》 ") for match in pair)
    def personal(name: str) -> bool:
        return bool(re.fullmatch(r"[\u4e00-\u9fff·]{2,3}", name)) and not publication_like(name)
    if personal(second) and not personal(first) or \
            publication_like(first) and not publication_like(second):
        return pair[1]
    return pair[0]


def place_names(meta: Meta, names: list[tuple[int, re.Match]], kinds: list[str]) -> bool:
    """Read the names between a header's tokens by their place; False if one makes no sense."""
    first_date = next((n for n, k in enumerate(kinds) if k in ("date", "page")), len(kinds))
    before = [match for n, match in names if n < first_date]
    # 原创 陈静 工银南湖 工银南湖: the account named twice (its name and its link) is one name
    repeated = {id(b) for a, b in zip(before, before[1:]) if a[0] == b[0]}
    before = [match for match in before if id(match) not in repeated]
    # a name before the date is the paper's or account's: it looks like one, or the line
    # has what only a header has (a page, weekday, time, issue, 原创)
    printed = bool({"page", "weekday", "time", "issue", "original", "folio"} & set(kinds))
    if len(before) > 2 or len(before) == 2 and "original" not in kinds and "time" not in kinds:
        return False
    for n, match in names:
        if id(match) in repeated:
            continue
        previous = kinds[n - 1] if n else ""
        name = match[0]
        bare = name.strip("《》 ")
        following = kinds[n + 1] if n + 1 < len(kinds) else ""
        if name.startswith("《"):
            meta.fields.setdefault("publication", bare)
        elif "folio" in (previous, following):  # 综合新闻 2, A3 要闻: the page's section
            meta.section = meta.section or bare
        elif n < first_date and len(before) == 2 and match is person(before):
            if not re.fullmatch(HAN_NAME, bare):
                return False
            meta.staff.append(Staff("author", match.start(), match.end()))  # 原创 陈静 工银南湖
        elif n < first_date:
            if not (printed or publication_like(bare)):
                return False
            meta.fields.setdefault("publication", bare)
        elif previous == "page" or (previous == "name" and meta.section):
            meta.section = meta.section or bare
        elif "time" in kinds[:n] and bare in PROVINCES:
            continue  # the region a WeChat post was sent from
        elif "publication" not in meta.fields and (publication_like(bare) or "page" in kinds[n:]):
            meta.fields["publication"] = bare
        elif "page" in kinds[:n] or "weekday" in kinds[:n]:
            meta.section = meta.section or bare
        else:
            return False
    return True


STAFF_TOKENS = re.compile(
    rf"(?P<staff>[【\[（(]?\s*(?P<role>{STAFF_ROLE}){STAFF_SEP}(?P<name>{NAMES})\s*[】\]）)]?)|"
    rf"(?P<after>(?P<name2>{HAN_NAME})\s*[/／丨|｜]\s*(?P<role2>文|图|文字|摄影|图片)(?![\u4e00-\u9fff]))|"
    rf"(?P<bare>{HAN_NAME})|(?P<bracketed>[【\[][^【】\[\]]{{1,8}}[】\]])|(?P<sep>[\s|｜丨]+)")


def read_staff(text: str) -> list[Staff] | None:
    """A line that only names staff (责任编辑：徐婷　美编：王磊; 朱丽 图/杨帆; 文丨李婷　图丨王浩;
    【纠错】 【责任编辑:刘阳 】): each entry, or None. A bare name may only open the line
    (the author's, before the photographer's credit); a bracketed word is furniture."""
    entries: list[Staff] = []
    at = 0
    while at < len(text):
        match = STAFF_TOKENS.match(text, at)
        if not match or match.end() == at:
            return None
        if match["staff"]:
            entries.append(staff_entry(match))
        elif match["after"]:  # 朱丽/文 杨帆/图
            kind = staff_kind(match["role2"])
            end = match.end("after") if kind == "photo_note" else match.end("name2")
            entries.append(Staff(kind, match.start("after"), end, match["role2"]))
        elif match["bare"]:
            if at != 0:
                return None
            entries.append(Staff("author", match.start(), match.end()))
        elif match["bracketed"]:
            entries.append(Staff("boilerplate", match.start(), match.end()))
        at = match.end()
    named = [e for e in entries if e.kind != "boilerplate"]
    if not named or entries[0].kind == "author" and entries[0].role == "" and len(named) < 2:
        return None
    return entries
