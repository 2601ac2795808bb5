"""The audit of one article: manuscript + source as received + corrections record in, proof that they agree (or located problems) out.

Both texts are reduced to normalised character streams (streams.py), every
correction is found in both (near the lines it states), the streams are aligned
(align.py), and every remaining difference must lie inside a recorded correction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import AuditError, PressroomError, Problem, display_path
from ..project.config import load_booklet
from ..text.chars import FULL_TO_HALF, HALF_TO_FULL
from ..text.sources import read_source
from .align import best_alignment
from .kinds import KINDS, SAME_BUT_SPACE, snippets_fit
from .messages import abbreviate, edit_problem, merge_near, move_problem
from .record import Correction, load_corrections
from .streams import Piece, Stream, front_matter, make_stream, manuscript_pieces, read_text


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


def _fuzzy_pattern(snippet: str) -> re.Pattern | None:
    """The snippet with any whitespace allowed between characters and either width of , ; : etc."""
    parts = []
    for char in snippet:
        if char.isspace():
            continue
        twin = HALF_TO_FULL.get(char) or FULL_TO_HALF.get(char)
        parts.append(f"[{re.escape(char)}{re.escape(twin)}]" if twin else re.escape(char))
    return re.compile(r"\s*".join(parts)) if parts else None


def find_snippet(stream: Stream, snippet: str, line: int) -> tuple[tuple[int, int], int] | None:
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
        found = find_snippet(stream, text, line)
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
    if snippets_fit(correction.kind, before, after):
        return problems
    if KINDS[correction.kind].mechanical:
        if KINDS[correction.kind].compare == SAME_BUT_SPACE:  # only whitespace may differ
            before, after = "".join(before.split()), "".join(after.split())
        problems.append(Problem(f"correction {correction.number} is recorded as "
                                f"'{correction.kind}' but changes the text: {before!r} → "
                                f"{after!r}", record, correction.line,
                                "a join, whitespace or punctuation-width correction changes "
                                "nothing else; use kind typo or fact, with a reason",
                                rule="record-kind"))
    else:
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
    source_raw = read_source(data, source_path, header.get("encoding")).text
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
