"""Figures: a manuscript's image references in, image files attached (or a located problem) out.

A missing image is a warning (the figure is set as a marked 图片待补 frame); an
address, a path that leaves manuscripts/ (symbolic links followed) or a damaged
file is an error.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from ..exceptions import Problem
from .manuscript import Article


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
    from PIL import Image  # only when a manuscript has an image
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
