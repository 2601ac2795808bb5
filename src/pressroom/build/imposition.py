"""The impose command: the project's print edition in, build/booklet-imposed.pdf (recorded in SHA256SUMS) out.

It refuses a print edition older than its inputs: imposing it would send the print
shop yesterday's text. A build refreshes an imposition that is there, with the
settings recorded here.
"""

from __future__ import annotations

from pathlib import Path

from ..editions.impose import Imposition, impose_file
from ..exceptions import ImposeError, Problem
from ..files import file_sha256, write_atomic
from ..project.load import load_project
from .cache import Cache, article_keys, project_key
from .checksums import update_checksums
from .lock import build_lock
from .pipeline import IMPOSED

PRINTED = "booklet-print.pdf"


def impose_project(root: Path, output: Path | None = None, source: Path | None = None,
                   sheet: str = "A3", marks: bool = True) -> tuple[Path, Imposition]:
    """Impose the print edition (or `source`) into booklet-imposed.pdf beside it."""
    project = load_project(root, output)
    build_dir = project.booklet.build_dir
    with build_lock(build_dir):
        cache = Cache(build_dir / ".cache")
        if source is None:
            refuse_stale(project, cache, build_dir / PRINTED)
        result = impose_file(source or build_dir / PRINTED, sheet, marks)
        target = build_dir / IMPOSED
        write_atomic(target, result.pdf)
        if source is None:  # a later build re-imposes its own print edition alike
            cache.record_imposition(target, result.pdf, {"sheet": sheet, "marks": marks})
        update_checksums(build_dir, [target])
    return target, result


def refuse_stale(project, cache: Cache, printed: Path) -> None:
    """The print edition must be the one the last build made from today's inputs."""
    last = cache.last_build()
    if not printed.exists():
        return  # impose_file says it is missing and how to make it
    current = last.get("inputs") == project_key(article_keys(project), project)
    made = last.get("outputs", {}).get(str(printed)) == file_sha256(printed)
    if not (current and made):
        why = "the manuscripts, layouts or fonts changed since it was made" if made else \
            "it is not the file the last build wrote"
        raise ImposeError(Problem(f"{PRINTED} is out of date: {why}", printed,
                                  hint="run `pressroom build --edition print` (a plain "
                                       "`pressroom build` refreshes it too), then impose",
                                  rule="print-stale"))
