"""Mechanical normalisation: raw characters in, the same text with Chinese punctuation widths and whitespace out.

These are the changes import makes without asking and audit accepts without a record:
half-width , ; : ( ) ! ? made full width in Chinese context, a run of ASCII dots standing
for an ellipsis (...... ) made ……, full-width letters and digits (with ． and ％ in
numbers) made ASCII, straight quotes made curly, whitespace between Chinese characters
removed. URLs and e-mail addresses keep their punctuation.
"""

from __future__ import annotations

import re

from .chars import HALF_TO_FULL, NUMBER_SIGNS, QUOTE_FOLD, fullwidth_alnum, is_cjk, is_han


def _neighbour(chars: list[str], index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(chars):
        if not chars[index].isspace():
            return chars[index]
        index += step
    return None


def widen(chars: list[str], protected: frozenset[int] = frozenset(),
          careful: bool = False) -> list[int]:
    """Make half-width , ; : ( ) ! ? full width where a neighbour is Chinese; in place.

    A mark counts as Chinese context when the nearest non-space character on either
    side is Han or Chinese punctuation; marks between digits or Latin letters (1,000,
    10:30, "Hello, world") stay. `careful` (intake) also leaves a mark between a Latin
    letter and a Chinese quote alone: “Hello, everyone!”. Returns the indexes changed,
    repeating until stable because a widened mark makes its neighbour's context
    Chinese too ("贷(APP)," → "贷（APP），").
    """
    changed: list[int] = []
    while True:
        found = False
        for i, char in enumerate(chars):
            if char in HALF_TO_FULL and i not in protected and \
                    chinese_context(_neighbour(chars, i, -1) or "", _neighbour(chars, i, 1) or "",
                                     careful):
                chars[i] = HALF_TO_FULL[char]
                changed.append(i)
                found = True
        if not found:
            return sorted(changed)


def chinese_context(before: str, after: str, careful: bool = True) -> bool:
    """Is a half-width mark between `before` and `after` in Chinese text?"""
    if not (is_cjk(before) or is_cjk(after)):
        return False
    if not careful or is_han(before) or is_han(after):
        return True
    latin = before.isascii() and before.isalpha() or after.isascii() and after.isalpha()
    quote = before in "“”‘’" or after in "“”‘’"
    return not (latin and quote)


DOT_RUN = re.compile(r"\.{3,}")  # ......, ...: an ellipsis typed with full stops
ELLIPSIS = "……"


def ellipses(chars: list[str], protected: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Runs of ASCII dots that stand for an ellipsis in Chinese text: (start, end) of each.

    A run counts when the character before it is Chinese, or the one after it is and no
    Latin letter comes before it (1、2、3......; not Loading... or a URL).
    """
    text = "".join(chars)
    runs = []
    for match in DOT_RUN.finditer(text):
        if any(i in protected for i in range(match.start(), match.end())):
            continue
        before = _neighbour(chars, match.start(), -1) or ""
        after = _neighbour(chars, match.end() - 1, 1) or ""
        latin = before.isascii() and before.isalpha()
        if is_cjk(before) or is_cjk(after) and not latin:
            runs.append((match.start(), match.end()))
    return runs


def squeeze_spaces(chars: list[str]) -> list[bool]:
    """Which characters survive the whitespace normalisation.

    A run of whitespace (line breaks included) disappears when it touches a Chinese
    character or punctuation mark or an end of the text; between two Latin letters or
    digits it stays as one space (the caller turns the run's first character into " ").
    """
    keep = [True] * len(chars)
    i = 0
    while i < len(chars):
        if not chars[i].isspace():
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j].isspace():
            j += 1
        before = chars[i - 1] if i else None
        after = chars[j] if j < len(chars) else None
        drop_all = before is None or after is None or is_cjk(before) or is_cjk(after)
        for k in range(i, j):
            keep[k] = not drop_all and k == i
        i = j
    return keep


def normalise(chars: list[str], offsets: list[int]) -> tuple[str, list[int]]:
    """The mechanical normalisation audit compares by: width and quote style, then whitespace.

    Width is folded without regard to context (every , ; : ( ) ! ? full width, every
    full-width letter, digit or number sign ASCII), and so are quotation marks (straight
    or curly, opening or closing: one form each for double and single quotes): the same
    on both sides, it cannot hide a change of text, and it does not depend on which piece
    follows which. Whether a mark has the right width or shape where it stands is lint's
    business. Returns the normalised text and, for each of its characters, the offset it
    came from.
    """
    chars = [QUOTE_FOLD.get(c, HALF_TO_FULL.get(c, c))
             for c in (fullwidth_alnum(c) or NUMBER_SIGNS.get(c, c) for c in chars)]
    chars, offsets = fold_dots(chars, offsets)
    keep = squeeze_spaces(chars)
    text, kept = [], []
    for char, offset, k in zip(chars, offsets, keep):
        if k:
            text.append(" " if char.isspace() else char)
            kept.append(offset)
    return "".join(text), kept


def fold_dots(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """Every run of three or more dots as …… (an ellipsis typed either way compares equal)."""
    text = "".join(chars)
    if "..." not in text:
        return chars, offsets
    out, kept, at = [], [], 0
    for match in DOT_RUN.finditer(text):
        out += chars[at:match.start()] + list(ELLIPSIS)
        kept += offsets[at:match.start()] + offsets[match.start():match.start() + 2]
        at = match.end()
    return out + chars[at:], kept + offsets[at:]


# URLs and e-mail addresses: their punctuation is not Chinese punctuation.
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
                 r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def protected_spans(text: str) -> frozenset[int]:
    """Indexes inside URLs and e-mail addresses, whose punctuation stays as it is."""
    inside = set()
    for match in URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)":  # sentence punctuation
            end -= 1
        inside.update(range(match.start(), end))
    return frozenset(inside)
