"""The archive edition: composed booklet and article PDFs in, PDF/A-2a (or PDF/A-3a with the sources inside) out.

The archive is a record: it is refused while a manuscript fails the audit. The PDF/A
transform itself is pdfa.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..exceptions import BuildError, Problem
from ..project.manuscript import Article

NAME = "archive"
PARTS = "screen"  # the articles as typeset for the screen (sRGB, PDF/A)
MIME_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".yml": "application/yaml",
              ".yaml": "application/yaml",
              ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def outputs(build_dir: Path, slugs: list[str]) -> list[Path]:
    return [build_dir / "archive" / f"{slug}.pdf" for slug in slugs] + \
        [build_dir / "booklet-archive.pdf"]


def compose(job) -> dict[Path, bytes]:
    """The archive booklet and articles, from the screen edition's standalone articles."""
    from ..compose.booklet import compose_booklet
    from .pdfa import archive_edition
    composition = compose_booklet(job.typesetter(NAME), job.booklet, job.fonts, job.parts)
    out, everything = {}, []
    for article, _ in job.parts:
        attachments = article_sources(article) if job.embed_sources else []
        everything += attachments
        out[job.build_dir / "archive" / f"{article.slug}.pdf"] = archive_edition(
            job.standalone[article.slug], job.booklet, attachments)
    out[job.build_dir / "booklet-archive.pdf"] = archive_edition(composition.pdf, job.booklet,
                                                                 everything)
    return out


def refuse(project) -> None:
    """The archive edition is a record: refuse it while a manuscript fails the audit."""
    from ..audit import audit_project
    from ..audit.messages import remedies
    problems = [p for p in audit_project(project.booklet.root) if p.severity == "error"]
    if problems:  # the hint says what fixes the problems found, by their rules
        raise BuildError(*problems, Problem(
            f"the archive edition is refused: {len(problems)} audit problem(s) above; an "
            "archive is a record, made of audited manuscripts only",
            hint=f"{remedies(problems) or 'fix them as said above'}; `pressroom audit` shows "
                 "the same list", rule="archive-refused"))


@dataclass
class Attachment:
    """A file carried inside an archival PDF."""

    name: str
    data: bytes
    description: str

    @property
    def mime(self) -> str:
        return MIME_TYPES.get(Path(self.name).suffix.lower(), "application/octet-stream")


def article_sources(article: Article) -> list[Attachment]:
    """The article's source as received, its corrected manuscript and its corrections
    record, byte for byte."""
    folder = article.path.parent
    files_ = [(folder / article.source, "source", "来稿原样 (source as received)"),
              (article.path, "manuscript", "校订稿 (corrected manuscript)"),
              (folder / article.corrections, "corrections", "校订记录 (corrections record)")]
    attachments = []
    for path, kind, description in files_:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BuildError(Problem(f"cannot embed the {kind} file: {exc.strerror}", path))
        attachments.append(Attachment(f"{article.slug}.{path.name}", data, description))
    return attachments


# -- in a build -------------------------------------------------------------------

