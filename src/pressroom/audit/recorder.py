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

from ..exceptions import Problem
from ..files import write_atomic
from ..project.config import load_booklet
from .article import compare_article
from .changes import Changes, Entry, find_changes
from .messages import side_by_side
from .rewrite import rewritten


@dataclass
class Recorded:
    """What `record` did (or would do) for one article."""

    slug: str
    changes: Changes | None
    written: bool = False
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        if self.changes is None:
            return f"{self.slug}: not recorded (see the errors above)"
        new, stale = self.changes.new, self.changes.stale
        kinds = {}
        for entry in new:
            kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        what = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "nothing new"
        dropped = f"; dropped {len(stale)} that no longer fit the text" if stale else ""
        done = "written" if self.written else "not written"
        return f"{self.slug}: {what}{dropped}; line numbers refreshed; {done}"


def record_articles(root: Path, slugs: tuple[str, ...] = (), reason: str = "",
                    dry_run: bool = False) -> list[Recorded]:
    """Bring the records of the named articles (default: every article folder) up to date."""
    booklet = load_booklet(root)
    folders = slugs or tuple(sorted({*booklet.articles, *_unlisted(booklet)}))
    return [record_article(booklet.article_path(slug), reason, dry_run) for slug in folders]


def _unlisted(booklet) -> list[str]:
    return [path.parent.name for path in booklet.manuscripts_dir.glob("*/article.md")]


def record_article(path: Path, reason: str = "", dry_run: bool = False) -> Recorded:
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
    for entry in changes.editorial:
        entry.reason = reason.strip()
    result = Recorded(slug, changes)
    if changes.editorial and not reason.strip():
        result.problems = [unexplained(entry, changes) for entry in changes.editorial]
        return result
    if not dry_run:
        source = comparison.source.path.read_bytes()
        text = comparison.record_path.read_text(encoding="utf-8")
        new = rewritten(text, changes, hashlib.sha256(source).hexdigest())
        if new != text:
            write_atomic(comparison.record_path, new.encode("utf-8"))
        result.written = True
    return result


def unexplained(entry: Entry, changes: Changes) -> Problem:
    """An editorial change shown side by side, asking for the reason."""
    comparison = changes.comparison
    return Problem(f"{entry.kind}: an editorial change the record does not explain yet",
                   comparison.path, entry.manuscript_line,
                   'give the reason: pressroom record --reason "…" (one reason for the '
                   "changes listed)", side_by_side(comparison.source, comparison.manuscript,
                                                   *entry.change), rule="unrecorded-change")
