"""Problems and exceptions: what pressroom raises, each with its exit status; the CLI turns them into messages.

The tree (exit status in brackets):

    PressroomError [1]
      ConfigError, ManuscriptError, FontError, LayoutError   the inputs are wrong
      IntakeError, AuditError                                  import / provenance
      BuildError, ImposeError, ProofError                      a stage could not finish
      FindingsError                                            lint or check found problems
                                                               (already printed)
      UsageError [2]                                           the command cannot run here
      BusyError [3]                                            another build holds the lock

Every error carries `Problem`s: message, file, line (column), hint, the offending
source line, severity and rule id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One thing wrong with an input, located as precisely as we know."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    hint: str | None = None
    source_line: str | None = None
    severity: str = "error"
    rule: str | None = None
    column: int | None = None

    def format(self) -> str:
        where = ""
        if self.path is not None:
            path = display_path(self.path)
            where = f"{path}:{self.line}: " if self.line else f"{path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"; {self.hint}"
        if self.source_line is not None:
            text += f"\n    {self.source_line.rstrip()}"
        return text


class PressroomError(Exception):
    """Base of every error pressroom reports to its user (exit status 1)."""

    exit_code = 1

    def __init__(self, *problems: Problem | str):
        self.problems = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        super().__init__("\n".join(p.format() for p in self.problems))


class ConfigError(PressroomError):
    """The booklet description or a manuscript's front matter is wrong."""


class ManuscriptError(PressroomError):
    """A manuscript's body cannot be read or set."""


class FontError(PressroomError):
    """A font file is missing, damaged, or lacks characters the text needs."""


class LayoutError(PressroomError):
    """A template or style sheet cannot be used."""


class BuildError(PressroomError):
    """Typesetting or merging failed, or the build could not write its outputs."""


class BusyError(PressroomError):
    """Another build holds the project's lock."""

    exit_code = 3


class IntakeError(PressroomError):
    """A raw source cannot be read or imported."""


class AuditError(PressroomError):
    """A manuscript differs from its source in a way its corrections record does not explain."""


class ImposeError(PressroomError):
    """The pages cannot be imposed as asked."""


class ProofError(PressroomError):
    """Proofs cannot be made from the given PDFs."""


class FindingsError(PressroomError):
    """lint or check found problems (exit status 1); the findings were printed already."""


class UsageError(PressroomError):
    """The command cannot run here, e.g. no project in this folder (exit status 2)."""

    exit_code = 2


def display_path(path: Path | str) -> str:
    """A path as the user typed it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1
