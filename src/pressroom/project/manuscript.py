"""Read a manuscript (Markdown with YAML front matter) into an Article of located blocks.

The format is documented for editors in docs/manuscript-format.md. Manuscript
text is data: it never reaches Jinja as template source, and raw HTML is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import ConfigError, ManuscriptError, Problem
from ..text.dates import original_date_text
from ..text.decode import decode_utf8
from .config import SLUG
from .inline import Span, parse_inline
from .yamlfile import Field, child, key_lines, parse_date, parse_yaml, validate

ARTICLE_FIELDS = {
    "slug": Field(str, required=True, check=lambda v: None if SLUG.match(v) else
                  "slug must be lower-case letters, digits and hyphens"),
    "kicker": Field(str, default=""),
    "title": Field(str, required=True),
    "subtitle": Field(str, default=""),
    "lead": Field(str, default=""),
    "publication": Field(str, default=""),
    "date": Field((str, int, dt.date), required=True),  # YAML reads 2026-07-01 as a date
    "page": Field(str, default=""),
    "byline": Field(str, default=""),
    "author": Field(str, default=""),
    "editor": Field(str, default=""),
    "photo_note": Field(str, default=""),
    "source": Field(str, required=True),
    "corrections": Field(str, required=True),
}
STORY_FIELDS = {"label", "byline"}
FIGURE = re.compile(r'^!\[(?P<caption>[^\]]*)\]\(\s*(?P<src>[^\s")]*)\s*'
                    r'(?:"(?P<credit>[^"]*)")?\s*\)$')
MAX_BYTES = 2_000_000


@dataclass
class Paragraph:
    spans: list[Span]
    line: int

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def runin(self) -> bool:
        return bool(self.spans) and self.spans[0].strong


@dataclass
class Story:
    title: str
    line: int
    label: str = ""
    byline: str = ""
    anchor: str = ""


@dataclass
class Subhead:
    text: str
    line: int


@dataclass
class Figure:
    caption: str
    credit: str
    src: str
    line: int
    image: Path | None = None  # resolved file, when it exists


Block = Paragraph | Story | Subhead | Figure


@dataclass
class Article:
    path: Path
    slug: str
    title: str
    date: str
    source: str
    corrections: str
    kicker: str = ""
    subtitle: str = ""
    lead: list[Paragraph] = field(default_factory=list)
    publication: str = ""
    page: str = ""
    byline: str = ""
    author: str = ""
    editor: str = ""
    photo_note: str = ""
    blocks: list[Block] = field(default_factory=list)
    body_start: int = 1
    warnings: list[Problem] = field(default_factory=list)  # e.g. *…* printed as written

    @property
    def stories(self) -> list[Story]:
        return [b for b in self.blocks if isinstance(b, Story)]

    @property
    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    @property
    def date_text(self) -> str:
        """The original date in Chinese: 2026年7月1日, 2026年7月 or 2022年."""
        return original_date_text(self.date)

    def text(self) -> str:
        """Every character the article prints, for font coverage and subsetting."""
        pieces = [self.kicker, self.title, self.subtitle, self.publication, self.page,
                  self.byline, self.author, self.editor, self.photo_note, self.date_text]
        pieces += [p.text for p in self.lead]
        for block in self.blocks:
            if isinstance(block, Paragraph):
                pieces.append(block.text)
            elif isinstance(block, Story):
                pieces += [block.title, block.label, block.byline]
            elif isinstance(block, Subhead):
                pieces.append(block.text)
            else:
                pieces += [block.caption, block.credit]
        return "".join(pieces)


def read_article(path: Path) -> Article:
    """Parse one manuscript file; every problem found is raised together."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ManuscriptError(Problem(f"manuscript is {size // 1_000_000} MB; pressroom "
                                          f"sets articles of up to {MAX_BYTES // 1_000_000} MB",
                                          path, hint="split it into several articles",
                                          rule="too-large"))
        text = decode_utf8(path.read_bytes(), path)
    except FileNotFoundError:
        raise ManuscriptError(Problem("manuscript not found", path,
                                      rule="article-missing")) from None
    return parse_article(text, path)


def parse_article(text: str, path: Path) -> Article:
    if not text.strip():
        raise ManuscriptError(Problem("manuscript is empty", path, 1,
                                      "start it with front matter between '---' lines",
                                      rule="empty-manuscript"))
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ConfigError(Problem("manuscript must start with a '---' line (front matter)",
                                  path, 1, "see docs/manuscript-format.md", lines[0],
                                  rule="front-matter"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ConfigError(Problem("front matter is not closed by a '---' line", path, 1,
                                  "add a line '---' after the last key",
                                  rule="front-matter")) from None
    meta_text = "\n".join(lines[1:end])
    data, node = parse_yaml(meta_text, path, line_offset=1, keys=ARTICLE_FIELDS)
    values, problems = validate(data if data is not None else {}, ARTICLE_FIELDS, path, node,
                                line_offset=1, what="front-matter key")
    klines = {k: v + 1 for k, v in key_lines(node).items()}
    if str(values.get("date") or "").strip().upper().startswith("TODO"):
        problems.append(Problem("the original date is not filled in (date: TODO)", path,
                                klines.get("date"), "write the date the article was first "
                                "printed: YYYY-MM-DD, YYYY-MM or YYYY, from the newspaper page "
                                "(add publication: and page: too if you know them)",
                                rule="date-todo"))
        values["date"] = None
    elif "date" in values and values["date"] is not None:
        written = getattr(child(node, "date"), "value", None)  # 0000, which YAML reads as 0
        values["date"], problem = parse_date(values["date"], path, klines.get("date"), written)
        if problem:
            problems.append(problem)
    if values.get("slug") and values["slug"] != path.parent.name:
        problems.append(Problem(f"slug '{values['slug']}' differs from the folder name "
                                f"'{path.parent.name}'", path, klines.get("slug"),
                                "make them the same", rule="slug-mismatch"))
    problems += _file_problems(values, path, klines)
    blocks, body_problems = parse_body(lines, end + 1, path)
    problems += body_problems
    lead, lead_problems = parse_lead(values.get("lead") or "", child(node, "lead"),
                                     klines.get("lead", 1), path)
    problems += lead_problems
    warnings = [p for p in problems if p.severity == "warning"]
    errors = [p for p in problems if p.severity != "warning"]
    if not any(isinstance(b, Paragraph) for b in blocks) and not errors:
        errors.append(Problem("manuscript has no body text", path, end + 2,
                              "write the article's paragraphs after the front matter",
                              rule="no-body"))
    if errors:
        raise ManuscriptError(*sorted(errors + warnings, key=lambda p: p.line or 0))
    values["lead"] = lead
    for number, story in enumerate((b for b in blocks if isinstance(b, Story)), 1):
        story.anchor = f"{values['slug']}-story-{number}"  # unique across the booklet
    return Article(path=path, blocks=blocks, body_start=end + 2, warnings=warnings, **values)


def parse_lead(text: str, node, key_line: int, path: Path) -> tuple[list[Paragraph],
                                                                     list[Problem]]:
    """The lead's paragraphs (blank lines between), each at its line of the file: the
    lines of a `lead: |` block are the file's lines; other styles are located at the key."""
    literal = getattr(node, "style", None) == "|"
    paragraphs, problems, chunk = [], [], []
    for k, line in enumerate(text.split("\n") + [""]):
        if line.strip():
            chunk.append((key_line + 1 + k if literal else key_line, line))
        elif chunk:
            spans, found = parse_inline(chunk, path)
            problems += found
            paragraphs.append(Paragraph(spans, chunk[0][0]))
            chunk = []
    return paragraphs, problems


def _file_problems(values: dict, path: Path, klines: dict[str, int]) -> list[Problem]:
    """`source` and `corrections` must name files inside the article's own folder."""
    problems = []
    for key in ("source", "corrections"):
        name = values.get(key)
        if name and not inside(path.parent, name):
            problems.append(Problem(f"'{key}: {name}' points outside the article's folder",
                                    path, klines.get(key), "give a path relative to the "
                                    "article's folder, such as source/…", rule="path-escape"))
    return problems


def inside(folder: Path, name: str) -> bool:
    """Whether relative path `name` stays inside `folder`, symbolic links followed."""
    if "://" in name or name.startswith(("/", "\\", "~")) or "\0" in name:
        return False
    return (folder / name).resolve().is_relative_to(folder.resolve())


def parse_body(lines: list[str], start: int, path: Path) -> tuple[list[Block], list[Problem]]:
    """Blocks separated by blank lines; `start` is the 0-based index of the first body line."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    chunk: list[tuple[int, str]] = []
    for index in range(start, len(lines) + 1):
        line = lines[index] if index < len(lines) else ""
        if line.strip():
            chunk.append((index + 1, line))
            continue
        if chunk:
            block, found = parse_block(chunk, path, len(blocks))
            problems += found
            if block and not any(p.severity == "error" for p in found):
                blocks.append(block)
            chunk = []
    return blocks, problems


def parse_block(chunk: list[tuple[int, str]], path: Path, index: int):
    number, first = chunk[0]
    stripped = first.strip()
    if stripped.startswith("## "):
        story = Story(title=stripped[3:].strip(), line=number)
        for line_no, line in chunk[1:]:
            key, sep, value = line.partition(":")
            if not sep or key.strip() not in STORY_FIELDS:
                return None, [Problem(f"unexpected line under story heading: {line.strip()!r}",
                                      path, line_no, "write 'label: …' or 'byline: …', or "
                                      "leave a blank line before the first paragraph", line,
                                      rule="story-field")]
            setattr(story, key.strip(), value.strip())
        return story, []
    if stripped.startswith("### "):
        if len(chunk) > 1:
            return None, [Problem("a subhead must stand on one line", path, chunk[1][0],
                                  "leave a blank line after the subhead", chunk[1][1],
                                  rule="subhead")]
        return Subhead(stripped[4:].strip(), number), []
    if stripped.startswith("#"):
        return None, [Problem("only '## ' (story) and '### ' (subhead) headings are allowed",
                              path, number, "put the article title in the front matter", first,
                              rule="heading")]
    if stripped.startswith("!["):
        match = FIGURE.match(" ".join(line.strip() for _, line in chunk))
        if not match:
            return None, [Problem("cannot read this figure", path, number,
                                  'write ![caption](images/file.jpg "credit")', first,
                                  rule="figure-syntax")]
        return Figure(match["caption"].strip(), (match["credit"] or "").strip(),
                      match["src"] or "", number), []
    spans, problems = parse_inline(chunk, path)
    return Paragraph(spans, number), problems
