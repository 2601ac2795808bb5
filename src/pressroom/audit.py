"""Audit: manuscript + source as received + corrections record → proof that they agree, or located problems.

Both texts are reduced to character streams: the manuscript loses the Markdown the
format adds (## / ###, label:/byline: keys, **, figure syntax, front-matter keys; the
values stay, they came from the source), and both sides get the mechanical
normalisations of `intake.normalise` (whitespace and line breaks, punctuation and
character width). The streams are aligned (difflib plus a pass that finds blocks moved
out of order), and every remaining difference must lie inside a recorded correction.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from .config import load_booklet, parse_yaml
from .errors import PressroomError, Problem, display_path
from .intake import FULL_TO_HALF, HALF_TO_FULL, decode_source, normalise
from .manuscript import FIGURE, decode

KINDS = ("join", "whitespace", "punctuation-width", "move", "structure", "typo", "fact")
MECHANICAL = {"join", "whitespace", "punctuation-width"}
NEEDS_REASON = {"move", "structure", "typo", "fact"}
MOVING = {"move", "structure"}
ENTRY_KEYS = {"kind", "source_line", "manuscript_line", "source", "manuscript", "reason"}
RECORD_KEYS = {"source", "encoding", "corrections"}
# Front-matter values that are printed text; slug, date, source and corrections are not.
TEXT_KEYS = {"kicker", "title", "subtitle", "lead", "publication", "page", "byline", "author",
             "editor", "photo_note"}
MIN_MOVE = 8  # shorter runs found out of order are ordinary edits, not moves
CONTEXT = 12  # characters shown either side of a difference


class AuditError(PressroomError):
    """A manuscript differs from its source in a way its corrections record does not explain."""


@dataclass
class Piece:
    """One stretch of printed text in a file, each character with its offset in the file."""

    kind: str
    chars: list[str]
    offsets: list[int]

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class Stream:
    """A file's text after normalisation, with the offset each character came from."""

    path: Path
    raw: str
    text: str
    offsets: list[int]
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.line_starts = [0] + [i + 1 for i, c in enumerate(self.raw) if c == "\n"]

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def line(self, index: int) -> int:
        """Line of the stream character at `index` (the last one when past the end)."""
        if not self.offsets:
            return 1
        return self.line_at(self.offsets[min(index, len(self.offsets) - 1)])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Stream indexes of the characters that come from raw[start:end]."""
        return (bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end))


@dataclass
class Correction:
    """One entry of corrections.yml, and where its two snippets were found."""

    number: int
    line: int
    kind: str
    source_line: int | None
    manuscript_line: int | None
    source: str
    manuscript: str
    reason: str
    s: tuple[int, int] | None = None  # range in the source stream
    m: tuple[int, int] | None = None  # range in the manuscript stream


@dataclass(frozen=True)
class Block:
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


@dataclass
class ArticleAudit:
    """What the audit of one manuscript found."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    characters: int = 0
    corrections: int = 0
    changes: int = 0  # differences that recorded corrections explain
    moves: list[tuple[int, int, str]] = field(default_factory=list)  # source line, ms line, text

    @property
    def passed(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        moved = f", {len(self.moves)} block{'s' * (len(self.moves) != 1)} moved" \
            if self.moves else ""
        return (f"{self.path.parent.name}: matches its source as received: {self.characters} "
                f"characters, {self.corrections} corrections, {self.changes} text "
                f"change{'s' * (self.changes != 1)} recorded{moved}")


# --- reading ---------------------------------------------------------------------------------

def read_text(path: Path) -> str:
    try:
        return decode(path.read_bytes(), path)
    except FileNotFoundError:
        raise AuditError(Problem("file not found", path, rule="file-missing")) from None


def _line_chars(lines: list[str], starts: list[int], first: int, last: int) -> Piece:
    chars, offsets = [], []
    for k in range(first, last):
        if k > first:
            chars.append("\n")
            offsets.append(starts[k] - 1)
        chars += list(lines[k])
        offsets += range(starts[k], starts[k] + len(lines[k]))
    return Piece("text", chars, offsets)


def _sub(piece: Piece, start: int, end: int, kind: str) -> Piece:
    return Piece(kind, piece.chars[start:end], piece.offsets[start:end])


def front_matter(raw: str, path: Path) -> tuple[dict, yaml.Node | None, int, int]:
    """Values, node, offset of the YAML text and index of the first body line."""
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, None, 0, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise AuditError(Problem("front matter is not closed by a '---' line", path, 1,
                                 "add a line '---' after the last key", rule="front-matter"))
    start = len(lines[0]) + 1
    text = "\n".join(lines[1:end])
    data, node = parse_yaml(text, path, line_offset=1)
    return (data if isinstance(data, dict) else {}), node, start, end + 1


def _scalar_piece(kind: str, value: yaml.ScalarNode, raw: str, base: int) -> Piece:
    """Characters of a YAML scalar, each matched to its place in the raw file.

    The match is greedy: escapes ("\\u3000") and folded lines keep the offset of the
    nearest character that was found, which is precise enough for line numbers.
    """
    start, end = base + value.start_mark.index, base + value.end_mark.index
    chars, offsets, pos = [], [], start
    for char in value.value:
        if char.isspace():  # a space stands where it is; a folded line break may not
            found = pos if pos < end and raw[pos].isspace() else -1
        else:
            found = raw.find(char, pos, end)
        if found != -1:
            pos = found + 1
        offsets.append(found if found != -1 else max(pos - 1, start))
        chars.append(char)
    return Piece(kind, chars, offsets)


def split_paragraphs(piece: Piece) -> list[Piece]:
    """Split a multi-paragraph value (lead) at blank lines."""
    text, parts, begin = piece.text, [], 0
    for match in re.finditer(r"\n[ \t\u3000]*\n\s*", text):
        parts.append(_sub(piece, begin, match.start(), piece.kind))
        begin = match.end()
    parts.append(_sub(piece, begin, len(text), piece.kind))
    return [p for p in parts if p.text.strip()]


def manuscript_pieces(raw: str, path: Path) -> list[Piece]:
    """Every printed piece of a manuscript, in file order, markup removed."""
    data, node, base, body = front_matter(raw, path)
    pieces: list[Piece] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) in TEXT_KEYS and isinstance(value, yaml.ScalarNode):
                piece = _scalar_piece(key.value, value, raw, base)
                pieces += split_paragraphs(piece) if key.value == "lead" else [piece]
    lines = raw.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    k = body
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        end = k
        while end < len(lines) and lines[end].strip():
            end += 1
        pieces += block_pieces(_line_chars(lines, starts, k, end))
        k = end
    return pieces


def block_pieces(chunk: Piece) -> list[Piece]:
    """The printed pieces of one body block (lines between blank lines)."""
    text = chunk.text
    lead = len(text) - len(text.lstrip())
    stripped = text[lead:]
    if stripped.startswith("## "):
        first_end = text.find("\n") if "\n" in text else len(text)
        pieces = [_sub(chunk, lead + 3, first_end, "story")]
        for match in re.finditer(r"^\s*(label|byline)\s*:\s?(.*)$", text[first_end:], re.M):
            pieces.append(_sub(chunk, first_end + match.start(2), first_end + match.end(2),
                               match[1]))
        return pieces
    if stripped.startswith("### "):
        return [_sub(chunk, lead + 4, len(text), "subhead")]
    if stripped.startswith("!["):
        match = FIGURE.match(stripped.replace("\n", " "))
        if match:
            return [_sub(chunk, lead + match.start(name), lead + match.end(name), name)
                    for name in ("caption", "credit") if match.start(name) != -1]
    keep = [True] * len(text)
    for match in re.finditer(r"\*\*", text):
        keep[match.start()] = keep[match.start() + 1] = False
    return [Piece("paragraph", [c for c, k in zip(chunk.chars, keep) if k],
                  [o for o, k in zip(chunk.offsets, keep) if k])]


def make_stream(pieces: list[Piece], raw: str, path: Path) -> Stream:
    """Join pieces (a line break between two) and normalise them."""
    chars: list[str] = []
    offsets: list[int] = []
    for piece in pieces:
        if not piece.chars:
            continue
        if chars:
            chars.append("\n")
            offsets.append(max(offsets[-1], piece.offsets[0] - 1))
        chars += piece.chars
        offsets += piece.offsets
    text, kept = normalise(chars, offsets)
    return Stream(path, raw, text, kept)


# --- the corrections record -------------------------------------------------------------------

def load_corrections(path: Path) -> tuple[dict, list[Correction], list[Problem]]:
    """The record's header (source, encoding) and entries; problems with entries' lines."""
    where = path
    data, node = parse_yaml(read_text(path), where)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise AuditError(Problem("a corrections record must be a mapping with 'source' and "
                                 "'corrections'", where, 1, "see docs/manuscript-format.md",
                                 rule="record-format"))
    header = {}
    entries_node = None
    for key, value in node.value:
        name = getattr(key, "value", None)
        if name not in RECORD_KEYS:
            problems.append(Problem(f"unknown key '{name}'", where, key.start_mark.line + 1,
                                    f"known keys: {', '.join(sorted(RECORD_KEYS))}",
                                    rule="record-format"))
        elif name == "corrections":
            entries_node = value
        elif isinstance(value, yaml.ScalarNode):
            header[name] = value.value
    if not isinstance(entries_node, yaml.SequenceNode):
        problems.append(Problem("missing list 'corrections:'", where, 1,
                                "add 'corrections:' followed by '- kind: …' entries",
                                rule="record-format"))
        return header, [], problems
    corrections = []
    for number, item in enumerate(entries_node.value, 1):
        correction, item_problems = read_entry(number, item, where)
        problems += item_problems
        if correction:
            corrections.append(correction)
    return header, corrections, problems


def read_entry(number: int, item: yaml.Node, where: Path) -> tuple[Correction | None, list[Problem]]:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        return None, [Problem(f"correction {number} is not a mapping", where, line,
                              "write '- kind: …' with source_line, manuscript_line, source, "
                              "manuscript and reason", rule="record-format")]
    values: dict[str, str] = {}
    problems = []
    for key, value in item.value:
        name = getattr(key, "value", None)
        if name not in ENTRY_KEYS:
            problems.append(Problem(f"correction {number}: unknown key '{name}'", where,
                                    key.start_mark.line + 1,
                                    f"known keys: {', '.join(sorted(ENTRY_KEYS))}",
                                    rule="record-format"))
        elif isinstance(value, yaml.ScalarNode):
            values[name] = value.value
    kind = values.get("kind", "")
    if kind not in KINDS:
        problems.append(Problem(f"correction {number}: kind '{kind}' is not one of "
                                f"{', '.join(KINDS)}", where, line, rule="record-format"))
    numbers = {}
    for name in ("source_line", "manuscript_line"):
        text = values.get(name, "")
        if not text.isdigit() or int(text) < 1:
            problems.append(Problem(f"correction {number}: {name} must be a line number, not "
                                    f"{text!r}", where, line, f"add '{name}: <line>'",
                                    rule="record-format"))
        else:
            numbers[name] = int(text)
    for name in ("source", "manuscript"):
        if name not in values:
            problems.append(Problem(f"correction {number}: missing '{name}'", where, line,
                                    f"quote the {name}'s text at that spot",
                                    rule="record-format"))
    reason = values.get("reason", "").strip()
    if kind in NEEDS_REASON and (not reason or reason.upper().startswith("TODO")):
        problems.append(Problem(f"correction {number} ({kind}) has no reason written by an "
                                "editor", where, line,
                                f"{kind} corrections need a reason: say why the text was "
                                "changed" + (" (replace the TODO)" if reason else ""),
                                rule="record-reason"))
    if problems and (kind not in KINDS or len(numbers) < 2 or "source" not in values
                     or "manuscript" not in values):
        return None, problems
    return Correction(number, line, kind, numbers["source_line"], numbers["manuscript_line"],
                      values["source"], values["manuscript"], reason), problems


def _fuzzy_pattern(snippet: str) -> re.Pattern | None:
    """The snippet with any whitespace allowed between characters and either width of , ; : etc."""
    parts = []
    for char in snippet:
        if char.isspace():
            continue
        twin = HALF_TO_FULL.get(char) or FULL_TO_HALF.get(char)
        parts.append(f"[{re.escape(char)}{re.escape(twin)}]" if twin else re.escape(char))
    return re.compile(r"\s*".join(parts)) if parts else None


def locate(stream: Stream, snippet: str, line: int) -> tuple[tuple[int, int], int] | None:
    """Raw span of the occurrence of `snippet` nearest `line`, and that line (0 when on it)."""
    spans = []
    start = stream.raw.find(snippet) if snippet else -1
    while start != -1:
        spans.append((start, start + len(snippet)))
        start = stream.raw.find(snippet, start + 1)
    if not spans:
        pattern = _fuzzy_pattern(snippet)
        spans = [m.span() for m in pattern.finditer(stream.raw)] if pattern else []
    if not spans:
        return None

    def distance(span):
        first, last = stream.line_at(span[0]), stream.line_at(max(span[0], span[1] - 1))
        return 0 if first <= line <= last else min(abs(line - first), abs(line - last))

    best = min(spans, key=lambda span: (distance(span), span[0]))
    return best, (0 if distance(best) == 0 else stream.line_at(best[0]))


@dataclass
class Shift:
    """A correction whose text was found, but on another line than it states."""

    correction: Correction
    side: str
    stated: int
    actual: int


def place(correction: Correction, source: Stream, manuscript: Stream, record: Path,
          shifts: list[Shift]) -> list[Problem]:
    """Find both snippets near their stated lines; check the kind fits the change."""
    problems = []
    for side, stream, text, line in (("source", source, correction.source, correction.source_line),
                                     ("manuscript", manuscript, correction.manuscript,
                                      correction.manuscript_line)):
        found = locate(stream, text, line)
        label = f"correction {correction.number}: {side} text {abbreviate(text, 30)!r}"
        if found is None:
            problems.append(Problem(f"{label} is not in {display_path(stream.path)}", record,
                                    correction.line, f"copy the {side}'s text exactly",
                                    rule="record-text"))
            continue
        span, actual = found
        if actual:
            shifts.append(Shift(correction, side, line, actual))
        setattr(correction, side[0], stream.span(*span))
    if problems:
        return problems
    before = source.text[slice(*correction.s)]
    after = manuscript.text[slice(*correction.m)]
    if correction.kind in ("join", "whitespace"):  # only whitespace may differ
        before, after = "".join(before.split()), "".join(after.split())
    if correction.kind in MECHANICAL and before != after:
        problems.append(Problem(f"correction {correction.number} is recorded as "
                                f"'{correction.kind}' but changes the text: {before!r} → "
                                f"{after!r}", record, correction.line,
                                "a join, whitespace or punctuation-width correction changes "
                                "nothing else; use kind typo or fact, with a reason",
                                rule="record-kind"))
    if correction.kind in ("typo", "fact") and before == after:
        problems.append(Problem(f"correction {correction.number} ({correction.kind}) records "
                                f"a change the texts do not show: both read {before!r}",
                                record, correction.line,
                                "quote the source's text as received and the manuscript's "
                                "text as corrected", rule="record-kind"))
    return problems


def shift_problems(shifts: list[Shift], record: Path) -> list[Problem]:
    """One problem per wrong line number, or one for many shifted alike (text added above)."""
    groups: dict[tuple[str, int], list[Shift]] = {}
    for shift in shifts:
        groups.setdefault((shift.side, shift.actual - shift.stated), []).append(shift)
    problems = []
    for (side, delta), group in groups.items():
        if len(group) < 3:
            problems += [Problem(f"correction {s.correction.number}: {side} text "
                                 f"{abbreviate(getattr(s.correction, side), 30)!r} is on {side} "
                                 f"line {s.actual}, not {s.stated}", record,
                                 s.correction.line, f"set {side}_line: {s.actual}",
                                 rule="record-line")
                         for s in group]
            continue
        numbers = [s.correction.number for s in group]
        first = min(group, key=lambda s: s.actual)
        problems.append(Problem(
            f"{len(group)} corrections ({numbers[0]} … {numbers[-1]}) give {side} lines "
            f"{abs(delta)} {'lower' if delta > 0 else 'higher'} than where their text is "
            f"(from {side} line {first.actual} on)", record, first.correction.line,
            f"were lines {'added' if delta > 0 else 'removed'} above {side} line "
            f"{first.actual}? if so, restore them; else shift the {side}_line numbers by "
            f"{delta:+d}", rule="record-line"))
    return problems


# --- alignment ---------------------------------------------------------------------------------

def _free(size: int, blocks: list[Block], side: str) -> list[tuple[int, int]]:
    taken = sorted((b.i, b.i + b.size) if side == "s" else (b.j, b.j + b.size) for b in blocks)
    free, pos = [], 0
    for start, end in taken:
        if start > pos:
            free.append((pos, start))
        pos = max(pos, end)
    if pos < size:
        free.append((pos, size))
    return free


def heaviest_chain(blocks: list[Block], movable=lambda block: False) -> list[Block]:
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
          rounds: int = 10_000) -> tuple[list[Block], list[Block], list[Edit]]:
    """Blocks in place, blocks moved, and the edits left between them.

    Leftovers of at least `pair` characters are paired across the texts (at most
    `rounds` times); of those, only blocks of MIN_MOVE or more count as moves.
    """
    matcher = SequenceMatcher(None, s, m, autojunk=False)
    blocks = [Block(*b) for b in matcher.get_matching_blocks() if b.size]
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
        blocks.append(Block(best.a, best.b, best.size))
    chain = heaviest_chain(blocks, movable)
    in_chain = set(chain)
    moves = sorted((b for b in blocks if b not in in_chain and b.size >= MIN_MOVE),
                   key=lambda b: b.j)
    return chain, moves, leftover_edits(len(s), len(m), chain + moves)


def leftover_edits(s_size: int, m_size: int, blocks: list[Block]) -> list[Edit]:
    """Unmatched runs; a deletion and an insertion that follow the same block pair up."""
    after_s = {b.i + b.size: b for b in blocks}
    after_m = {b.j + b.size: b for b in blocks}
    start = Block(0, 0, 0)
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


def edge_slips(edits: list[Edit], moves: list[Block], s: str, m: str,
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


def explains_move(correction: Correction, move: Block) -> bool:
    return (correction.kind in MOVING and correction.s is not None and correction.m is not None
            and _overlap((move.i, move.i + move.size), correction.s)
            and _overlap((move.j, move.j + move.size), correction.m))


# --- messages ----------------------------------------------------------------------------------

def abbreviate(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit - 12]}…{text[-10:]}"


def _context(text: str, start: int, end: int) -> str:
    middle = text[start:end]
    if len(middle) > 60:
        middle = f"{middle[:30]}…（{len(middle)} 字）…{middle[-12:]}"
    head = text[max(0, start - CONTEXT):start]
    tail = text[end:end + CONTEXT]
    return f"{'…' if start > CONTEXT else ''}{head}«{middle}»{tail}{'…' if end + CONTEXT < len(text) else ''}"


def side_by_side(source: Stream, manuscript: Stream, s: tuple[int, int],
                 m: tuple[int, int]) -> str:
    left = f"{display_path(source.path)}:{source.line(s[0])}"
    right = f"{display_path(manuscript.path)}:{manuscript.line(m[0])}"
    width = max(len(left), len(right))
    return (f"source      {left.ljust(width)}  {_context(source.text, *s)}\n"
            f"    manuscript  {right.ljust(width)}  {_context(manuscript.text, *m)}")


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


def move_problem(move: Block, source: Stream, manuscript: Stream) -> Problem:
    s, m = (move.i, move.i + move.size), (move.j, move.j + move.size)
    return Problem(f"{move.size} characters moved here from source line {source.line(move.i)}, "
                   "and no move is recorded", manuscript.path, manuscript.line(move.j),
                   "record it in the corrections record as kind move, with a reason",
                   side_by_side(source, manuscript, s, m), rule="unrecorded-move")


# --- the audit ---------------------------------------------------------------------------------

def audit_article(path: Path) -> ArticleAudit:
    """Compare one manuscript with its source as received through its corrections record."""
    result = ArticleAudit(path)
    raw = read_text(path)
    meta = front_matter(raw, path)[0]
    for key in ("source", "corrections"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            result.problems.append(Problem(f"front matter has no '{key}' file", path, 1,
                                           f"add '{key}: …' (see docs/manuscript-format.md)",
                                           rule="missing-key"))
    if result.problems:
        return result
    record_path = path.parent / meta["corrections"]
    header, corrections, problems = load_corrections(record_path)
    result.problems += problems
    if header.get("source") not in (None, meta["source"]):
        result.problems.append(Problem(f"record is for source '{header['source']}' but the "
                                       f"manuscript's source is '{meta['source']}'",
                                       record_path, 1, "make them the same",
                                       rule="record-format"))
    source_path = path.parent / meta["source"]
    try:
        data = source_path.read_bytes()
    except FileNotFoundError:
        result.problems.append(Problem(f"source as received '{meta['source']}' not found",
                                       path, 1, "keep the source file beside the "
                                       "manuscript, byte for byte as received",
                                       rule="source-missing"))
        return result
    source_raw = decode_source(data, header.get("encoding"), source_path)[0]
    source = make_stream([Piece("source", list(source_raw), list(range(len(source_raw))))],
                         source_raw, source_path)
    manuscript = make_stream(manuscript_pieces(raw, path), raw, path)
    shifts: list[Shift] = []
    for correction in corrections:
        result.problems += place(correction, source, manuscript, record_path, shifts)
    result.problems += shift_problems(shifts, record_path)
    result.characters, result.corrections = len(manuscript.text), len(corrections)
    verdict = best_alignment(source.text, manuscript.text, corrections)
    result.changes = verdict.explained
    for move in verdict.moves:
        text = source.text[move.i:move.i + move.size]
        result.moves.append((source.line(move.i), manuscript.line(move.j), text))
    result.problems += [move_problem(b, source, manuscript) for b in verdict.stray_moves]
    result.problems += [edit_problem(e, source, manuscript) for e in merge_near(verdict.stray)]
    return result


@dataclass
class Verdict:
    """An alignment judged against the record."""

    moves: list[Block]
    stray_moves: list[Block]  # moves no correction records
    stray: list[Edit]  # differences no correction records
    explained: int  # differences corrections record

    @property
    def faults(self) -> int:
        return len(self.stray_moves) + len(self.stray)


def judge(moves: list[Block], edits: list[Edit], s: str, m: str,
          corrections: list[Correction], coverage: Coverage) -> Verdict:
    stray, explained = [], 0
    for edit in edits:
        left = residue(edit, coverage)
        explained += not left
        stray += left
    return Verdict(moves, [b for b in moves if not any(explains_move(c, b) for c in corrections)],
                   edge_slips(stray, moves, s, m, corrections), explained)


def best_alignment(s: str, m: str, corrections: list[Correction]) -> Verdict:
    """Of several valid alignments of the two texts, the one the record explains best.

    When two blocks swapped places either can be called the one that moved. The plain
    alignment keeps the longer in place; another prefers to move what a move or
    structure correction names; a third takes the recorded moves first and compares
    the rest in order. All describe the same texts, so choosing among them is safe;
    the plain one wins ties.
    """
    coverage = Coverage.of(corrections, s, m)

    def verdict(alignment) -> Verdict:
        return judge(*alignment, s, m, corrections, coverage)

    best = verdict(align(s, m)[1:])
    if not best.faults:
        return best
    movable = lambda block: any(explains_move(c, block) for c in corrections)  # noqa: E731
    # short pieces are paired too, so that a short paragraph can stay while a byline moves
    preferred = verdict(align(s, m, movable, pair=1, rounds=200)[1:])
    candidates = [best, preferred, verdict(realign(s, m, pinned(s, m, corrections)))]
    for found in (best, preferred):
        recorded = [trim(b, corrections) for b in found.moves if movable(b)]
        if recorded:
            candidates.append(verdict(realign(s, m, recorded)))
    return min(candidates, key=lambda v: v.faults)


def pinned(s: str, m: str, corrections: list[Correction]) -> list[Block]:
    """Blocks the move and structure corrections name: their two texts, where equal."""
    blocks: list[Block] = []
    for c in corrections:
        if c.kind in MOVING and c.s and c.m and c.s[1] > c.s[0] and \
                s[c.s[0]:c.s[1]] == m[c.m[0]:c.m[1]]:
            block = Block(c.s[0], c.m[0], c.s[1] - c.s[0])
            if not any(_overlap((block.i, block.i + block.size), (b.i, b.i + b.size)) or
                       _overlap((block.j, block.j + block.size), (b.j, b.j + b.size))
                       for b in blocks):
                blocks.append(block)
    return blocks


def trim(block: Block, corrections: list[Correction]) -> Block:
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
            return Block(block.i + start, block.j + start, end - start)
    return block


def realign(s: str, m: str, moves: list[Block]) -> tuple[list[Block], list[Edit]]:
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
                blocks.append(Block(keep_s[a + start], keep_m[b + start], k - start))
                start = k
    given = set(moves)
    chain = heaviest_chain(blocks + moves, lambda block: block in given)
    in_chain = set(chain)
    moved = [b for b in blocks + moves if b not in in_chain and b.size >= MIN_MOVE]
    return moved, leftover_edits(len(s), len(m), chain + moved)


def audit_articles(root: Path, slugs: list[str] | tuple[str, ...] = ()) -> list[ArticleAudit]:
    """Audit the booklet's manuscripts (or the named ones)."""
    booklet = load_booklet(root)
    results = []
    for slug in slugs or booklet.articles:
        path = booklet.article_path(slug)
        try:
            if slug not in booklet.articles:
                raise AuditError(Problem(f"'{slug}' is not an article of the booklet",
                                         booklet.path, None,
                                         f"known: {', '.join(booklet.articles)}",
                                         rule="article-missing"))
            results.append(audit_article(path))
        except PressroomError as exc:
            results.append(ArticleAudit(path, exc.problems))
    return results


def audit_project(root: Path) -> list[Problem]:
    """Every audit problem of the booklet's manuscripts; empty when all pass (for `build`)."""
    try:
        return [p for result in audit_articles(root) for p in result.problems]
    except PressroomError as exc:
        return exc.problems
