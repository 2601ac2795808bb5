"""Proofs: a booklet PDF (and optionally an older one) → page PNGs, a contact sheet, and a visual diff.

Pages are rendered with pdfium. The diff aligns old and new pages by their text
(so a page inserted in the middle shows as one added page, not as every later page
changed), then compares each aligned pair pixel by pixel and boxes the areas that
differ. Everything is made in memory first and written only when complete.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFont
from pypdf import PdfReader

from ..exceptions import PressroomError, Problem, ProofError
from ..files import write_atomic

DIFF_DPI_MAX = 100  # compare at most at this resolution: enough to see one character
THRESHOLD = 40  # grey-level difference that counts as changed (below: anti-aliasing noise)
THUMB_WIDTH = 180  # px, contact sheet
SPREADS_PER_ROW = 3
PAPER = (236, 233, 228)
HIGHLIGHT = (214, 24, 32)


@dataclass
class Page:
    """One rendered page with what the proofs print beside it."""

    number: int  # 1-based physical page number
    label: str  # the page label, i.e. the printed folio ('封面', 'i', '3')
    image: Image.Image
    text: str

    @property
    def name(self) -> str:
        return f"p{self.number}" if self.label == str(self.number) else \
            f"p{self.number} ({self.label})"


@dataclass
class Change:
    kind: str  # 'changed', 'moved', 'added', 'removed'
    old: Page | None
    new: Page | None
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)  # px, new page
    edits: list[str] = field(default_factory=list)  # text changes, 'old → new'


@dataclass
class Proofs:
    files: dict[str, bytes]  # relative path under the proofs folder → content
    pages: int
    changes: list[Change] | None = None  # None without --against
    summary: str = ""


def read_pages(data: bytes, dpi: float, where: Path | str) -> list[Page]:
    """Render every page at `dpi`, with its label and text."""
    try:
        labels = PdfReader(io.BytesIO(data)).page_labels
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pypdf and pdfium raise many kinds for damaged files
        raise ProofError(Problem(f"cannot read the PDF: {exc}", where)) from exc
    pages = []
    try:
        for index, page in enumerate(pdf):
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            text = page.get_textpage().get_text_range().replace("\r\n", "\n")
            label = labels[index] if index < len(labels) else str(index + 1)
            pages.append(Page(index + 1, label, image, text))
    finally:
        pdf.close()
    return pages


def png(image: Image.Image) -> bytes:
    """PNG bytes without time or software chunks: the same image gives the same file."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


# -- contact sheet --------------------------------------------------------------

def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Pages as a reader sees them: page 1 alone on the right, then facing pairs."""
    rows: list[tuple[int | None, int | None]] = [(None, 1)] if count else []
    for left in range(2, count + 1, 2):
        rows.append((left, left + 1 if left + 1 <= count else None))
    return rows


def contact_sheet(pages: list[Page], font_path: Path | None, title: str = "") -> Image.Image:
    """All pages as numbered thumbnails, laid out in spreads."""
    first = pages[0].image
    thumb_h = round(THUMB_WIDTH * first.height / first.width)
    font = _font(font_path, 13)
    gap, caption = 28, 22
    pairs = spreads(len(pages))
    rows = [pairs[i:i + SPREADS_PER_ROW] for i in range(0, len(pairs), SPREADS_PER_ROW)]
    head = 40 if title else gap
    width = SPREADS_PER_ROW * 2 * THUMB_WIDTH + (SPREADS_PER_ROW + 1) * gap
    height = head + len(rows) * (thumb_h + caption + gap)
    sheet = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(sheet)
    if title:
        draw.text((gap, 12), title, fill=(60, 60, 60), font=_font(font_path, 16))
    for r, row in enumerate(rows):
        y = head + r * (thumb_h + caption + gap)
        for s, pair in enumerate(row):
            x = gap + s * (2 * THUMB_WIDTH + gap)
            for column, number in enumerate(pair):
                if number is None:
                    continue
                page = pages[number - 1]
                left = x + column * THUMB_WIDTH
                sheet.paste(page.image.resize((THUMB_WIDTH, thumb_h), Image.LANCZOS),
                            (left, y))
                draw.rectangle((left, y, left + THUMB_WIDTH - 1, y + thumb_h - 1),
                               outline=(150, 150, 150))
                draw.text((left + THUMB_WIDTH / 2, y + thumb_h + 4), page.name,
                          fill=(40, 40, 40), font=font, anchor="ma")
    return sheet


def _font(path: Path | None, size: int) -> ImageFont.ImageFont:
    if path is not None:
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            pass
    return ImageFont.load_default(size)


# -- diff -------------------------------------------------------------------------

def _text_key(page: Page) -> str:
    """A page's text without digits, so renumbered folios do not break the alignment."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", page.text))


def _body(page: Page) -> str:
    """A page's text without whitespace and without its folio (the last copy of its label)."""
    text = re.sub(r"\s+", "", page.text)
    at = text.rfind(page.label) if page.label else -1
    return text[:at] + text[at + len(page.label):] if at != -1 else text


MIN_SIMILAR = 0.5  # pages this alike are one page changed; less alike, one removed, one added


def compare(old: list[Page], new: list[Page]) -> list[Change]:
    """Align old and new pages by their text; report every page added, removed, changed
    or moved (the same text under another folio). Identical runs of pages are anchors;
    between anchors, pages are paired by how alike their text is, in order."""
    matcher = difflib.SequenceMatcher(None, [_text_key(p) for p in old],
                                      [_text_key(p) for p in new], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2))) if tag == "equal" else \
            [(i1 + a, j1 + b) for a, b in similar_pairs(old[i1:i2], new[j1:j2])]
        paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
        events = [(j, 0, pair_change(old[i], new[j])) for i, j in pairs]
        events += [(j, 1, Change("added", None, new[j])) for j in range(j1, j2)
                   if j not in paired_new]
        removed = [Change("removed", old[i], None) for i in range(i1, i2) if i not in paired_old]
        changes += [change for _, _, change in sorted(events, key=lambda e: e[:2]) if change]
        changes += removed
    return changes


def similar_pairs(old: list[Page], new: list[Page]) -> list[tuple[int, int]]:
    """(i, j) pairs in order that make the most alike pages partners (alignment by DP)."""
    score = [[_similarity(a, b) for b in new] for a in old]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            take = score[i][j] + best[i + 1][j + 1] if score[i][j] >= MIN_SIMILAR else -1
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(old) and j < len(new):
        if score[i][j] >= MIN_SIMILAR and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _similarity(a: Page, b: Page) -> float:
    matcher = difflib.SequenceMatcher(None, _body(a), _body(b), autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= MIN_SIMILAR else 0.0


def pair_change(old: Page, new: Page) -> Change | None:
    """What became of one page: nothing, moved (same text, other folio), or changed."""
    boxes = changed_boxes(old.image, new.image)
    if not boxes:
        return None
    if _body(old) == _body(new) and (old.label, old.number) != (new.label, new.number):
        return Change("moved", old, new, boxes)
    return Change("changed", old, new, boxes, text_edits(old.text, new.text))


def changed_boxes(a: Image.Image, b: Image.Image, cell: int = 8) -> list[tuple[int, int, int, int]]:
    """Boxes (px, on b) around the areas where two renderings differ."""
    if a.size != b.size:
        return [(0, 0, b.width, b.height)]
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    if diff.getbbox() is None:
        return []
    mask = diff.point(lambda v: 255 if v > THRESHOLD else 0)
    if mask.getbbox() is None:
        return []
    cols, rows = -(-b.width // cell), -(-b.height // cell)
    grid = mask.resize((cols, rows), Image.BOX).load()
    marked = {(x, y) for y in range(rows) for x in range(cols) if grid[x, y] > 0}
    boxes = []
    while marked:  # connected areas of changed cells, neighbours within 2 cells joined
        seed = marked.pop()
        queue, x0, y0, x1, y1 = deque([seed]), seed[0], seed[1], seed[0], seed[1]
        while queue:
            cx, cy = queue.popleft()
            x0, y0, x1, y1 = min(x0, cx), min(y0, cy), max(x1, cx), max(y1, cy)
            for nx in range(cx - 2, cx + 3):
                for ny in range(cy - 2, cy + 3):
                    if (nx, ny) in marked:
                        marked.remove((nx, ny))
                        queue.append((nx, ny))
        boxes.append((max(0, (x0 - 1) * cell), max(0, (y0 - 1) * cell),
                      min(b.width, (x1 + 2) * cell), min(b.height, (y1 + 2) * cell)))
    return sorted(boxes, key=lambda box: (box[1], box[0]))


def text_edits(old: str, new: str, context: int = 8, limit: int = 6) -> list[str]:
    """Short 'before → after' snippets for each text difference of a page."""
    a, b = re.sub(r"\s+", "", old), re.sub(r"\s+", "", new)
    spans: list[list[int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        # 气温 → 温度 comes out as 'delete 气, insert 度': show it as one edit.
        if spans and i1 - spans[-1][1] <= 2 and j1 - spans[-1][3] <= 2:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    edits = []
    for i1, i2, j1, j2 in spans:
        before, after = a[max(0, i1 - context):i1], a[i2:i2 + context]
        edits.append(f"…{before}[{a[i1:i2]}]{after}… → …{before}[{b[j1:j2]}]{after}…")
    if len(edits) > limit:
        edits = edits[:limit] + [f"(and {len(edits) - limit} more)"]
    return edits


def side_by_side(change: Change, font_path: Path | None) -> Image.Image:
    """Old page left, new page right, changed areas boxed in red on both."""
    sample = (change.new or change.old).image
    w, h = sample.size
    gap, head = 24, 34
    canvas = Image.new("RGB", (2 * w + 3 * gap, h + head + gap), PAPER)
    draw = ImageDraw.Draw(canvas, "RGBA")
    font = _font(font_path, 15)
    for column, (page, title) in enumerate(((change.old, "old"), (change.new, "new"))):
        x = gap + column * (w + gap)
        if page is None:
            draw.rectangle((x, head, x + w - 1, head + h - 1), fill=(210, 206, 200))
            draw.text((x + w / 2, head + h / 2), f"no page here ({change.kind})",
                      fill=(90, 90, 90), font=font, anchor="mm")
            continue
        canvas.paste(page.image, (x, head))
        draw.text((x, 8), f"{title}: {page.name}", fill=(40, 40, 40), font=font)
        for x0, y0, x1, y1 in change.boxes:
            box = (x + x0, head + y0, x + x1, head + y1)
            draw.rectangle(box, fill=HIGHLIGHT + (40,), outline=HIGHLIGHT + (255,), width=3)
    if change.kind != "changed":  # the whole page is the change
        x = gap + (0 if change.old else w + gap)
        draw.rectangle((x, head, x + w - 1, head + h - 1), outline=HIGHLIGHT + (255,), width=5)
    return canvas


def summary(changes: list[Change], old: list[Page], new: list[Page], old_name: str,
            new_name: str) -> str:
    """The diff in a few lines of plain text; the counts are of what is listed."""
    def names(kind: str, side: str) -> str:
        found = [getattr(c, side).name for c in changes if c.kind == kind]
        return ", ".join(found) if found else "none"

    moved = [f"{c.old.name} → {c.new.name}" for c in changes if c.kind == "moved"]
    alike = len(new) - sum(c.kind in ("changed", "moved", "added") for c in changes)
    lines = [f"proof of {new_name} against {old_name}",
             f"pages: {len(old)} before, {len(new)} after",
             f"changed: {names('changed', 'new')}",
             f"added: {names('added', 'new')}",
             f"removed: {names('removed', 'old')}",
             f"moved (same text, other folio): {len(moved)}" + (f": {', '.join(moved)}"
                                                                if moved else ""),
             f"unchanged: {alike}"]
    for change in changes:
        if change.kind != "changed":
            continue
        count = len(text_edits(change.old.text, change.new.text, limit=10**6))
        lines.append("")
        lines.append(f"{change.new.name} (was {change.old.name}): {count} text edit(s), "
                     f"changed areas boxed in {diff_name(change)}")
        lines += [f"  {edit}" for edit in change.edits] or \
            ["  no text changed (layout, folio or image only)"]
    return "\n".join(lines) + "\n"


def diff_name(change: Change) -> str:
    page = change.new or change.old
    side = "old-" if change.new is None else ""
    return f"diff/{side}page-{page.number:03d}.png"


# -- the whole proof ---------------------------------------------------------------

def make_proofs(pdf: Path, dpi: float = 150, against: Path | None = None,
                font_path: Path | None = None) -> Proofs:
    """Page PNGs and a contact sheet for `pdf`; with `against`, the diff as well."""
    data = _read(pdf)
    pages = read_pages(data, dpi, pdf)
    if not pages:
        raise ProofError(Problem("the PDF has no pages", pdf))
    files = {f"page-{p.number:03d}.png": png(p.image) for p in pages}
    files["contact-sheet.png"] = png(contact_sheet(pages, font_path, pdf.name))
    if against is None:
        return Proofs(files, len(pages))
    compare_dpi = min(dpi, DIFF_DPI_MAX)
    new = pages if compare_dpi == dpi else read_pages(data, compare_dpi, pdf)
    old = read_pages(_read(against), compare_dpi, against)
    changes = compare(old, new)
    for change in changes:
        if change.kind != "moved":  # a moved page differs in its folio only
            files[diff_name(change)] = png(side_by_side(change, font_path))
    text = summary(changes, old, new, against.name, pdf.name)
    files["diff/summary.txt"] = text.encode("utf-8")
    return Proofs(files, len(pages), changes, text)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProofError(Problem("the PDF does not exist", path,
                                 hint="build it first with `pressroom build`")) from None


def write_proofs(proofs: Proofs, folder: Path) -> list[Path]:
    """Write the proofs; remove pages and diffs left by an earlier, different proof."""
    written = []
    for name, data in sorted(proofs.files.items()):
        write_atomic(folder / name, data)
        written.append(folder / name)
    keep = set(written)
    for stale in [*folder.glob("page-*.png"), *folder.glob("diff/*")]:
        if stale not in keep and stale.is_file():
            stale.unlink()
    return written


def proof_project(root: Path, output: Path | None = None, source: Path | None = None,
                  dpi: float = 150, against: Path | None = None) -> tuple[Path, Proofs]:
    """Proof the project's booklet (or `source`) into build/proofs/."""
    from ..project.config import load_booklet
    from ..project.fonts import load_fonts
    booklet = load_booklet(root)
    build_dir = output.resolve() if output else booklet.build_dir
    try:  # thumbnails are labelled in the booklet's own Hei face
        font_path = load_fonts(booklet.fonts_dir, verify=False).faces["hei"].file
    except PressroomError:
        font_path = None
    proofs = make_proofs(source or build_dir / "booklet.pdf", dpi, against, font_path)
    folder = build_dir / "proofs"
    write_proofs(proofs, folder)
    return folder, proofs
