"""Word manuscripts: the bytes of a .docx in, its paragraphs (style, text, bold run-in head, italics), its embedded photos and its text as lines out.

The text is what import reads and what audit compares a manuscript with: one line per
Word paragraph with a blank line between paragraphs, a manual line break (Shift+Enter)
as a line break, a tab as a space. Photos have no text: each is reported with the line
of the paragraph it stands before. Reading uses python-docx; nothing here parses the
ZIP or the XML by hand.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from ..exceptions import IntakeError, Problem

IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
               "image/tiff": ".tif", "image/bmp": ".bmp"}
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


@dataclass
class WordImage:
    """An embedded photo: the file name it gets under images/, its bytes, and its place."""

    name: str
    data: bytes
    before_line: int  # text line of the paragraph it stands before (past the end: after all)


@dataclass
class WordParagraph:
    """One paragraph of the document that has text."""

    line: int  # its first line in the extracted text
    style: str  # the paragraph style's name (Title, Subtitle, Heading 2, Caption, Normal …)
    text: str
    bold: int = 0  # characters of a bold run at its start (a run-in head), 0 if none or all
    all_bold: bool = False
    italic: bool = False  # every character italic (captions and credits often are)


@dataclass
class WordText:
    text: str
    paragraphs: list[WordParagraph] = field(default_factory=list)
    images: list[WordImage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # embedded pictures of other formats

    def paragraph_at(self, line: int) -> WordParagraph | None:
        return next((p for p in self.paragraphs
                     if p.line <= line < p.line + p.text.count("\n") + 1), None)


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def is_word(data: bytes) -> bool:
    """A ZIP that holds word/document.xml."""
    if not is_zip(data):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _runs(paragraph: Paragraph):
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            yield from item.runs
        else:
            yield item


def _run_text(run) -> str:
    """A run's text: manual line breaks as line breaks, tabs as spaces, page breaks dropped."""
    out = []
    for child in run._r.iterchildren():
        if child.tag == qn("w:t"):
            out.append(child.text or "")
        elif child.tag == qn("w:tab"):
            out.append(" ")
        elif child.tag in (qn("w:br"), qn("w:cr")) and child.get(qn("w:type")) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _photos(run, document, taken: set[str], skipped: list[str]) -> list[tuple[str, bytes]]:
    found = []
    for blip in run._r.iter(qn("a:blip")):
        rid = blip.get(qn("r:embed"))
        part = document.part.related_parts.get(rid) if rid else None
        if part is None or part.content_type not in IMAGE_TYPES:
            skipped.append(part.content_type if part is not None else "linked picture")
            continue
        extension = IMAGE_TYPES[part.content_type]
        name = ""
        for node in run._r.iter(qn("pic:cNvPr")):
            name = PurePosixPath(node.get("name") or "").name
        if not SAFE_NAME.match(name) or PurePosixPath(name).suffix.lower() not in \
                (extension, ".jpeg" if extension == ".jpg" else extension):
            name = f"photo-{len(taken) + 1}{extension}"
        stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        number = 2
        while name in taken:
            name, number = f"{stem}-{number}{suffix}", number + 1
        taken.add(name)
        found.append((name, part.blob))
    return found


def read_word(data: bytes, path=None) -> WordText:
    """The paragraphs, photos and text of a .docx (errors name the file, never a traceback)."""
    try:
        return _read(Document(io.BytesIO(data)))
    except Exception as exc:  # noqa: BLE001 - whatever breaks inside a damaged package
        what = exc.__class__.__name__ if isinstance(exc, PackageNotFoundError) else str(exc)
        raise IntakeError(Problem(f"cannot read this Word document ({what[:80]})", path, None,
                                  "open it in Word and save it again as .docx")) from None


def _read(document) -> WordText:
    lines: list[str] = []
    result = WordText("")
    pending: list[tuple[str, bytes]] = []
    taken: set[str] = set()
    for paragraph in _body_paragraphs(document):
        pieces = []
        for run in _runs(paragraph):
            pieces.append((_run_text(run), run))
            pending += _photos(run, document, taken, result.skipped)
        text = "".join(t for t, _ in pieces)
        if not text.strip():
            continue
        if lines:
            lines.append("")
        line = len(lines) + 1
        for name, blob in pending:
            result.images.append(WordImage(name, blob, line))
        pending = []
        result.paragraphs.append(_paragraph(line, paragraph, text, pieces))
        lines += text.split("\n")
    for name, blob in pending:
        result.images.append(WordImage(name, blob, len(lines) + 1))
    result.text = "\n".join(lines) + "\n" if lines else ""
    return result


def _body_paragraphs(document):
    """Paragraphs of the body in order, those inside table cells included."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def _paragraph(line: int, paragraph: Paragraph, text: str, pieces) -> WordParagraph:
    style = paragraph.style.name if paragraph.style is not None else "Normal"
    bold = 0
    for piece, run in pieces:
        if not piece.strip():
            bold += len(piece)
            continue
        if run.bold:
            bold += len(piece)
        else:
            break
    visible = [(t, r) for t, r in pieces if t.strip()]
    all_bold = bool(visible) and all(r.bold for _, r in visible)
    italic = bool(visible) and all(r.italic for _, r in visible)
    return WordParagraph(line, style, text, 0 if all_bold or bold >= len(text) else bold,
                         all_bold, italic)
