"""Import: a raw source file (text or Word) in, manuscripts/<slug>/ (article.md, corrections.yml, review.md, source/ as received, images/ from a Word file) out.

The only module of intake that writes files; everything before it works in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..exceptions import IntakeError, Problem
from ..files import write_atomic
from ..audit.record import load_corrections
from ..audit.recorder import settle_record
from ..project.config import SLUG, load_booklet, with_article
from ..text.sources import read_source
from .draft import draft_manuscript
from .records import records_yaml
from .review import review_text


@dataclass
class ImportResult:
    """What `import` wrote."""

    folder: Path
    encoding: str
    records: int
    notes: int
    images: int = 0


def import_source(source: Path, project: Path, slug: str, encoding: str | None = None,
                  force: bool = False) -> ImportResult:
    """Write manuscripts/<slug>/ (article.md, corrections.yml, review.md, source/, images/) from a raw text or Word file."""
    if not SLUG.match(slug):
        raise IntakeError(Problem(f"slug '{slug}' is not usable as a folder name", None, None,
                                  "use lower-case letters, digits and hyphens, e.g. "
                                  "chongqing-2022"))
    try:
        data = source.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise IntakeError(Problem("source file not found", source)) from None
    read = read_source(data, source, encoding)
    text, codec, description = read.text, read.codec, read.description
    if not text.strip():
        raise IntakeError(Problem("source is empty", source, None, "check the file"))
    folder = project / "manuscripts" / slug
    article = folder / "article.md"
    if article.exists() and not force:
        raise IntakeError(Problem("a manuscript already exists here", article, None,
                                  "choose another --slug, or add --force to replace it"))
    draft = draft_manuscript(read, slug, source.name)
    (folder / "source").mkdir(parents=True, exist_ok=True)
    if draft.images:
        (folder / "images").mkdir(exist_ok=True)
        for name, blob in draft.images.items():
            (folder / "images" / name).write_bytes(blob)
    copy = folder / "source" / source.name
    if not (copy.exists() and copy.resolve() == source.resolve()):
        copy.write_bytes(data)
    article.write_text(draft.article, encoding="utf-8", newline="\n")
    record = folder / "corrections.yml"
    record.write_text(records_yaml(source.name, codec, draft.records), encoding="utf-8",
                      newline="\n")
    draft.records = settled(article, record, draft.records)
    (folder / "review.md").write_text(review_text(slug, source.name, description, text, draft),
                                      encoding="utf-8", newline="\n")
    return ImportResult(folder, description, len(draft.records), len(draft.notes),
                        len(draft.images))


def settled(article: Path, record: Path, drafted: list[dict]) -> list[dict]:
    """The drafted record rewritten as `pressroom record` writes it (one code for both:
    audit/recorder.py), and its entries as written, for review.md; the draft as it was
    when the record cannot be read back (the audit will say why)."""
    if settle_record(article).problems:
        return drafted
    entries = []
    for correction in load_corrections(record)[1]:
        entry = {"kind": correction.kind, "source_line": correction.source_line,
                 "source": correction.source, "manuscript": correction.manuscript}
        if correction.manuscript_line:
            entry["manuscript_line"] = correction.manuscript_line
        entries.append(entry)
    return entries


def list_in_booklet(project: Path, slug: str) -> bool:
    """Append `slug` to the articles of manuscripts/booklet.yml (`import --add`); False
    when it is listed already. The rest of the file stays as the editors wrote it."""
    path = project / "manuscripts" / "booklet.yml"
    booklet = load_booklet(project)
    if slug in booklet.articles:
        return False
    text = path.read_text(encoding="utf-8-sig")
    write_atomic(path, with_article(text, slug, path).encode("utf-8"))
    return True
