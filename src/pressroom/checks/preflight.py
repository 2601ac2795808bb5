"""Preflight: a project → every problem its build would meet or let through to print, as rule-tagged findings; no output is written.

`pressroom check` runs the build's own pipeline (build/pipeline.py) and writes no
output (only the build cache, like a build, fills), runs the audit and lint (so
whatever the archive edition would refuse, check reports), and adds
what matters before a print run: the page inspection of every typeset document
(inspection.py), the fonts actually embedded in the composed booklet, its links,
outline and contents numbers, per-role font coverage, what a screen-reader user
would meet (access.py: captionless figures, skipped heading levels, the tagged
structure), and the findings of `lint`. With the print edition (`--edition print`)
it also composes booklet-print.pdf in memory and reports the PDF/X-4 preflight's
findings (checks/pdfx) as `pdfx-<rule>`, each with its page and object, and every
layout colour the palette did not give.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..build.cache import Cache
from ..build.pipeline import run_pipeline
from ..exceptions import PressroomError, Problem, UsageError, display_path
from ..project.load import Project, load_project
from ..text.locate import file_lines, line_holding, squeeze
from .access import figure_findings, structure_findings
from .fonts import role_findings
from .pdf import pdf_findings

SEVERITIES = ("error", "warning", "note")
# A build tolerates these (it warns); a print run must not: `check` rates them anew.
CHECK_SEVERITY = {"overflow-box": "error", "overflow-page": "error", "page-empty": "error",
                  "link-unresolved": "error", "figure-placeholder": "note"}


@dataclass
class Report:
    """What `check` found, best first: errors, warnings, notes, each located."""

    findings: list[Problem] = field(default_factory=list)
    pages: int = 0  # of the booklet composed in memory; 0 when it could not be composed
    print_pages: int = 0  # of the print edition (padded to a multiple of 4), when composed
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
        edition = f" (print edition {self.print_pages})" if self.print_pages else ""
        typeset = f"booklet of {self.pages} pages{edition} typeset in memory" if self.pages \
            else "booklet not composed: the errors above stop it"
        verdict = "clean" if not self.count("error") and not self.count("warning") else \
            "problems found"
        return f"check: {verdict}: {counts}; {typeset}; {self.seconds:.1f} s"

    def as_json(self, strict: bool = False) -> dict:
        return {"findings": [finding_json(f) for f in self.findings],
                "counts": {s: self.count(s) for s in SEVERITIES},
                "pages": self.pages, "print_pages": self.print_pages or None,
                "seconds": round(self.seconds, 2),
                "exit": self.exit_code(strict)}


def finding_line(problem: Problem) -> str:
    """`file:line: severity: rule-id: message; fix`, with the offending line below (cut
    at 80 characters), or the excerpt of several lines a finding brings (the audit's
    source and manuscript side by side) whole, as `pressroom audit` shows it."""
    where = display_path(problem.path) if problem.path is not None else "project"
    if problem.line:
        where += f":{problem.line}"
    text = f"{where}: {problem.severity}: {problem.rule or 'build'}: {problem.message}"
    if problem.hint:
        text += f"; {problem.hint}"
    if problem.source_line:
        excerpt = problem.source_line.strip()
        text += "\n    " + (excerpt if "\n" in excerpt else excerpt[:80])
    return text


def finding_json(problem: Problem) -> dict:
    return {"path": display_path(problem.path) if problem.path is not None else None,
            "line": problem.line, "column": getattr(problem, "column", None) or None,
            "severity": problem.severity, "rule": problem.rule or "build",
            "message": problem.message, "hint": problem.hint,
            "excerpt": problem.source_line}


def check(root: Path, editions: tuple[str, ...] = ("screen",)) -> Report:
    """Run every stage of the build except writing outputs; collect every finding.
    With "print" in `editions`, the print edition is composed and preflighted too."""
    started = time.perf_counter()
    root = Path(root)
    if not (root / "manuscripts" / "booklet.yml").is_file():
        raise UsageError(Problem("no pressroom project here (manuscripts/booklet.yml not "
                                 "found)", root, hint="run it in the project folder, or pass "
                                 "-C FOLDER", rule="no-project"))
    report = Report()
    found = lint_findings(root) + audit_findings(root)
    try:
        project = load_project(root)
    except PressroomError as exc:
        found += exc.problems
        found.append(Problem("not typeset: the errors above stop a build before it typesets",
                             root / "manuscripts" / "booklet.yml", severity="note",
                             rule="not-typeset"))
    else:
        found += role_findings(project) + figure_findings(project) + \
            typeset_findings(project, report, editions)
        found = [place(f, project) for f in found]
    report.findings = rate(found)
    report.seconds = time.perf_counter() - started
    return report


def audit_findings(root: Path) -> list[Problem]:
    """The audit of every listed manuscript against its source as received: what the
    archive edition would refuse (unrecorded changes, a missing or changed source)."""
    from ..audit import audit_project
    return audit_project(root)


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



# --- typesetting in memory -------------------------------------------------------------------



def typeset_findings(project: Project, report: Report,
                     editions: tuple[str, ...] = ("screen",)) -> list[Problem]:
    """Run the build's pipeline in memory (the screen edition, and the print edition when
    asked, whose composing runs the PDF/X-4 preflight): the findings of every stage."""
    booklet = project.booklet
    found = []
    if "print" in editions:
        from ..editions import printing
        try:
            printing.refuse(project)  # a colour outside the palette: said at its line
        except PressroomError as exc:
            found, editions = exc.problems, tuple(e for e in editions if e != "print")
    try:
        products = run_pipeline(project, Cache(booklet.build_dir / ".cache"),
                                tuple(dict.fromkeys(("screen",) + editions)))
    except PressroomError as exc:
        return project.warnings + found + exc.problems
    report.pages = products.pages
    report.print_pages = print_pages(products.files, booklet.build_dir)
    return found + products.warnings + \
        pdf_findings(products.composition.pdf, products.font_files, booklet.path) + \
        structure_findings(products.composition.pdf, booklet.layouts_dir)


def print_pages(files: dict[Path, bytes], build_dir: Path) -> int:
    """Pages of the print edition among `files` (0 without it): the screen booklet's, and
    the notes pages that make them a multiple of 4."""
    import io

    from pypdf import PdfReader

    from ..editions.printing import OUTPUT
    data = files.get(build_dir / OUTPUT)
    return len(PdfReader(io.BytesIO(data)).pages) if data else 0


def place(problem: Problem, project: Project) -> Problem:
    """Point a finding about booklet pages (cover, contents, colophon) at the file its text
    comes from: the booklet description, a manuscript, or a template."""
    if problem.line or not problem.source_line or \
            problem.path is not None and Path(problem.path).is_file():
        return problem
    booklet = project.booklet
    files = [booklet.path] + [a.path for a in project.articles] + \
        sorted(p for p in booklet.layouts_dir.glob("*") if p.is_file())
    needle = squeeze(problem.source_line)[:12]
    for path in files:
        number = line_holding(file_lines(path), needle, squeezed=True)
        if number:
            return dataclasses.replace(problem, path=path, line=number, source_line=None)
    return problem


