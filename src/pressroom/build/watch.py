"""Rebuild on every save: file changes in, one report line per rebuild out.

The loop keeps running when a build fails (it reports the errors and waits for the
next save) and re-reads the booklet description on every build, so configuration
edits take effect at once.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

from watchfiles import DefaultFilter, watch

from ..exceptions import PressroomError
from .interrupts import INTERRUPTED
from .run import build
from .temporaries import is_temporary

WATCHED = ("manuscripts", "layouts", "fonts")


class SourceFilter(DefaultFilter):
    """Editors' scratch files (temporaries.py) are not saves of a source."""

    def __call__(self, change, path: str) -> bool:
        return not is_temporary(path) and super().__call__(change, path)


def watch_project(root: Path, output: Path | None = None, *, jobs: int | None = None,
                  settle: float = 0.3, stop_event=None) -> Iterator[str]:
    """Build once, then again after each settled burst of saves; yield what happened."""
    root = Path(root).resolve()  # watchfiles reports absolute paths
    yield from _build_once(root, output, jobs, "initial build")
    folders = [root / name for name in WATCHED if (root / name).is_dir()]
    # An empty batch comes back after each quiet 0.2 s; the first one tells that the
    # watches are in place, so a save made after the message below is never missed.
    batches = watch(*folders, watch_filter=SourceFilter(), debounce=int(settle * 1000),
                    step=25, stop_event=stop_event, rust_timeout=200, yield_on_timeout=True)
    if next(batches, None) is None:
        return
    yield f"watching {', '.join(f.name + '/' for f in folders)} (Ctrl-C to stop)"
    for changes in batches:
        if INTERRUPTED.is_set():  # Ctrl-C while waiting for a save: stop watching
            return
        if not changes:
            continue
        names = sorted({Path(path).relative_to(root).as_posix() for _, path in changes})
        yield from _build_once(root, output, jobs, "changed: " + ", ".join(names[:5]))


def _build_once(root: Path, output: Path | None, jobs: int | None, why: str) -> Iterator[str]:
    started = time.perf_counter()
    try:
        result = build(root, output, jobs=jobs)
    except PressroomError as exc:
        yield f"{why} → build failed; previous outputs kept:"
        for problem in exc.problems:
            yield "  " + problem.format()
        return
    seconds = time.perf_counter() - started
    if not result.typeset and not result.written:
        yield f"{why} → nothing to do ({seconds:.2f} s)"
    else:
        typeset = ", ".join(result.typeset) or "no article"
        yield (f"{why} → typeset {typeset}; wrote {len(result.written)} file(s); "
               f"booklet {result.pages} pages in {seconds:.2f} s")
    # What became of an edition in build/, after the problems that caused it (the other
    # warnings are the build's own: run `pressroom build` or `check` to see them).
    for problem in result.withheld:
        yield "  warning: " + problem.format().replace("\n", "\n  ")
    for edition in result.restored:
        yield f"  made again: the {edition}"
