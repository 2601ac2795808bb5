"""Workers: the articles to typeset (each for screen or for print) in, each one's typeset part and standalone PDF (or its problems) out, several at a time.

Workers are forked, so they inherit the imported modules, the loaded project and the
build's typesetters: starting one costs milliseconds, not the half second of
importing WeasyPrint again. An article that fails gives its problems; the others are
still typeset, so one run reports every article's errors.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from ..exceptions import PressroomError, Problem
from ..project.manuscript import Article

_WORKER = {}


def typeset_articles(typesetters: dict, tasks: list[tuple[Article, str]], jobs: int | None,
                     fonts):
    """Yield (article, kind, (part, standalone PDF or None) or None, problems) as each
    (article, kind) of `tasks` is typeset with `typesetters[kind]` (kind: 'screen' or
    'print'; made once, before the workers are forked, so they inherit them).

    The part keeps its fonts only as names (see typeset.part.strip_fonts): the
    booklet gets its fonts at merge time, and a screen article's standalone PDF is
    composed here.
    """
    jobs = jobs or os.cpu_count() or 1
    _WORKER["ts"] = typesetters
    _WORKER["fonts"] = fonts  # the project's faces (FontSet), for articles' own subsets
    try:
        if jobs == 1 or len(tasks) < 2:
            for article, kind in tasks:
                yield (article, kind, *_worker_typeset(article, kind))
            return
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)),
                                 mp_context=get_context("fork")) as pool:
            futures = [(article, kind, pool.submit(_worker_typeset, article, kind))
                       for article, kind in tasks]
            futures.reverse()
            try:
                while futures:
                    # Popped, not iterated: a done future holds its article's part and PDF
                    # (a megabyte with its fonts) for as long as anything refers to it.
                    article, kind, future = futures.pop()
                    result = future.result()
                    del future
                    yield (article, kind, *result)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)  # queued articles are dropped
                raise
    finally:
        _WORKER.clear()  # let the typesetters go with this build, not at exit


def _worker_typeset(article, kind: str) -> tuple[tuple | None, list[Problem]]:
    from ..compose.booklet import compose_article
    ts = _WORKER["ts"][kind]
    try:
        part = ts.article(article)
        standalone = compose_article(ts, ts.booklet, article, part, _WORKER["fonts"]) \
            if kind == "screen" else None
    except PressroomError as exc:
        return None, exc.problems
    return (part, standalone), []
