"""Figures: a manuscript's image references in, image files attached (or a located problem) out.

A missing image is a warning (the figure is set as a marked 图片待补 frame); an
address, a path that leaves manuscripts/ (symbolic links followed) or a damaged
file is an error.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from ..exceptions import Problem
from ..text.suggest import closest, closest_file
from .manuscript import Article

LISTED_FILES = 8  # a folder with up to this many files has them named in the message


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
            warnings.append(missing_image(figure.src, path, root.resolve(), *where))
        elif problem := _image_problem(path, *where):
            problems.append(problem)
        else:
            figure.image = path
    return problems


def missing_image(src: str, path: Path, root: Path, manuscript: Path, line: int) -> Problem:
    """An image that is not there, said with the folder looked in and how to fix it: the
    file of a similar name there (did you mean), else the files there when few."""
    folder = path.parent
    shown = f"{folder.relative_to(root).as_posix()}/"
    message = f"image {src!r} not found in {shown}: typeset as a marked frame (图片待补)"
    written_dir = src.rpartition("/")[0]
    if not folder.is_dir():
        near = closest(folder.name, _entries(folder.parent, dirs=True))
        guess = near and closest_file(path.name, _entries(folder.parent / near))
        if guess:
            fixed = "/".join(filter(None, [written_dir.rpartition("/")[0], near, guess]))
            hint = f"did you mean '{fixed}'? correct the path in the manuscript"
        else:
            hint = f"there is no folder {shown}: create it and put the image there, or " \
                "correct the path"
        return Problem(message, manuscript, line, hint, severity="warning",
                       rule="image-missing")
    files = _entries(folder)
    guess = closest_file(path.name, files)
    if guess:
        fixed = f"{written_dir}/{guess}" if written_dir else guess
        hint = f"did you mean '{fixed}'? correct the path in the manuscript"
    else:
        hint = "put the image there, or correct the path in the manuscript"
    if not files:
        hint += f" ({shown} is empty)"
    elif len(files) <= LISTED_FILES:
        hint += f" (files there: {', '.join(files)})"
    return Problem(message, manuscript, line, hint, severity="warning", rule="image-missing")


def _entries(folder: Path, dirs: bool = False) -> list[str]:
    """The visible files (or folders) of `folder`, sorted; none when it is no folder."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if not p.name.startswith((".", "~$")) and (p.is_dir() if dirs else p.is_file()))


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
