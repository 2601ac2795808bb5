"""Preflight: a project → every problem its build would meet or let through to print, as rule-tagged findings; no output is written.

`pressroom check` runs the build's own stages in memory (load_project, Typesetter,
compose_booklet, compose_article; only the font-subset cache is written) and adds
what matters before a print run: the page inspection of every typeset document
(inspection.py), the fonts actually embedded in the composed booklet, its links,
outline and contents numbers, per-role font coverage, and the findings of `lint`.
"""

from __future__ import annotations

import ctypes
import dataclasses
import io
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .build import Project, booklet_chars, load_project
from .errors import PressroomError, Problem, display_path
from .fonts import subset_fonts
from .lines import Metrics
from .manuscript import Article, Figure, Paragraph, Story, Subhead

SEVERITIES = ("error", "warning", "note")
# A build tolerates these (it warns); a print run must not: `check` rates them anew.
CHECK_SEVERITY = {"overflow-box": "error", "overflow-page": "error", "page-empty": "error",
                  "link-unresolved": "error", "figure-placeholder": "note"}
# The face each printed field is set in (layouts/*.css.j2; README "排版要点").
FIELD_FACES = {"kicker": "kai", "title": "hei", "subtitle": "kai", "byline": "kai",
               "publication": "kai", "page": "kai", "author": "kai", "editor": "kai",
               "photo_note": "kai"}
FACE_NAMES = {"song": "书宋 (body)", "song-bold": "标宋 (run-in heads)", "hei": "黑体 (headings)",
              "kai": "楷体 (leads, bylines, captions)"}


class CheckError(PressroomError):
    """`check` could not run at all (exit status 2)."""

    exit_code = 2


class CheckFailed(PressroomError):
    """`check` found errors, or warnings under --strict (exit status 1)."""


@dataclass
class Report:
    """What `check` found, best first: errors, warnings, notes, each located."""

    findings: list[Problem] = field(default_factory=list)
    pages: int = 0  # of the booklet composed in memory; 0 when it could not be composed
    seconds: float = 0.0

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.count("error") or strict and self.count("warning") else 0

    def lines(self) -> list[str]:
        return [finding_line(f) for f in self.findings]

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s}{'s' if self.count(s) != 1 else ''}"
                           for s in SEVERITIES)
        typeset = f"booklet of {self.pages} pages typeset in memory" if self.pages else \
            "not typeset"
        verdict = "clean" if not self.count("error") and not self.count("warning") else \
            "problems found"
        return f"check: {verdict}: {counts}; {typeset}; {self.seconds:.1f} s"

    def as_json(self, strict: bool = False) -> dict:
        return {"findings": [finding_json(f) for f in self.findings],
                "counts": {s: self.count(s) for s in SEVERITIES},
                "pages": self.pages, "seconds": round(self.seconds, 2),
                "exit": self.exit_code(strict)}


def finding_line(problem: Problem) -> str:
    """`file:line: severity: rule-id: message; fix`, with the offending line below."""
    where = display_path(problem.path) if problem.path is not None else "project"
    if problem.line:
        where += f":{problem.line}"
    text = f"{where}: {problem.severity}: {problem.rule or 'build'}: {problem.message}"
    if problem.hint:
        text += f"; {problem.hint}"
    if problem.source_line:
        text += f"\n    {problem.source_line.strip()[:80]}"
    return text


def finding_json(problem: Problem) -> dict:
    return {"path": display_path(problem.path) if problem.path is not None else None,
            "line": problem.line, "column": getattr(problem, "column", None) or None,
            "severity": problem.severity, "rule": problem.rule or "build",
            "message": problem.message, "hint": problem.hint}


def check(root: Path) -> Report:
    """Run every stage of the build except writing outputs; collect every finding."""
    started = time.perf_counter()
    root = Path(root)
    if not (root / "manuscripts" / "booklet.yml").is_file():
        raise CheckError(Problem("no pressroom project here (manuscripts/booklet.yml not "
                                 "found)", root, hint="run it in the project folder, or pass "
                                 "-C FOLDER", rule="no-project"))
    report = Report()
    found = lint_findings(root)
    try:
        project = load_project(root)
    except PressroomError as exc:
        found += exc.problems
        found.append(Problem("not typeset: the errors above stop a build before it typesets",
                             root / "manuscripts" / "booklet.yml", severity="note",
                             rule="not-typeset"))
    else:
        found += project.warnings + role_findings(project)
        found += typeset_findings(project, report)
        found = [place(f, project) for f in found]
    report.findings = rate(found)
    report.seconds = time.perf_counter() - started
    return report


def lint_findings(root: Path) -> list[Problem]:
    """The proofreading findings of `pressroom lint`, when this installation has it."""
    try:
        from .lint import lint_project
    except ImportError:
        return []
    try:
        return list(lint_project(root))
    except PressroomError as exc:  # the booklet description itself is wrong: load says why
        return exc.problems


def rate(found: list[Problem]) -> list[Problem]:
    """Each finding once, rated for print, in file and line order."""
    unique: dict[tuple, Problem] = {}
    for problem in found:
        severity = CHECK_SEVERITY.get(problem.rule, problem.severity)
        problem = dataclasses.replace(problem, severity=severity)
        key = (str(problem.path), problem.line, problem.rule, problem.message)
        unique.setdefault(key, problem)
    return sorted(unique.values(), key=lambda p: (
        SEVERITIES.index(p.severity) if p.severity in SEVERITIES else 9,
        display_path(p.path) if p.path is not None else "", p.line or 0,
        getattr(p, "column", 0) or 0, p.rule or ""))


# --- fonts: the face of each role, and text no face has ------------------------------------

def role_texts(article: Article):
    """(face, text) of everything the article prints, by the face that sets it."""
    for name, face in FIELD_FACES.items():
        yield face, getattr(article, name)
    for paragraph in article.lead:
        yield "kai", paragraph.text
    for block in article.blocks:
        if isinstance(block, Paragraph):
            for span in block.spans:
                yield ("song-bold" if span.strong else "song"), span.text
        elif isinstance(block, Story):
            yield "hei", block.title + block.label
            yield "kai", block.byline
        elif isinstance(block, Subhead):
            yield "hei", block.text
        elif isinstance(block, Figure):
            yield "kai", block.caption + block.credit


def role_findings(project: Project) -> list[Problem]:
    """Characters the face of their role lacks, set from another face of the project."""
    metrics = Metrics(project.fonts.paths(), project.fonts.fallbacks())
    found = []
    for article in project.articles:
        seen = set()
        for face, text in role_texts(article):
            for char in dict.fromkeys(text):
                if char.isspace() or (face, char) in seen or metrics.covers(face, char):
                    continue
                seen.add((face, char))
                other = metrics.face_for(face, char)
                if other != face and metrics.covers(other, char):
                    found.append(_char_problem(
                        article.path, char, f"is not in the {FACE_NAMES[face]} face "
                        f"{project.fonts.faces[face].family}; it is set in "
                        f"{project.fonts.faces[other].family}", "warning", "font-fallback",
                        "replace it with a character the face has, or accept the mixed face"))
    return found


def _char_problem(path: Path, char: str, what: str, severity: str, rule: str,
                  hint: str) -> Problem:
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    number = next((i for i, line in enumerate(lines, 1) if char in line), None)
    return Problem(f"character {char} (U+{ord(char):04X}) {what}", path, number, hint,
                   severity=severity, rule=rule)


# --- typesetting in memory -------------------------------------------------------------------

def typeset_findings(project: Project, report: Report) -> list[Problem]:
    """Typeset and compose everything as a build would, keeping the PDFs in memory."""
    from .booklet import compose_article, compose_booklet
    from .typeset import Typesetter
    booklet = project.booklet
    font_files = subset_fonts(project.fonts, booklet_chars(project),
                              booklet.build_dir / ".cache" / "fonts")
    ts = Typesetter(booklet, font_files, project.fonts.fallbacks())
    found, parts = [], []
    for article in project.articles:
        try:
            parts.append((article, ts.article(article)))
        except PressroomError as exc:
            found += exc.problems
    if found:
        return found
    try:
        composition = compose_booklet(ts, booklet, project.fonts, parts)
        for article, part in parts:
            compose_article(ts, booklet, article, part)
    except PressroomError as exc:
        return found + exc.problems + [w for _, part in parts for w in part.warnings]
    report.pages = composition.pages
    return composition.warnings + [w for _, part in parts for w in part.warnings] + \
        pdf_findings(composition.pdf, font_files, booklet.path)


def place(problem: Problem, project: Project) -> Problem:
    """Point a finding about booklet pages (cover, contents, colophon) at the file its text
    comes from: the booklet description, a manuscript, or a template."""
    if problem.line or not problem.source_line or \
            problem.path is not None and Path(problem.path).is_file():
        return problem
    booklet = project.booklet
    files = [booklet.path] + [a.path for a in project.articles] + \
        sorted(p for p in booklet.layouts_dir.glob("*") if p.is_file())
    needle = re.sub(r"\s", "", problem.source_line)[:12]
    for path in files:
        lines = [re.sub(r"\s", "", line) for line in
                 path.read_text(encoding="utf-8-sig", errors="replace").splitlines()]
        number = next((i for i, line in enumerate(lines, 1) if needle and needle in line), None)
        if number:
            return dataclasses.replace(problem, path=path, line=number, source_line=None)
    return problem


# --- the composed booklet: fonts, links, outline, contents -----------------------------------

def pdf_findings(pdf: bytes, font_files: dict[str, Path], booklet_path: Path) -> list[Problem]:
    """Everything wrong with the composed booklet as a PDF (read back from memory)."""
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf))
    return font_findings(reader, pdf, font_files, booklet_path) + \
        link_findings(reader, pdf, booklet_path) + outline_findings(reader, booklet_path)


def _fonts(resources, seen: set) -> list:
    """Every font dictionary of a resource dictionary, forms included."""
    if resources is None or id(resources) in seen:
        return []
    seen.add(id(resources))
    resources = resources.get_object()
    fonts = [ref.get_object() for ref in (resources.get("/Font") or {}).values()]
    for ref in (resources.get("/XObject") or {}).values():
        fonts += _fonts(ref.get_object().get("/Resources"), seen)
    return fonts


def _program(font) -> bytes | None:
    descendants = font.get("/DescendantFonts")
    descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            return descriptor[key].get_object().get_data()
    return None


def font_findings(reader, pdf: bytes, font_files: dict[str, Path],
                  booklet_path: Path) -> list[Problem]:
    """Fonts other than the project's four subsets: a layout loaded a font of its own.

    Builds see no system font (fontconfig.py), so a foreign font can only come from an
    @font-face rule that names a file outside fonts/fonts.yml; this finding is also
    the test that the isolation holds."""
    ours = {path.read_bytes() for path in font_files.values()}
    foreign = {}
    for page in reader.pages:
        for font in _fonts(page.get("/Resources"), set()):
            name = str(font.get("/BaseFont", "?")).lstrip("/").partition("+")[2] or \
                str(font.get("/BaseFont", "?")).lstrip("/")
            if _program(font) not in ours:
                foreign.setdefault(name, _program(font) is None)
    if not foreign:
        return []
    chars = _chars_by_font(pdf)
    found = []
    for name, unembedded in foreign.items():
        # NFKC: a CJK font's reverse map may give a Kangxi radical (⼯) for its Han twin (工)
        text = unicodedata.normalize("NFKC", chars.get(name, ""))
        sample = text[:20] or "?"
        found.append(Problem(f"text “{sample}” is set in {name}, which is not a face of "
                             f"fonts/fonts.yml{' and is not embedded' if unembedded else ''}",
                             booklet_path.parent.parent / "layouts", None,
                             "use only the faces PR Song, PR Hei and PR Kai in the layouts; "
                             "add a new face to fonts/fonts.yml instead of loading it directly", text[:20],
                             rule="font-foreign"))
    return found


def _chars_by_font(pdf: bytes) -> dict[str, str]:
    """Font name → the characters drawn with it (pdfium)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    document = pdfium.PdfDocument(pdf)
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    out: dict[str, str] = {}
    try:
        for page in document:
            text_page = page.get_textpage()
            for i in range(text_page.count_chars()):
                code = raw.FPDFText_GetUnicode(text_page.raw, i)
                if code in (0, 0xFFFE, 0xFFFF) or chr(code).isspace():
                    continue
                raw.FPDFText_GetFontInfo(text_page.raw, i, buffer, 256, flags)
                name = buffer.value.decode("latin-1").partition("+")[2] or \
                    buffer.value.decode("latin-1")
                out[name] = out.get(name, "") + chr(code)
    finally:
        document.close()
    return out


def link_findings(reader, pdf: bytes, booklet_path: Path) -> list[Problem]:
    """Links that lead nowhere, and contents numbers that differ from the target's folio."""
    import pypdfium2 as pdfium
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    labels = reader.page_labels
    layouts = booklet_path.parent.parent / "layouts"
    found, numbers = [], {}
    document = pdfium.PdfDocument(pdf)
    try:
        for index, page in enumerate(reader.pages):
            links = [a.get_object() for a in page.get("/Annots") or []
                     if a.get_object().get("/Subtype") == "/Link"]
            text_page = document[index].get_textpage() if links else None
            for annot in links:
                target, what = _link_target(annot, reader, pages)
                if target is None and what:
                    found.append(Problem(f"link on page {labels[index]} ({what}) leads "
                                         "nowhere", layouts, None, "check the link's target "
                                         "in the layouts", what, rule="link-unresolved"))
                elif target is not None:
                    for problem in _contents_number(text_page, annot, labels[target], layouts):
                        # an entry may be several link boxes: report it once, by its longest text
                        key = (target, problem.message.rpartition(" prints ")[2])
                        if len(problem.source_line) >= len(numbers.get(key, problem).source_line):
                            numbers[key] = problem
    finally:
        document.close()
    return found + list(numbers.values())


def _link_target(annot, reader, pages) -> tuple[int | None, str | None]:
    """(page index, None) for a link into the document; (None, what) for a broken one;
    (None, None) for a link to the outside world, which is not checked."""
    action = annot.get("/A")
    action = action.get_object() if action is not None else {}
    dest = annot.get("/Dest")
    if dest is None and action.get("/S") == "/GoTo":
        dest = action.get("/D")
    if dest is None:
        uri = str(action.get("/URI", ""))
        return (None, uri or "no target") if not uri or uri.startswith("pressroom:") else \
            (None, None)
    dest = dest.get_object() if hasattr(dest, "get_object") else dest
    if isinstance(dest, (str, bytes)):
        named = reader.named_destinations.get(str(dest))
        if named is None:
            return None, f"named destination {dest}"
        return reader.get_destination_page_number(named), None
    idnum = getattr(dest[0], "idnum", None) if len(dest) else None
    return (pages[idnum], None) if idnum in pages else (None, "a page not in the booklet")


def _contents_number(text_page, annot, label: str, layouts: Path) -> list[Problem]:
    """A link whose text ends in a number (a contents entry) must print the target's folio."""
    left, bottom, right, top = (float(v) for v in annot["/Rect"])
    text = text_page.get_text_bounded(left, bottom, right, top)
    match = re.search(r"(\d+)\s*$", text)
    if not match or match[1] == label:
        return []
    entry = re.sub(r"[\s·.]+\d+\s*$", "", text).strip()
    return [Problem(f"contents entry “{entry[:30]}” prints {match[1]}, but its page is "
                    f"{label}", layouts, None, "this is a bug in pressroom's contents; "
                    "report it", entry[:12], rule="contents-folio")]


def outline_findings(reader, booklet_path: Path) -> list[Problem]:
    """Bookmarks that point at no page of the booklet."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            try:
                number = reader.get_destination_page_number(item)
            except Exception:  # pypdf raises several kinds for a dangling destination
                number = None
            if number is None or not 0 <= number < len(reader.pages):
                found.append(Problem(f"bookmark “{item.title}” points at no page of the booklet",
                                     booklet_path, None, "this is a bug in pressroom's "
                                     "outline; report it", rule="bookmark-unresolved"))
    walk(reader.outline)
    return found
