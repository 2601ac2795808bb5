"""Boilerplate: each row of the table recognises its own example (and is the first row that does); text of an article is never boilerplate."""

from __future__ import annotations

import pytest

from pressroom.intake.boilerplate import BOILERPLATE, LIST_ROW, boilerplate


@pytest.mark.parametrize("row", BOILERPLATE + (LIST_ROW,), ids=lambda r: r.name)
def test_row_recognises_its_example(row):
    assert boilerplate(row.example) is row


@pytest.mark.parametrize("line, name", [
    ("上一期　　下一期", "e-paper-navigation"),
    ("上一篇：金融活水润桑梓", "e-paper-navigation"),
    ("小字号", "site-tools"),
    ("字号：大 中 小　　打印本页", "site-tools"),
    ("【字体：大 中 小】", "site-tools"),
    ("分享到：", "site-tools"),
    ("（完）", "end-mark"),
    ("—END—", "end-mark"),
    ("第 3 页", "page-number"),
    ("长按识别二维码关注我们", "wechat-prompt"),
    ("分享、点赞、在看，一键三连", "wechat-prompt"),
    ("轻触阅读原文", "wechat-chrome"),
    ("【导读】", "wechat-lead-label"),
    ("推荐阅读", "list-opener"),
    ("►往期回顾", "list-opener"),
    ("点击蓝字关注我们", "link-line"),
    ("（本文来源：浙江日报）", "rights"),
    ("免责声明：本文仅代表作者观点。", "rights"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_forms_seen_on_sites_and_accounts(line, name):
    assert boilerplate(line).name == name


@pytest.mark.parametrize("line", [
    "分享经济让村民受益", "在看得见的地方下功夫", "阅读推广进乡村", "导读员走进图书馆",
    "“点个赞”成了村里的新风尚。", "完成全年目标", "上一版块的内容", "延伸阅读", "相关新闻",
    "▶ 贷款送到田埂上", "2026年5月8日", "3200余户", "本文来源于作者的调研，数据截至5月末。",
])
def test_article_text_is_no_boilerplate(line):
    assert boilerplate(line) is None
