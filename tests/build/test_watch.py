"""`pressroom watch` as an editor runs it: from the project root, in its own process."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from pypdf import PdfReader

from conftest import ROOT

ARTICLE = Path("manuscripts") / "bashan-yushui" / "article.md"


def start_watch(cwd: Path, *args: str) -> tuple[subprocess.Popen, queue.Queue]:
    process = subprocess.Popen([sys.executable, "-m", "pressroom", "watch", "--settle", "0.2",
                                *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout],
                     daemon=True).start()
    return process, lines


def wait_for(lines: queue.Queue, text: str, seen: list[str], timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"no line with {text!r} in:\n{''.join(seen)}")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def booklet_text(root: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(root / "build/booklet.pdf").pages)


def test_watch_from_the_project_root(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "manuscripts", root / "manuscripts")
    shutil.copytree(ROOT / "layouts", root / "layouts")
    (root / "fonts").symlink_to(ROOT / "fonts")
    process, lines = start_watch(root)  # no -C: the project is the working folder
    seen: list[str] = []
    try:
        wait_for(lines, "watching", seen)
        replace(root / ARTICLE, "助企纾困不断档。", "助企纾困全不断档。")
        wait_for(lines, "typeset bashan-yushui", seen)
        assert "助企纾困全不断档" in booklet_text(root).replace("\n", "")
        good = (root / "build/booklet.pdf").read_bytes()
        replace(root / ARTICLE, "author: 余冬晖", "author: 余冬晖\nauther: x")
        wait_for(lines, "build failed", seen)
        assert process.poll() is None, "watch stopped after a build error"
        assert (root / "build/booklet.pdf").read_bytes() == good
        replace(root / ARTICLE, "auther: x\n", "")
        wait_for(lines, "nothing to do", seen)  # back to the text the booklet has
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert process.returncode == 0, "".join(seen)


def test_watch_with_a_project_elsewhere(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "manuscripts", root / "manuscripts")
    shutil.copytree(ROOT / "layouts", root / "layouts")
    (root / "fonts").symlink_to(ROOT / "fonts")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    process, lines = start_watch(elsewhere, "-C", os.path.relpath(root, elsewhere))
    seen: list[str] = []
    try:
        wait_for(lines, "watching", seen)
        replace(root / ARTICLE, "线上服务不打烊。", "线上服务全不打烊。")
        wait_for(lines, "typeset bashan-yushui", seen)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert "线上服务全不打烊" in booklet_text(root).replace("\n", "")
