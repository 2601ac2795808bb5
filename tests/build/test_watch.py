"""`pressroom watch` as an editor runs it: from the project root, in its own process."""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def watching(project: Path):
    """`watch_project` running in a thread: the lines it yields, and a list that
    `wait_for` fills with the lines seen so far; stopped on leaving."""
    from pressroom.build.watch import watch_project
    stop = threading.Event()
    lines: queue.Queue = queue.Queue()
    thread = threading.Thread(target=lambda: [lines.put(line) for line in watch_project(
        project, settle=0.1, stop_event=stop)], daemon=True)
    thread.start()
    try:
        yield lines, []
    finally:
        stop.set()
        thread.join(timeout=30)


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


def test_editor_temporaries_are_not_changes(project):
    """The editor's report: `changed: manuscripts/booklet.yml, manuscripts/sed1aPFID`.
    Scratch files of editors and tools neither start a build nor show in the change list,
    and a swap file beside a template does not make every article stale."""
    with watching(project) as (lines, seen):
        wait_for(lines, "watching", seen)
        folder = project / "manuscripts" / "bashan-yushui"
        scratch = [folder / ".article.md.swp", folder / "4913", folder / "article.md~",
                   folder / "#article.md#", folder / "article.md___jb_tmp___",
                   folder / "article.md.vsctmp", project / "manuscripts" / ".DS_Store",
                   project / "layouts" / ".article.css.j2.swp", project / "layouts" / "4913"]
        for path in scratch:
            path.write_text("scratch", encoding="utf-8")
        time.sleep(1.5)
        assert lines.empty(), [lines.get() for _ in range(lines.qsize())]
        # `sed -i`: the edited text goes to a sedXXXXXX file renamed over the manuscript
        text = (folder / "article.md").read_text(encoding="utf-8")
        (folder / "sedK2x9Qa").write_text(text.replace("助企纾困不断档。", "助企纾困全不断档。"),
                                          encoding="utf-8")
        os.replace(folder / "sedK2x9Qa", folder / "article.md")
        line = wait_for(lines, "changed:", seen)
        assert line.startswith("changed: manuscripts/bashan-yushui/article.md → typeset "
                               "bashan-yushui;"), line
        for path in scratch:
            path.unlink()
        time.sleep(1.5)
        assert lines.empty(), [lines.get() for _ in range(lines.qsize())]


def test_watch_says_when_an_edition_is_removed_and_when_it_is_back(project):
    """An unrecorded edit while watching: the archive leaves build/ and watch says so,
    then says it is back once the manuscript agrees with its record again."""
    from pressroom.build import build
    build(project, editions=("archive",))
    with watching(project) as (lines, seen):
        wait_for(lines, "watching", seen)
        replace(project / ARTICLE, "助企纾困不断档。", "助企纾困全不断档。")  # not recorded
        line = wait_for(lines, "is removed from build/", seen)
        assert line.startswith("  warning: ") and "archive edition is refused" in line
        # the audit problem the refusal speaks of ("above") is shown above it, located,
        # with the source and the manuscript side by side
        cause = next(x for x in seen if "no correction records it" in x)
        assert cause.startswith(f"  warning: {project / ARTICLE}:") or \
            cause.startswith(f"  warning: {ARTICLE}:"), cause
        assert "«全»" in "".join(seen[seen.index(cause):])
        assert not (project / "build/booklet-archive.pdf").exists()
        replace(project / ARTICLE, "助企纾困全不断档。", "助企纾困不断档。")
        wait_for(lines, "made again: the archive edition", seen)
        assert (project / "build/booklet-archive.pdf").exists()
