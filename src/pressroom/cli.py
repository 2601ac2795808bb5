"""The pressroom command: parse arguments, call the core, turn errors into messages and exit codes.

Exit status: 0 success, 1 the inputs have errors, 2 bad usage, 3 another build holds
the lock, 70 an internal error (a bug), 130 interrupted. Every status `main` can return
is listed in README.md ("退出码（所有命令）"; tests/test_cli.py holds them together).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .exceptions import FindingsError, PressroomError, Problem, display_path


# Warnings printed even with -q: not errors (the build did what it was asked, exit status
# 0), but losses a script or an editor relying on build/ must learn of.
LOUD = {"edition-removed"}  # an edition in build/ removed because it cannot be made now


def report(problems: list[Problem], stream=None, quiet: bool = False) -> None:
    """Print problems as `file:line: severity: message`, each once; if quiet, errors and
    the LOUD warnings only."""
    stream = stream or sys.stderr
    seen = set()
    for problem in problems:
        if quiet and problem.severity != "error" and problem.rule not in LOUD:
            continue
        text = problem.format()
        if text in seen:
            continue
        seen.add(text)
        where, sep, rest = text.partition(": ")
        line = f"{where}: {problem.severity}: {rest}" if sep and problem.path is not None \
            else f"{problem.severity}: {text}"
        click.echo(line, file=stream)


project_option = click.option(
    "--project", "-C", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The project folder (holding manuscripts/, layouts/, fonts/).")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print errors only (and, for "
                            "build, an edition it had to remove from build/).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressroom")
def cli():
    """pressroom: typeset corrected Chinese manuscripts into article PDFs and a booklet."""


output_option = click.option(
    "--output", "-o", type=click.Path(file_okay=False, path_type=Path),
    help="Write outputs here instead of the project's build/ folder.")
build_dir_option = click.option(
    "--output", "-o", type=click.Path(file_okay=False, path_type=Path),
    help="The build folder to read from and write to, instead of build/.")
force_option = click.option("--force", is_flag=True,
                            help="Typeset everything again, ignoring the cache.")
jobs_option = click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
                           help="Articles typeset at once  [default: number of cores].")


@cli.command()
@project_option
@quiet_option
@output_option
@force_option
@jobs_option
@click.option("--edition", "-e", "editions", multiple=True, default=("screen",),
              type=click.Choice(["screen", "print", "archive", "all"]), show_default=True,
              help="What to build (repeatable): screen → booklet.pdf and articles/; print → "
                   "booklet-print.pdf (bleed, crop marks); archive → booklet-archive.pdf and "
                   "archive/ (PDF/A).")
@click.option("--timings", is_flag=True, help="Print the seconds each stage of the build took.")
@click.option("--embed-sources/--no-embed-sources", default=None,
              help="Archive edition as PDF/A-3a carrying each article's source, corrected "
                   "manuscript and corrections record (implies --edition archive), or as "
                   "PDF/A-2a without them  [default: as the archive in build/ was made].")
def build(project: Path, quiet: bool, output: Path | None, force: bool, jobs: int | None,
          editions: tuple[str, ...], timings: bool, embed_sources: bool | None):
    """Typeset what changed and compose build/booklet.pdf (and the other editions)."""
    from .build import build as run_build
    from .build.interrupts import interrupts
    from .build.progress import BuildProgress
    editions = ("screen", "print", "archive") if "all" in editions else \
        tuple(dict.fromkeys(editions + (("archive",) if embed_sources else ())))
    with interrupts(), BuildProgress(enabled=not quiet) as progress:
        result = run_build(project, output, force=force, jobs=jobs, progress=progress,
                           editions=editions, embed_sources=embed_sources)
    report(result.warnings, quiet=quiet)
    if not quiet:
        click.echo(summary(result))
    if timings:
        click.echo("\n".join(f"{seconds:7.3f} s  {stage}" for stage, seconds in
                              result.timings.items()))


def summary(result) -> str:
    """What the build did, and only that: a no-op build says it found everything current."""
    lines = []
    if result.refreshed:
        lines.append(f"also updated: the {', '.join(result.refreshed)} edition(s) already in "
                     "build/, so that they follow the manuscripts")
    for edition in result.restored:
        lines.append(f"made again: the {edition}, left out of build/ while it could not "
                     "be made")
    if result.removed:
        lines.append("removed (no longer matching the inputs): " +
                     ", ".join(display_path(p) for p in result.removed))
    if not result.typeset and not result.written:
        others = [name for name in result.editions if name != "screen"]
        also = f"; the {', '.join(others)} edition(s) too" if others else ""
        lines.append(f"up to date: booklet {result.pages} pages{also}; nothing written "
                     f"({result.seconds:.2f} s)")
    else:
        lines.append(f"typeset {len(result.typeset)} article(s), wrote {len(result.written)} "
                     f"file(s), booklet {result.pages} pages, in {result.seconds:.1f} s")
    return "\n".join(lines)


@cli.command()
@project_option
@output_option
@jobs_option
@click.option("--settle", default=0.3, show_default=True, type=click.FloatRange(0.05, 10),
              help="Seconds without further saves before a rebuild starts.")
def watch(project: Path, output: Path | None, jobs: int | None, settle: float):
    """Rebuild on every save of a manuscript, layout, font or the booklet description."""
    from .build.interrupts import interrupts
    from .build.watch import watch_project
    with interrupts():
        for line in watch_project(project, output, jobs=jobs, settle=settle):
            click.echo(line, err=line.startswith(("error", "warning")) or ": error:" in line)
    click.echo("stopped watching")


@cli.command()
@project_option
@quiet_option
@build_dir_option
@click.option("--input", "-i", "source", type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to impose  [default: the print edition, booklet-print.pdf].")
@click.option("--sheet", default="A3", show_default=True,
              help="Sheet size at trim, two pages side by side: A3, A4, B4, SRA3 … or WxH mm.")
@click.option("--no-marks", is_flag=True,
              help="No slug and no crop marks: the PDF page is the sheet itself.")
def impose(project: Path, quiet: bool, output: Path | None, source: Path | None, sheet: str,
           no_marks: bool):
    """Impose the print edition for saddle stitching: build/booklet-imposed.pdf."""
    from .build.imposition import impose_project
    target, result = impose_project(project, output, source, sheet, not no_marks)
    report(result.warnings, quiet=quiet)
    if not quiet:
        click.echo(f"imposed {result.pages} pages on {result.sheets} sheets "
                   f"({2 * result.sheets} sides, print duplex flipping on the short edge): "
                   f"{display_path(target)}")


@cli.command()
@project_option
@quiet_option
@build_dir_option
@click.option("--input", "-i", "source", type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to proof  [default: booklet.pdf].")
@click.option("--dpi", type=click.IntRange(20, 600), default=150, show_default=True,
              help="Resolution of the page images.")
@click.option("--against", type=click.Path(dir_okay=False, path_type=Path),
              help="An earlier PDF of the booklet: also write a visual diff (proofs/diff/).")
def proof(project: Path, quiet: bool, output: Path | None, source: Path | None, dpi: int,
          against: Path | None):
    """Render every page to build/proofs/ with a contact sheet; diff against an old PDF."""
    from .checks.proof import proof_project
    folder, proofs = proof_project(project, output, source, dpi, against)
    if not quiet:
        click.echo(f"proofs of {proofs.pages} pages at {dpi} dpi, contact sheet: "
                   f"{display_path(folder / 'contact-sheet.png')}")
    if proofs.changes is not None:
        click.echo(proofs.summary, nl=False)


# --- provenance: import a raw source, audit manuscripts against their sources, lint them ---

@cli.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--slug", required=True, help="Folder name of the new manuscript, e.g. chongqing-2022.")
@click.option("--encoding", help="The source's encoding (utf-8, gb18030, gbk …)  [default: detected].")
@click.option("--force", is_flag=True, help="Replace an existing manuscript of that slug.")
@click.option("--add", is_flag=True, help="Also list the new article in manuscripts/booklet.yml.")
@project_option
def import_(source: Path, slug: str, encoding: str | None, force: bool, add: bool,
            project: Path):
    """Raw newspaper text or a Word file → draft manuscript, corrections record, review report."""
    from .intake import import_source
    from .intake.importer import list_in_booklet
    result = import_source(source, project, slug, encoding, force)
    listed = add and list_in_booklet(project, slug)
    images = f", images/ ({result.images} photos)" if result.images else ""
    click.echo(f"read {display_path(source)} as {result.encoding}\n"
               f"wrote {display_path(result.folder)}/: article.md, corrections.yml "
               f"({result.records} entries), review.md ({result.notes} spots to check), "
               f"source/{images}")
    todo = "fill in date: (and publication:, page:) if it says TODO, "
    checks = f"pressroom audit {slug} and pressroom lint " \
             f"{display_path(result.folder / 'article.md')}"
    if listed:
        click.echo(f"listed '{slug}' under articles in manuscripts/booklet.yml\n"
                   f"next: work through review.md, {todo}then run {checks}")
    else:
        click.echo(f"next: work through review.md, {todo}run {checks}, then "
                   f"list '{slug}' under articles in manuscripts/booklet.yml")


@cli.command()
@project_option
@quiet_option
@click.argument("slugs", nargs=-1)
def audit(project: Path, quiet: bool, slugs: tuple[str, ...]):
    """Prove each manuscript says what its source said, through its corrections record."""
    from .audit import audit_articles
    from .exceptions import AuditError
    from .project.config import load_booklet
    results = audit_articles(project, slugs)
    problems = [p for result in results for p in result.problems]
    if not slugs:  # a new article is audited on its own until it is listed
        report(load_booklet(project).unlisted_notices("audited", "audit it on its own: "
                                                      "pressroom audit {slug}"))
    if problems:
        raise AuditError(*problems)
    if not quiet:
        click.echo("\n".join(result.summary() for result in results))


@cli.command()
@project_option
@quiet_option
@click.argument("slugs", nargs=-1)
@click.option("--reason", default="", help="Why the editorial changes were made (one reason "
              "for all the changes found; mechanical ones need none).")
@click.option("--dry-run", is_flag=True, help="Show what would be recorded; write nothing.")
def record(project: Path, quiet: bool, slugs: tuple[str, ...], reason: str, dry_run: bool):
    """Write down in corrections.yml every change of the manuscripts not yet recorded."""
    from .audit.recorder import record_articles
    results = record_articles(project, slugs, reason, dry_run)
    problems = [p for result in results for p in result.problems]
    if not quiet or problems:
        click.echo("\n".join(result.summary() for result in results))
    if problems:
        raise FindingsError(*problems)


@cli.command()
@project_option
@quiet_option
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def lint(project: Path, quiet: bool, files: tuple[Path, ...]):
    """Proofread manuscripts (GB/T 15834, house rules): file:line:col: rule-id: message."""
    from .checks.lint import booklet_manuscripts, lint_files, lint_line, lint_summary
    from .project.config import load_booklet
    paths = list(files) or booklet_manuscripts(project)
    findings = lint_files(paths)
    for finding in findings:
        click.echo(lint_line(finding))
    if not files:  # a new article is proofread on its own until it is listed
        report(load_booklet(project).unlisted_notices("proofread", "proofread it on its own: "
                                                      "pressroom lint {path}"))
    if findings:
        raise FindingsError()  # exit status 1; the findings are printed above
    if not quiet:
        click.echo(lint_summary(len(paths)))


# --- preflight: everything a build would meet, checked before a print run ---

@cli.command()
@project_option
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit status 1).")
@click.option("--json", "as_json", is_flag=True, help="The findings as JSON, for scripts.")
@click.option("--edition", "-e", "editions", multiple=True, default=("screen",),
              type=click.Choice(["screen", "print"]), show_default=True,
              help="print: also compose the print edition in memory and run the PDF/X-4 "
                   "preflight on it (rules pdfx-*: CMYK only, K-only text, boxes, bleed, "
                   "output intent).")
def check(project: Path, strict: bool, as_json: bool, editions: tuple[str, ...]):
    """Do everything a build does except write outputs; report every problem at once.

    Each finding: file:line: severity: rule-id: message; fix. Exit status 0 clean,
    1 errors (or warnings with --strict), 2 the check could not run.
    """
    import json
    from .checks.preflight import check as run_check
    from .exceptions import UsageError
    try:
        result = run_check(project, editions)
    except UsageError as exc:
        if not as_json:
            raise
        click.echo(json.dumps({"error": exc.problems[0].message, "exit": exc.exit_code}))
        raise UsageError() from None  # exit status 2; said above
    if as_json:
        click.echo(json.dumps(result.as_json(strict), ensure_ascii=False, indent=1))
    else:
        click.echo("\n".join(result.lines() + [result.summary()]))
    if result.exit_code(strict):
        raise FindingsError()  # exit status 1; the findings are printed above


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting (for tests).

    From the command line (argv None), `build` goes to the resident process when one
    is up, and starts one after building itself (build/resident.py)."""
    if argv is None and sys.argv[1:2] == ["build"]:
        from .build import resident
        status = resident.forward(sys.argv[1:])
        if status is None:
            status = run(sys.argv[1:])
            if status in (0, 1):  # built, or the inputs need fixing: more builds follow
                resident.start_in_background()
        return status
    return run(argv)


def run(argv: list[str] | None) -> int:
    """Run one command in this process; its exit status."""
    try:
        cli.main(args=argv, prog_name="pressroom", standalone_mode=False)
    except PressroomError as exc:
        report(exc.problems)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("interrupted: earlier outputs are unchanged", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted: earlier outputs are unchanged", err=True)
        return 130
    except Exception as exc:  # a bug in pressroom, not in the user's input
        click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                   "this is a bug in pressroom; earlier outputs are unchanged. Run with "
                   "PRESSROOM_DEBUG=1 for the traceback and report it.", err=True)
        if os.environ.get("PRESSROOM_DEBUG"):
            raise
        return 70
    return 0
