"""Atomic outputs and the build lock, with real processes: a build interrupted mid-way
(Ctrl-C or killed) leaves the earlier booklet intact and readable; a second build started
while one runs is refused with exit status 3 and a clear message."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from pressroom import files as files_module
from pressroom.cli import main

from minis import copy_project

PARAGRAPH = "截至2026年5月末"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def built_once(tmp_path):
    """The fixture project, built; then edited so that the next build typesets again."""
    root = copy_project(tmp_path / "project")
    assert main(["build", "-q", "-C", str(root)]) == 0
    article = root / "manuscripts" / "mini" / "article.md"
    long = "党建引领金融服务实体经济乡村振兴。" * 600  # a few more pages: a longer window
    article.write_text(article.read_text(encoding="utf-8").replace(PARAGRAPH, long + PARAGRAPH),
                       encoding="utf-8")
    return root, sha(root / "build" / "booklet.pdf")


def start_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pressroom", "build", "-q", "-j", "1",
                             "-C", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_for_lock(root: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Return once `process` holds build/.lock: it has read everything and is typesetting."""
    deadline = time.monotonic() + timeout
    lock = root / "build" / ".lock"
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        with lock.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            fcntl.flock(handle, fcntl.LOCK_UN)
        time.sleep(0.01)
    raise AssertionError("the build never took the lock")


def intact(root: Path, old: str) -> None:
    booklet = root / "build" / "booklet.pdf"
    assert sha(booklet) == old
    assert len(PdfReader(booklet).pages) == 4
    assert not [p.name for p in booklet.parent.glob(".booklet.pdf.*")]


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGKILL, -9)],
                         ids=["ctrl-c", "killed"])
def test_interrupted_build_leaves_the_old_booklet(built_once, signum, status):
    root, old = built_once
    process = start_build(root)
    wait_for_lock(root, process)
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    if signum == signal.SIGINT:
        assert "interrupted: earlier outputs are unchanged" in err and "Traceback" not in err
    intact(root, old)
    # and the next build is not disturbed by the one that was cut short, and tidies up
    # what a build killed while writing would leave
    stale = root / "build" / "articles" / ".mini.pdf.99999.tmp"
    stale.write_bytes(b"half a PDF")
    assert main(["build", "-q", "-C", str(root)]) == 0
    assert len(PdfReader(root / "build" / "booklet.pdf").pages) > 4
    assert not stale.exists()


def test_a_second_build_at_the_same_time_is_refused(built_once):
    root, _ = built_once
    first = start_build(root)
    wait_for_lock(root, first)
    second = start_build(root)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 3
    assert "error: another pressroom build is running in this project; wait for it to " \
           "finish, then try again" in err
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert len(PdfReader(root / "build" / "booklet.pdf").pages) > 4


def test_a_write_cut_short_leaves_the_target_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "booklet.pdf"
    target.write_bytes(b"old")

    def interrupted(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files_module.write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == [
        "booklet.pdf"]
