"""Loading a project: its folder in, every input read and validated into one `Project` (or one error listing every problem).

This is the first stage of every command that typesets: build, check, watch and
the editions all start from `load_project`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import PressroomError, Problem
from ..files import DigestMemo
from ..text.locate import file_lines, line_holding
from .config import Booklet, load_booklet
from .figures import resolve_figures
from .fonts import FontSet, load_fonts, missing_chars
from .manuscript import Article, read_article


@dataclass
class Project:
    """Everything a build reads, loaded and validated."""

    booklet: Booklet
    fonts: FontSet
    articles: list[Article]
    warnings: list[Problem] = field(default_factory=list)
    # what load learnt about the font files (digests, usable, coverage); the build saves it
    # once it has made the cache folder, so that the next command need not read the fonts
    memo: DigestMemo | None = field(default=None, repr=False, compare=False)


def load_project(root: Path, output: Path | None = None) -> Project:
    """Read every input; raise one error listing every problem found."""
    booklet = load_booklet(root)
    booklet.output = output.resolve() if output else None
    memo = DigestMemo(booklet.build_dir / ".cache" / "digests.json")
    fonts = load_fonts(booklet.fonts_dir, memo=memo)
    articles, problems, warnings = [], [], list(booklet.warnings)
    for slug in booklet.articles:
        try:
            articles.append(read_article(booklet.article_path(slug)))
        except PressroomError as exc:
            problems += exc.problems
    for article in articles:
        warnings += article.warnings
        problems += resolve_figures(article, booklet.root, warnings)
    problems += coverage_problems(fonts, articles, booklet, memo)
    if problems:
        raise PressroomError(*problems)
    if memo.path.parent.is_dir():  # a cache the build made; never created just for this
        memo.save()
    return Project(booklet, fonts, articles, warnings, memo)


def coverage_problems(fonts: FontSet, articles: list[Article], booklet: Booklet | None = None,
                      memo: DigestMemo | None = None) -> list[Problem]:
    """Characters no face of the set can draw, each located in its manuscript (or in the
    booklet description, whose text the cover, contents and colophon print). A set of
    characters found covered is remembered (by `memo`, on the font manifest) until the
    manifest changes, so an unchanged project does not read the fonts again."""
    problems, covered = [], {}
    sources = [(article.path, article.text()) for article in articles]
    if booklet is not None:
        sources.append((booklet.path, "".join([
            booklet.title, booklet.subtitle, booklet.compiler, booklet.subject,
            *booklet.keywords, *booklet.colophon.keys(), *booklet.colophon.values()])))
    chars = "".join(sorted(set("".join(text for _, text in sources))))
    fact = "covers-" + hashlib.sha256(chars.encode()).hexdigest()[:20]
    if memo is not None and memo.marked(fonts.manifest, fact):
        return []
    for path, text in sources:
        missing = missing_chars(fonts, "song", text, covered)
        lines = file_lines(path)
        for char in sorted(missing):
            number = line_holding(lines, char)
            problems.append(Problem(f"character {char} (U+{ord(char):04X}) is in none of the "
                                    "fonts", path, number,
                                    "replace it, or add a font that has it to fonts/fonts.yml",
                                    lines[number - 1] if number else None, rule="char-missing"))
    if memo is not None and not problems:
        memo.mark(fonts.manifest, fact, replaces="covers-")
    return problems


def booklet_chars(project: Project) -> str:
    """Every character any document of the booklet may print, for the shared font subset."""
    return document_chars(project.booklet, project.fonts, project.articles)


def document_chars(booklet, fonts, articles) -> str:
    """Every character a document with these articles may print (the booklet's own
    strings, the faces' roles and the layouts' words included): the booklet's subsets
    take all articles, an article's own PDF its own (so that it depends on that article
    alone, not on what the others hold)."""
    texts = [a.text() for a in articles]
    texts += [booklet.title, booklet.subtitle, booklet.compiler, booklet.subject,
              "".join(booklet.keywords), "".join(booklet.colophon.keys()),
              "".join(booklet.colophon.values())]
    texts += [face.role + face.family for face in fonts.faces.values()]
    for template in sorted(booklet.layouts_dir.glob("*")):
        if template.is_file():
            texts.append(template.read_text(encoding="utf-8", errors="ignore"))
    texts.append("0123456789年月日第页编原刊")
    return "".join(texts)
