"""Recording: the articles' manuscripts, sources and records in, each record brought up to date with the manuscript (written atomically) out.

`pressroom record` writes down every change the record does not yet explain:
mechanical ones without a reason, editorial ones with the reason the editor gives.
Without a reason for editorial changes it writes nothing and lists them side by
side, so the editor can say why.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import Problem, display_path
from ..files import write_atomic
from ..project.config import load_booklet
from .article import compare_article
from .changes import Changes, Entry, find_changes
from .messages import (RECORD, abbreviate, boundary_lines, boundary_marks, boundary_spans,
                       change_lines, side_by_side)
from .record import Correction
from .rewrite import rewritten


@dataclass
class Recorded:
    """What `record` did (or would do) for one article."""

    slug: str
    changes: Changes | None
    written: bool = False
    changed: bool = False  # the record's text is (or would be) different
    digest: bool = False  # the source's SHA-256 is (or would be) stated anew
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """One line of what was found and done, then each dropped record on a line."""
        if self.changes is None:
            return f"{self.slug}: not recorded (see the errors above)"
        parts = [new_kinds(self.changes.new) or "nothing new"]
        corrections = self.changes.comparison.corrections
        kept = [c for c in corrections if c not in self.changes.stale]
        moved = sum(lines_moved(c) for c in kept)
        if moved:
            parts.append(f"line numbers of {moved} record{'s' * (moved != 1)} updated")
        printed = sum(c.printed is not None for c in kept)
        if printed:
            parts.append(f"{printed} manuscript quote{'s' * (printed != 1)} rewritten "
                         "without markup")
        if self.digest:
            parts.append("the source file's fingerprint (SHA-256) written into the record, "
                         "so that a changed source is noticed")
        stale = self.changes.stale
        if stale:
            parts.append(f"dropped {len(stale)} record{'s' * (len(stale) != 1)} that no "
                         "longer fit the text (below)")
        parts.append(self.outcome())
        lines = [f"{self.slug}: {'; '.join(parts)}"]
        lines += [dropped_line(c, self.changes) for c in stale]
        if self.dry_run:
            lines += [new_line(entry) for entry in self.changes.new]
        return "\n".join(lines)

    def outcome(self) -> str:
        if not self.changed and not self.problems:
            return "record unchanged, nothing written"
        if self.dry_run:  # writes nothing by design, reason or not
            return "dry run: nothing written" + (" (below: what would be)"
                                                 if self.changes.new else "")
        if self.problems:
            return "nothing written: give a reason"
        return "written"


def new_kinds(entries: list[Entry]) -> str:
    kinds: dict[str, int] = {}
    for entry in entries:
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))


def lines_moved(correction: Correction) -> bool:
    """Does the record state other lines than its snippets stand on now?"""
    return (correction.source_line, correction.manuscript_line) != \
        (correction.lines.get("source"), correction.lines.get("manuscript"))


def dropped_line(correction: Correction, changes: Changes) -> str:
    """A dropped record as an editor can find it again (git diff, the manuscript): what
    it said, where it stood, and why it goes."""
    record = display_path(changes.comparison.record_path)
    where = f"manuscript line {correction.manuscript_line}" if correction.manuscript_line \
        else "no manuscript line"
    reason = f", reason {abbreviate(correction.reason, 40)!r}" if correction.reason else ""
    return (f"    dropped correction {correction.number} ({correction.kind}, {record}:"
            f"{correction.line}, {where}): {abbreviate(correction.source, 30)!r} → "
            f"{abbreviate(correction.manuscript, 30)!r}{reason}: "
            f"{changes.why.get(correction.number, 'it no longer fits')}")


def new_line(entry: Entry) -> str:
    """A record a dry run would write: kind, lines, both texts, the reason it would get."""
    where = f"source line {entry.source_line}" + (
        f", manuscript line {entry.manuscript_line}" if entry.manuscript else "")
    if not entry.editorial:
        reason = "no reason needed"
    elif entry.reason:
        reason = f"reason {abbreviate(entry.reason, 40)!r}"
    else:
        reason = "needs a reason: --reason \"…\""
    return (f"    would write {entry.kind} ({where}): {abbreviate(entry.source, 30)!r} → "
            f"{abbreviate(entry.manuscript, 30)!r}, {reason}")


def record_articles(root: Path, slugs: tuple[str, ...] = (), reason: str = "",
                    dry_run: bool = False) -> list[Recorded]:
    """Bring the records of the named articles (default: every article folder) up to date."""
    booklet = load_booklet(root)
    folders = slugs or tuple(sorted({*booklet.articles, *booklet.unlisted}))
    return [record_article(booklet.article_path(slug), reason, dry_run) for slug in folders]


def record_article(path: Path, reason: str = "", dry_run: bool = False,
                   editorial: bool = True) -> Recorded:
    """Bring one article's record up to date; with `editorial` False, write down only
    what needs no reason (see settle_record)."""
    slug = path.parent.name
    if not path.is_file():
        return Recorded(slug, None, problems=[Problem(f"no article '{slug}'", path,
                                                      rule="article-missing")])
    comparison = compare_article(path)
    if isinstance(comparison, list):
        return Recorded(slug, None, problems=comparison)
    blocking = [p for p in comparison.problems if p.rule in ("record-format", "source-changed",
                                                             "yaml-syntax")]
    if blocking:
        return Recorded(slug, None, problems=blocking)
    changes = find_changes(comparison)
    if not editorial:
        changes.new = [entry for entry in changes.new if not entry.editorial]
    for entry in changes.editorial:
        entry.reason = reason.strip()
    digest = hashlib.sha256(comparison.source.path.read_bytes()).hexdigest()
    text = comparison.record_path.read_text(encoding="utf-8")
    new = rewritten(text, changes, digest)
    result = Recorded(slug, changes, changed=new != text, dry_run=dry_run,
                      digest=comparison.header.get("sha256") != digest)
    if changes.editorial and not reason.strip():
        result.problems = [unexplained(entry, changes) for entry in changes.editorial]
        return result
    if result.changed and not dry_run:
        write_atomic(comparison.record_path, new.encode("utf-8"))
        result.written = True
    return result


def settle_record(path: Path) -> Recorded:
    """A record just drafted (by import) put in the form `record` writes it, so that a
    `record` after it changes nothing the editor did not change: repeats dropped, the
    manuscript quoted as printed, line numbers as found, mechanical changes the draft
    missed added, the source's SHA-256 stated, the YAML written as `record` writes it.
    Editorial changes are left out: a draft makes none, and the audit would name any."""
    return record_article(path, editorial=False)


def unexplained(entry: Entry, changes: Changes) -> Problem:
    """An editorial change shown side by side, at the line of the changed text, asking
    for the reason."""
    source, manuscript = changes.comparison.source, changes.comparison.manuscript
    if entry.boundary is not None:
        spans, marks = boundary_spans(entry.boundary), boundary_marks(entry.boundary)
        lines = boundary_lines(entry.boundary, source, manuscript)
    else:
        spans, marks = entry.change, (None, None)
        lines = change_lines(source, manuscript, *spans)
    what = {"split": "a paragraph split", "join": "a paragraph join"}.get(
        entry.boundary.what if entry.boundary else "", "an editorial change")
    return Problem(f"{entry.kind}: {what} the record does not explain yet",
                   changes.comparison.path, lines[1],
                   f"give the reason: {RECORD} (one reason for the changes listed)",
                   side_by_side(source, manuscript, *spans, marks, lines),
                   rule="unrecorded-change")
