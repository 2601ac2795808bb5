"""Fixtures of the audit tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def copy(tmp_path):
    """A private copy of the manuscripts to break."""
    shutil.copytree(ROOT / "manuscripts", tmp_path / "manuscripts")
    return tmp_path
