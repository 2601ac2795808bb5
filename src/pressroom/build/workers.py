"""Workers: the articles to typeset in, each article's typeset part and standalone PDF (or its problems) out, several at a time.

Workers are forked, so they inherit the imported modules and the loaded project:
starting one costs milliseconds, not the half second of importing WeasyPrint again.
An article that fails gives its problems; the others are still typeset, so one run
reports every article's errors.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from ..exceptions import PressroomError, Problem
from ..project.manuscript import Article

_WORKER = {}


def typeset_articles(ts, articles: list[Article], jobs: int | None):
    """Yield (article, (part, standalone PDF) or None, problems) as each is typeset with
    the typesetter `ts` (made once, before the workers are forked, so they inherit it).

    The part keeps its fonts only as names (see typeset.part.strip_fonts): the
    booklet gets its fonts at merge time, and the standalone article PDF is composed here.
    """
    jobs = jobs or os.cpu_count() or 1
    _WORKER["ts"] = ts
    try:
        if jobs == 1 or len(articles) < 2:
            for article in articles:
                yield (article, *_worker_typeset(article))
            return
        with ProcessPoolExecutor(max_workers=min(jobs, len(articles)),
                                 mp_context=get_context("fork")) as pool:
            futures = [(article, pool.submit(_worker_typeset, article)) for article in articles]
            try:
                for article, future in futures:
                    yield (article, *future.result())
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)  # queued articles are dropped
                raise
    finally:
        _WORKER.clear()  # let the typesetter go with this build, not at exit


def _worker_typeset(article) -> tuple[tuple | None, list[Problem]]:
    from ..compose.booklet import compose_article
    ts = _WORKER["ts"]
    try:
        part = ts.article(article)
        standalone = compose_article(ts, ts.booklet, article, part)
    except PressroomError as exc:
        return None, exc.problems
    return (part, standalone), []
