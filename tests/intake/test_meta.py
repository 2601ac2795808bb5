"""Header and staff lines: every form of header the papers, sites and accounts print gives its publication, date and page; staff lines give each name its kind; sentences are never headers."""

from __future__ import annotations

import pytest

from pressroom.intake.meta import TOKENS, read_header, read_staff

HEADERS = [  # line, publication, date, page
    ("南浔日报 2025年3月18日 第3版 综合新闻", "南浔日报", "2025-03-18", "第3版"),
    ("城市金融报 | 2024年6月5日 星期三 | 第A2版：要闻", "城市金融报", "2024-06-05", "第A2版"),
    ("工银浙江  2023年12月  第12期  第4版", "工银浙江", "2023-12", "第4版"),
    ("2024年3月5日 星期二 浙江日报 第3版", "浙江日报", "2024-03-05", "第3版"),
    ("浙江日报 2024-03-05 第03版", "浙江日报", "2024-03-05", "第3版"),
    ("《嘉兴日报》2024年10月8日", "嘉兴日报", "2024-10-08", ""),
    ("2026年05月21日 星期四", "", "2026-05-21", ""),
    ("第06版：区域经济", "", "", "第6版"),
    ("版次：A03　　要闻", "", "", "第A3版"),
    ("2026-06-12 16:21:08来源：新华网", "新华网", "2026-06-12", ""),
    ("2025-12-0904版：经济观察", "", "2025-12-09", "第4版"),
    ("2026年05月12日 第07版 银行", "", "2026-05-12", "第7版"),
    ("2026年3月18日 星期三 第5版 经济·县域 责任编辑：彭丽 版式：张涛", "", "2026-03-18", "第5版"),
    ("金融时报 第3版 区域金融 2026年5月28日 星期四 编辑：孙悦 美编：周洁", "金融时报", "2026-05-28",
     "第3版"),
    ("原创 陈静 工银南湖 2026年06月08日 08:30", "工银南湖", "2026-06-08", ""),
    ("原创 工银湖州 2026年04月15日 17:45 浙江", "工银湖州", "2026-04-15", ""),
    ("陈静 工银南湖 2026-06-08 08:30 发表于浙江", "工银南湖", "2026-06-08", ""),
    ("来源：潮新闻客户端　2026-06-03 09:12:45", "潮新闻客户端", "2026-06-03", ""),
    ("作者：王林　来源：浙江日报　发布时间：2026-05-20", "浙江日报", "2026-05-20", ""),
    ("发布时间：2026-02-14 10:22　信息来源：衢州日报　浏览次数：1268", "衢州日报", "2026-02-14", ""),
    ("《 人民日报 》（ 2026年05月21日   第 06 版）", "人民日报", "2026-05-21", "第6版"),
    ("今日临安　2026年3月6日　星期五　第1版　要闻", "今日临安", "2026-03-06", "第1版"),
    ("２０２６年３月６日　第１版", "", "2026-03-06", "第1版"),
    ("综合新闻 2 2026年5月15日 星期五 责任编辑：许晴", "", "2026-05-15", "第2版"),
    ("A3 要闻 2026年5月1日", "", "2026-05-01", "第A3版"),
    ("第00005版：经济", "", "", "第5版"),
    ("2026年06月18日05:38 | 来源：人民网－人民日报", "人民日报", "2026-06-18", ""),
]


@pytest.mark.parametrize("line, publication, date, page", HEADERS, ids=[h[0] for h in HEADERS])
def test_header_forms_give_their_fields(line, publication, date, page):
    meta = read_header(line)
    assert meta is not None
    want = {key: value for key, value in (("publication", publication), ("date", date),
                                          ("page", page)) if value}
    assert meta.fields == want


@pytest.mark.parametrize("line", [
    "2024年以来，全市新增贷款", "截至2026年5月", "2026年5月8日 全省首笔碳汇贷落地",
    "人民日报", "青山变金山", "工行南湖支行青年员工在夜校上为村民讲解防诈骗知识",
    "本报讯（记者 林晓）", "4月16日，茶农在采摘白茶",
])
def test_running_text_titles_and_names_are_no_header(line):
    assert read_header(line) is None


def test_the_names_on_a_header_are_read_by_their_place():
    meta = read_header("原创 陈静 工银南湖 2026年06月08日 08:30")
    line = "原创 陈静 工银南湖 2026年06月08日 08:30"
    assert [(s.kind, line[s.start:s.end]) for s in meta.staff] == [("author", "陈静")]


@pytest.mark.parametrize("line, author, account", [
    ("原创 陈静 工银南湖 2026年06月08日 08:30", "陈静", "工银南湖"),
    ("原创 工银南湖 陈静 2026年06月20日 17:45 浙江", "陈静", "工银南湖"),
    ("工银嘉兴 李婷 2026-05-20 19:02", "李婷", "工银嘉兴"),
    ("原创 陈静 工银南湖 工银南湖 2026年06月08日 08:30", "陈静", "工银南湖"),
    ("原创 李婷 丽水日报 2026年07月02日 10:05", "李婷", "丽水日报"),
], ids=["author-first", "account-first", "no-original", "account-twice", "paper-account"])
def test_a_wechat_line_tells_the_author_from_the_account(line, author, account):
    """The author is the short personal name, whichever comes first; the account (named
    once or twice) is the publication."""
    meta = read_header(line)
    assert [line[s.start:s.end] for s in meta.staff if s.kind == "author"] == [author]
    assert meta.fields["publication"] == account
    meta = read_header("南浔日报 2025年3月18日 第3版 综合新闻")
    assert meta.section == "综合新闻" and meta.strong
    assert not read_header("2026年05月21日 星期四").strong  # a bare date: weak


def test_staff_on_a_header_line_stand_where_they_are():
    line = "2026年3月18日 星期三 第5版 经济·县域 责任编辑：彭丽 版式：张涛"
    staff = read_header(line).staff
    assert [(s.kind, line[s.start:s.end]) for s in staff] == [("editor", "彭丽"),
                                                            ("crew", "版式：张涛")]


@pytest.mark.parametrize("line, entries", [
    ("责任编辑：徐婷　美编：王磊", [("editor", "徐婷"), ("crew", "美编：王磊")]),
    ("编辑 李娜   美编 王强   校对 陈明", [("editor", "李娜"), ("crew", "美编 王强"), ("crew", "校对 陈明")]),
    ("朱丽 图/杨帆", [("author", "朱丽"), ("photo_note", "图/杨帆")]),
    ("朱丽/文 杨帆/图", [("author", "朱丽"), ("photo_note", "杨帆/图")]),
    ("文丨李婷　图丨王浩", [("author", "李婷"), ("photo_note", "图丨王浩")]),
    ("【纠错】 【责任编辑:刘阳 】", [("boilerplate", "【纠错】"), ("editor", "刘阳")]),
    ("文字：叶青", [("author", "叶青")]),
    ("审核：胡斌", [("crew", "审核：胡斌")]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_staff_lines_give_each_name_its_kind(line, entries):
    assert [(s.kind, line[s.start:s.end]) for s in read_staff(line)] == entries


@pytest.mark.parametrize("line", ["朱丽", "图为代办员在湖镇镇为村民代办业务", "文明新风 图说",
                                  "村民 图/杨帆 说"])
def test_names_alone_and_sentences_are_no_staff_line(line):
    assert read_staff(line) is None


def test_every_token_kind_is_used_by_some_header_form():
    kinds = {kind for kind, _ in TOKENS}
    seen = {"date", "time", "weekday", "page", "issue", "source", "staff", "label", "counter",
            "original", "region", "bracketed", "folio", "sep", "name"}
    assert kinds == seen
    assert read_header("【纠错】 2026-06-12 来源：新华网") is not None  # bracketed
