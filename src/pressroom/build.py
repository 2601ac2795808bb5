"""Run a build: booklet description, manuscripts, layouts and fonts → the PDFs in build/.

Everything is read and checked before anything is written; each output is written
to a temporary file and moved into place only when complete, so a failed or
interrupted build leaves the previous outputs as they were. Typeset articles are
cached by the content of what they are made from (see cache.py), so a rebuild
typesets only the articles an edit touched, several at a time.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from PIL import Image

from . import __version__
from .cache import Cache, article_key, project_key
from .checksums import update_checksums
from .config import Booklet, load_booklet
from .edition import compose_editions, edition_key, edition_paths, refuse_unaudited
from .errors import BusyError, PressroomError, Problem
from .files import write_atomic
from .fonts import FontSet, load_fonts, missing_chars, subset_fonts
from .manuscript import Article, read_article

Progress = Callable[[str, dict], None]

# Set by the CLI's Ctrl-C handler (see interrupts()). A KeyboardInterrupt raised at an
# arbitrary moment can be swallowed by a C callback inside WeasyPrint and the build
# would carry on and write; the build instead stops at its next checkpoint, always
# before anything is written.
INTERRUPTED = threading.Event()


def checkpoint() -> None:
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt


@contextmanager
def interrupts():
    """Ctrl-C asks the build to stop at its next checkpoint; a second Ctrl-C stops at once."""
    def handler(signum, frame):
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt
        INTERRUPTED.set()

    INTERRUPTED.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        INTERRUPTED.clear()


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # outputs whose bytes changed
    typeset: list[str] = field(default_factory=list)  # slugs typeset by this build
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0


@dataclass
class Project:
    """Everything a build reads, loaded and validated."""

    booklet: Booklet
    fonts: FontSet
    articles: list[Article]
    warnings: list[Problem] = field(default_factory=list)


def load_project(root: Path, output: Path | None = None) -> Project:
    """Read every input; raise one error listing every problem found."""
    booklet = load_booklet(root)
    booklet.output = output.resolve() if output else None
    fonts = load_fonts(booklet.fonts_dir)
    articles, problems, warnings = [], [], []
    for slug in booklet.articles:
        try:
            articles.append(read_article(booklet.article_path(slug)))
        except PressroomError as exc:
            problems += exc.problems
    for article in articles:
        problems += resolve_figures(article, booklet.root, warnings)
    problems += coverage_problems(fonts, articles, booklet)
    if problems:
        raise PressroomError(*problems)
    return Project(booklet, fonts, articles, warnings)


def resolve_figures(article: Article, root: Path, warnings: list[Problem]) -> list[Problem]:
    """Attach image files to figures: a missing image is a warning; an address, a path out
    of manuscripts/ (symbolic links followed) or a damaged file is an error."""
    problems = []
    manuscripts = root.resolve() / "manuscripts"
    for figure in article.figures:
        where = (article.path, figure.line)
        if not figure.src:
            warnings.append(Problem("figure has no image file: typeset as a marked frame "
                                    "(图片待补)", *where, severity="warning",
                                    hint="add the image under images/ and write its path",
                                    rule="figure-placeholder"))
            continue
        path = (article.path.parent / figure.src).resolve()
        if urlparse(figure.src).scheme or "://" in figure.src:
            problems.append(Problem(f"image {figure.src!r} is an address, not a file of the "
                                    "project; nothing was fetched", *where,
                                    "put the image in the article's images/ folder",
                                    rule="resource-url"))
        elif not path.is_relative_to(manuscripts):
            problems.append(Problem(f"image {figure.src!r} leads outside manuscripts/ (to "
                                    f"{path})", *where, "put the image in the article's "
                                    "images/ folder, not a link to elsewhere", rule="path-escape"))
        elif not path.is_file():
            warnings.append(Problem(f"image {figure.src!r} not found: typeset as a marked "
                                    "frame (图片待补)", *where, severity="warning",
                                    rule="image-missing"))
        elif problem := _image_problem(path, *where):
            problems.append(problem)
        else:
            figure.image = path
    return problems


def _image_problem(path: Path, manuscript: Path, line: int) -> Problem | None:
    """An image Pillow cannot decode in full (damaged, truncated, not an image)."""
    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            image.load()  # verify() does not notice truncated data
    except Exception as exc:  # Pillow raises many kinds; the file is unusable either way
        return Problem(f"image {path.name} cannot be read ({type(exc).__name__}: {exc})",
                       manuscript, line, "replace it with a JPEG or PNG that opens",
                       rule="image-unreadable")
    return None


def coverage_problems(fonts: FontSet, articles: list[Article],
                      booklet: Booklet | None = None) -> list[Problem]:
    """Characters no face of the set can draw, each located in its manuscript (or in the
    booklet description, whose text the cover, contents and colophon print)."""
    problems, covered = [], {}
    sources = [(article.path, article.text()) for article in articles]
    if booklet is not None:
        sources.append((booklet.path, "".join([
            booklet.title, booklet.subtitle, booklet.compiler, booklet.subject,
            *booklet.keywords, *booklet.colophon.keys(), *booklet.colophon.values()])))
    for path, text in sources:
        missing = missing_chars(fonts, "song", text, covered)
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        for char in sorted(missing):
            number = next((i for i, line in enumerate(lines, 1) if char in line), None)
            problems.append(Problem(f"character {char} (U+{ord(char):04X}) is in none of the "
                                    "fonts", path, number,
                                    "replace it, or add a font that has it to fonts/fonts.yml",
                                    lines[number - 1] if number else None, rule="char-missing"))
    return problems


def booklet_chars(project: Project) -> str:
    """Every character any document of the booklet may print, for the shared font subset."""
    booklet = project.booklet
    texts = [a.text() for a in project.articles]
    texts += [booklet.title, booklet.subtitle, booklet.compiler, booklet.subject,
              "".join(booklet.keywords), "".join(booklet.colophon.keys()),
              "".join(booklet.colophon.values())]
    texts += [face.role + face.family for face in project.fonts.faces.values()]
    for template in sorted(booklet.layouts_dir.glob("*")):
        if template.is_file():
            texts.append(template.read_text(encoding="utf-8", errors="ignore"))
    texts.append("0123456789年月日第页编原刊")
    return "".join(texts)


def build(root: Path, output: Path | None = None, *, force: bool = False,
          jobs: int | None = None, progress: Progress | None = None,
          editions: tuple[str, ...] = ("screen",), embed_sources: bool = False) -> BuildResult:
    """Typeset what changed, compose the booklet in the asked editions (screen, print,
    archive; see edition.py), and write outputs to build/ (or `output`)."""
    started = time.perf_counter()
    notify = progress or (lambda event, data: None)
    project = load_project(root, output)
    checkpoint()
    booklet = project.booklet
    if "archive" in editions:
        refuse_unaudited(booklet.root)
    with build_lock(booklet.build_dir):
        cache = Cache(booklet.build_dir / ".cache")
        keys = {a.slug: article_key(a, project, __version__) for a in project.articles}
        whole = edition_key(project_key(keys, project, __version__), project.articles,
                            editions, embed_sources)
        outputs = edition_paths(booklet.build_dir, [a.slug for a in project.articles],
                                editions)
        if not force and cache.outputs_current(whole, outputs):
            notify("up-to-date", {})
            update_checksums(booklet.build_dir, outputs)
            return BuildResult(outputs, [], [], project.warnings, cache.pages(whole),
                               time.perf_counter() - started)
        result = _run(project, cache, keys, whole, outputs, force, jobs, notify,
                      editions, embed_sources)
        update_checksums(booklet.build_dir, outputs)
    result.seconds = time.perf_counter() - started
    return result


def _run(project, cache, keys, whole, outputs, force, jobs, notify, editions=("screen",),
         embed_sources=False) -> BuildResult:
    from .booklet import compose_booklet
    from .typeset import Typesetter
    booklet = project.booklet
    font_files = subset_fonts(project.fonts, booklet_chars(project), cache.root / "fonts")
    stale = [a for a in project.articles if force or not cache.has_part(keys[a.slug])]
    notify("plan", {"total": len(project.articles), "typeset": len(stale)})
    for article, part, standalone in typeset_articles(booklet, project.fonts, font_files,
                                                      stale, jobs):
        cache.store_part(keys[article.slug], part, standalone)
        notify("typeset", {"slug": article.slug, "pages": part.pages})
        checkpoint()
    parts = [(a, cache.load_part(keys[a.slug])) for a in project.articles]
    ts = Typesetter(booklet, font_files, project.fonts.fallbacks(),
                    doc_cache=cache.root / "docs")
    composition = compose_booklet(ts, booklet, project.fonts, parts)
    data = {booklet.build_dir / "articles" / f"{article.slug}.pdf":
            cache.load_standalone(keys[article.slug]) for article, _ in parts}
    data[booklet.build_dir / "booklet.pdf"] = composition.pdf
    data.update(compose_editions(project, font_files, parts, data, editions, embed_sources))
    data = {path: content for path, content in data.items() if path in outputs}
    checkpoint()  # the last moment a Ctrl-C is honoured: after it, every output is written
    written = [path for path, content in data.items() if write_if_changed(path, content)]
    cache.record_outputs(whole, data, composition.pages)
    cache.prune(set(keys.values()), font_files)
    notify("composed", {"pages": composition.pages})
    warnings = project.warnings + composition.warnings + \
        [w for _, part in parts for w in part.warnings]
    return BuildResult(outputs, written, [a.slug for a in stale], warnings, composition.pages)


def typeset_articles(booklet: Booklet, fonts: FontSet, font_files: dict[str, Path],
                     articles: list[Article], jobs: int | None):
    """Yield (article, part, standalone PDF) as each is typeset; in parallel when it pays.

    The part keeps its fonts only as names (see embedding.strip_fonts): the booklet
    gets its fonts at merge time, and the standalone article PDF is composed here.
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
    # fork: workers inherit the imported modules and the loaded project, so starting
    # one costs milliseconds, not the half second of importing WeasyPrint again.
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


_WORKER = {}


def _worker_init(booklet, font_files, fallbacks):
    from .typeset import Typesetter
    _WORKER["ts"] = Typesetter(booklet, font_files, fallbacks)
    _WORKER["booklet"] = booklet


def _worker_typeset(article):
    from .booklet import compose_article
    from .embedding import strip_fonts
    ts = _WORKER["ts"]
    part = ts.article(article)
    standalone = compose_article(ts, _WORKER["booklet"], article, part)
    part.pdf = strip_fonts(part.pdf)
    return part, standalone


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically unless the file already holds exactly these bytes."""
    try:
        if path.stat().st_size == len(data) and \
                hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest():
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True


@contextmanager
def build_lock(build_dir: Path):
    """One build at a time per project; a second one is refused, not queued."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock_path = build_dir / ".lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(Problem("another pressroom build is running in this project",
                                    build_dir, hint="wait for it to finish, then try again",
                                    rule="busy")) from None
        remove_stale_temporaries(build_dir)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_temporaries(build_dir: Path) -> None:
    """Half-written outputs of a build that was killed (under the lock, no build writes;
    the cache, where `check` may be writing, is left alone)."""
    for tmp in [*build_dir.glob(".*.tmp"), *build_dir.glob("*/.*.tmp")]:
        if tmp.parent.name != ".cache":
            tmp.unlink(missing_ok=True)
