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
    assert "also updated: the print, archive edition(s)" in out
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


def embedded(pdf) -> list[str]:
    return sorted(PdfReader(pdf).attachments)


def test_an_edition_that_cannot_be_made_again_is_removed_with_a_warning(project, capsys):
    """The archive is refused while the audit fails; a plain build after an unrecorded
    edit still builds the booklet, removes the stale archive rather than keep it, and
    says why: the audit problems, as warnings, then the removal."""
    build = project / "build"
    assert run(capsys, "build", "-q", "-C", str(project), "--edition", "archive")[0] == 0
    change(project / ARTICLE, "驻扎岗位", "驻守岗位")  # not recorded
    code, out, err = run(capsys, "build", "-C", str(project))
    assert code == 0, err
    assert f"{ARTICLE}:19: warning: text differs from the source" in err  # the audit's line
    assert "error" not in err
    removal = next(line for line in err.splitlines() if "is removed from build/" in line)
    assert ("build/booklet-archive.pdf: warning: the archive edition is refused: 1 audit "
            "problem(s) above") in removal
    assert "pressroom record" in removal and "brings it back by itself" in removal
    assert err.index("text differs from the source") < err.index("is removed from build/")
    assert not (build / "booklet-archive.pdf").exists() and (build / "booklet.pdf").exists()
    assert "驻守岗位" in text(build / "booklet.pdf")
    code, _, err = run(capsys, "build", "-C", str(project), "--edition", "archive")
    assert code == 1 and "archive edition is refused" in err


def test_a_withheld_archive_comes_back_with_its_sources(project, capsys):
    """The editor's report: an unrecorded edit removed an archive built with
    --embed-sources. -q still says so; later builds keep saying it is left out; once the
    audit passes a plain build brings it back, the sources embedded as before."""
    build = project / "build"
    assert run(capsys, "build", "-q", "-C", str(project), "--embed-sources")[0] == 0
    sources = embedded(build / "booklet-archive.pdf")
    assert len(sources) == 6
    change(project / ARTICLE, "驻扎岗位", "驻守岗位")  # not recorded
    code, out, err = run(capsys, "build", "-q", "-C", str(project))
    assert code == 0 and out == ""
    [line] = err.splitlines()  # -q: not the audit's list, but the loss of the archive
    assert "build/booklet-archive.pdf: warning:" in line
    assert "archive edition (PDF/A-3a, with the sources embedded) is removed from build/" in line
    assert not (build / "booklet-archive.pdf").exists()

    code, out, err = run(capsys, "build", "-C", str(project))
    assert code == 0 and "is still left out of build/" in err and "text differs" in err
    assert "made again" not in out and "removed" not in out
    assert run(capsys, "build", "-q", "-C", str(project)) == (0, "", "")
    assert not (build / "booklet-archive.pdf").exists()

    assert run(capsys, "record", "-q", "-C", str(project), "--reason", "错字")[0] == 0
    code, out, err = run(capsys, "build", "-C", str(project))  # a plain build
    assert code == 0, err
    assert "made again: the archive edition (PDF/A-3a, with the sources embedded)" in out
    assert "left out" not in err and "removed" not in err
    assert embedded(build / "booklet-archive.pdf") == sources
    assert "驻守岗位" in text(build / "archive/bashan-yushui.pdf")
    assert set(read_checksums(build / "SHA256SUMS")) == pdfs(build)


def test_the_archive_is_asked_for_again_as_it_was_made(project, capsys):
    """`build --edition archive` keeps the sources an archive in build/ carries;
    --no-embed-sources takes them out."""
    build = project / "build"
    assert run(capsys, "build", "-q", "-C", str(project), "--embed-sources")[0] == 0
    assert run(capsys, "build", "-q", "-C", str(project), "--edition", "archive")[0] == 0
    assert len(embedded(build / "booklet-archive.pdf")) == 6
    assert run(capsys, "build", "-q", "-C", str(project), "--no-embed-sources")[0] == 0
    assert embedded(build / "booklet-archive.pdf") == []
    assert run(capsys, "build", "-q", "-C", str(project))[0] == 0
    assert embedded(build / "booklet-archive.pdf") == []


def test_a_build_that_changes_nothing_says_so(project, capsys):
    """No edition is 'made again' by a build that writes nothing."""
    build = project / "build"
    assert run(capsys, "build", "-q", "-C", str(project), "--edition", "all")[0] == 0
    times = {p: p.stat().st_mtime_ns for p in build.rglob("*.pdf") if ".cache" not in p.parts}
    code, out, err = run(capsys, "build", "-C", str(project))
    assert code == 0, err
    assert out.splitlines() == [out.splitlines()[-1]]  # one line
    assert out.startswith("up to date: booklet 9 pages; the print, archive edition(s) too; "
                          "nothing written")
    assert {p: p.stat().st_mtime_ns for p in times} == times
