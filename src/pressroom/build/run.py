"""Run a build: a project folder in, the PDFs of the asked editions written to build/ out.

Everything is read and checked before anything is written; the pipeline makes
every output in memory; each output is then written to a temporary file and moved
into place only when complete, so a failed or interrupted build leaves the
previous outputs as they were. This module is the only one that writes outputs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import Problem
from ..files import write_if_changed
from ..project.load import load_project
from .cache import Cache, article_keys, outputs_key, project_key
from .checksums import update_checksums
from .interrupts import checkpoint
from .lock import build_lock
from .pipeline import Progress, run_pipeline


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # outputs whose bytes changed
    typeset: list[str] = field(default_factory=list)  # slugs typeset by this build
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0


def build(root: Path, output: Path | None = None, *, force: bool = False,
          jobs: int | None = None, progress: Progress | None = None,
          editions: tuple[str, ...] = ("screen",), embed_sources: bool = False) -> BuildResult:
    """Typeset what changed, compose the booklet in the asked editions (screen, print,
    archive; see editions/), and write outputs to build/ (or `output`)."""
    from ..editions import EDITIONS, outputs as edition_outputs
    started = time.perf_counter()
    notify = progress or (lambda event, data: None)
    project = load_project(root, output)
    checkpoint()
    for name in editions:
        EDITIONS[name].refuse(project)
    booklet = project.booklet
    with build_lock(booklet.build_dir):
        cache = Cache(booklet.build_dir / ".cache")
        keys = article_keys(project)
        whole = outputs_key(project_key(keys, project), project.articles,
                            editions, embed_sources)
        outputs = edition_outputs(booklet.build_dir, [a.slug for a in project.articles],
                                  editions)
        if not force and cache.outputs_current(whole, outputs):
            notify("up-to-date", {})
            update_checksums(booklet.build_dir, outputs)
            return BuildResult(outputs, [], [], project.warnings, cache.pages(whole),
                               time.perf_counter() - started)
        products = run_pipeline(project, cache, editions, keys=keys, force=force, jobs=jobs,
                                notify=notify, embed_sources=embed_sources)
        checkpoint()  # the last moment a Ctrl-C is honoured: after it, every output is written
        written = [path for path, data in products.files.items() if write_if_changed(path, data)]
        cache.record_outputs(whole, products.files, products.pages)
        cache.prune(set(keys.values()), products.font_files)
        update_checksums(booklet.build_dir, outputs)
    return BuildResult(outputs, written, products.typeset, products.warnings, products.pages,
                       time.perf_counter() - started)
