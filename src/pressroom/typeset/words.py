"""Word boundaries for display text: a Chinese string in, the offsets between its words out.

Display breaking (display.py) prefers to break a head between words, which needs a
dictionary. rjieba (jieba-rs, MIT; jieba's dictionary compiled in) is imported only
when a head could break between two Han characters at all, once per process
(about 0.15–0.4 s); a build whose heads all break at punctuation or fit on one
line never imports it. Without rjieba the rules of breaks.py decide alone.

LEXICON adds the terms of party, state and finance reporting that jieba's 2013
dictionary lacks or cuts wrongly (适/老化, 普/惠): they are kept whole.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Iterable

LEXICON = tuple("""
根脉 普惠 普惠金融 初心 纾困 助企纾困 适老化 新质生产力 专精特新 高质量发展 乡村振兴
一带一路 清廉金融 科技金融 绿色金融 数字金融 养老金融 党建 党建引领 有贷户 首贷户
小微企业 个体工商户 联学共建 双城经济圈 陆海新通道 中欧班列 主题党日 拒腐防变 连心桥
警示钟 风向标 政绩观 国有大行 大行 金融活水 营商环境 民营企业 工行 工银 新征程
红色基因 红色金融 落小落细 鉴史崇廉 实干笃行 以案为鉴 五篇大文章 数字普惠 结售汇
""".split())

Segmenter = Callable[[str], list[str]]
_loaded: dict[str, Segmenter] = {}


def segmenter() -> Segmenter | None:
    """rjieba's cut with the lexicon added (imported on first use), or None without it."""
    if "rjieba" not in _loaded:
        try:
            module = importlib.import_module("rjieba")
        except ImportError:
            return None
        for word in LEXICON:
            module.add_word(word, None, None)
        _loaded["rjieba"] = lambda text: list(module.cut(text, hmm=False))
    return _loaded["rjieba"]


@dataclass(frozen=True)
class Cut:
    """A boundary between two words."""

    known: bool  # a word of 2+ characters touches it; False between two single
    # characters, which is what the dictionary says of a word it lacks (初/心)
    before: str
    after: str


def word_cuts(words: Iterable[str]) -> dict[int, Cut]:
    """Character offset of each boundary between two words → the words either side."""
    cuts, offset, previous = {}, 0, None
    for word in words:
        if offset and previous is not None:
            cuts[offset] = Cut(len(previous) > 1 or len(word) > 1, previous, word)
        offset += len(word)
        previous = word
    return cuts
