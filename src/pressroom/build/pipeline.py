"""The pipeline: a loaded project in, every file of the asked editions (as bytes, in memory) out.

Stages, in order: font subsets → typeset articles (cached by content, in
parallel; once as 'screen' parts, and once more as 'print' parts when the print
edition is asked) → compose the booklet → compose each edition. `build` runs it and
writes what it returns; `check` runs it and writes nothing; every edition is a
step of it. Nothing here prints or writes an output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..exceptions import PressroomError, Problem
from ..project.load import Project, booklet_chars
from .cache import Cache, article_keys
from .interrupts import checkpoint
from .workers import typeset_articles

Progress = Callable[[str, dict], None]
IMPOSED = "booklet-imposed.pdf"  # the print edition imposed for saddle stitching


@dataclass
class Products:
    """What one run of the pipeline made."""

    files: dict[Path, bytes]  # output path → bytes, in edition order
    composition: object  # the screen booklet (compose.placement.Composition)
    font_files: dict[str, Path]  # the subsets every document was set with
    typeset: list[str] = field(default_factory=list)  # slugs typeset by this run
    warnings: list[Problem] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return self.composition.pages


@dataclass
class Job:
    """What an edition composes from (see editions/)."""

    project: Project
    font_files: dict[str, Path]
    parts: list  # (Article, Part) in booklet order, typeset for screen
    standalone: dict[str, bytes]  # slug → the article's own PDF
    composition: object  # the screen booklet
    embed_sources: bool = False
    print_parts: list = field(default_factory=list)  # (Article, Part), typeset for print
    warnings: list[Problem] = field(default_factory=list)  # what editions found

    @property
    def booklet(self):
        return self.project.booklet

    @property
    def fonts(self):
        return self.project.fonts

    @property
    def build_dir(self) -> Path:
        return self.project.booklet.build_dir

    def typesetter(self, edition: str, bleed_mm: float = 0.0):
        """A typesetter for an edition's own pages (cover, contents, notes, colophon)."""
        from ..typeset.typesetter import Typesetter
        return Typesetter(self.booklet, self.font_files, self.fonts.fallbacks(),
                          edition=edition, bleed_mm=bleed_mm)


def run_pipeline(project: Project, cache: Cache, editions: tuple[str, ...], *,
                 keys: dict[str, str] | None = None, force: bool = False,
                 jobs: int | None = None, notify: Progress | None = None,
                 embed_sources: bool = False, imposition: dict | None = None) -> Products:
    """Typeset what the cache lacks, compose the booklet and the asked editions, in memory."""
    from ..compose.booklet import compose_booklet
    from ..editions import EDITIONS
    from ..typeset.subset import subset_fonts
    from ..typeset.typesetter import Typesetter
    notify = notify or (lambda event, data: None)
    booklet = project.booklet
    font_files = subset_fonts(project.fonts, booklet_chars(project), cache.root / "fonts")
    keys = {"screen": keys or article_keys(project)}
    if any(EDITIONS[name].PARTS == "print" for name in editions):
        keys["print"] = article_keys(project, "print")
    stale = typeset_stale(project, cache, keys, font_files, force, jobs, notify)
    parts = {kind: [(a, cache.load_part(keys[kind][a.slug])) for a in project.articles]
             for kind in keys}
    ts = Typesetter(booklet, font_files, project.fonts.fallbacks(), doc_cache=cache.root / "docs")
    found = unique(part_warnings(parts["screen"]) + part_warnings(parts.get("print", [])))
    try:
        composition = compose_booklet(ts, booklet, project.fonts, parts["screen"])
    except PressroomError as exc:  # the articles' own findings still matter
        raise PressroomError(*exc.problems, *found) from None
    notify("composed", {"pages": composition.pages})
    job = Job(project, font_files, parts["screen"],
              {a.slug: cache.load_standalone(keys["screen"][a.slug]) for a in project.articles},
              composition, embed_sources, parts.get("print", []))
    files = {}
    for name, edition in EDITIONS.items():
        if name in editions:
            files.update(edition.compose(job))
            checkpoint()
    printed = booklet.build_dir / "booklet-print.pdf"
    if imposition and printed in files:
        from ..editions.impose import impose
        files[booklet.build_dir / IMPOSED] = impose(files[printed], **imposition).pdf
    warnings = unique(project.warnings + composition.warnings + found + job.warnings)
    return Products(files, composition, font_files, stale, warnings)


def typeset_stale(project: Project, cache: Cache, keys: dict[str, dict[str, str]],
                  font_files: dict[str, Path], force: bool, jobs: int | None,
                  notify: Progress) -> list[str]:
    """Typeset the parts the cache lacks (each kind of `keys`: screen, print) and store
    them; raise every article's problems. Returns the slugs typeset."""
    tasks = [(article, kind) for kind in keys for article in project.articles
             if force or not cache.has_part(keys[kind][article.slug],
                                            standalone=kind == "screen")]
    notify("plan", {"total": len(project.articles) * len(keys), "typeset": len(tasks)})
    problems = []
    for article, kind, made, found in typeset_articles(project.booklet, project.fonts,
                                                       font_files, tasks, jobs):
        problems += found
        if made:
            part, standalone = made
            cache.store_part(keys[kind][article.slug], part, standalone)
            label = article.slug if kind == "screen" else f"{article.slug} ({kind})"
            notify("typeset", {"slug": label, "pages": part.pages})
        checkpoint()
    if problems:
        raise PressroomError(*unique(problems))
    return list(dict.fromkeys(article.slug for article, _ in tasks))


def part_warnings(parts: list) -> list[Problem]:
    return [w for _, part in parts for w in part.warnings]


def unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once (an article typeset for two editions reports its findings twice)."""
    return list({(str(p.path), p.line, p.rule, p.message, p.severity): p
                 for p in problems}.values())
