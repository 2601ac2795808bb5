"""The audit of one article: manuscript + source as received + corrections record in, proof that they agree (or located problems) out.

Both texts are reduced to normalised character streams (streams.py), every
correction is found in both (near the lines it states), the streams are aligned
(align.py), and every remaining difference must lie inside a recorded correction.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import AuditError, PressroomError, Problem, display_path
from ..project.config import load_booklet
from ..text.chars import FULL_TO_HALF, HALF_TO_FULL, QUOTE_FOLD
from ..text.sources import read_source
from .align import Match, Verdict, align, best_alignment
from .kinds import KINDS, MOVING, SAME_BUT_SPACE, snippets_fit
from .messages import abbreviate, edit_problem, merge_near, move_problem, paragraph_problem
from .paragraphs import boundary_changes, unexplained
from .record import Correction, load_corrections
from .streams import (Piece, Stream, front_matter, make_stream, manuscript_pieces, quotes_syntax,
                      read_text, without_markup)


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


def twins(char: str) -> set[str]:
    """The characters the normalisation takes for `char`: its other width, its other quote forms."""
    found = {char, HALF_TO_FULL.get(char, char), FULL_TO_HALF.get(char, char)}
    fold = QUOTE_FOLD.get(char, char)
    return found | {c for c, f in QUOTE_FOLD.items() if f == fold} | {fold}


def _fuzzy_pattern(snippet: str) -> re.Pattern | None:
    """The snippet with any whitespace allowed between characters, either width of , ; : etc.
    and any form of a quotation mark."""
    parts = []
    for char in snippet:
        if char.isspace():
            continue
        parts.append("[" + "".join(re.escape(c) for c in sorted(twins(char))) + "]")
    return re.compile(r"\s*".join(parts)) if parts else None


def _spans(haystack: str, snippet: str) -> list[tuple[int, int]]:
    """Every occurrence of `snippet`: as written, or else as the normalisation reads it."""
    spans = []
    start = haystack.find(snippet) if snippet else -1
    while start != -1:
        spans.append((start, start + len(snippet)))
        start = haystack.find(snippet, start + 1)
    if not spans:
        pattern = _fuzzy_pattern(snippet)
        spans = [m.span() for m in pattern.finditer(haystack)] if pattern else []
    return spans


@dataclass
class Found:
    """Where a record's snippet is: stream characters, file lines, and the printed text
    it stands for when the record quotes it with markup (to be rewritten)."""

    span: tuple[int, int]
    first: int
    last: int
    printed: str | None = None


def occurrences(stream: Stream, snippet: str, markup: bool = False) -> list[Found]:
    """Every place a record's snippet stands. Snippets quote the printed text. A manuscript
    snippet that quotes markup (an older record, import's whole lines) is found in the
    file as written, or else without its markup (the image path may have changed); one
    that quotes figure syntax is to be rewritten as the printed text it stands for."""
    found = _in_printed(stream, snippet)
    if found or not markup:
        return found
    rewrite = quotes_syntax(snippet)
    for a, b in _spans(stream.raw, snippet):
        span = stream.span(a, b)
        printed = stream.quoted(*span) if rewrite else ""
        first = stream.line(span[0]) if printed else stream.line_at(a)  # where it will stand
        found.append(Found(span, first, stream.line_at(max(a, b - 1)), printed or None))
    bare = without_markup(snippet)
    return found or (_in_printed(stream, bare, rewrite) if bare != snippet else [])


def _in_printed(stream: Stream, snippet: str, rewrite: bool = False) -> list[Found]:
    offsets = stream.printed_offsets
    return [Found(stream.printed_span(a, b), stream.line_at(offsets[a]),
                  stream.line_at(offsets[max(a, b - 1)]), stream.printed[a:b] if rewrite else None)
            for a, b in _spans(stream.printed, snippet)]


def choose(found: list[Found], line: int | None, expected: int | None,
           moved: bool = False) -> Found:
    """Of several occurrences, the one nearest where the alignment puts the record's source
    text, then nearest the stated line; for text moved elsewhere (a move or structure
    record, which the alignment may not see) the stated line first."""
    def distance(place: Found):
        near = 0 if expected is None else abs(place.span[0] - expected)
        off = 0 if line is None or place.first <= line <= place.last else \
            min(abs(line - place.first), abs(line - place.last))
        return (off, near, place.span[0]) if moved else (near, off, place.span[0])
    return min(found, key=distance)


def expected_at(blocks: list[Match], span: tuple[int, int]) -> int | None:
    """Where the alignment puts source characters `span` in the manuscript: through the
    block that holds one of them, or else just after the block before them."""
    for k in range(span[0], max(span[1], span[0] + 1)):
        for block in blocks:
            if block.i <= k < block.i + block.size:
                return block.j + (k - block.i) - (k - span[0])
    before = [b for b in blocks if b.i + b.size <= span[0]]
    if not before:
        return None
    block = max(before, key=lambda b: b.i + b.size)
    return block.j + block.size + (span[0] - block.i - block.size)


def place(correction: Correction, source: Stream, manuscript: Stream, record: Path,
          blocks: list[Match] = ()) -> list[Problem]:
    """Find both snippets (by their text; of equal occurrences, the source's nearest its
    stated line, the manuscript's where the alignment `blocks` put the source's) and check
    that the kind fits the change."""
    problems = [problem for problem in (
        locate(correction, "source", source, record),
        locate(correction, "manuscript", manuscript, record, blocks)) if problem]
    return problems or kind_problems(correction, source, manuscript, record)


def locate(correction: Correction, side: str, stream: Stream, record: Path,
           blocks: list[Match] = ()) -> Problem | None:
    """Set where one side's snippet stands (span, line, its printed form), or say it is not there."""
    text = getattr(correction, side)
    if side == "manuscript" and text == "" and correction.s is not None:
        removed_here(correction, stream, blocks)
        return None
    found = occurrences(stream, text, markup=side == "manuscript")
    if not found:
        return Problem(f"correction {correction.number}: {side} text {abbreviate(text, 30)!r} "
                       f"is not in {display_path(stream.path)}", record, correction.line,
                       f"copy the {side}'s text exactly (pressroom record drops a record "
                       "whose text is gone, and lists it)", rule="record-text")
    if side == "source":
        best = choose(found, correction.source_line, None)
    else:
        expected = expected_at(blocks, correction.s) if correction.s else None
        best = choose(found, correction.manuscript_line, expected, correction.kind in MOVING)
        if best.printed is not None and best.printed != text:
            correction.printed = best.printed
    setattr(correction, side[0], best.span)
    correction.lines[side] = best.first
    return None


def removed_here(correction: Correction, manuscript: Stream, blocks: list[Match]) -> None:
    """A record whose manuscript side is empty says its source text stands nowhere in the
    manuscript (a line of page furniture, a staff name with no field): an empty span
    where the alignment puts that text, and no manuscript line."""
    at = expected_at(blocks, correction.s)
    at = min(max(at or 0, 0), len(manuscript.text))
    correction.m = (at, at)
    correction.lines["manuscript"] = None


def kind_problems(correction: Correction, source: Stream, manuscript: Stream,
                  record: Path) -> list[Problem]:
    """Whether the change the two snippets show is one the correction's kind may make."""
    problems: list[Problem] = []
    before = source.text[slice(*correction.s)]
    after = manuscript.text[slice(*correction.m)]
    if snippets_fit(correction.kind, before, after):
        return problems
    before, after = source.shown(*correction.s), manuscript.shown(*correction.m)
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


@dataclass
class Comparison:
    """One manuscript compared with its source through its record: what audit and
    record both work from."""

    path: Path
    record_path: Path
    header: dict
    corrections: list[Correction]
    source: Stream
    manuscript: Stream
    verdict: Verdict
    problems: list[Problem] = field(default_factory=list)
    plain: tuple | None = None  # align(source, manuscript): the texts matched in order


def compare_article(path: Path) -> Comparison | list[Problem]:
    """Read the three files, find every correction, align the texts; or the problems
    that stop the comparison (no source, no record file)."""
    raw = read_text(path)
    meta = front_matter(raw, path)[0]
    problems = [Problem(f"front matter has no '{key}' file", path, 1,
                        f"add '{key}: …' (see docs/manuscript-format.md)", rule="missing-key")
                for key in ("source", "corrections")
                if not isinstance(meta.get(key), str) or not meta[key].strip()]
    if problems:
        return problems
    record_path = path.parent / meta["corrections"]
    header, corrections, problems = load_corrections(record_path)
    if header.get("source") not in (None, meta["source"]):
        problems.append(Problem(f"record is for source '{header['source']}' but the "
                                f"manuscript's source is '{meta['source']}'", record_path, 1,
                                "make them the same", rule="record-format"))
    source_path = path.parent / meta["source"]
    try:
        data = source_path.read_bytes()
    except FileNotFoundError:
        return problems + [Problem(f"source as received '{meta['source']}' not found", path, 1,
                                   "keep the source file beside the manuscript, byte for "
                                   "byte as received (restore it from git)",
                                   rule="source-missing")]
    problems += source_changed(header, data, source_path, record_path)
    source_raw = read_source(data, source_path, header.get("encoding")).text
    source = make_stream([Piece("source", list(source_raw), list(range(len(source_raw))))],
                         source_raw, source_path)
    manuscript = make_stream(manuscript_pieces(raw, path), raw, path)
    plain = align(source.text, manuscript.text)
    for correction in corrections:
        problems += place(correction, source, manuscript, record_path, plain[0] + plain[1])
    verdict = best_alignment(source.text, manuscript.text, corrections, plain)
    return Comparison(path, record_path, header, corrections, source, manuscript, verdict,
                      problems, plain)


def source_changed(header: dict, data: bytes, source_path: Path,
                   record_path: Path) -> list[Problem]:
    """The source as received must be the file the record was made for (its sha256)."""
    expected = header.get("sha256")
    digest = hashlib.sha256(data).hexdigest()
    if expected is None or expected == digest:
        return []
    return [Problem(f"the source as received has changed since its record was made (sha256 "
                    f"{digest[:12]}…, the record says {str(expected)[:12]}…)", source_path,
                    None, "restore the file as received (e.g. git checkout -- "
                    f"{display_path(source_path)}); a source is never edited",
                    rule="source-changed")]


def audit_article(path: Path) -> ArticleAudit:
    """Compare one manuscript with its source as received through its corrections record."""
    result = ArticleAudit(path)
    comparison = compare_article(path)
    if isinstance(comparison, list):
        result.problems = comparison
        return result
    source, manuscript, verdict = comparison.source, comparison.manuscript, comparison.verdict
    result.problems = comparison.problems
    result.characters, result.corrections = len(manuscript.text), len(comparison.corrections)
    result.changes = verdict.explained
    for move in verdict.moves:
        text = source.shown(move.i, move.i + move.size)
        result.moves.append((source.line(move.i), manuscript.line(move.j), text))
    result.problems += [move_problem(b, source, manuscript) for b in verdict.stray_moves]
    result.problems += [edit_problem(e, source, manuscript) for e in merge_near(verdict.stray)]
    boundaries = boundary_changes(verdict.matched, source, manuscript)
    result.problems += [paragraph_problem(b, source, manuscript)
                        for b in unexplained(boundaries, comparison.corrections)]
    return result


def audit_articles(root: Path, slugs: list[str] | tuple[str, ...] = ()) -> list[ArticleAudit]:
    """Audit the booklet's manuscripts (or the named ones)."""
    booklet = load_booklet(root)
    results = []
    for slug in slugs or booklet.articles:
        path = booklet.article_path(slug)
        try:
            if not path.is_file():  # listed or not: a new article is audited before listing
                raise AuditError(Problem(f"no article '{slug}' (no manuscripts/{slug}/article.md)",
                                         booklet.path, None,
                                         f"listed: {', '.join(booklet.articles)}",
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
