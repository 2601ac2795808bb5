"""Alignment: the source and manuscript streams and the recorded corrections in, matched blocks, moved blocks and unexplained differences out.

difflib matches the two texts in order; a second pass pairs what is left over
(text moved out of order); of several valid alignments the one the record
explains best is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .kinds import MECHANICAL, MOVING
from .record import Correction


MIN_MOVE = 8  # shorter runs found out of order are ordinary edits, not moves


@dataclass(frozen=True)
class Match:
    """s[i:i+size] == m[j:j+size]."""

    i: int
    j: int
    size: int


@dataclass
class Edit:
    """A difference: s[s0:s1] became m[m0:m1]; an empty side marks where the other one sits."""

    s0: int
    s1: int
    m0: int
    m1: int


def _free(size: int, blocks: list[Match], side: str) -> list[tuple[int, int]]:
    taken = sorted((b.i, b.i + b.size) if side == "s" else (b.j, b.j + b.size) for b in blocks)
    free, pos = [], 0
    for start, end in taken:
        if start > pos:
            free.append((pos, start))
        pos = max(pos, end)
    if pos < size:
        free.append((pos, size))
    return free


def heaviest_chain(blocks: list[Match], movable=lambda block: False) -> list[Match]:
    """The blocks in the same order on both sides that cover the most characters.

    `movable` blocks weigh next to nothing, so that of two blocks that swapped places (a
    label and a title, a photo note and a one-word paragraph) the one a correction says
    was moved is the one that moved.
    """
    blocks = sorted(blocks, key=lambda b: (b.i, b.j))
    weight = [b.size / 1000 if movable(b) else b.size for b in blocks]
    best = list(weight)
    back = [-1] * len(blocks)
    for k, block in enumerate(blocks):
        for p in range(k):
            prev = blocks[p]
            if prev.i + prev.size <= block.i and prev.j + prev.size <= block.j and \
                    best[p] + weight[k] > best[k]:
                best[k], back[k] = best[p] + weight[k], p
    if not blocks:
        return []
    k = max(range(len(blocks)), key=lambda n: best[n])
    chain = []
    while k != -1:
        chain.append(blocks[k])
        k = back[k]
    return chain[::-1]


def align(s: str, m: str, movable=lambda block: False, pair: int = MIN_MOVE,
          rounds: int = 10_000) -> tuple[list[Match], list[Match], list[Edit]]:
    """Blocks in place, blocks moved, and the edits left between them.

    Leftovers of at least `pair` characters are paired across the texts (at most
    `rounds` times); of those, only blocks of MIN_MOVE or more count as moves.
    """
    matcher = SequenceMatcher(None, s, m, autojunk=False)
    blocks = [Match(*b) for b in matcher.get_matching_blocks() if b.size]
    for _ in range(rounds):  # pair what is left over, longest first: text out of order
        best = None
        for a0, a1 in _free(len(s), blocks, "s"):
            for b0, b1 in _free(len(m), blocks, "m"):
                if min(a1 - a0, b1 - b0) >= pair:
                    match = matcher.find_longest_match(a0, a1, b0, b1)
                    if match.size >= pair and (best is None or match.size > best.size):
                        best = match
        if best is None:
            break
        blocks.append(Match(best.a, best.b, best.size))
    chain = heaviest_chain(blocks, movable)
    in_chain = set(chain)
    moves = sorted((b for b in blocks if b not in in_chain and b.size >= MIN_MOVE),
                   key=lambda b: b.j)
    return chain, moves, leftover_edits(len(s), len(m), chain + moves)


def leftover_edits(s_size: int, m_size: int, blocks: list[Match]) -> list[Edit]:
    """Unmatched runs; a deletion and an insertion that follow the same block pair up."""
    after_s = {b.i + b.size: b for b in blocks}
    after_m = {b.j + b.size: b for b in blocks}
    start = Match(0, 0, 0)
    s_runs = {(after_s.get(a0, start) if a0 else start): (a0, a1)
              for a0, a1 in _free(s_size, blocks, "s")}
    m_runs = {(after_m.get(b0, start) if b0 else start): (b0, b1)
              for b0, b1 in _free(m_size, blocks, "m")}
    edits = []
    for block, (a0, a1) in s_runs.items():
        anchor = block.j + block.size
        b0, b1 = m_runs.pop(block, (anchor, anchor))
        edits.append(Edit(a0, a1, b0, b1))
    for block, (b0, b1) in m_runs.items():
        anchor = block.i + block.size
        edits.append(Edit(anchor, anchor, b0, b1))
    return sorted(edits, key=lambda e: (e.m0, e.s0))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return max(a[0], b[0]) < min(a[1], b[1])


@dataclass
class Coverage:
    """Which stream characters a difference may touch: recorded text changes, and spaces.

    Spaces (kept only between Latin letters or digits) are whitespace, a mechanical
    normalisation: one may appear or vanish where pieces were put in another order.
    """

    source: list[bool]
    manuscript: list[bool]

    @classmethod
    def of(cls, corrections: list[Correction], s: str, m: str) -> Coverage:
        coverage = cls([c == " " for c in s], [c == " " for c in m])
        for c in corrections:
            if c.kind not in MECHANICAL and c.s is not None and c.m is not None:
                coverage.source[c.s[0]:c.s[1]] = [True] * (c.s[1] - c.s[0])
                coverage.manuscript[c.m[0]:c.m[1]] = [True] * (c.m[1] - c.m[0])
        return coverage


def _runs(flags: list[bool], start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of False in flags[start:end]."""
    runs, k = [], start
    while k < end:
        if flags[k]:
            k += 1
            continue
        first = k
        while k < end and not flags[k]:
            k += 1
        runs.append((first, k))
    return runs


def residue(edit: Edit, coverage: Coverage) -> list[Edit]:
    """The part of an edit no correction records: nothing, some characters, or all of it.

    Each lost source character must lie in a correction's source text and each added
    character in a correction's manuscript text (not necessarily the same one: two short
    pieces moved past each other are two corrections).
    """
    lost = _runs(coverage.source, edit.s0, edit.s1)
    added = _runs(coverage.manuscript, edit.m0, edit.m1)
    if lost and added:
        return [edit]
    return [Edit(a, b, edit.m0, edit.m0) for a, b in lost] + \
        [Edit(edit.s0, edit.s0, a, b) for a, b in added]


def edge_slips(edits: list[Edit], moves: list[Match], s: str, m: str,
               corrections: list[Correction]) -> list[Edit]:
    """Edits left once a recorded move's block is seen to end one or two characters late.

    A moved block grows by any characters that happen to follow it in both texts (工 after
    a byline in the source and in the manuscript); the in-place copy of those characters
    then shows as a deletion and an equal insertion. Such a pair is no change.
    """
    edges = set()
    for move in moves:
        if any(explains_move(c, move) for c in corrections):
            text = s[move.i:move.i + move.size]
            edges |= {text[:n] for n in (1, 2, 3)} | {text[-n:] for n in (1, 2, 3)}
    deletions = {s[e.s0:e.s1]: e for e in edits if e.m0 == e.m1}
    insertions = {m[e.m0:e.m1]: e for e in edits if e.s0 == e.s1}
    slips = {id(e) for text in deletions.keys() & insertions.keys() & edges
             for e in (deletions[text], insertions[text])}
    return [e for e in edits if id(e) not in slips]


def explains_move(correction: Correction, move: Match) -> bool:
    return (correction.kind in MOVING and correction.s is not None and correction.m is not None
            and _overlap((move.i, move.i + move.size), correction.s)
            and _overlap((move.j, move.j + move.size), correction.m))


@dataclass
class Verdict:
    """An alignment judged against the record."""

    moves: list[Match]
    stray_moves: list[Match]  # moves no correction records
    stray: list[Edit]  # differences no correction records
    explained: int  # differences corrections record
    matched: list[Match] = field(default_factory=list)  # every block found in both texts

    @property
    def faults(self) -> int:
        return len(self.stray_moves) + len(self.stray)


def judge(chain: list[Match], moves: list[Match], edits: list[Edit], s: str, m: str,
          corrections: list[Correction], coverage: Coverage) -> Verdict:
    stray, explained = [], 0
    for edit in edits:
        left = residue(edit, coverage)
        explained += not left
        stray += left
    return Verdict(moves, [b for b in moves if not any(explains_move(c, b) for c in corrections)],
                   edge_slips(stray, moves, s, m, corrections), explained, chain + moves)


def best_alignment(s: str, m: str, corrections: list[Correction],
                   plain: tuple | None = None) -> Verdict:
    """Of several valid alignments of the two texts, the one the record explains best.

    When two blocks swapped places either can be called the one that moved. The plain
    alignment keeps the longer in place; another prefers to move what a move or
    structure correction names; a third takes the recorded moves first and compares
    the rest in order. All describe the same texts, so choosing among them is safe;
    the plain one wins ties. `plain` is align(s, m), when the caller has it already.
    """
    coverage = Coverage.of(corrections, s, m)

    def verdict(alignment) -> Verdict:
        return judge(*alignment, s, m, corrections, coverage)

    best = verdict(plain or align(s, m))
    if not best.faults:
        return best
    movable = lambda block: any(explains_move(c, block) for c in corrections)  # noqa: E731
    # short pieces are paired too, so that a short paragraph can stay while a byline moves
    preferred = verdict(align(s, m, movable, pair=1, rounds=200))
    candidates = [best, preferred, verdict(realign(s, m, pinned(s, m, corrections)))]
    for found in (best, preferred):
        recorded = [trim(b, corrections) for b in found.moves if movable(b)]
        if recorded:
            candidates.append(verdict(realign(s, m, recorded)))
    return min(candidates, key=lambda v: v.faults)


def pinned(s: str, m: str, corrections: list[Correction]) -> list[Match]:
    """Blocks the move and structure corrections name: their two texts, where equal."""
    blocks: list[Match] = []
    for c in corrections:
        if c.kind in MOVING and c.s and c.m and c.s[1] > c.s[0] and \
                s[c.s[0]:c.s[1]] == m[c.m[0]:c.m[1]]:
            block = Match(c.s[0], c.m[0], c.s[1] - c.s[0])
            if not any(_overlap((block.i, block.i + block.size), (b.i, b.i + b.size)) or
                       _overlap((block.j, block.j + block.size), (b.j, b.j + b.size))
                       for b in blocks):
                blocks.append(block)
    return blocks


def trim(block: Match, corrections: list[Correction]) -> Match:
    """A recorded move's block cut back to the record's text where it overruns it a little.

    A block grows by any characters that happen to follow (or precede) it in both texts;
    up to three such characters are given back to the text around.
    """
    for c in corrections:
        if not explains_move(c, block):
            continue
        (a, b), (p, q) = c.s, c.m
        head, tail = a - block.i, block.i + block.size - b
        if head == p - block.j and b - a == q - p > 0 and head >= 0 and tail >= 0:
            start = head if head <= 3 else 0
            end = block.size - (tail if tail <= 3 else 0)
            return Match(block.i + start, block.j + start, end - start)
    return block


def realign(s: str, m: str, moves: list[Match]) -> tuple[list[Match], list[Match], list[Edit]]:
    """Given blocks kept together; the rest of both texts compared in order.

    Which of the given blocks moved is then decided like everywhere else: those out of
    the heaviest in-order chain.
    """
    moved_s, moved_m = set(), set()
    for b in moves:
        moved_s.update(range(b.i, b.i + b.size))
        moved_m.update(range(b.j, b.j + b.size))
    keep_s = [k for k in range(len(s)) if k not in moved_s]
    keep_m = [k for k in range(len(m)) if k not in moved_m]
    matcher = SequenceMatcher(None, "".join(s[k] for k in keep_s), "".join(m[k] for k in keep_m),
                              autojunk=False)
    blocks = []
    for a, b, n in matcher.get_matching_blocks():
        start = 0
        for k in range(1, n + 1):  # split where the kept characters are not neighbours
            if k == n or keep_s[a + k] != keep_s[a + k - 1] + 1 or \
                    keep_m[b + k] != keep_m[b + k - 1] + 1:
                blocks.append(Match(keep_s[a + start], keep_m[b + start], k - start))
                start = k
    given = set(moves)
    chain = heaviest_chain(blocks + moves, lambda block: block in given)
    in_chain = set(chain)
    moved = [b for b in blocks + moves if b not in in_chain and b.size >= MIN_MOVE]
    return chain, moved, leftover_edits(len(s), len(m), chain + moved)
