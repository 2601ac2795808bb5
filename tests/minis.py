"""The one-article fixture project (tests/fixtures/preflight) copied for a test to change."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "preflight"
# The front matter of the smallest manuscript that loads, for tests that write one
FRONT_MATTER = """---
slug: demo
title: 标题
date: 2024-05
source: source/raw.txt
corrections: corrections.yml
---

"""


def copy_project(target: Path) -> Path:
    target.mkdir()
    shutil.copytree(FIXTURE / "manuscripts", target / "manuscripts")
    shutil.copytree(ROOT / "layouts", target / "layouts")
    (target / "fonts").symlink_to(ROOT / "fonts")
    return target


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
