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
from .align import Verdict, best_alignment
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


def find_snippet(stream: Stream, snippet: str, line: int | None) -> tuple[int, int] | None:
    """Raw span of the occurrence of `snippet`: the first, or the one nearest `line`."""
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
        if line is None:
            return 0
        first, last = stream.line_at(span[0]), stream.line_at(max(span[0], span[1] - 1))
        return 0 if first <= line <= last else min(abs(line - first), abs(line - last))

    return min(spans, key=lambda span: (distance(span), span[0]))


def place(correction: Correction, source: Stream, manuscript: Stream,
          record: Path) -> list[Problem]:
    """Find both snippets (by their text; a stated line only chooses between equal
    occurrences) and check that the kind fits the change."""
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
        setattr(correction, side[0], stream.span(*found))
        correction.lines[side] = stream.line_at(found[0])
    if problems:
        return problems
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
    for correction in corrections:
        problems += place(correction, source, manuscript, record_path)
    verdict = best_alignment(source.text, manuscript.text, corrections)
    return Comparison(path, record_path, header, corrections, source, manuscript, verdict,
                      problems)


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
