"""Accessibility findings for `check`: the loaded project and its composed booklet in, what a reader using a screen reader or reflow would meet, located at the manuscript (or layout) line that causes it.

    figure-no-caption   a figure whose caption is empty: its alternative text (what a
                        screen reader says for the picture) would be the credit alone.
                        A warning for a picture, a note for a 图片待补 frame (an artifact
                        until the picture comes)
    heading-skip        a heading level skipped in the booklet's structure (H1 → H3);
                        located at the line that prints the heading
    structure           anything else checks/structure.py finds in the tagged booklet
                        (content no element reaches, a link outside a Link element,
                        a figure without alternative text …): the layouts or pressroom
                        itself are at fault, not the manuscripts

Every finding carries its rule id; docs/check.md lists them.
"""

from __future__ import annotations

from ..exceptions import Problem
from ..project.load import Project
from .structure import check_structure

ABOUT_LAYOUTS = "the layouts (layouts/*.j2) or pressroom made a tagged PDF a screen " \
    "reader cannot follow"


def figure_findings(project: Project) -> list[Problem]:
    """Figures whose caption is empty, at their manuscript line."""
    found = []
    for article in project.articles:
        for figure in article.figures:
            if figure.caption.strip():
                continue
            placeholder = figure.image is None
            said = f"only “{figure.credit}”" if figure.credit else "only “图片”"
            found.append(Problem(
                "figure has no caption: a screen reader would describe the picture with "
                f"{said}" + (" once it is added" if placeholder else ""),
                article.path, figure.line, "write what the picture shows between [ and ]",
                severity="note" if placeholder else "warning", rule="figure-no-caption"))
    return found


def structure_findings(pdf: bytes, layouts) -> list[Problem]:
    """What the structure checks find in the composed booklet, as located problems:
    a skipped heading level by its text (preflight places it at the line printing it)."""
    report = check_structure(pdf)
    found = []
    for finding in report.findings:
        if finding.rule == "heading-skip":
            found.append(Problem(f"heading level skipped: {finding.message} (page "
                                 f"{finding.page})", hint="a heading is one level below the "
                                 "heading it belongs to: check the heading elements (h1–h6) "
                                 "of the layouts", source_line=finding.text,
                                 rule="heading-skip"))
        else:
            found.append(Problem(f"tagged PDF, page {finding.page}: {finding.message} "
                                 f"({finding.rule})", layouts, hint=ABOUT_LAYOUTS,
                                 rule="structure"))
    return found
