"""Audit messages: a difference or a move in, a located problem showing both texts side by side out."""

from __future__ import annotations

from ..exceptions import Problem, display_path
from .align import Edit, Match
from .streams import Stream


SHOWN = 12  # characters shown either side of a difference


def abbreviate(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit - 12]}…{text[-10:]}"


def _context(stream: Stream, start: int, end: int) -> str:
    size = len(stream.text)
    middle = stream.shown(start, end)
    if len(middle) > 60:
        middle = f"{middle[:30]}…（{len(middle)} 字）…{middle[-12:]}"
    head = stream.shown(max(0, start - SHOWN), start)
    tail = stream.shown(end, end + SHOWN)
    return f"{'…' if start > SHOWN else ''}{head}«{middle}»{tail}{'…' if end + SHOWN < size else ''}"


def side_by_side(source: Stream, manuscript: Stream, s: tuple[int, int],
                 m: tuple[int, int]) -> str:
    left = f"{display_path(source.path)}:{source.line(s[0])}"
    right = f"{display_path(manuscript.path)}:{manuscript.line(m[0])}"
    width = max(len(left), len(right))
    return (f"source      {left.ljust(width)}  {_context(source, *s)}\n"
            f"    manuscript  {right.ljust(width)}  {_context(manuscript, *m)}")


def merge_near(edits: list[Edit], gap: int = 3) -> list[Edit]:
    """One message for differences a few characters apart (e.g. two swapped characters)."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.m0, e.s0)):
        last = merged[-1] if merged else None
        if last and 0 <= edit.m0 - last.m1 <= gap and -gap <= edit.s0 - last.s1 <= gap:
            merged[-1] = Edit(min(last.s0, edit.s0), max(last.s1, edit.s1), last.m0,
                              max(last.m1, edit.m1))
        else:
            merged.append(edit)
    return merged


def edit_problem(edit: Edit, source: Stream, manuscript: Stream) -> Problem:
    lost, added = edit.s1 - edit.s0, edit.m1 - edit.m0
    if lost and added:
        what = "text differs from the source"
    elif lost:
        what = f"{lost} character{'s' if lost > 1 else ''} of the source missing here"
    else:
        what = f"{added} character{'s' if added > 1 else ''} here not in the source"
    return Problem(f"{what} (source line {source.line(edit.s0)}), and no correction records it",
                   manuscript.path, manuscript.line(edit.m0),
                   "restore the source's text, or record the change in the corrections record "
                   "(kind typo or fact, with a reason)",
                   side_by_side(source, manuscript, (edit.s0, edit.s1), (edit.m0, edit.m1)),
                   rule="unrecorded-change")


def move_problem(move: Match, source: Stream, manuscript: Stream) -> Problem:
    s, m = (move.i, move.i + move.size), (move.j, move.j + move.size)
    return Problem(f"{move.size} characters moved here from source line {source.line(move.i)}, "
                   "and no move is recorded", manuscript.path, manuscript.line(move.j),
                   "record it in the corrections record as kind move, with a reason",
                   side_by_side(source, manuscript, s, m), rule="unrecorded-move")
