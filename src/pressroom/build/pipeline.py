"""The pipeline: a loaded project in, every file of the asked editions (as bytes, in memory) out.

Stages, in order: font subsets → typeset articles (cached by content, in
parallel; once as 'screen' parts, and once more as 'print' parts when the print
edition is asked) → compose the booklet → compose each edition. `build` runs it and
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
    keys = {"screen": keys or article_keys(project)}
    if any(EDITIONS[name].PARTS == "print" for name in editions):
        keys["print"] = article_keys(project, "print")
    watch.lap("font subsets")
    # One typesetter per kind of parts for the whole build: the workers inherit them.
    typesetters = {kind: typesetter_for(project, font_files, cache.root / "docs", kind)
                   for kind in keys}
    stale = typeset_stale(project, cache, keys, typesetters, force, jobs, notify)
    watch.lap("typeset articles")
    parts = {kind: [(a, cache.load_part(keys[kind][a.slug])) for a in project.articles]
             for kind in keys}
    ts = typesetters["screen"]
    found = unique(part_warnings(parts["screen"]) + part_warnings(parts.get("print", [])))
    try:
        composition = compose_booklet(ts, booklet, project.fonts, parts["screen"])
    except PressroomError as exc:  # the articles' own findings still matter
        raise PressroomError(*exc.problems, *found) from None
    notify("composed", {"pages": composition.pages})
    watch.lap("compose booklet")
    job = Job(project, font_files, parts["screen"],
              {a.slug: cache.load_standalone(keys["screen"][a.slug]) for a in project.articles},
              composition, embed_sources, parts.get("print", []))
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
    warnings = unique(project.warnings + composition.warnings + found + job.warnings)
    return Products(files, composition, font_files, stale, warnings, watch.laps)


_TYPESETTERS: dict = {}  # the last build's typesetters, for the next build of this process


def typesetter_for(project: Project, font_files: dict[str, Path], doc_cache: Path,
                   kind: str = "screen"):
    """A typesetter for this build's parts of `kind`; in a process that builds again
    (watch, the resident builder), the previous one while faces, layouts folder and
    layout settings are the same: its templates warm, the paragraphs it has set
    remembered. A new character set only gives it the new subsets (two subsets of a
    face set the characters they share alike)."""
    import dataclasses
    import json
    from ..typeset.subset import source_of
    from ..typeset.typesetter import Typesetter
    booklet = project.booklet
    key = (kind, tuple(sorted((face, source_of(path)) for face, path in font_files.items())),
           str(booklet.layouts_dir), str(doc_cache),
           json.dumps(dataclasses.asdict(booklet.layout), sort_keys=True, default=str),
           json.dumps(project.fonts.fallbacks(), sort_keys=True))
    ts = _TYPESETTERS.get(key)
    if ts is None:
        for old in [k for k in _TYPESETTERS if k[0] == kind]:
            del _TYPESETTERS[old]
        ts = _TYPESETTERS[key] = Typesetter(booklet, font_files, project.fonts.fallbacks(),
                                            edition=kind, doc_cache=doc_cache)
    elif ts.font_files != font_files:
        ts.use_fonts(font_files)
    ts.booklet = booklet  # title, dates, article list and print settings may have changed
    return ts


def typeset_stale(project: Project, cache: Cache, keys: dict[str, dict[str, str]],
                  typesetters: dict, force: bool, jobs: int | None,
                  notify: Progress) -> list[str]:
    """Typeset the parts the cache lacks (each kind of `keys`: screen, print) and store
    them; raise every article's problems. Returns the slugs typeset."""
    tasks = [(article, kind) for kind in keys for article in project.articles
             if force or not cache.has_part(keys[kind][article.slug],
                                            standalone=kind == "screen")]
    notify("plan", {"total": len(project.articles) * len(keys), "typeset": len(tasks)})
    problems = []
    from .workers import typeset_articles  # process pools: only when something is typeset
    for article, kind, made, found in typeset_articles(typesetters, tasks, jobs,
                                                       project.fonts):
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
