"""Page furniture: an article's blocks in, the blocks that belong to the page, site or app rather than to the article (with the role each gets and, for header lines, the fields they give) out.

- header lines (kinds.py) above the running text, and a citation line anywhere
  (《 人民日报 》（ 2026年05月21日 第 06 版）);
- among the lines of a header zone (lines with no blank line between them that hold a
  header line): the masthead (人民日报 over its date line, 中国城乡金融报 under it), a
  folio (a page number alone), a section name between header lines (综合新闻);
- the account name a WeChat line repeats, wherever it stands above the text;
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
        # above the text any header line; below it one that names the paper or page (a
        # date alone there may be a letter's); the first to give a value wins (draft.py)
        if block.kind == "header" and (k < body or "publication" in fields or "page" in fields):
            found[k] = ("header", "版面信息行")
        elif block.kind == "boilerplate":
            row = boilerplate(block.first)
            found[k] = ("boilerplate", row.what if row else "网页上的按钮")
        elif block.kind == "lead_label":
            found[k] = ("lead-label", "“导读”标签（其下一段作导语）")
    accounts = {b.fields.get("publication") for k, b in enumerate(blocks[:body + 3])
                if k in found and b.kind == "header"}
    known = any(blocks[k].fields.get("publication") for k in found if k < body)
    for zone in header_zones(blocks, body):
        zone_furniture(blocks, zone, found, accounts, known)
    top_accounts(blocks, body, found, accounts)
    list_items(blocks, found)
    return found


def header_zones(blocks: list[SourceBlock], body: int) -> list[list[int]]:
    """Runs of lines above the running text with no blank line between them that hold a
    header line: the page's header, however many lines it takes."""
    zones: list[list[int]] = []
    run: list[int] = []
    for k in range(min(body, len(blocks))):
        if run and blocks[k].lines[0].gap and blocks[k].lines[0] is not blocks[k - 1].lines[0]:
            zones.append(run)
            run = []
        run.append(k)
    zones.append(run)
    return [zone for zone in zones if any(blocks[k].kind == "header" for k in zone)]


def zone_furniture(blocks: list[SourceBlock], zone: list[int], found: Found, accounts: set,
                   known: bool) -> None:
    """Masthead, folio, account name and section name among the lines of a header zone."""
    for k in zone:
        block, text = blocks[k], blocks[k].first
        if k in found or block.kind not in ("short", "label"):
            continue
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        plain = width(text) <= MASTHEAD_WIDTH and not re.search(r"[，。、“”：]", text)
        if FOLIO.match(text):
            letter = re.sub(r"[0-9０-９]", "", text).upper()
            block.fields = {"page": f"第{letter}{int(re.sub(r'[^0-9０-９]', '', text))}版"}
            found[k] = ("folio", "版面上的版次")
        elif text in accounts and plain:
            block.fields = {"publication": text}
            found[k] = ("account", "公众号名称")
        elif plain and not known and (
                k == zone[0] and (publication_like(text) or following is not None and
                                  "page" in following.fields)
                or text.strip("《》").endswith(PAPER_ENDS)):
            block.fields = {"publication": text.strip("《》")}
            found[k] = ("masthead", "报名")  # 人民日报 over its date line, or under it
            known = True
    for n, k in enumerate(zone):
        block, text = blocks[k], blocks[k].first
        above = any(found.get(j, ("",))[0] in ("header", "folio", "masthead") for j in zone[:n])
        below = n + 1 < len(zone) and (zone[n + 1] in found or
                                        blocks[zone[n + 1]].kind in ("editor", "crew", "header"))
        if k not in found and block.kind in ("short", "label") and \
                width(text) <= SECTION_WIDTH and not ends_sentence(text) and above and below:
            found[k] = ("section", "版面栏目名")


def top_accounts(blocks: list[SourceBlock], body: int, found: Found, accounts: set) -> None:
    """A WeChat account's name alone above the text, where a meta line repeats it."""
    for k in range(min(body, len(blocks))):
        text = blocks[k].first
        if k not in found and blocks[k].kind == "short" and text in accounts and \
                width(text) <= MASTHEAD_WIDTH:
            blocks[k].fields = {"publication": text}
            found[k] = ("account", "公众号名称")


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
