"""Unrecorded changes: a manuscript compared with its source through its record in, the corrections still to write down (and the records that no longer fit) out.

Editorial changes come from the audit's alignment: differences no record explains
become `edit` entries, unrecorded moves `move` entries, a paragraph the manuscript
split where the source ran on a `paragraph` entry. Mechanical changes (a line
join, a space, a mark's width, a quote's style), which the audit's normalisation
accepts anyway, are found character by character inside the matched text and
written down too, so the record lists every change. Each entry quotes enough
context to be found again by its text alone, wherever the lines move.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.chars import QUOTE_FOLD
from .align import Edit, Match, best_alignment
from .article import Comparison
from .kinds import KINDS, snippets_fit
from .messages import merge_near
from .record import Correction
from .streams import Stream

MOVE_PREFIX = 8  # characters a move record quotes at least
# A rewritten sentence aligns as several differences with short runs of equal text
# between them (工行人以, 汇聚起同); differences this close are one editorial change.
ONE_CHANGE = 8


@dataclass
class Entry:
    """A correction to write: kind, stream spans, the snippets as the files have them."""

    kind: str
    s: tuple[int, int]
    m: tuple[int, int]
    source: str = ""
    manuscript: str = ""
    source_line: int = 0
    manuscript_line: int = 0
    reason: str = ""
    change: tuple = ()  # the spans of the change itself, before context was added
    within: tuple = ()  # the matched block a mechanical change lies in: context stays inside

    @property
    def editorial(self) -> bool:
        return KINDS[self.kind].needs_reason


@dataclass
class Changes:
    """What `record` found for one article."""

    comparison: Comparison
    new: list[Entry]
    stale: list[Correction]  # records whose text is gone or no longer fits their kind

    @property
    def editorial(self) -> list[Entry]:
        return [entry for entry in self.new if entry.editorial]


def find_changes(comparison: Comparison) -> Changes:
    """Every change between source and manuscript that the record does not explain."""
    source, manuscript = comparison.source, comparison.manuscript
    live = [c for c in comparison.corrections if fits(c, source, manuscript)]
    stale = [c for c in comparison.corrections if c not in live]
    verdict = best_alignment(source.text, manuscript.text, live)
    new = [moved(block) for block in verdict.stray_moves]
    new += [edited(edit) for edit in merge_near(verdict.stray, gap=ONE_CHANGE)]
    for entry in new:
        anchor(entry, source, manuscript)
    covered = [(c.s, c.m) for c in live] + [(e.s, e.m) for e in new]
    for entry in mechanical(verdict.matched, source, manuscript):
        if not any(inside(entry, s, m) for s, m in covered):
            anchor(entry, source, manuscript)
            new.append(entry)
    return Changes(comparison, sorted(new, key=lambda e: (e.s[0], e.m[0])), stale)


def fits(correction: Correction, source: Stream, manuscript: Stream) -> bool:
    """Found in both texts, and the change it quotes is one its kind may make."""
    if correction.s is None or correction.m is None or correction.kind not in KINDS:
        return False
    return snippets_fit(correction.kind, source.text[slice(*correction.s)],
                        manuscript.text[slice(*correction.m)])


def moved(block: Match) -> Entry:
    return Entry("move", (block.i, block.i + block.size), (block.j, block.j + block.size))


def edited(edit: Edit) -> Entry:
    return Entry("edit", (edit.s0, edit.s1), (edit.m0, edit.m1))


def inside(entry: Entry, s: tuple[int, int] | None, m: tuple[int, int] | None) -> bool:
    return bool(s and m and s[0] <= entry.s[0] and entry.s[1] <= s[1]
                and m[0] <= entry.m[0] and entry.m[1] <= m[1])


# --- mechanical changes, character by character ------------------------------------------------

def mechanical(matched: list[Match], source: Stream, manuscript: Stream) -> list[Entry]:
    """Changes inside text found in both: a mark's width or quote style, and what happened
    to the whitespace between two characters (joined, changed, a paragraph split)."""
    points: list[Entry] = []
    for block in sorted(matched, key=lambda b: b.j):
        for k in range(block.size):
            i, j = block.i + k, block.j + k
            within = (block.i, block.i + block.size, block.j, block.j + block.size)
            kind = char_change(source.raw[source.offsets[i]], manuscript.raw[manuscript.offsets[j]])
            if kind:
                points.append(Entry(kind, (i, i + 1), (j, j + 1), within=within))
            if k + 1 < block.size:
                kind = gap_change(source, manuscript, i, j)
                if kind:
                    points.append(Entry(kind, (i, i + 2), (j, j + 2), within=within))
    return grouped(points)


def char_change(before: str, after: str) -> str | None:
    if before == after:
        return None
    if before.isspace() or after.isspace():
        return "join" if "\n" in before + after else "whitespace"
    if before in QUOTE_FOLD or after in QUOTE_FOLD:
        return "quote-style"
    return "punctuation-width"


def gap_change(source: Stream, manuscript: Stream, i: int, j: int) -> str | None:
    """The change to the whitespace between stream characters i, i+1 (source) printed as
    j, j+1 (manuscript)."""
    before = source.raw[source.offsets[i] + 1:source.offsets[i + 1]]
    after = manuscript.raw[manuscript.offsets[j] + 1:manuscript.offsets[j + 1]]
    if manuscript.pieces[j] != manuscript.pieces[j + 1]:  # a new paragraph or field begins
        return None if "\n" in before else "paragraph"
    spaces = "".join(c for c in after if c.isspace())  # ** and other markup are not text
    if "\n" in before:
        return None if "\n" in spaces else "join"
    if "\n" in spaces and not spaces.strip("\n"):
        return None  # a manuscript line wrapped where the source ran on: printed the same
    return None if spaces == before else "whitespace"


def grouped(points: list[Entry]) -> list[Entry]:
    """Neighbouring changes of one kind as one entry (a run of widened marks, a re-spaced name)."""
    out: list[Entry] = []
    for point in points:
        last = out[-1] if out else None
        if last and last.kind == point.kind and point.s[0] <= last.s[1] and \
                point.m[0] <= last.m[1] and point.s[0] >= last.s[0]:
            last.s, last.m = (last.s[0], max(last.s[1], point.s[1])), \
                (last.m[0], max(last.m[1], point.m[1]))
        else:
            out.append(point)
    return out


# --- quoting: enough context to be found by its text alone -------------------------------------

def anchor(entry: Entry, source: Stream, manuscript: Stream) -> None:
    """Widen the entry's spans by context until each snippet occurs once in its text, and
    set the snippets (as the files have them) and their lines."""
    entry.change = (entry.s, entry.m)
    if entry.kind == "move":
        entry.s, entry.m = unique_prefix(entry.s, entry.m, source, manuscript)
    else:
        entry.s, entry.m = with_context(entry.s, entry.m, source, manuscript,
                                        KINDS[entry.kind].context, entry.within)
    entry.source, entry.source_line = snippet(source, entry.s)
    entry.manuscript, entry.manuscript_line = snippet(manuscript, entry.m)


def with_context(s: tuple[int, int], m: tuple[int, int], source: Stream, manuscript: Stream,
                 context: int, within: tuple = ()) -> tuple[tuple[int, int], tuple[int, int]]:
    """Context on both sides until both snippets are unique; `within` (a matched block)
    keeps a mechanical change's context in text that is the same on both sides."""
    s_low, s_high, m_low, m_high = within or (0, len(source.text), 0, len(manuscript.text))
    if within:  # and inside the paragraph or field it is in, not across a YAML key
        first, last = piece_bounds(manuscript, m)
        m_low, m_high = max(m_low, first), min(m_high, last)
    size = max(len(source.text), len(manuscript.text))
    while True:
        left = min(context, s[0] - s_low, m[0] - m_low)
        right = min(context, s_high - s[1], m_high - m[1])
        s2, m2 = (s[0] - left, s[1] + right), (m[0] - left, m[1] + right)
        if (unique(source, s2) and unique(manuscript, m2)) or context > size:
            return s2, m2
        context += 2


def piece_bounds(stream: Stream, span: tuple[int, int]) -> tuple[int, int]:
    """From the first character of the piece span starts in to the last of the piece it ends in."""
    if not stream.pieces or span[1] <= span[0]:
        return 0, len(stream.text)
    start, end = span[0], span[1]
    while start > 0 and stream.pieces[start - 1] == stream.pieces[span[0]]:
        start -= 1
    while end < len(stream.text) and stream.pieces[end] == stream.pieces[span[1] - 1]:
        end += 1
    return start, end


def unique_prefix(s: tuple[int, int], m: tuple[int, int], source: Stream,
                  manuscript: Stream) -> tuple[tuple[int, int], tuple[int, int]]:
    size = s[1] - s[0]
    for length in range(min(MOVE_PREFIX, size), size + 1):
        s2, m2 = (s[0], s[0] + length), (m[0], m[0] + length)
        if unique(source, s2) and unique(manuscript, m2):
            return s2, m2
    return s, m


def unique(stream: Stream, span: tuple[int, int]) -> bool:
    text = stream.text[span[0]:span[1]]
    return bool(text.strip()) and stream.text.count(text) == 1


def snippet(stream: Stream, span: tuple[int, int]) -> tuple[str, int]:
    """The file's own text for stream characters span, and the line it starts on."""
    if span[1] <= span[0]:
        return "", stream.line(span[0])
    start, end = stream.offsets[span[0]], stream.offsets[span[1] - 1] + 1
    return stream.raw[start:end], stream.line_at(start)
