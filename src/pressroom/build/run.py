"""Run a build: a project folder in, the PDFs of the asked editions written to build/ out.

Everything is read and checked before anything is written; the pipeline makes
every output in memory; each output is then written to a temporary file and moved
into place only when complete, so a failed or interrupted build leaves the
previous outputs as they were. Every file the build leaves in build/ belongs to the
current inputs: an edition already there is made again with the asked ones, with the
options it was made with (the archive's embedded sources, the print edition's
imposition); files of articles no longer in the booklet are removed, SHA256SUMS lists
exactly what is there. An edition that cannot be made now (the archive while a
manuscript fails the audit) is removed with a warning saying why, and remembered with
its options in build/.cache/state.json ("withheld"): each later build tries it again
and brings it back as soon as it can be made. This module is the only one that writes
outputs.
"""

from __future__ import annotations

import dataclasses
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
    refreshed: list[str] = field(default_factory=list)  # editions there before, written again
    removed: list[Path] = field(default_factory=list)  # files that no longer belonged
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds
    editions: tuple[str, ...] = ()  # the editions build/ now holds
    restored: list[str] = field(default_factory=list)  # withheld editions made again, described
    # why an edition in build/ could not be made (its causes, then what became of it):
    # the part of `warnings` a watch shows whatever else it leaves to `build` and `check`
    withheld: list[Problem] = field(default_factory=list)


@dataclass
class Plan:
    """The editions a build makes: those asked for and those already in build/."""

    editions: tuple[str, ...]
    embed_sources: bool
    refreshed: list[str]  # editions in build/ made again although not asked
    imposition: dict | None
    warnings: list[Problem] = field(default_factory=list)
    withheld: dict[str, dict] = field(default_factory=dict)  # cannot be made now: options
    restored: list[str] = field(default_factory=list)  # withheld before, made again now


def build(root: Path, output: Path | None = None, *, force: bool = False,
          jobs: int | None = None, progress: Progress | None = None,
          editions: tuple[str, ...] = ("screen",),
          embed_sources: bool | None = None) -> BuildResult:
    """Typeset what changed, compose the booklet in the asked editions (screen, print,
    archive; see editions/) and in those already present or withheld, and write them to
    build/. `embed_sources` None: the archive is made as it was last made."""
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
                               time.perf_counter() - started, [], removed, watch.laps,
                               plan.editions, withheld=plan.warnings)
        products = run_pipeline(project, cache, plan.editions, keys=keys, force=force,
                                jobs=jobs, notify=notify, embed_sources=plan.embed_sources,
                                imposition=plan.imposition, watch=watch)
        checkpoint()  # the last moment a Ctrl-C is honoured: after it, every output is written
        written = [path for path, data in products.files.items() if write_if_changed(path, data)]
        removed = remove_stale(booklet.build_dir, outputs,
                               booklet_changed=booklet.build_dir / "booklet.pdf" in written)
        cache.record_outputs(whole, products.files, products.pages, inputs=inputs,
                             editions=list(plan.editions), embed_sources=plan.embed_sources,
                             imposition=plan.imposition, withheld=plan.withheld)
        live = set(keys.values()) | set(article_keys(project, "print").values())
        cache.prune(live, products.font_files)  # print parts are kept for the next print build
        write_checksums(booklet.build_dir, outputs)
        if project.memo is not None:
            project.memo.save()
        watch.lap("write outputs")
    rewritten = [name for name in plan.refreshed if set(written) & set(edition_files(
        project, plan, name))]
    restored = [describe(name, plan) for name in plan.restored]
    return BuildResult(outputs, written, products.typeset,
                       warnings + products.warnings, products.pages,
                       time.perf_counter() - started, rewritten, removed, watch.laps,
                       plan.editions, restored, plan.warnings)


def plan_editions(project: Project, asked: tuple[str, ...], embed_sources: bool | None,
                  last: dict) -> Plan:
    """The asked editions, plus every edition whose files are in build/ already or that an
    earlier build withheld (made again so that they follow the manuscripts), with the
    options they were last made with unless the asked ones say otherwise."""
    from ..editions import EDITIONS
    build_dir = project.booklet.build_dir
    present = [name for name, edition in EDITIONS.items()
               if any(path.exists() for path in edition.outputs(build_dir, []))]
    withheld_before = {name: options for name, options in last.get("withheld", {}).items()
                       if name in EDITIONS}
    remembered = {**withheld_before, **made_with(last, build_dir, present)}
    for name in asked:
        EDITIONS[name].refuse(project)  # an edition asked for and impossible is an error
    plan = Plan((), False, [], None)
    for name in EDITIONS:
        if name in asked or (name not in present and name not in withheld_before):
            continue
        plan.withheld[name] = remembered.get(name, {})  # until it passes below
        try:
            EDITIONS[name].refuse(project)
        except PressroomError as exc:
            plan.warnings += withheld_warnings(plan, name, exc, removed=name in present,
                                               build_dir=build_dir)
            continue
        del plan.withheld[name]
        (plan.refreshed if name in present else plan.restored).append(name)
    plan.editions = tuple(name for name in EDITIONS
                          if name in asked or name in plan.refreshed or name in plan.restored)
    if "archive" in plan.editions:
        plan.embed_sources = embed_sources if embed_sources is not None else \
            bool(remembered.get("archive", {}).get("embed_sources"))
    if "print" in plan.editions:
        plan.imposition = remembered.get("print", {}).get("imposition")
    return plan


def made_with(last: dict, build_dir: Path, present: list[str]) -> dict[str, dict]:
    """The options each edition in build/ was made with, as the last build recorded them."""
    options = {}
    if "archive" in present and "archive" in last.get("editions", []):
        options["archive"] = {"embed_sources": bool(last.get("embed_sources"))}
    if "print" in present:
        imposed = (build_dir / IMPOSED).exists()
        options["print"] = {"imposition": (last.get("imposition") or DEFAULT_IMPOSITION)
                            if imposed else None}
    return options


def describe(name: str, plan: Plan) -> str:
    """An edition and the options it is made with, for a message."""
    options = plan.withheld.get(name) or {}
    made = name in plan.editions
    if name == "archive" and (options.get("embed_sources") or (made and plan.embed_sources)):
        return "archive edition (PDF/A-3a, with the sources embedded)"
    if name == "print" and (options.get("imposition") or (made and plan.imposition)):
        return "print edition (and its imposition)"
    return f"{name} edition"


def withheld_warnings(plan: Plan, name: str, exc: PressroomError, removed: bool,
                      build_dir: Path) -> list[Problem]:
    """Why an edition in build/ (or withheld earlier) cannot be made now, as warnings: the
    problems that refuse it, then what became of it and how it comes back."""
    from ..editions import EDITIONS
    refusal = exc.problems[-1] if (exc.problems[-1].rule or "").endswith("-refused") else None
    causes = [dataclasses.replace(p, severity="warning") for p in exc.problems
              if p is not refusal]
    why = refusal.message if refusal else \
        f"the {name} edition cannot be made: {len(causes)} problem(s) above"
    fate = "is removed from build/" if removed else "is still left out of build/"
    advice = (f"{refusal.hint}; " if refusal and refusal.hint else "fix them; ") + \
        "the first build after that brings it back by itself, made as before"
    main = EDITIONS[name].outputs(build_dir, [])[-1]
    return causes + [Problem(f"{why}; so the {describe(name, plan)} {fate}", main,
                             severity="warning", hint=advice,
                             rule="edition-removed" if removed else "edition-withheld")]


def edition_files(project: Project, plan: Plan, name: str) -> list[Path]:
    """The files of one edition in this build (the print edition's include its imposition)."""
    from ..editions import EDITIONS
    build_dir = project.booklet.build_dir
    files = EDITIONS[name].outputs(build_dir, [a.slug for a in project.articles])
    return files + ([build_dir / IMPOSED] if name == "print" and plan.imposition else [])


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
