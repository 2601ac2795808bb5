"""Proofs: page images, the contact sheet, and the visual diff after an edit."""

from __future__ import annotations

import re
import shutil

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from pdfread import read_chars
from pressroom.build import build
from pressroom.cli import main
from pressroom.checks.proof import (PAPER, THUMB_WIDTH, changed_boxes, make_proofs, spreads,
                             text_edits)
from synthetic import text_pdf


@pytest.fixture(scope="module")
def proofs(built):
    return make_proofs(built.booklet, dpi=40)


def test_one_image_per_page_at_the_chosen_resolution(built, proofs):
    pdf = pdfium.PdfDocument(str(built.booklet))
    sizes = [page.get_size() for page in pdf]
    pdf.close()
    names = sorted(n for n in proofs.files if n.startswith("page-"))
    assert names == [f"page-{n:03d}.png" for n in range(1, len(sizes) + 1)]
    for name, (width, height) in zip(names, sizes):
        image = Image.open(__import__("io").BytesIO(proofs.files[name]))
        assert image.size == (pytest.approx(width * 40 / 72, abs=1),
                              pytest.approx(height * 40 / 72, abs=1))


def test_spreads_put_page_one_alone_on_the_right():
    assert spreads(1) == [(None, 1)]
    assert spreads(4) == [(None, 1), (2, 3), (4, None)]
    assert spreads(9) == [(None, 1), (2, 3), (4, 5), (6, 7), (8, 9)]


def test_contact_sheet_shows_every_page_in_its_place(proofs):
    import io
    sheet = Image.open(io.BytesIO(proofs.files["contact-sheet.png"])).convert("RGB")
    # the thumbnail slots of the first row: (empty, cover), (page 2, page 3), …
    gap, head = 28, 40
    y = head + 20
    for spread, pair in enumerate(spreads(proofs.pages)[:3]):
        for column, number in enumerate(pair):
            x = gap + spread * (2 * THUMB_WIDTH + gap) + column * THUMB_WIDTH
            slot = sheet.crop((x + 2, y, x + THUMB_WIDTH - 2, y + 40))
            colours = {colour for _, colour in slot.getcolors(1 << 16)}
            if number is None:
                assert colours == {PAPER}
            else:  # a page: white paper (or the red cover), not the sheet's background
                assert PAPER not in colours


def test_changed_boxes_find_the_change_and_only_it():
    a = Image.new("RGB", (200, 100), "white")
    b = a.copy()
    assert changed_boxes(a, b) == []
    b.paste((0, 0, 0), (120, 40, 130, 50))
    boxes = changed_boxes(a, b)
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    assert x0 <= 120 and y0 <= 40 and x1 >= 130 and y1 >= 50
    assert x1 - x0 < 40 and y1 - y0 < 40


def test_text_edits_show_one_replaced_word_as_one_edit():
    assert text_edits("骤降的气温和突袭", "骤降的温度和突袭") == [
        "…骤降的[气温]和突袭… → …骤降的[温度]和突袭…"]


def kinds(result):
    return [(c.kind, c.old and c.old.number, c.new and c.new.number) for c in result.changes]


def test_pages_added_and_removed_are_named(tmp_path):
    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    old.write_bytes(text_pdf(["ONE", "TWO", "THREE", "FOUR"]))
    new.write_bytes(text_pdf(["ONE", "TWO", "EXTRA", "THREE", "FORTY"]))
    result = make_proofs(new, dpi=30, against=old)
    assert kinds(result) == [("added", None, 3), ("changed", 4, 5)]
    assert "added: p3" in result.summary and "removed: none" in result.summary
    assert "diff/page-003.png" in result.files and "diff/page-005.png" in result.files
    result = make_proofs(old, dpi=30, against=new)
    assert kinds(result) == [("removed", 3, None), ("changed", 5, 4)]
    assert "diff/old-page-003.png" in result.files


def page_of(path, text):
    """0-based index of the page whose text contains `text`, and the chars there."""
    for index, chars in enumerate(read_chars(path)):
        joined = "".join(c.text for c in chars)
        if text in joined:
            start = joined.index(text)
            return index, chars[start:start + len(text)]
    raise AssertionError(f"{text} not found")


def test_a_one_word_edit_shows_as_exactly_its_page(project, tmp_path, capsys):
    build(project)
    old = tmp_path / "old.pdf"
    shutil.copy(project / "build" / "booklet.pdf", old)
    manuscript = project / "manuscripts" / "bashan-yushui" / "article.md"
    text = manuscript.read_text(encoding="utf-8")
    assert text.count("骤降的气温") == 1
    manuscript.write_text(text.replace("骤降的气温", "骤降的温度"), encoding="utf-8")
    build(project)
    new = project / "build" / "booklet.pdf"
    index, chars = page_of(new, "骤降的温度")

    assert main(["proof", "-C", str(project), "--dpi", "50", "--against", str(old)]) == 0
    out = capsys.readouterr().out
    assert f"changed: p{index + 1} " in out
    assert "added: none" in out and "removed: none" in out
    assert "[气温]和突袭的疫情" in out and "[温度]和突袭的疫情" in out
    folder = project / "build" / "proofs"
    assert sorted(p.name for p in (folder / "diff").iterdir()) == [
        f"page-{index + 1:03d}.png", "summary.txt"]

    # the highlighted area covers the edited characters, and nothing else is boxed
    result = make_proofs(new, dpi=50, against=old)
    (change,) = result.changes
    height = pdfium.PdfDocument(str(new))[index].get_size()[1]
    for char in chars[3:]:
        x, y = (char.x0 + char.x1) / 2 * 50 / 72, (height - char.baseline - 3) * 50 / 72
        assert any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in change.boxes)
    assert len(change.boxes) == 1


def test_proof_command_writes_pages_and_contact_sheet(built, tmp_path, capsys):
    out = tmp_path / "out"
    (out / "proofs").mkdir(parents=True)
    (out / "proofs" / "page-099.png").write_bytes(b"stale")
    assert main(["proof", "-o", str(out), "-i", str(built.booklet), "--dpi", "30"]) == 0
    names = sorted(p.name for p in (out / "proofs").glob("*.png"))
    assert "page-099.png" not in names and "contact-sheet.png" in names
    assert len(names) == built.result.pages + 1
    assert main(["proof", "-o", str(out), "-i", str(tmp_path / "missing.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_an_inserted_article_shows_as_added_pages_and_the_rest_as_moved(project, tmp_path,
                                                                        capsys):
    """A new article between the two: its pages are added; the second article's pages
    are moved (same text, new folios), not changed; the colophon is paired with the old
    colophon; the summary's counts are those of its lists."""
    from minis import FIXTURE
    build(project)
    old = tmp_path / "old.pdf"
    shutil.copy(project / "build" / "booklet.pdf", old)
    shutil.copytree(FIXTURE / "manuscripts" / "mini", project / "manuscripts" / "mini")
    booklet = project / "manuscripts" / "booklet.yml"
    booklet.write_text(booklet.read_text(encoding="utf-8").replace(
        "  - bashan-yushui\n", "  - mini\n  - bashan-yushui\n"), encoding="utf-8")
    build(project)
    new = project / "build" / "booklet.pdf"
    result = make_proofs(new, dpi=30, against=old)
    by_kind = {}
    for change in result.changes:
        by_kind.setdefault(change.kind, []).append(change)
    added = [c.new.number for c in by_kind.get("added", [])]
    reader = PdfReader(new)
    starts = [reader.get_destination_page_number(item) + 1 for item in reader.outline
              if not isinstance(item, list)]
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    first = starts[titles.index("红色金融　薪火相传")]
    mini_pages = list(range(first, starts[titles.index("红色金融　薪火相传") + 1]))
    assert added == mini_pages and "removed" not in by_kind
    moved = by_kind.get("moved", [])
    assert moved and all(c.new.number - c.old.number == len(added) for c in moved)
    changed = {c.new.number for c in by_kind.get("changed", [])}
    last = len(PdfReader(new).pages)
    assert last in changed and changed <= {2, last}  # contents and colophon only
    summary = result.summary
    assert f"moved (same text, other folio): {len(moved)}" in summary
    for change in by_kind["changed"]:
        listed = [line for line in summary.split(f"{change.new.name} (was", 1)[1]
                  .split("\n\n", 1)[0].splitlines()[1:] if line.startswith("  …")]
        count = int(re.search(r"\): (\d+) text edit", summary.split(
            f"{change.new.name} (was", 1)[1])[1])
        assert count == len(listed) or "more)" in summary
