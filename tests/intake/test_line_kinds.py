"""The line kinds table of import: each row recognises its own example and no other row's."""

from __future__ import annotations

import pytest

from pressroom.intake.kinds import LINE_KINDS, SHORT_LINE, classify

RUNNING_TEXT = ["工行重庆市分行灵活调配人员，开辟绿色通道。", "党建引领", "“工”笔妙绘巴山渝水好风光"]


@pytest.mark.parametrize("kind", LINE_KINDS, ids=[f"{k.name}:{k.example}" for k in LINE_KINDS])
def test_row_recognises_its_example(kind):
    assert classify(kind.example) == kind.name


@pytest.mark.parametrize("text", RUNNING_TEXT)
def test_running_text_is_no_kind(text):
    assert classify(text) == ""


def test_a_line_wider_than_a_short_line_is_running_text_whatever_its_form():
    long_credit = "汪长征" + "长" * (SHORT_LINE * 2) + " 摄"
    assert classify("汪长征 摄") == "credit" and classify(long_credit) == ""


def test_order_decides_between_rows_that_both_match():
    # a photo note ends in 提供, like some credits; it is listed first and wins
    assert classify("（本版图片由工行萧山分行提供）") == "photo_note"


@pytest.mark.parametrize("text, kind", [
    ("城市金融报 | 2024年6月5日 星期三 | 第A2版：要闻", "header"),
    ("工银浙江  2023年12月  第12期  第4版", "header"),
    ("2024年3月5日 星期二 浙江日报 第3版", "header"),
    ("浙江日报 2024-03-05 第03版", "header"),
    ("《嘉兴日报》2024年10月8日", "header"),
    ("2024年以来，全市新增贷款", ""),
    ("本报讯（记者王晓燕通讯员李明）", "dateline"),
    ("本报4月16日电（记者 朱晨阳）", "dateline"),
    ("责任编辑 冯远", "editor"),
    ("本版编辑：王五", "editor"),
    ("编辑：许文静　校对：陈立", "staff"),
    ("责任编辑：徐婷　美编：王磊", "staff"),
    ("编辑 李娜   美编 王强   校对 陈明", "staff"),
    ("朱丽 图/杨帆", "staff"),
    ("朱丽/文 杨帆/图", "staff"),
    ("文丨李婷　图丨王浩", "staff"),
    ("【纠错】 【责任编辑:刘阳 】", "staff"),
    ("【责任编辑：王卓伦】", "staff"),
    ("汪长征 摄/视觉重庆", "credit"),
    ("审核：胡斌", "crew"),
    ("审核 胡斌", "crew"),
    ("文丨李婷", "author"),
    ("文/图 朱丽", "author"),
    ("图文：张三", "author"),
    ("2026-06-12 16:21:08来源：新华网", "header"),
    ("2025-12-0904版：经济观察", "header"),
    ("2026年05月21日 星期四", "header"),
    ("第06版：区域经济", "header"),
    ("版次：A03　　要闻", "header"),
    ("原创 陈静 工银南湖 2026年06月08日 08:30", "header"),
    ("2026年3月18日 星期三 第5版 经济·县域 责任编辑：彭丽 版式：张涛", "header"),
    ("发布时间：2026-02-14 10:22　信息来源：衢州日报　浏览次数：1268", "header"),
    ("《 人民日报 》（ 2026年05月21日   第 06 版）", "header"),
    ("截至2026年5月", ""),
    ("◀上一版  下一版▶", "boilerplate"),
    ("【打印本页】【关闭窗口】", "boilerplate"),
    ("（完）", "boilerplate"),
    ("- END -", "boilerplate"),
    ("点个“在看”，分享给更多朋友", "boilerplate"),
    ("▶一图读懂|数字人民币钱包怎么开通", "boilerplate"),
    ("原标题：杭州上线“科创金融服务码”", "boilerplate"),
    ("▶往期推荐", "list"),
    ("导读", "lead_label"),
    ("▲市民在老街商户用数字人民币付款", "marked_caption"),
    ("全媒体记者 王芳 通讯员 赵明", "byline"),
    ("本报记者 张帆 共享联盟·长兴站 李明", "byline"),
    ("澎湃新闻记者 王一", "byline"),
    ("全媒体记者 王芳 摄", "credit"),
    ("校对：郑涛", "crew"),
    ("（作者：张三）", "author"),
    ("（作者单位：中国工商银行丽水分行）", ""),
    ("版式：周宇", "crew"),
    ("■ 情景剧演出“骗局现场”", "marked_head"),
    ("■通讯员 钱晓东 孙蕾", "byline"),
    ("□ 郑一鸣", "byline"),
    ("三、锻造过硬队伍,在实干担当中彰显本色", "numbered_head"),
    ("1.25亿元，高效及时满足企业当月能源", ""),
    ("【图】", "placeholder"),
    ("（图）", "placeholder"),
    ("图片1", "placeholder"),
    ("程丽/摄", "credit"),
    ("供图：工行金华分行", "credit"),
    ("新华社发", "credit"),
    ("张三 摄影", "credit"),
    ("图为4月16日，茶农在采摘白茶。新华社发", "captioned"),
    ("工行青年员工表演反诈情景剧。(通讯员 钱晓东 摄)", "captioned"),
    ("图为项目建设现场。本报记者 钱江 摄", "captioned"),
    ("图为集装箱货轮在港区装卸货物。新华社记者 江汉 摄", "captioned"),
    # two-character names padded to three cells
    ("本报记者 陈晓雯  通讯员 周  敏", "byline"),
    ("□通讯员 李  明 王  芳", "byline"),
    ("记者 程　浩 通讯员 毛　丽", "byline"),
    ("张  伟 摄", "credit"),
    ("责任编辑：沈  佳", "editor"),
    ("美编：吴  磊", "crew"),
    ("责任编辑：沈  佳　美编：吴  磊", "staff"),
    ("老街新生 金融赋能", ""),
    ("图片：工行南湖支行", "credit"),
    ("图丨工行嘉兴分行", "credit"),
    ("图片来源：工行湖州分行", "credit"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 12 else None)
def test_forms_seen_in_other_papers(text, kind):
    assert classify(text) == kind
