"""Run a build: booklet description, manuscripts, layouts and fonts → the PDFs in build/.

Everything is read and checked before anything is written; each output is written
to a temporary file and moved into place only when complete, so a failed or
interrupted build leaves the previous outputs as they were.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .booklet import compose_article, compose_booklet
from .config import Booklet, load_booklet
from .errors import BusyError, PressroomError, Problem
from .fonts import FontSet, load_fonts, missing_chars, subset_fonts
from .manuscript import Article, Figure, read_article
from .typeset import Typesetter


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
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
    problems += coverage_problems(fonts, articles)
    if problems:
        raise PressroomError(*problems)
    return Project(booklet, fonts, articles, warnings)


def resolve_figures(article: Article, root: Path, warnings: list[Problem]) -> list[Problem]:
    """Attach image files to figures; a missing image is a warning, an escape an error."""
    problems = []
    for figure in article.figures:
        if not figure.src:
            warnings.append(Problem("figure has no image file: typeset as a marked frame "
                                    "(图片待补)", article.path, figure.line, severity="warning",
                                    hint="add the image under images/ and write its path"))
            continue
        path = (article.path.parent / figure.src).resolve()
        if "://" in figure.src or not path.is_relative_to(root.resolve()):
            problems.append(Problem(f"image {figure.src!r} is outside the project",
                                    article.path, figure.line,
                                    "put the image in the article's images/ folder"))
        elif not path.is_file():
            warnings.append(Problem(f"image {figure.src!r} not found: typeset as a marked "
                                    "frame (图片待补)", article.path, figure.line,
                                    severity="warning"))
        else:
            figure.image = path
    return problems


def coverage_problems(fonts: FontSet, articles: list[Article]) -> list[Problem]:
    """Characters no face of the set can draw, each located in its manuscript."""
    problems, covered = [], {}
    for article in articles:
        missing = missing_chars(fonts, "song", article.text(), covered)
        lines = article.path.read_text(encoding="utf-8", errors="replace").splitlines()
        for char in sorted(missing):
            number = next((i for i, line in enumerate(lines, 1) if char in line), None)
            problems.append(Problem(f"character {char} (U+{ord(char):04X}) is in none of the "
                                    "fonts", article.path, number,
                                    "replace it, or add a font that has it to fonts/fonts.yml",
                                    lines[number - 1] if number else None))
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


def build(root: Path, output: Path | None = None) -> BuildResult:
    """Typeset every article, compose the booklet, and write them to build/ (or `output`)."""
    started = time.perf_counter()
    project = load_project(root, output)
    booklet = project.booklet
    with build_lock(booklet.build_dir):
        font_files = subset_fonts(project.fonts, booklet_chars(project),
                                  booklet.build_dir / ".cache" / "fonts")
        ts = Typesetter(booklet, font_files, project.fonts.fallbacks())
        parts = [(article, ts.article(article)) for article in project.articles]
        composition = compose_booklet(ts, booklet, project.fonts, parts)
        outputs = {booklet.build_dir / "articles" / f"{a.slug}.pdf":
                   compose_article(ts, booklet, a, p) for a, p in parts}
        outputs[booklet.build_dir / "booklet.pdf"] = composition.pdf
        for path, data in outputs.items():
            write_atomic(path, data)
    warnings = project.warnings + composition.warnings
    return BuildResult(list(outputs), warnings, composition.pages,
                       time.perf_counter() - started)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


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
                                    build_dir, hint="wait for it to finish, then try again")
                            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

