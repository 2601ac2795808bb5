"""Workers: the articles to typeset (each for an edition's kind of parts) in, each typeset part, with the standalone PDF of a screen article (or its problems), out, several at a time.

Screen parts serve the screen and archive editions and give each article its own
PDF; print parts (CMYK palette, images separated for the press) serve the print
edition only.

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
                     tasks: list[tuple[Article, str]], jobs: int | None):
    """Yield (article, kind, (part, standalone PDF or None) or None, problems) as each
    (article, kind) of `tasks` is typeset; kind is 'screen' or 'print'.

    The part keeps its fonts only as names (see compose.fonts.strip_fonts): the
    booklet gets its fonts at merge time, and a screen article's standalone PDF is
    composed here.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(tasks) < 2:
        _worker_init(booklet, font_files, fonts.fallbacks())
        try:
            for article, kind in tasks:
                yield (article, kind, *_worker_typeset(article, kind))
        finally:
            _WORKER.clear()  # let the typesetters go with this build, not at exit
        return
    context = get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context,
                             initializer=_worker_init,
                             initargs=(booklet, font_files, fonts.fallbacks())) as pool:
        futures = [(article, kind, pool.submit(_worker_typeset, article, kind))
                   for article, kind in tasks]
        try:
            for article, kind, future in futures:
                yield (article, kind, *future.result())
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # queued articles are dropped
            raise


def _worker_init(booklet, font_files, fallbacks):
    _WORKER.update(booklet=booklet, font_files=font_files, fallbacks=fallbacks, ts={})


def _typesetter(kind: str):
    """The worker's typesetter for a kind of parts, made on first use."""
    from ..typeset.typesetter import Typesetter
    if kind not in _WORKER["ts"]:
        _WORKER["ts"][kind] = Typesetter(_WORKER["booklet"], _WORKER["font_files"],
                                         _WORKER["fallbacks"], edition=kind)
    return _WORKER["ts"][kind]


def _worker_typeset(article, kind: str) -> tuple[tuple | None, list[Problem]]:
    from ..compose.booklet import compose_article
    from ..compose.fonts import strip_fonts
    try:
        ts = _typesetter(kind)
        part = ts.article(article)
        standalone = compose_article(ts, _WORKER["booklet"], article, part) \
            if kind == "screen" else None
    except PressroomError as exc:
        return None, exc.problems
    part.pdf = strip_fonts(part.pdf)
    return (part, standalone), []
