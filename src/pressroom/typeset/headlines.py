"""Headlines: a title in, its unbreakable parts and the size that lets the longest fit out."""

from __future__ import annotations

import re


HEADLINE_PART_MAX = 16  # longer parts may wrap anywhere, or they would overflow


def headline_parts(title: str) -> list[tuple[str, bool, bool]]:
    """A headline's parts as (text, 1-em gap before it, keep on one line).

    Chinese headlines break between their halves (written with a space, set with a
    1-em gap) or after a comma, never at an arbitrary character; only a part too
    long for any line may wrap inside.
    """
    parts = []
    for index, half in enumerate(title.split()):
        pieces = re.findall(r"[^，、；：]+[，、；：]?", half) or [half]
        for number, piece in enumerate(pieces):
            parts.append((piece, index > 0 and number == 0, len(piece) <= HEADLINE_PART_MAX))
    return parts
