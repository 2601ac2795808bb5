"""Load the booklet description (manuscripts/booklet.yml) into one validated, typed object.

Every problem is collected and reported together, each with its file, line and key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Problem

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0),
                 "16K": (185.0, 260.0)}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    required: bool = False
    default: Any = None
    check: Any = None  # callable(value) -> error message or None


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
    output: Path | None = None  # where outputs go; build/ in the project by default

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


def mm_to_pt(mm: float) -> float:
    return mm * 72 / 25.4


BOOKLET_FIELDS = {
    "title": Field(str, required=True),
    "subtitle": Field(str, default=""),
    "compiler": Field(str, required=True),
    "date": Field((str, dt.date), required=True),
    "articles": Field(list, required=True),
    "language": Field(str, default="zh-CN"),
    "subject": Field(str, default=""),
    "keywords": Field(list, default=[]),
    "colophon": Field(dict, default={}),
    "layout": Field(dict, default={}),
}

LAYOUT_FIELDS = {
    "page_size": Field(str, default="A4", check=lambda v: None if v.upper() in PAGE_SIZES_MM
                       else f"unknown page size {v!r}; use one of {', '.join(PAGE_SIZES_MM)}"),
    "columns": Field(int, default=3, check=lambda v: None if 1 <= v <= 5
                     else "columns must be between 1 and 5"),
    "body_size": Field((int, float), default=10.0, check=lambda v: None if 7 <= v <= 14
                       else "body_size must be between 7 and 14 pt"),
    "line_height": Field((int, float), default=1.65, check=lambda v: None if 1.2 <= v <= 2.2
                         else "line_height must be between 1.2 and 2.2"),
    "margin_top": Field((int, float), default=16.0),
    "margin_bottom": Field((int, float), default=20.0),
    "margin_side": Field((int, float), default=17.0),
    "column_gap_min": Field((int, float), default=4.0),
}


def key_lines(node: yaml.Node) -> dict[str, int]:
    """1-based line of each key of a YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}


UNCLOSED = {"while parsing a flow sequence": "[ … ] list",
            "while parsing a flow mapping": "{ … } mapping",
            "while scanning a quoted scalar": "quoted text"}


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> tuple[Any, yaml.Node | None]:
    """Parse YAML, turning syntax errors into a located ConfigError."""
    node = None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (ValueError, OverflowError) as exc:  # a timestamp the calendar refuses: 2026-02-30
        line = _impossible_date_line(node)
        raise ConfigError(Problem(f"impossible date: {exc}", path,
                                  line + line_offset if line else None,
                                  "write a real date as YYYY-MM-DD, or quote the value",
                                  rule="bad-date")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        opened = UNCLOSED.get(getattr(exc, "context", None) or "")
        if opened and getattr(exc, "context_mark", None):
            mark = exc.context_mark  # where the editor opened what was never closed
            reason += f": the {opened} that starts here is not closed"
        line = mark.line + 1 + line_offset if mark else None
        lines = text.splitlines()
        src = lines[mark.line] if mark and mark.line < len(lines) else None
        raise ConfigError(Problem(f"invalid YAML: {reason}", path, line,
                                  "check indentation, colons and quotes", src,
                                  rule="yaml-syntax")) from None
    return data, node


def _impossible_date_line(node) -> int | None:
    """1-based line of the first timestamp scalar YAML cannot turn into a date."""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
        try:
            yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return node.start_mark.line + 1
    children = node.value if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) else []
    for child in children:
        for item in child if isinstance(child, tuple) else (child,):
            line = _impossible_date_line(item)
            if line:
                return line
    return None


def validate(data: Any, fields: dict[str, Field], path: Path, node, line_offset: int = 0,
             what: str = "key") -> tuple[dict[str, Any], list[Problem]]:
    """Check a mapping against a field table; return values and every problem found."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return {}, [Problem("expected a mapping of key: value lines", path, line_offset + 1,
                            rule="not-a-mapping")]
    lines = {k: v + line_offset for k, v in key_lines(node).items()}
    values: dict[str, Any] = {}
    suggested = set()  # a misspelt required key is reported once, as unknown
    for key, value in data.items():
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1)
            suggested.update(close)
            hint = f"did you mean '{close[0]}'?" if close else \
                f"known {what}s: {', '.join(fields)}"
            problems.append(Problem(f"unknown {what} '{key}'", path, lines.get(key), hint,
                                    rule="unknown-key"))
            continue
        spec = fields[key]
        if value is None and not spec.required:
            continue
        if isinstance(value, bool) or not isinstance(value, spec.kind):
            expected = spec.kind.__name__ if isinstance(spec.kind, type) else \
                " or ".join(t.__name__ for t in spec.kind)
            problems.append(Problem(f"'{key}' must be a {expected}, not "
                                    f"{type(value).__name__}", path, lines.get(key),
                                    rule="wrong-type"))
            continue
        message = spec.check(value) if spec.check else None
        if message:
            problems.append(Problem(message, path, lines.get(key), rule="bad-value"))
            continue
        values[key] = value
    for key, spec in fields.items():
        if key not in data and spec.required and key not in suggested:
            problems.append(Problem(f"missing required {what} '{key}'", path, line_offset + 1 if
                                    line_offset else None, f"add a line '{key}: …'",
                                    rule="missing-key"))
        elif key not in values and key not in data and not spec.required:
            values[key] = spec.default
    return values, problems


def parse_date(value: Any, path: Path, line: int | None) -> tuple[Any, Problem | None]:
    if isinstance(value, dt.datetime):  # a time of day is not printed
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if not DATE.match(str(value)):
        return None, Problem(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path, line,
                             rule="bad-date")
    return str(value), None


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
    data, node = parse_yaml(text, path)
    values, problems = validate(data, BOOKLET_FIELDS, path, node)
    lines = key_lines(node)
    layout_node = _child(node, "layout")
    layout_values, layout_problems = validate(values.get("layout") or {}, LAYOUT_FIELDS, path,
                                              layout_node, what="layout key")
    problems += layout_problems
    date = values.get("date")
    if isinstance(date, dt.datetime):  # a time of day is not printed
        date = date.date()
    if date is not None:
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                problems.append(Problem(f"date {date!r} is not YYYY-MM-DD", path,
                                        lines.get("date"), rule="bad-date"))
                date = None
    articles = values.get("articles") or []
    problems += _check_articles(articles, root, path, _child(node, "articles"))
    if problems:
        raise ConfigError(*problems)
    return Booklet(root=root, path=path, title=values["title"], subtitle=values["subtitle"],
                   compiler=values["compiler"], date=date, articles=list(articles),
                   language=values["language"], subject=values["subject"],
                   keywords=[str(k) for k in values["keywords"]],
                   colophon={str(k): str(v) for k, v in values["colophon"].items()},
                   layout=Layout(**layout_values))


def _child(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return None


def _check_articles(articles: list, root: Path, path: Path, node) -> list[Problem]:
    problems = []
    item_lines = [n.start_mark.line + 1 for n in node.value] if isinstance(
        node, yaml.SequenceNode) else []
    seen: dict[str, int] = {}
    for i, slug in enumerate(articles):
        line = item_lines[i] if i < len(item_lines) else None
        if not isinstance(slug, str) or not SLUG.match(slug):
            problems.append(Problem(f"article {slug!r} is not a slug", path, line,
                                    "use lower-case letters, digits and hyphens",
                                    rule="bad-slug"))
            continue
        if slug in seen:
            problems.append(Problem(f"article '{slug}' is listed twice (first on line "
                                    f"{seen[slug]})", path, line, "remove one of them",
                                    rule="duplicate-article"))
            continue
        seen[slug] = line or 0
        if not (root / "manuscripts" / slug / "article.md").is_file():
            problems.append(Problem(f"article '{slug}' has no manuscripts/{slug}/article.md",
                                    path, line, "create it or remove the line",
                                    rule="article-missing"))
    manuscripts = root / "manuscripts"
    if manuscripts.is_dir():
        for article in sorted(manuscripts.glob("*/article.md")):
            slug = article.parent.name
            if slug not in seen and SLUG.match(slug):
                problems.append(Problem(f"manuscripts/{slug}/article.md is not listed under "
                                        "'articles'", path, None,
                                        f"add '- {slug}' to articles, or move it away",
                                        rule="article-unlisted"))
    if not articles:
        problems.append(Problem("'articles' lists no article", path, None, rule="no-articles"))
    return problems
