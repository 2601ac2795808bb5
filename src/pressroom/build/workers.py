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
from pathlib import Path

from ..exceptions import PressroomError, Problem
from ..project.config import Booklet
from ..project.fonts import FontSet
from ..project.manuscript import Article

_WORKER = {}


def typeset_articles(booklet: Booklet, fonts: FontSet, font_files: dict[str, Path],
                     articles: list[Article], jobs: int | None):
    """Yield (article, (part, standalone PDF) or None, problems) as each is typeset.

    The part keeps its fonts only as names (see compose.fonts.strip_fonts): the
    booklet gets its fonts at merge time, and the standalone article PDF is composed here.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(articles) < 2:
        _worker_init(booklet, font_files, fonts.fallbacks())
        try:
            for article in articles:
                yield (article, *_worker_typeset(article))
        finally:
            _WORKER.clear()  # let the typesetter go with this build, not at exit
        return
    context = get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(articles)), mp_context=context,
                             initializer=_worker_init,
                             initargs=(booklet, font_files, fonts.fallbacks())) as pool:
        futures = [(article, pool.submit(_worker_typeset, article)) for article in articles]
        try:
            for article, future in futures:
                yield (article, *future.result())
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # queued articles are dropped
            raise


def _worker_init(booklet, font_files, fallbacks):
    from ..typeset.typesetter import Typesetter
    _WORKER["ts"] = Typesetter(booklet, font_files, fallbacks)
    _WORKER["booklet"] = booklet


def _worker_typeset(article) -> tuple[tuple | None, list[Problem]]:
    from ..compose.booklet import compose_article
    from ..compose.fonts import strip_fonts
    ts = _WORKER["ts"]
    try:
        part = ts.article(article)
        standalone = compose_article(ts, _WORKER["booklet"], article, part)
    except PressroomError as exc:
        return None, exc.problems
    part.pdf = strip_fonts(part.pdf)
    return (part, standalone), []
