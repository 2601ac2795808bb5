"""The pipeline: a loaded project in, every file of the asked editions (as bytes, in memory) out.

Stages, in order: font subsets → typeset articles (cached by content, in
parallel) → compose the booklet → compose each edition. `build` runs it and
writes what it returns; `check` runs it and writes nothing; every edition is a
step of it. Nothing here prints or writes an output.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..exceptions import PressroomError, Problem
from ..project.load import Project, booklet_chars
from .cache import Cache, article_keys
from .interrupts import checkpoint
from .workers import typeset_articles

Progress = Callable[[str, dict], None]


class Stopwatch:
    """Seconds spent in each stage of a build, for `build --timings` and the benchmarks."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self.last
        self.last = now
IMPOSED = "booklet-imposed.pdf"  # the print edition imposed for saddle stitching


@dataclass
class Products:
    """What one run of the pipeline made."""

    files: dict[Path, bytes]  # output path → bytes, in edition order
    composition: object  # the screen booklet (compose.placement.Composition)
    font_files: dict[str, Path]  # the subsets every document was set with
    typeset: list[str] = field(default_factory=list)  # slugs typeset by this run
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds

    @property
    def pages(self) -> int:
        return self.composition.pages


@dataclass
class Job:
    """What an edition composes from (see editions/)."""

    project: Project
    font_files: dict[str, Path]
    parts: list  # (Article, Part) in booklet order
    standalone: dict[str, bytes]  # slug → the article's own PDF
    composition: object  # the screen booklet
    embed_sources: bool = False

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
                 embed_sources: bool = False, imposition: dict | None = None,
                 watch: Stopwatch | None = None) -> Products:
    """Typeset what the cache lacks, compose the booklet and the asked editions, in memory."""
    watch = watch or Stopwatch()
    from ..compose.booklet import compose_booklet
    from ..editions import EDITIONS
    from ..typeset.subset import subset_fonts
    notify = notify or (lambda event, data: None)
    booklet = project.booklet
    watch.lap("start")
    font_files = subset_fonts(project.fonts, booklet_chars(project), cache.root / "fonts")
    keys = keys or article_keys(project)
    watch.lap("font subsets")
    # One typesetter for the whole build: the workers inherit it when they are forked.
    ts = typesetter_for(project, font_files, cache.root / "docs")
    stale = typeset_stale(project, cache, keys, ts, force, jobs, notify)
    watch.lap("typeset articles")
    parts = [(a, cache.load_part(keys[a.slug])) for a in project.articles]
    try:
        composition = compose_booklet(ts, booklet, project.fonts, parts)
    except PressroomError as exc:  # the articles' own findings still matter
        raise PressroomError(*exc.problems, *part_warnings(parts)) from None
    notify("composed", {"pages": composition.pages})
    watch.lap("compose booklet")
    job = Job(project, font_files, parts,
              {a.slug: cache.load_standalone(keys[a.slug]) for a in project.articles},
              composition, embed_sources)
    files = {}
    for name, edition in EDITIONS.items():
        if name in editions:
            files.update(edition.compose(job))
            checkpoint()
            watch.lap(f"{name} edition")
    printed = booklet.build_dir / "booklet-print.pdf"
    if imposition and printed in files:
        from ..editions.impose import impose
        files[booklet.build_dir / IMPOSED] = impose(files[printed], **imposition).pdf
        watch.lap("imposition")
    warnings = project.warnings + composition.warnings + part_warnings(parts)
    return Products(files, composition, font_files, [a.slug for a in stale], warnings,
                    watch.laps)


_TYPESETTERS: dict = {}  # the last build's typesetter, for the next build of this process


def typesetter_for(project: Project, font_files: dict[str, Path], doc_cache: Path):
    """A typesetter for this build; in a process that builds again (watch), the previous
    one while fonts, layouts folder and layout settings are the same: its fonts are
    loaded, its shaping and templates warm."""
    import dataclasses
    import json
    from ..typeset.typesetter import Typesetter
    booklet = project.booklet
    key = (tuple(sorted((face, str(path)) for face, path in font_files.items())),
           str(booklet.layouts_dir), str(doc_cache),
           json.dumps(dataclasses.asdict(booklet.layout), sort_keys=True),
           json.dumps(project.fonts.fallbacks(), sort_keys=True))
    ts = _TYPESETTERS.get(key)
    if ts is None:
        _TYPESETTERS.clear()
        ts = _TYPESETTERS[key] = Typesetter(booklet, font_files, project.fonts.fallbacks(),
                                            doc_cache=doc_cache)
    ts.booklet = booklet  # title, dates and article list may have changed
    return ts


def typeset_stale(project: Project, cache: Cache, keys: dict[str, str], ts,
                  force: bool, jobs: int | None, notify: Progress) -> list:
    """Typeset the articles the cache lacks and store them; raise every article's problems."""
    stale = [a for a in project.articles if force or not cache.has_part(keys[a.slug])]
    notify("plan", {"total": len(project.articles), "typeset": len(stale)})
    problems = []
    for article, made, found in typeset_articles(ts, stale, jobs):
        problems += found
        if made:
            part, standalone = made
            cache.store_part(keys[article.slug], part, standalone)
            notify("typeset", {"slug": article.slug, "pages": part.pages})
        checkpoint()
    if problems:
        raise PressroomError(*problems)
    return stale


def part_warnings(parts: list) -> list[Problem]:
    return [w for _, part in parts for w in part.warnings]
