"""Character classes: a character in, what it is (Han, Chinese, a mark of which kind) out.

Chinese typesetting (clreq) and punctuation (GB/T 15834) rules as sets of characters.
Every stage that asks "is this Chinese?" or "may this start a line?" asks here.
"""

from __future__ import annotations

# Half-width marks that GB/T 15834 wants full width in Chinese running text.
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
FULL_TO_HALF = {v: k for k, v in HALF_TO_FULL.items()}
# Chinese (full-width) punctuation marks.
CHINESE_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—·～"
# Marks that end a sentence, and closing marks that may follow them (。” ！） …).
SENTENCE_END = "。！？…!?"
CLOSERS = "”’）》」』】〕〉)"
OPENERS = "“‘（《「『【〔〈("
# clreq / GB/T 15834: marks that may not start a line, and marks that may not end one.
NO_LINE_START = frozenset("、，。．：；！？）》」』】〕〉〗”’·…%‰℃°")
NO_LINE_END = frozenset("（《「『【〔〈〖“‘")
# Marks whose ink sits in the left half of the em box: the right half can be dropped
# when another mark follows (clreq: two adjacent marks take 1.5 em).
LEFT_INK = frozenset("、，。：；！？）》」』】〕〉”’")
# Pairs that must not be split across lines: the dash (破折号) and the ellipsis (省略号).
UNBREAKABLE_PAIRS = ("——", "……")
CURLY_QUOTES = "“”‘’"
# Every form of a quotation mark → one form, for comparisons that ignore quote style
# (straight or curly, opening or closing).
QUOTE_FOLD = {'"': "“", "”": "“", "＂": "“", "'": "‘", "’": "‘", "＇": "‘"}
# Paired marks: quotation marks, brackets and book-title marks, opening → closing.
PAIRED_MARKS = {"“": "”", "‘": "’", "（": "）", "《": "》", "「": "」", "『": "』",
                "【": "】", "〔": "〕", "〈": "〉", "〖": "〗"}
OPENING_MARKS = frozenset(PAIRED_MARKS)
CLOSING_MARKS = frozenset(PAIRED_MARKS.values())
# Marks that close a sentence or clause (句末点号, 分号) and those inside one (句内点号).
CLAUSE_END = frozenset("。！？；…")
PHRASE_END = frozenset("，：")
ENUMERATION_COMMA = "、"
INTERPUNCT = "·"
# Han numerals: 二十届, 一百零五, 两千.
HAN_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")


def is_han(char: str) -> bool:
    """A Chinese character (CJK unified ideographs and their extensions, 〇)."""
    if len(char) != 1:
        return False
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF or char == "〇")


def is_cjk(char: str) -> bool:
    """Han, kana, hangul, a radical, or a full-width/Chinese punctuation mark (not a space)."""
    if len(char) != 1 or char.isspace():
        return False
    code = ord(char)
    return (is_han(char) or char in CHINESE_PUNCT or 0x2E80 <= code <= 0x2FDF
            or 0x3000 <= code <= 0x30FF or 0xFF00 <= code <= 0xFFEF or 0xAC00 <= code <= 0xD7AF)


# Full-width signs of numbers that become ASCII with the digits (９３．７, ２１．４％).
NUMBER_SIGNS = {"．": ".", "％": "%"}


def fullwidth_alnum(char: str) -> str | None:
    """The ASCII letter or digit a full-width one (Ａ１) stands for, else None."""
    code = ord(char)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    return None


def ends_sentence(text: str) -> bool:
    """Whether `text` ends a sentence (closing quotes and brackets aside; a straight quote
    after the mark closes too: ……歇歇。")."""
    text = text.rstrip().rstrip(CLOSERS + "\"'")
    return bool(text) and text[-1] in SENTENCE_END
