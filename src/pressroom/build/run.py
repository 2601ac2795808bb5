"""Run a build: a project folder in, the PDFs of the asked editions written to build/ out.

Everything is read and checked before anything is written; the pipeline makes
every output in memory; each output is then written to a temporary file and moved
into place only when complete, so a failed or interrupted build leaves the
previous outputs as they were. Every file the build leaves in build/ belongs to the
current inputs: an edition already there is made again with the asked ones (or
removed, when it cannot be made, with a warning), files of articles no longer in the
booklet are removed, SHA256SUMS lists exactly what is there. This module is the only
one that writes outputs.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import PressroomError, Problem
from ..files import write_if_changed
from ..project.load import Project, load_project
from .cache import Cache, article_keys, outputs_key, project_key
from .checksums import write_checksums
from .interrupts import checkpoint
from .lock import build_lock
from .pipeline import IMPOSED, Progress, Stopwatch, run_pipeline

DEFAULT_IMPOSITION = {"sheet": "A3", "marks": True}


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # outputs whose bytes changed
    typeset: list[str] = field(default_factory=list)  # slugs typeset by this build
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    refreshed: list[str] = field(default_factory=list)  # editions made because they were there
    removed: list[Path] = field(default_factory=list)  # files that no longer belonged
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds


@dataclass
class Plan:
    """The editions a build makes: those asked for and those already in build/."""

    editions: tuple[str, ...]
    embed_sources: bool
    refreshed: list[str]
    imposition: dict | None
    warnings: list[Problem] = field(default_factory=list)


def build(root: Path, output: Path | None = None, *, force: bool = False,
          jobs: int | None = None, progress: Progress | None = None,
          editions: tuple[str, ...] = ("screen",), embed_sources: bool = False) -> BuildResult:
    """Typeset what changed, compose the booklet in the asked editions (screen, print,
    archive; see editions/) and in those already present, and write them to build/."""
    started = time.perf_counter()
    watch = Stopwatch()
    notify = progress or (lambda event, data: None)
    project = load_project(root, output)
    watch.lap("read inputs")
    checkpoint()
    booklet = project.booklet
    with build_lock(booklet.build_dir):
        cache = Cache(booklet.build_dir / ".cache")
        plan = plan_editions(project, editions, embed_sources, cache.last_build())
        keys = article_keys(project)
        inputs = project_key(keys, project)
        whole = outputs_key(inputs, project.articles, plan.editions, plan.embed_sources,
                            plan.imposition)
        outputs = planned_outputs(project, plan)
        warnings = project.warnings + plan.warnings
        watch.lap("plan")
        if not force and cache.outputs_current(whole, outputs):
            notify("up-to-date", {})
            removed = remove_stale(booklet.build_dir, outputs, booklet_changed=False)
            write_checksums(booklet.build_dir, outputs, only_if_changed=True)
            watch.lap("check outputs")
            return BuildResult(outputs, [], [], warnings, cache.pages(whole),
                               time.perf_counter() - started, plan.refreshed, removed,
                               watch.laps)
        products = run_pipeline(project, cache, plan.editions, keys=keys, force=force,
                                jobs=jobs, notify=notify, embed_sources=plan.embed_sources,
                                imposition=plan.imposition, watch=watch)
        checkpoint()  # the last moment a Ctrl-C is honoured: after it, every output is written
        written = [path for path, data in products.files.items() if write_if_changed(path, data)]
        removed = remove_stale(booklet.build_dir, outputs,
                               booklet_changed=booklet.build_dir / "booklet.pdf" in written)
        cache.record_outputs(whole, products.files, products.pages, inputs=inputs,
                             editions=list(plan.editions), embed_sources=plan.embed_sources,
                             imposition=plan.imposition)
        live = set(keys.values()) | set(article_keys(project, "print").values())
        cache.prune(live, products.font_files)  # print parts are kept for the next print build
        write_checksums(booklet.build_dir, outputs)
        watch.lap("write outputs")
    return BuildResult(outputs, written, products.typeset, warnings + products.warnings,
                       products.pages, time.perf_counter() - started, plan.refreshed, removed,
                       watch.laps)


def plan_editions(project: Project, asked: tuple[str, ...], embed_sources: bool,
                  last: dict) -> Plan:
    """The asked editions, plus every edition whose files are in build/ already (made again
    so that they follow the manuscripts), with the options they were last made with."""
    from ..editions import EDITIONS
    build_dir = project.booklet.build_dir
    present = [name for name, edition in EDITIONS.items()
               if any(path.exists() for path in edition.outputs(build_dir, []))]
    for name in asked:
        EDITIONS[name].refuse(project)  # an edition asked for and impossible is an error
    refreshed, warnings = [], []
    for name in present:
        if name in asked:
            continue
        try:
            EDITIONS[name].refuse(project)
        except PressroomError as exc:
            warnings.append(Problem(f"the {name} edition in build/ was made from earlier "
                                    f"inputs and cannot be made again now ({exc.problems[-1].message}); "
                                    "it is removed", build_dir, severity="warning",
                                    hint=f"fix the problems, then build --edition {name}",
                                    rule="edition-removed"))
            continue
        refreshed.append(name)
    chosen = tuple(name for name in EDITIONS if name in asked or name in refreshed)
    embed = embed_sources or ("archive" in refreshed and bool(last.get("embed_sources")))
    imposition = None
    if "print" in chosen and (build_dir / IMPOSED).exists():
        imposition = last.get("imposition") or DEFAULT_IMPOSITION
    return Plan(chosen, embed, refreshed, imposition, warnings)


def planned_outputs(project: Project, plan: Plan) -> list[Path]:
    from ..editions import outputs
    build_dir = project.booklet.build_dir
    paths = outputs(build_dir, [a.slug for a in project.articles], plan.editions)
    return paths + ([build_dir / IMPOSED] if plan.imposition else [])


def remove_stale(build_dir: Path, outputs: list[Path], booklet_changed: bool) -> list[Path]:
    """Remove the build's files that do not belong to this build: other editions' files,
    articles no longer in the booklet, and proofs of an earlier booklet."""
    candidates = [build_dir / name for name in ("booklet.pdf", "booklet-print.pdf",
                                                "booklet-archive.pdf", IMPOSED)]
    candidates += sorted((build_dir / "articles").glob("*.pdf"))
    candidates += sorted((build_dir / "archive").glob("*.pdf"))
    current = set(outputs)
    removed = [path for path in candidates if path.exists() and path not in current]
    for path in removed:
        path.unlink()
    proofs = build_dir / "proofs"
    if booklet_changed and proofs.is_dir():
        shutil.rmtree(proofs)
        removed.append(proofs)
    return removed
