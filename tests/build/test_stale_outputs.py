"""After any build every file in build/ belongs to the current inputs: editions already
there follow the manuscripts, files of removed articles go, SHA256SUMS lists what is
there, and impose refuses a print edition older than its inputs."""

from __future__ import annotations

import subprocess

from pypdf import PdfReader

from pressroom.build.checksums import read_checksums
from pressroom.cli import main

ARTICLE = "manuscripts/bashan-yushui/article.md"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def text(pdf) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")


def change(path, old, new):
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, old
    path.write_text(content.replace(old, new), encoding="utf-8")


def pdfs(build):
    return {p.relative_to(build).as_posix() for p in build.rglob("*.pdf") if ".cache" not in p.parts}


def test_every_output_follows_the_inputs(project, capsys):
    build = project / "build"
    assert run(capsys, "build", "-q", "-C", str(project), "--edition", "all")[0] == 0
    assert run(capsys, "impose", "-q", "-C", str(project))[0] == 0
    change(project / ARTICLE, "驻扎岗位", "驻守岗位")
    assert run(capsys, "record", "-q", "-C", str(project), "--reason", "错字")[0] == 0
    code, out, err = run(capsys, "build", "-C", str(project))  # a plain build, as editors do
    assert code == 0, err
    assert "also made again: the print, archive edition(s)" in out
    for name in ("booklet.pdf", "booklet-print.pdf", "booklet-archive.pdf",
                 "archive/bashan-yushui.pdf", "booklet-imposed.pdf"):
        assert "驻守岗位" in text(build / name), name
    assert set(read_checksums(build / "SHA256SUMS")) == pdfs(build)
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=build, capture_output=True)
    assert check.returncode == 0, check.stdout

    change(project / ARTICLE, "驻守岗位", "驻扎岗位")  # edited again, not built
    code, _, err = run(capsys, "impose", "-C", str(project))
    assert code == 1 and "booklet-print.pdf is out of date" in err and "pressroom build" in err

    booklet = project / "manuscripts/booklet.yml"
    change(booklet, "  - bashan-yushui\n", "")
    code, out, err = run(capsys, "build", "-C", str(project))
    assert code == 0, err
    assert not (build / "articles/bashan-yushui.pdf").exists()
    assert not (build / "archive/bashan-yushui.pdf").exists()
    assert "removed (no longer matching the inputs)" in out
    assert set(read_checksums(build / "SHA256SUMS")) == pdfs(build)


def test_an_edition_that_cannot_be_made_again_is_removed_with_a_warning(project, capsys):
    """The archive is refused while the audit fails; a plain build after an unrecorded
    edit still builds the booklet, and removes the stale archive rather than keep it."""
    build = project / "build"
    assert run(capsys, "build", "-q", "-C", str(project), "--edition", "archive")[0] == 0
    change(project / ARTICLE, "驻扎岗位", "驻守岗位")  # not recorded
    code, out, err = run(capsys, "build", "-C", str(project))
    assert code == 0, err
    assert "warning" in err and "edition-removed" not in out and "archive edition" in err
    assert not (build / "booklet-archive.pdf").exists() and (build / "booklet.pdf").exists()
    assert "驻守岗位" in text(build / "booklet.pdf")
    code, _, err = run(capsys, "build", "-C", str(project), "--edition", "archive")
    assert code == 1 and "archive edition is refused" in err
