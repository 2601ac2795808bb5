"""The pressroom command: parse arguments, call the core, turn errors into messages and exit codes.

Exit status: 0 success, 1 the inputs have errors, 2 bad usage, 3 another build holds
the lock, 130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import PressroomError, Problem


def report(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        label = problem.severity
        text = problem.format()
        where, sep, rest = text.partition(": ")
        line = f"{where}: {label}: {rest}" if sep and problem.path is not None else \
            f"{label}: {text}"
        click.echo(line, file=stream)


project_option = click.option(
    "--project", "-C", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The project folder (holding manuscripts/, layouts/, fonts/).")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print errors only.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressroom")
def cli():
    """pressroom: typeset corrected Chinese manuscripts into article PDFs and a booklet."""


@cli.command()
@project_option
@quiet_option
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Write outputs here instead of the project's build/ folder.")
def build(project: Path, quiet: bool, output: Path | None):
    """Typeset every article and compose build/booklet.pdf."""
    from .build import build as run_build
    result = run_build(project, output)
    report(result.warnings)
    if not quiet:
        click.echo(f"built {len(result.outputs)} files, booklet {result.pages} pages, "
                   f"in {result.seconds:.1f} s")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting (for tests)."""
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
        click.echo("interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted: earlier outputs are unchanged", err=True)
        return 130
    return 0
