"""Unrecorded changes: a manuscript compared with its source through its record in, the corrections still to write down (and the records that no longer fit) out.

Editorial changes come from the audit's alignment: differences no record explains
become `edit` entries, unrecorded moves `move` entries, a paragraph the manuscript
split where the source ran on (or joined where the source began a new one:
paragraphs.py) a `paragraph` entry. Mechanical changes (a line join, a space, a
mark's width, a quote's style), which the audit's normalisation accepts anyway, are
found character by character inside the matched text and written down too, so the
record lists every change. Each entry quotes enough context to be found again by its
text alone, wherever the lines move. A record is dropped (and said why) when its text
is gone, when the change it quotes no longer fits its kind, or when it repeats
another record of the same mechanical change.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.chars import QUOTE_FOLD
from .align import Edit, Match, best_alignment
from .article import Comparison
from .kinds import KINDS, MECHANICAL, snippets_fit
from .messages import merge_near
from .paragraphs import BREAK, Boundary, boundary_changes, explains, judge_gap, source_gap
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
    boundary: Boundary | None = None  # the paragraph boundary a paragraph entry records

    @property
    def editorial(self) -> bool:
        return KINDS[self.kind].needs_reason


@dataclass
class Changes:
    """What `record` found for one article."""

    comparison: Comparison
    new: list[Entry]
    stale: list[Correction]  # records to drop
    why: dict[int, str]  # correction number → why it is dropped

    @property
    def editorial(self) -> list[Entry]:
        return [entry for entry in self.new if entry.editorial]


def find_changes(comparison: Comparison) -> Changes:
    """Every change between source and manuscript that the record does not explain."""
    source, manuscript = comparison.source, comparison.manuscript
    why = {c.number: reason for c in comparison.corrections
           if (reason := unfit(c, source, manuscript))}
    why.update(duplicates([c for c in comparison.corrections if c.number not in why],
                          source, manuscript))
    live = [c for c in comparison.corrections if c.number not in why]
    stale = [c for c in comparison.corrections if c.number in why]
    verdict = best_alignment(source.text, manuscript.text, live, comparison.plain)
    new = [moved(block) for block in verdict.stray_moves]
    new += [edited(edit) for edit in merge_near(verdict.stray, gap=ONE_CHANGE)]
    for entry in new:
        anchor(entry, source, manuscript)
    for boundary in boundary_changes(verdict.matched, source, manuscript):
        if not any(explains(c, boundary) for c in live + new):
            entry = split_or_join(boundary)
            anchor(entry, source, manuscript)
            new.append(entry)
    covered = [(c.s, c.m) for c in live] + [(e.s, e.m) for e in new]
    recorded = recorded_points(live, source, manuscript)
    for entry in mechanical(verdict.matched, source, manuscript):
        points = change_points(entry, source, manuscript)
        if not any(inside(entry, s, m) for s, m in covered) and \
                not (points and points <= recorded.get(entry.kind, set())):
            anchor(entry, source, manuscript)
            new.append(entry)
    return Changes(comparison, sorted(new, key=lambda e: (e.s[0], e.m[0])), stale, why)


def unfit(correction: Correction, source: Stream, manuscript: Stream) -> str:
    """Why a record no longer fits the texts ("" when it does): its text is gone, or the
    change it quotes is not one its kind may make."""
    if correction.kind not in KINDS:
        return f"kind '{correction.kind}' is unknown"
    gone = [side for side, span in (("source", correction.s), ("manuscript", correction.m))
            if span is None]
    if gone:
        return f"its {' and '.join(gone)} text is no longer there"
    if not snippets_fit(correction.kind, source.text[slice(*correction.s)],
                        manuscript.text[slice(*correction.m)]):
        return f"the text it quotes no longer shows a {correction.kind} change"
    return ""


def duplicates(corrections: list[Correction], source: Stream,
               manuscript: Stream) -> dict[int, str]:
    """Records of a mechanical change that earlier records of the same kind already
    quote, every point of it (an earlier `record` that lost its place wrote the change
    twice). The same test decides whether a change found anew is recorded already
    (find_changes), so that what is dropped here is never written again."""
    found: dict[int, str] = {}
    kept: list[tuple[Correction, frozenset]] = []
    for c in corrections:
        points = change_points(c, source, manuscript) if c.kind in MECHANICAL else frozenset()
        twins = [k for k, its in kept if k.kind == c.kind and points & its]
        if points and twins and points <= frozenset().union(
                *(its for k, its in kept if k.kind == c.kind)):
            found[c.number] = "it repeats correction" + "s" * (len(twins) > 1) + " " + \
                " and ".join(str(k.number) for k in twins)
        else:
            kept.append((c, points))
    return found


def recorded_points(corrections: list[Correction], source: Stream,
                    manuscript: Stream) -> dict[str, set]:
    """Kind → the change points its mechanical records quote."""
    points: dict[str, set] = {}
    for c in corrections:
        if c.kind in MECHANICAL and c.s is not None and c.m is not None:
            points.setdefault(c.kind, set()).update(change_points(c, source, manuscript))
    return points


def change_points(correction: Correction | Entry, source: Stream,
                  manuscript: Stream) -> frozenset:
    """The changes a mechanical record (or entry) quotes, by source stream position:
    characters printed differently and gaps whose whitespace differs, inside its text."""
    (s0, s1), (m0, m1) = correction.s, correction.m
    if s1 - s0 != m1 - m0:
        return frozenset()
    points = set()
    for k in range(s1 - s0):
        i, j = s0 + k, m0 + k
        if source.printed[source.at[i]] != manuscript.printed[manuscript.at[j]]:
            points.add(("char", i))
        if k + 1 < s1 - s0 and source.printed[source.at[i] + 1:source.at[i + 1]] != \
                manuscript.printed[manuscript.at[j] + 1:manuscript.at[j + 1]]:
            points.add(("gap", i))
    return frozenset(points)


def split_or_join(boundary: Boundary) -> Entry:
    """A paragraph entry quoting the characters either side of the boundary."""
    b = boundary
    return Entry("paragraph", (b.i, b.i2 + 1), (b.j, b.j2 + 1), boundary=boundary)


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
    to the whitespace between two characters (a line joined, spaces changed)."""
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
    """The mechanical change to the whitespace between stream characters i, i+1 (source)
    printed as j, j+1 (manuscript). Paragraph boundaries are not mechanical (paragraphs.py)."""
    start, end = source.offsets[i], source.offsets[i + 1]
    before = source.raw[start + 1:end]
    after = manuscript.raw[manuscript.offsets[j] + 1:manuscript.offsets[j + 1]]
    if manuscript.pieces[j] != manuscript.pieces[j + 1]:
        return None  # a new paragraph or field begins: structure, or a paragraph entry
    spaces = "".join(c for c in after if c.isspace())  # ** and other markup are not text
    if "\n" in before:
        if "\n" in spaces or judge_gap(source_gap(source.raw, start, end))[0] == BREAK:
            return None  # kept, or a paragraph joined: a paragraph entry
        return "join"
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
    """The printed text of stream characters span as the file writes it (no markup), and
    the line it starts on."""
    if span[1] <= span[0]:
        return "", stream.line(span[0])
    return stream.quoted(*span), stream.line(span[0])
