"""Boilerplate: one stripped line in, whether it is furniture of the page, site or app the text was copied from (and of which kind) out.

E-paper navigation, a news site's tools, WeChat's buttons and prompts, end marks:
lines no manuscript keeps. Each row of BOILERPLATE names a kind, its pattern and an
example (tests/intake/test_boilerplate.py tries every row). A line that opens a list
of other articles (▶往期推荐) is a LIST_OPENER: the short lines under it go too.
The draft leaves them out and review.md lists every one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARROWS = "▶►▷→➤👉◀◁"


@dataclass(frozen=True)
class Boilerplate:
    name: str
    pattern: re.Pattern
    example: str
    what: str  # for the editor: what kind of line it is


def _row(name: str, pattern: str, example: str, what: str) -> Boilerplate:
    return Boilerplate(name, re.compile(pattern), example, what)


LIST_OPENER = re.compile(rf"^[{ARROWS}]?\s*[【\[]?(?:往期推荐|往期回顾|往期精彩|推荐阅读|猜你喜欢|精彩推荐|"
                         r"热门推荐|热文推荐|更多精彩|喜欢此内容的人还喜欢)[】\]]?\s*[:：]?$")

BOILERPLATE = (
    _row("e-paper-navigation", r"^[◀◁<《]?\s*(?:上一版|上一期|上一篇|上一页)\s*[▶▷>》]?(?:\s*[◀◁<《]?\s*"
         r"(?:下一版|下一期|下一篇|下一页)\s*[▶▷>》]?)?$|^(?:下一版|下一期|下一篇)\s*[▶▷>》]?$|"
         r"^(?:返回目录|返回首页|版面导航|本版其他文章|放大\s*缩小\s*默认)$|"
         r"^(?:上一篇|下一篇)\s*[：:].{2,40}$",
         "◀上一版  下一版▶", "电子版的翻页、导航按钮"),
    _row("site-tools", r"^[【\[]?(?:字号|字体)\s*[：:]?\s*大\s*中\s*小[】\]]?(?:\s*[【\[]?打印(?:本页)?"
         r"[】\]]?)?$|^(?:[【\[]?(?:打印本页|打印|关闭窗口|关闭|我要纠错|纠错|收藏|分享到?|我要分享|扫一扫在手机打开当前页|"
         r"手机看|返回顶部|[大中小]字号|默认字号|A[+-]|微信|微博|QQ空间|复制链接|朗读|听新闻)[】\]]?\s*[：:]?"
         r"\s*)+$", "【打印本页】【关闭窗口】", "网页上的工具按钮"),
    _row("site-counter", r"^(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[：:]?\s*[0-9０-９]+\+?$", "浏览次数：1268",
         "网页上的浏览次数"),
    _row("original-title", r"^原标题\s*[：:].{2,60}$", "原标题：杭州上线“科创金融服务码”",
         "转载时注明的原标题"),
    _row("page-number", r"^(?:[-—－]\s*[0-9０-９]{1,3}\s*[-—－]|第\s*[0-9０-９]{1,3}\s*页(?:\s*[/／共]\s*"
         r"[0-9０-９]{1,3}\s*页?)?|[0-9０-９]{1,3}\s*/\s*[0-9０-９]{1,3})$", "- 3 -", "PDF 页面上的页码"),
    _row("end-mark", r"^(?:[（(](?:完|全文完|终)[）)]|[-—－_\s]*END[-—－_\s]*|[-—－]\s*完\s*[-—－])$",
         "- END -", "文末的结束标记"),
    _row("wechat-original", r"^原创$", "原创", "公众号的“原创”标记"),
    _row("wechat-lead-label", r"^[【\[]?(?:导读|导语|内容提要|摘要)[】\]]?\s*[:：]?$", "导读",
         "公众号文章的“导读”标签（其下一段作导语）"),
    _row("wechat-prompt", r"^(?:点(?:个|击|亮)?|戳)\s*[“\"]?(?:在看|赞)[”\"]?.{0,20}$|"
         r"^(?:分享|点赞|在看|收藏)(?:[、，,\s]+(?:分享|点赞|在看|收藏))+.{0,12}$|"
         r"^分享(?:给|让)?.{0,8}(?:看到|朋友|好友)$|"
         r"^(?:长按|扫码|扫描二维码|识别二维码).{0,16}(?:关注|识别|二维码)[^。]{0,10}$|"
         r"^(?:欢迎|记得)?(?:关注|置顶).{0,10}(?:公众号|星标)[^。]{0,10}$", "点个“在看”，分享给更多朋友",
         "公众号文末的点赞、在看、关注提示"),
    _row("wechat-chrome", r"^(?:阅读原文|轻触阅读原文|预览时标签不可点|微信扫一扫|关注该公众号|继续滑动看下一个|"
         r"向上滑动看下一个|知道了|写留言|留言|在看|赞|分享|取消|允许|使用小程序|视频|小程序|听过|"
         r"微信扫一扫可打开此内容，?使用完整服务|喜欢作者|赞赏|人赞赏|阅读全文)$", "预览时标签不可点",
         "公众号页面上的按钮和提示"),
    _row("wechat-buttons", r"轻点两下取消|^(?:视频\s*)?小程序\s*赞|^[:：，。\s]*视频\s*小程序",
         "视频 小程序 赞 ，轻点两下取消赞 在看 ，轻点两下取消在看 分享 留言 收藏",
         "复制公众号页面时带进来的按钮文字"),
    _row("rights", r"^[（(【\[]?(?:版权所有|版权声明|免责声明|Copyright|©|转载请注明|未经授权|"
         r"(?:本文|稿件|文章)来源\s*[：:]|来源声明)[^。]{0,60}(?:。[^。]{0,60}){0,2}[）)】\]]?$", "版权所有 © 浙江日报报业集团",
         "网页上的版权、转载和来源声明"),
    _row("link-line", rf"^[{ARROWS}]\s*\S.{{0,40}}?[|｜丨]\s*\S.{{1,40}}$|"
         r"^(?:点击|戳)(?:这里|此处|下方|上方|蓝字|图片|阅读原文).{0,20}$", "▶一图读懂|数字人民币钱包怎么开通",
         "指向其他文章的链接"),
)


def boilerplate(text: str) -> Boilerplate | None:
    """The row a line matches, or None."""
    if LIST_OPENER.match(text):
        return LIST_ROW
    return next((row for row in BOILERPLATE if row.pattern.search(text)), None)


LIST_ROW = Boilerplate("list-opener", LIST_OPENER, "▶往期推荐", "“往期推荐”之类的其他文章列表")
