"""SHA256SUMS, and byte-identical builds in separate places, processes and time zones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pressroom.build.checksums import read_checksums, update_checksums

ROOT = Path(__file__).resolve().parents[2]


def test_sha256sums_lists_every_pdf_of_the_build_and_verifies(editions):
    names = set(read_checksums(editions.out / "SHA256SUMS"))
    produced = {p.relative_to(editions.out).as_posix() for p in editions.out.rglob("*.pdf")
                if ".cache" not in p.parts and "proofs" not in p.parts}
    assert {"booklet.pdf", "booklet-print.pdf", "booklet-archive.pdf"} <= names
    assert produced <= names
    check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"],
                           cwd=editions.out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_entries_of_changed_or_removed_files_are_dropped(tmp_path):
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        (tmp_path / name).write_bytes(name.encode())
    update_checksums(tmp_path, [tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"])
    (tmp_path / "b.pdf").write_bytes(b"changed by hand")
    (tmp_path / "c.pdf").unlink()
    (tmp_path / "d.pdf").write_bytes(b"d")
    update_checksums(tmp_path, [tmp_path / "d.pdf"])
    assert sorted(read_checksums(tmp_path / "SHA256SUMS")) == ["a.pdf", "d.pdf"]
    assert not list(tmp_path.glob(".*.tmp"))


def fresh_copy(where: Path) -> Path:
    copy = where / "project"
    copy.mkdir(parents=True)
    for name in ("manuscripts", "layouts"):
        shutil.copytree(ROOT / name, copy / name)
    (copy / "fonts").symlink_to(ROOT / "fonts")
    return copy


def test_two_fresh_copies_build_byte_identical_pdfs(tmp_path):
    """Every edition, in two places, in two processes, with different clocks and zones."""
    copies = [fresh_copy(tmp_path / "one"), fresh_copy(tmp_path / "elsewhere" / "two")]
    envs = [{"TZ": "UTC", "LC_ALL": "C.UTF-8"},
            {"TZ": "Asia/Shanghai", "SOURCE_DATE_EPOCH": "1700000000", "LC_ALL": "C"}]
    runs = [subprocess.Popen([sys.executable, "-m", "pressroom", "build", "-q", "-C", str(copy),
                              "--edition", "all", "--embed-sources"],
                             env={**os.environ, **env}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for copy, env in zip(copies, envs)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    for copy in copies:
        done = subprocess.run([sys.executable, "-m", "pressroom", "impose", "-q", "-C",
                               str(copy)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    sums = [(copy / "build" / "SHA256SUMS").read_text() for copy in copies]
    assert sums[0] == sums[1]
    names = read_checksums(copies[0] / "build" / "SHA256SUMS")
    assert {"booklet.pdf", "booklet-print.pdf", "booklet-archive.pdf",
            "booklet-imposed.pdf"} <= set(names)
    assert sum(name.startswith("archive/") for name in names) == 2
