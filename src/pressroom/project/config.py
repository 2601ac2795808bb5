"""Load the booklet description (manuscripts/booklet.yml) into one validated, typed object.

Every problem is collected and reported together, each with its file, line and key.
The `print` key names the print shop's colour profile (checked here: a file of the
project, an ICC output profile in CMYK), which the print edition is separated for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..exceptions import ConfigError, Problem, display_path
from ..text.suggest import closest
from .yamlfile import Field, child, key_lines, parse_date, parse_yaml, validate

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0),
                 "16K": (185.0, 260.0)}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass
class Layout:
    """Page geometry and type sizes shared by every article."""

    page_size: str = "A4"
    columns: int = 3
    body_size: float = 10.0  # pt
    line_height: float = 1.65  # times the body size
    margin_top: float = 16.0  # mm
    margin_bottom: float = 20.0
    margin_side: float = 17.0
    column_gap_min: float = 4.0  # mm

    @property
    def page_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.page_size.upper()]

    def column_chars(self) -> int:
        """Characters per column line: the column is a whole multiple of the body size."""
        width_pt = mm_to_pt(self.page_mm[0] - 2 * self.margin_side)
        gap_pt = mm_to_pt(self.column_gap_min)
        return int((width_pt - (self.columns - 1) * gap_pt) / (self.columns * self.body_size))

    @property
    def column_width_pt(self) -> float:
        return self.column_chars() * self.body_size

    @property
    def column_gap_pt(self) -> float:
        width_pt = mm_to_pt(self.page_mm[0] - 2 * self.margin_side)
        if self.columns == 1:
            return 0.0
        return (width_pt - self.columns * self.column_width_pt) / (self.columns - 1)


@dataclass
class PrintSettings:
    """booklet.yml's `print` key: the printing condition the print edition is made for."""

    profile: Path | None = None  # the print shop's ICC profile; None: the shipped one
    condition_id: str | None = None  # OutputConditionIdentifier (e.g. JC200103); else Custom
    condition: str | None = None  # the printing condition in words; else the description
    image_intent: str = "relative"  # relative (colorimetric + BPC) | perceptual


@dataclass
class Booklet:
    """The booklet as described by its editors."""

    root: Path
    path: Path
    title: str
    subtitle: str
    compiler: str
    date: dt.date
    articles: list[str]
    language: str = "zh-CN"
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    colophon: dict[str, str] = field(default_factory=dict)
    layout: Layout = field(default_factory=Layout)
    printing: PrintSettings = field(default_factory=PrintSettings)
    output: Path | None = None  # where outputs go; build/ in the project by default
    warnings: list[Problem] = field(default_factory=list)  # e.g. articles not listed

    @property
    def manuscripts_dir(self) -> Path:
        return self.root / "manuscripts"

    @property
    def layouts_dir(self) -> Path:
        return self.root / "layouts"

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    @property
    def build_dir(self) -> Path:
        return self.output or self.root / "build"

    def article_path(self, slug: str) -> Path:
        return self.manuscripts_dir / slug / "article.md"

    @property
    def unlisted(self) -> list[str]:
        """Manuscript folders not listed under `articles`: new articles, before listing."""
        return [slug for slug in manuscript_folders(self.manuscripts_dir)
                if slug not in self.articles]

    def unlisted_notices(self, skipped: str, alone: str) -> list[Problem]:
        """One warning per unlisted manuscript for a command that covers the booklet's
        articles only: what it `skipped`, and how to run it on that article `alone`
        ({slug} and {path} are filled in)."""
        return [Problem(f"not in the booklet yet (not listed under 'articles'), so not "
                        f"{skipped}", self.article_path(slug),
                        hint=alone.format(slug=slug, path=display_path(self.article_path(slug)))
                        + f"; when it is ready, add '- {slug}' to articles in "
                          "manuscripts/booklet.yml", severity="warning", rule="article-unlisted")
                for slug in self.unlisted]


def mm_to_pt(mm: float) -> float:
    return mm * 72 / 25.4


BOOKLET_FIELDS = {
    "title": Field(str, required=True),
    "subtitle": Field(str, default=""),
    "compiler": Field(str, required=True),
    "date": Field((str, int, dt.date), required=True),  # checked by parse_date
    "articles": Field(list, required=True),
    "language": Field(str, default="zh-CN"),
    "subject": Field(str, default=""),
    "keywords": Field(list, default=[]),
    "colophon": Field(dict, default={}),
    "layout": Field(dict, default={}),
    "print": Field(dict, default={}),
}

LAYOUT_FIELDS = {
    "page_size": Field(str, default="A4", check=lambda v: None if v.upper() in PAGE_SIZES_MM
                       else f"unknown page size {v!r}; use one of {', '.join(PAGE_SIZES_MM)}"),
    "columns": Field(int, default=3, check=lambda v: None if 1 <= v <= 5
                     else "columns must be between 1 and 5"),
    "body_size": Field((int, float), default=10.0, unit="pt", check=lambda v: None if
                       7 <= v <= 14 else "body_size must be between 7 and 14 pt"),
    "line_height": Field((int, float), default=1.65, check=lambda v: None if 1.2 <= v <= 2.2
                         else "line_height must be between 1.2 and 2.2"),
    "margin_top": Field((int, float), default=16.0, unit="mm"),
    "margin_bottom": Field((int, float), default=20.0, unit="mm"),
    "margin_side": Field((int, float), default=17.0, unit="mm"),
    "column_gap_min": Field((int, float), default=4.0, unit="mm"),
}


PRINT_FIELDS = {
    "profile": Field(str, check=lambda v: None if v.strip() else "profile is empty"),
    "condition_id": Field(str, check=lambda v: None if re.fullmatch(r"[\x21-\x7e]{1,64}", v)
                          else "condition_id is a registry name such as JC200103 or FOGRA39 "
                               "(ASCII, no spaces)"),
    "condition": Field(str),
    "image_intent": Field(str, default="relative",
                          check=lambda v: None if v in ("relative", "perceptual") else
                          f"unknown image_intent {v!r}; use relative or perceptual"),
}
MAX_PROFILE_BYTES = 16 * 1024 * 1024
BOOKLET_KEYS = {*BOOKLET_FIELDS, *LAYOUT_FIELDS, *PRINT_FIELDS}  # at any level of the file


def load_booklet(root: Path) -> Booklet:
    """Read and validate manuscripts/booklet.yml of the project at `root`."""
    root = root.resolve()
    path = root / "manuscripts" / "booklet.yml"
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM is harmless
    except FileNotFoundError:
        raise ConfigError(Problem("booklet description not found", path,
                                  hint="create manuscripts/booklet.yml (see README)",
                                  rule="booklet-missing")) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(Problem(f"not UTF-8 ({exc.reason})", path,
                                  hint="save the file as UTF-8", rule="encoding")) from None
    data, node = parse_yaml(text, path, keys=BOOKLET_KEYS)
    values, problems = validate(data, BOOKLET_FIELDS, path, node)
    lines = key_lines(node)
    layout_node = child(node, "layout")
    layout_values, layout_problems = validate(values.get("layout") or {}, LAYOUT_FIELDS, path,
                                              layout_node, what="layout key")
    problems += layout_problems
    printing, print_problems = _print_settings(values.get("print") or {}, root, path,
                                               child(node, "print"))
    problems += print_problems
    date = values.get("date")
    if date is not None:
        written = getattr(child(node, "date"), "value", None)
        date, problem = parse_date(date, path, lines.get("date"), written, day=True)
        problems += [problem] if problem else []
    colophon, colophon_problems = _colophon(child(node, "colophon"), path)
    keywords, keyword_problems = _keywords(child(node, "keywords"), path)
    problems += colophon_problems + keyword_problems
    articles = values.get("articles") or []
    problems += _check_articles(articles, root, path, child(node, "articles"))
    warnings = [p for p in problems if p.severity == "warning"]
    problems = [p for p in problems if p.severity != "warning"]
    if problems:
        raise ConfigError(*problems)
    return Booklet(root=root, path=path, title=values["title"], subtitle=values["subtitle"],
                   compiler=values["compiler"], date=date, articles=list(articles),
                   language=values["language"], subject=values["subject"],
                   keywords=keywords, colophon=colophon,
                   layout=Layout(**layout_values), printing=printing, warnings=warnings)


def _print_settings(data: dict, root: Path, path: Path, node) -> tuple[PrintSettings,
                                                                         list[Problem]]:
    """The `print` key: its values checked, the profile read and checked as a CMYK output
    profile; every problem at the line of its key."""
    values, problems = validate(data, PRINT_FIELDS, path, node, what="print key")
    lines = key_lines(node)
    settings = PrintSettings(condition_id=values.get("condition_id"),
                             condition=values.get("condition"),
                             image_intent=values.get("image_intent") or "relative")
    if values.get("profile") is None:
        for key in ("condition_id", "condition"):
            if values.get(key):
                problems.append(Problem(f"print: {key} names the condition of a profile, but "
                                        "no profile is given", path, lines.get(key),
                                        "add print: profile: (the print shop's .icc file), or "
                                        f"remove {key}: the shipped profile is FOGRA39",
                                        rule="bad-value"))
        return settings, problems
    line = lines.get("profile")
    where = (path, line)
    text = values["profile"].strip()
    profile = (root / text).resolve()
    if "://" in text:
        problems.append(Problem(f"print profile {text!r} is an address, not a file of the "
                                "project", *where, "put the .icc file in the project (e.g. "
                                "profiles/) and write its path", rule="resource-url"))
    elif not profile.is_relative_to(root):
        problems.append(Problem(f"print profile {text!r} leads outside the project (to "
                                f"{profile})", *where, "copy the .icc file into the project "
                                "(e.g. profiles/)", rule="path-escape"))
    elif not profile.is_file():
        problems.append(Problem(f"print profile {text!r} not found (paths are relative to the "
                                "project folder)", *where, "put the print shop's .icc file "
                                "there, or correct the path", rule="print-profile"))
    else:
        from ..colour.icc import ProfileError, read_icc, require_cmyk_output
        try:
            if profile.stat().st_size > MAX_PROFILE_BYTES:
                raise ProfileError(f"it is {profile.stat().st_size // 1048576} MB, larger "
                                   "than any ICC profile")
            require_cmyk_output(read_icc(profile.read_bytes()))
        except (OSError, ProfileError) as exc:
            problems.append(Problem(f"print profile {text!r} cannot be used: {exc}", *where,
                                    "ask the print shop for their CMYK output profile (.icc), "
                                    "or remove the print key to use the shipped FOGRA39 one",
                                    rule="print-profile"))
        else:
            settings.profile = profile
    return settings, problems


def _colophon(node, path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The colophon's lines (`项目: 内容`), each checked to be one line of text."""
    texts: dict[str, str] = {}
    problems = []
    for name, value in node.value if isinstance(node, yaml.MappingNode) else []:
        line = name.start_mark.line + 1
        label = f"colophon line '{getattr(name, 'value', '')}'"
        text, problem = _one_line(value, label, path, line,
                                  f"{getattr(name, 'value', '版次')}: 内部资料，非卖品")
        if problem:
            problems.append(problem)
        elif not isinstance(name, yaml.ScalarNode) or not name.value.strip():
            problems.append(Problem("a colophon line needs a name before its colon", path,
                                    line, "write 项目: 内容, such as 版次: 2026年11月第1版",
                                    rule="bad-value"))
        elif name.value in texts:
            problems.append(Problem(f"{label} is written twice", path, line,
                                    "keep one of them", rule="duplicate-key"))
        else:
            texts[name.value] = text
    return texts, problems


def _keywords(node, path: Path) -> tuple[list[str], list[Problem]]:
    """The keywords, each checked to be one word or phrase."""
    words, problems = [], []
    for k, value in enumerate(node.value if isinstance(node, yaml.SequenceNode) else [], 1):
        text, problem = _one_line(value, f"keyword {k}", path, value.start_mark.line + 1,
                                  "keywords: [党建引领, 普惠金融]")
        problems += [problem] if problem else []
        words += [text] if text else []
    return words, problems


def _one_line(node, label: str, path: Path, line: int,
              example: str) -> tuple[str | None, Problem | None]:
    """A value printed as written: text, or a number or date in the form the editor wrote
    it (01, 2026-11-23). A list or mapping would print as Python syntax ([1, 2]) and an
    empty value as None: both are refused at their line."""
    if not isinstance(node, yaml.ScalarNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        return None, Problem(f"{label} is {kind}; it must be one line of text", path, line,
                             f"write the text as it should print: {example} (in quotes "
                             "if it starts with [ or {)", rule="wrong-type")
    if node.tag.endswith(":null") or not node.value.strip():
        return None, Problem(f"{label} is empty", path, line,
                             "write its text, or remove it", rule="empty-value")
    return node.value.strip(), None


def manuscript_folders(manuscripts: Path) -> list[str]:
    """The slugs of manuscripts/: its folders that hold an article.md."""
    return sorted(p.parent.name for p in manuscripts.glob("*/article.md")
                  if SLUG.match(p.parent.name))


def _check_articles(articles: list, root: Path, path: Path, node) -> list[Problem]:
    problems = []
    item_lines = [n.start_mark.line + 1 for n in node.value] if isinstance(
        node, yaml.SequenceNode) else []
    manuscripts = root / "manuscripts"
    folders = manuscript_folders(manuscripts)
    seen: dict[str, int] = {}
    suggested: set[str] = set()  # a folder named for a misspelt slug is not also "unlisted"
    for i, slug in enumerate(articles):
        line = item_lines[i] if i < len(item_lines) else None
        guess, fix, near = ("", "", None) if slug in folders else \
            _slug_guess(slug, articles, item_lines, folders, manuscripts)
        suggested.update([near] if near else [])
        if not isinstance(slug, str) or not SLUG.match(slug):
            problems.append(Problem(f"article {slug!r} is not a slug", path, line,
                                    f"{guess}use lower-case letters, digits and hyphens",
                                    rule="bad-slug"))
            continue
        if slug in seen:
            problems.append(Problem(f"article '{slug}' is listed twice (first on line "
                                    f"{seen[slug]})", path, line, "remove one of them",
                                    rule="duplicate-article"))
            continue
        seen[slug] = line or 0
        if slug not in folders:
            problems.append(Problem(f"article '{slug}' has no manuscripts/{slug}/article.md",
                                    path, line, fix, rule="article-missing"))
    for slug in folders:
        if slug not in seen and slug not in suggested:
            problems.append(Problem(f"manuscripts/{slug}/article.md is not listed under "
                                    "'articles'; it is not in the booklet", path, None,
                                    f"when it is ready, add '- {slug}' to articles "
                                    f"(or import with --add)", severity="warning",
                                    rule="article-unlisted"))
    if not articles:
        problems.append(Problem("'articles' lists no article", path, None, rule="no-articles"))
    return problems


def _slug_guess(slug, articles: list, item_lines: list[int], folders: list[str],
                manuscripts: Path) -> tuple[str, str, str | None]:
    """What a slug without its manuscript may have meant, from the folders of manuscripts/:
    an article folder not listed yet first, else any folder (one listed already, one
    without article.md yet). Gives the guess ("did you mean 'x'? "), the whole fix for a
    missing article, and the unlisted folder meant, if that."""
    written = str(slug).lower()
    plain = "create it or remove the line"
    unlisted = [f for f in folders if f not in articles]
    near = closest(written, unlisted)
    if near:
        return f"did you mean '{near}'? ", f"did you mean '{near}'? otherwise {plain}", near
    others = [p.name for p in manuscripts.iterdir() if p.is_dir() and p.name != slug and
              not p.name.startswith(".")] if manuscripts.is_dir() else []
    near = closest(written, others)
    if not near:
        return "", plain, None
    guess = f"did you mean '{near}'? "
    if near in articles:
        where = articles.index(near)
        line = f" on line {item_lines[where]}" if where < len(item_lines) else ""
        return guess, f"{guess}it is listed already{line}: remove this line", None
    return guess, (f"{guess}manuscripts/{near}/ has no article.md yet: import its source "
                   f"with pressroom import --slug {near}; otherwise {plain}"), None


def with_article(text: str, slug: str, path: Path) -> str:
    """booklet.yml's text with `slug` appended to its articles, the rest left as written."""
    data, node = parse_yaml(text, path, keys=BOOKLET_KEYS)
    articles = child(node, "articles")
    if isinstance(articles, yaml.SequenceNode) and articles.flow_style:
        end = articles.end_mark.index - 1  # the closing ]
        sep = ", " if articles.value else ""
        return text[:end].rstrip() + sep + slug + text[end:]
    if isinstance(articles, yaml.SequenceNode) and articles.value:
        last = articles.value[-1]
        line_end = text.find("\n", last.end_mark.index)
        line_end = len(text) if line_end == -1 else line_end
        dash = text.rfind("-", 0, last.start_mark.index)
        prefix = text[text.rfind("\n", 0, dash) + 1:dash]
        return text[:line_end] + f"\n{prefix}- {slug}" + text[line_end:]
    raise ConfigError(Problem("cannot add the article: 'articles' is not a list of slugs",
                              path, key_lines(node).get("articles"),
                              f"add '- {slug}' under articles by hand", rule="bad-value"))
