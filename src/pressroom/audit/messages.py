"""Audit messages: a difference, a move or a paragraph boundary in, a located problem showing both texts side by side out.

Every message names the line of the changed text (not of the context around it) and
tells the editor how to record a change: `pressroom record --reason "…"`. REMEDIES sums
up what fixes a list of problems, by their rules (the archive edition's refusal).
"""

from __future__ import annotations

from ..exceptions import Problem, display_path
from .align import Edit, Match
from .paragraphs import Boundary
from .streams import Stream


SHOWN = 12  # characters shown either side of a difference
PILCROW = "¶"  # a paragraph break, shown between «»
RECORD = 'pressroom record --reason "…"'


def abbreviate(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit - 12]}…{text[-10:]}"


def _context(stream: Stream, start: int, end: int, middle: str | None = None) -> str:
    size = len(stream.text)
    if middle is None:
        middle = stream.shown(start, end)
    if len(middle) > 60:
        middle = f"{middle[:30]}…（{len(middle)} 字）…{middle[-12:]}"
    head = stream.shown(max(0, start - SHOWN), start)
    tail = stream.shown(end, end + SHOWN)
    return f"{'…' if start > SHOWN else ''}{head}«{middle}»{tail}{'…' if end + SHOWN < size else ''}"


def runs_on(stream: Stream, index: int) -> bool:
    """Does character `index` go on from the one before (no blank line between them)?"""
    if index <= 0 or index >= len(stream.offsets):
        return True
    return stream.raw.count("\n", stream.offsets[index - 1] + 1, stream.offsets[index]) < 2


def text_line(stream: Stream, start: int, end: int, after_previous: bool = True) -> int:
    """The line of stream characters start:end: of the first that is not a space; for
    nothing (text missing here), of the character before when the missing text ran on
    from it (`after_previous`), else of the character after."""
    for k in range(start, end):
        if stream.text[k] != " ":
            return stream.line(k)
    if start > 0 and (after_previous or start >= len(stream.text)):
        return stream.line(start - 1)
    return stream.line(start)


def change_lines(source: Stream, manuscript: Stream, s: tuple[int, int],
                 m: tuple[int, int]) -> tuple[int, int]:
    """The source and manuscript lines of a change: where its text is, or where text is
    missing: on the line before it, unless the other text has it begin a paragraph."""
    return (text_line(source, *s, after_previous=runs_on(manuscript, m[0])),
            text_line(manuscript, *m, after_previous=runs_on(source, s[0])))


def side_by_side(source: Stream, manuscript: Stream, s: tuple[int, int],
                 m: tuple[int, int], marks: tuple[str | None, str | None] = (None, None),
                 lines: tuple[int, int] | None = None) -> str:
    """Both texts around a change, the change between «»; `marks` stand in for either
    side's text (a paragraph break), `lines` for the lines of the change."""
    s_line, m_line = lines or change_lines(source, manuscript, s, m)
    left = f"{display_path(source.path)}:{s_line}"
    right = f"{display_path(manuscript.path)}:{m_line}"
    width = max(len(left), len(right))
    return (f"source      {left.ljust(width)}  {_context(source, *s, marks[0])}\n"
            f"    manuscript  {right.ljust(width)}  {_context(manuscript, *m, marks[1])}")


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
    s, m = (edit.s0, edit.s1), (edit.m0, edit.m1)
    s_line, m_line = change_lines(source, manuscript, s, m)
    return Problem(f"{what} (source line {s_line}), and no correction records it",
                   manuscript.path, m_line,
                   f"restore the source's text, or record the change: {RECORD}",
                   side_by_side(source, manuscript, s, m), rule="unrecorded-change")


def move_problem(move: Match, source: Stream, manuscript: Stream) -> Problem:
    s, m = (move.i, move.i + move.size), (move.j, move.j + move.size)
    s_line, m_line = change_lines(source, manuscript, s, m)
    return Problem(f"{move.size} characters moved here from source line {s_line}, "
                   "and no move is recorded", manuscript.path, m_line,
                   f"move them back, or record the move: {RECORD}",
                   side_by_side(source, manuscript, s, m), rule="unrecorded-move")


def boundary_spans(boundary: Boundary) -> tuple[tuple[int, int], tuple[int, int]]:
    """The stream spans that stand for a paragraph boundary: what lies between its two
    characters (nothing, or a space)."""
    b = boundary
    return (b.i + 1, b.i2), (b.j + 1, b.j2)


def boundary_marks(boundary: Boundary) -> tuple[str, str]:
    return ("", PILCROW) if boundary.what == "split" else (PILCROW, "")


def paragraph_problem(boundary: Boundary, source: Stream, manuscript: Stream) -> Problem:
    s, m = boundary_spans(boundary)
    lines = boundary_lines(boundary, source, manuscript)
    if boundary.what == "split":
        what = f"a new paragraph here where the source runs on (source line {lines[0]})"
        fix = "join the two paragraphs again, or record the split"
    else:
        what = (f"the source starts a new paragraph here (source line {lines[0]}), the "
                "manuscript runs on")
        fix = "start a new paragraph again (a blank line before it), or record the join"
    return Problem(f"{what}, and no correction records it", manuscript.path, lines[1],
                   f"{fix}: {RECORD}",
                   side_by_side(source, manuscript, s, m, boundary_marks(boundary), lines),
                   rule="unrecorded-paragraph")


def boundary_lines(boundary: Boundary, source: Stream, manuscript: Stream) -> tuple[int, int]:
    """Source and manuscript lines of a paragraph boundary: the line a split paragraph
    runs on in the source, the line a joined one starts on; the manuscript's line of the
    text after the boundary."""
    s_line = source.line(boundary.i if boundary.what == "split" else boundary.i2)
    return s_line, manuscript.line(boundary.j2)


# --- what fixes the problems found, summed up (the archive edition's refusal) ------------------

UNDO_OR_RECORD = f"record the changes ({RECORD}) or undo them"
# One row per audit rule: what an editor does about problems of that rule ({where}: the
# files and lines they are at). Rules not in the table: fix them as their messages say.
REMEDIES = {
    "record-reason": "write the reason in place of TODO in {where}",
    "unrecorded-change": UNDO_OR_RECORD,
    "unrecorded-move": UNDO_OR_RECORD,
    "unrecorded-paragraph": UNDO_OR_RECORD,
    "record-text": "run pressroom record (it drops records whose text is gone, and lists "
                   "them) or correct the quotes at {where}",
    "record-kind": "correct the kind of the corrections at {where}",
    "record-format": "correct the record at {where} as said above",
    "source-changed": "restore the source as received (e.g. git checkout -- {files})",
    "source-missing": "put the source as received back where the front matter's source: says "
                      "({where})",
}
NO_REASON = "write the reason in {where} (in place of TODO where it says TODO)"


def remedies(problems: list[Problem]) -> str:
    """What fixes these problems, derived from their rules, in the order first met:
    e.g. 'write the reason in place of TODO in manuscripts/a/corrections.yml (lines 4,
    10)'; '' when no rule is in the table."""
    rules: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.rule in REMEDIES:
            rules.setdefault(problem.rule, []).append(problem)
    said = []
    for rule, found in rules.items():
        text = REMEDIES[rule]
        if rule == "record-reason" and not all("TODO" in (p.hint or "") for p in found):
            text = NO_REASON  # some reasons are empty, not TODO
        text = text.format(where=places(found),
                           files=" ".join(dict.fromkeys(display_path(p.path) for p in found
                                                        if p.path)))
        if text not in said:
            said.append(text)
    return "; ".join(said)


def places(problems: list[Problem], most: int = 8) -> str:
    """'a.yml (lines 4, 10), b.yml (line 7)': the files and lines of the problems."""
    lines: dict[str, list[int]] = {}
    for problem in problems:
        numbers = lines.setdefault(display_path(problem.path) if problem.path else "?", [])
        if problem.line and problem.line not in numbers:
            numbers.append(problem.line)
    out = []
    for path, numbers in lines.items():
        shown = ", ".join(map(str, numbers[:most])) + (", …" if len(numbers) > most else "")
        out.append(f"{path} (line{'s' * (len(numbers) > 1)} {shown})" if numbers else path)
    return ", ".join(out)
