"""Page furniture: an article's blocks in, the blocks that belong to the page, site or app rather than to the article (with the role each gets and, for header lines, the fields they give) out.

- header lines (kinds.py) above the running text, and a citation line anywhere
  (《 人民日报 》（ 2026年05月21日 第 06 版）);
- the masthead: the paper's or account's name alone on a line next to a header line
  (人民日报 / 2026年05月21日 星期四), or the account name a WeChat line repeats;
- a folio (a page number alone) and a section name standing among header lines;
- boilerplate lines (boilerplate.py), the short lines under a list opener
  (▶往期推荐) and any short line standing between two boilerplate lines;
- the label 导读 (dropped; the paragraph under it is the lead).
"""

from __future__ import annotations

import re

from ..text.chars import ends_sentence
from .boilerplate import boilerplate
from .kinds import width
from .meta import publication_like
from .model import SourceBlock

FOLIO = re.compile(r"^[A-Za-zＡ-Ｚ]?[0-9０-９]{1,3}$")
SECTION_WIDTH = 8  # ems: a section name among header lines is at most this wide
MASTHEAD_WIDTH = 12
PAPER_ENDS = ("报", "刊", "杂志", "网", "客户端")  # a name under a date line is the paper's, not a
#                                             section's (综合新闻) only when it ends so
KEEPS = ("editor", "crew", "author", "photo_note", "credit", "byline")  # staff under a list stays


def top(blocks: list[SourceBlock]) -> int:
    """Index of the first block of running text (a paragraph)."""
    return next((k for k, b in enumerate(blocks) if b.kind == "para"), len(blocks))


Found = dict[int, tuple[str, str]]  # block index → (name, what it is, for the editor)
ROLE = {"header": "header", "masthead": "header", "account": "header", "folio": "header",
        "lead-label": "boilerplate", "section": "boilerplate", "boilerplate": "boilerplate",
        "list": "boilerplate", "list-item": "boilerplate"}


def find_furniture(blocks: list[SourceBlock]) -> Found:
    """Index → (name, what) for every block of furniture (ROLE gives each name's role)."""
    body = top(blocks)
    found: Found = {}
    for k, block in enumerate(blocks):
        fields = block.fields
        if block.kind == "header" and (k < body or len(fields) >= 2 and "date" in fields):
            found[k] = ("header", "版面信息行")
        elif block.kind == "boilerplate":
            row = boilerplate(block.first)
            found[k] = ("boilerplate", row.what if row else "网页上的按钮")
        elif block.kind == "lead_label":
            found[k] = ("lead-label", "“导读”标签（其下一段作导语）")
    accounts = {b.fields.get("publication") for k, b in enumerate(blocks[:body + 3])
                if k in found and b.kind == "header"}
    for k in range(min(body, len(blocks))):
        what = top_furniture(blocks, k, found, accounts)
        if what:
            found[k] = what
    list_items(blocks, found)
    return found


def adjacent(blocks: list[SourceBlock], k: int, found: Found, step: int) -> bool:
    """Is the block next to k (above: step -1, below: +1) furniture, with no blank line between?"""
    j = k + step
    if not 0 <= j < len(blocks):
        return False
    gap = blocks[k].lines[0].gap if step < 0 else blocks[j].lines[0].gap
    return gap == 0 and (j in found or blocks[j].kind in ("editor", "crew", "header"))


def top_furniture(blocks: list[SourceBlock], k: int, found: Found,
                  accounts: set) -> tuple[str, str] | None:
    """A masthead, folio or section name above the running text, or None."""
    block = blocks[k]
    text = block.first
    if block.kind not in ("short", "label") or k in found:
        return None
    following = blocks[k + 1] if k + 1 < len(blocks) else None
    if FOLIO.match(text) and (adjacent(blocks, k, found, -1) or adjacent(blocks, k, found, 1)):
        block.fields = {"page": f"第{int(re.sub(r'[^0-9０-９]', '', text))}版"}
        return "folio", "版面上的版次"
    if text in accounts and width(text) <= MASTHEAD_WIDTH:
        block.fields = {"publication": text}
        return "account", "公众号名称"
    known = any(b.fields.get("publication") for j, b in enumerate(blocks[:top(blocks)])
                if j in found)
    lone = all(j in found for j in range(k))
    plain = width(text) <= MASTHEAD_WIDTH and not re.search(r"[，。、“”：]", text)
    if plain and not known and (
            lone and following is not None and following.kind == "header" and
            following.lines[0].gap == 0 and (publication_like(text) or "page" in following.fields)
            or text.endswith(PAPER_ENDS) and adjacent(blocks, k, found, -1)):
        block.fields = {"publication": text.strip("《》")}
        return "masthead", "报名"  # 人民日报 over its date line, or under it
    above = found.get(k - 1, ("",))[0] in ("header", "folio", "section") or \
        k > 0 and blocks[k - 1].kind == "header"  # under a date or page line, not a name
    if width(text) <= SECTION_WIDTH and not ends_sentence(text) and above and \
            adjacent(blocks, k, found, -1) and adjacent(blocks, k, found, 1):
        return "section", "版面栏目名"
    return None


def list_items(blocks: list[SourceBlock], found: Found) -> None:
    """Short lines under a list opener, and short lines standing between two boilerplate lines."""
    for k, block in enumerate(blocks):
        if block.kind != "list":
            continue
        found[k] = ("list", "“往期推荐”之类的其他文章列表")
        j = k + 1
        while j < len(blocks) and blocks[j].kind not in ("para", "list"):
            if blocks[j].kind not in KEEPS and j not in found:
                found[j] = ("list-item", "“往期推荐”之类列表里的其他文章标题")
            j += 1
    for k in range(1, len(blocks) - 1):
        if blocks[k].kind == "short" and k not in found and \
                ROLE.get(found.get(k - 1, ("",))[0]) == ROLE.get(found.get(k + 1, ("",))[0]) == \
                "boilerplate":
            found[k] = ("list-item", "夹在网页或公众号固定文字之间的短行")
