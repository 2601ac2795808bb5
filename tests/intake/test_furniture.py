"""Page furniture: the lines round an article that belong to the page, site or app — and what they give (publication, date, page) or that they go, named in review.md."""

from __future__ import annotations

from pathlib import Path

from pressroom.intake import draft_manuscript, import_source
from pressroom.intake.blocks import make_blocks
from pressroom.intake.furniture import find_furniture
from pressroom.intake.model import Notes
from pressroom.intake.segment import segment
from pressroom.intake.source import read_lines
from pressroom.text.sources import read_source

BODY = "工行南湖支行把金融夜校开进了村里，用老人听得懂的方式讲防诈骗知识，已办了26场。\n"


def furniture(raw: str) -> dict[str, str]:
    """Text of each furniture block → its name."""
    blocks = make_blocks(segment(read_lines(raw), Notes()), 1)
    return {blocks[k].own: name for k, (name, _) in find_furniture(blocks).items()}


def front(raw: str) -> str:
    draft = draft_manuscript(read_source(raw.encode("utf-8"), "a.txt"), "a", "a.txt")
    return draft.article.split("---")[1]


def test_a_paper_name_over_its_date_line_is_the_masthead():
    raw = "人民日报\n2026年05月21日 星期四\n第06版：区域经济\n◀上一版  下一版▶\n\n竹林碳汇变真金白银\n\n" + BODY
    assert furniture(raw) == {"人民日报": "masthead", "2026年05月21日 星期四": "header",
                              "第06版：区域经济": "header", "◀上一版  下一版▶": "boilerplate"}
    assert "publication: 人民日报" in front(raw) and "page: 第6版" in front(raw)
    assert "date: \"2026-05-21\"" in front(raw) and "kicker" not in front(raw)


def test_a_paper_name_under_the_date_line_is_the_masthead_a_section_name_is_not():
    raw = "2026年05月21日 星期四\n嘉兴日报\n第A3版\n\n标题\n\n" + BODY
    assert furniture(raw)["嘉兴日报"] == "masthead"
    raw = "2026年5月8日  星期五\n3\n综合新闻\n编辑 李娜   美编 王强\n\n标题\n\n" + BODY
    found = furniture(raw)
    assert found["3"] == "folio" and found["综合新闻"] == "section"
    assert "page: 第3版" in front(raw) and "editor: 李娜" in front(raw)


def test_a_title_over_a_date_line_stays_the_title():
    raw = "浙江数字人民币试点应用场景突破百万个\n2026-06-12 16:21\n\n" + BODY
    assert furniture(raw) == {"2026-06-12 16:21": "header"}
    assert "title: 浙江数字人民币试点应用场景突破百万个" in front(raw)


def test_the_account_name_a_wechat_line_repeats_is_its_publication():
    raw = "工银南湖\n金融夜校开进村\n原创 陈静 工银南湖 2026年06月08日 08:30\n\n" + BODY
    assert furniture(raw)["工银南湖"] == "account"
    assert "title: 金融夜校开进村" in front(raw) and "author: 陈静" in front(raw)


def test_titles_under_a_list_opener_go_and_staff_under_it_stay():
    raw = ("标题\n\n" + BODY + "\n▶往期推荐\n\n工银南湖｜“红船驿站”里的暖心服务\n端午假期网点营业时间公告\n"
           "编辑：沈悦\n\n阅读原文\n")
    found = furniture(raw)
    assert found["▶往期推荐"] == "list" and found["阅读原文"] == "boilerplate"
    assert found["端午假期网点营业时间公告"] == "list-item" and "编辑：沈悦" not in found
    assert "editor: 沈悦" in front(raw)


def test_an_editor_named_on_the_header_and_at_the_foot_is_written_once():
    raw = ("2026年3月18日 星期三 第5版 经济·县域 责任编辑：彭丽 版式：张涛\n\n标题\n\n" + BODY +
           "\n责任编辑：彭丽\n")
    assert "editor: 彭丽\n" in front(raw)


def test_a_citation_or_source_line_under_the_text_gives_what_the_top_did_not():
    raw = "标题\n\n" + BODY + "\n《 人民日报 》（ 2026年05月21日   第 06 版）\n"
    assert "publication: 人民日报" in front(raw) and "page: 第6版" in front(raw)
    raw = "标题\n\n" + BODY + "\n2026年5月8日\n"  # a date alone under the text: a letter's
    assert "date: TODO" in front(raw)


def test_review_lists_every_line_left_out_with_its_line_number(tmp_path):
    source = Path(__file__).parents[1] / "fixtures" / "intake-dev" / "33-weixin-huzhou.txt"
    folder = import_source(source, tmp_path, "huzhou").folder
    review = (folder / "review.md").read_text(encoding="utf-8")
    text = read_source(source.read_bytes(), source.name).text.split("\n")
    article = (folder / "article.md").read_text(encoding="utf-8")
    for number, line in enumerate(text, 1):
        line = line.strip().lstrip("▲")
        if line and line not in article and number > 3:  # 1–3: title and meta, in the front
            assert f"来稿第 {number} 行" in review, line
