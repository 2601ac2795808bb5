"""Shared fixtures: the real project built once per test session into a temporary folder."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from pressroom.build import build, load_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The booklet and article PDFs of the real project, with the loaded inputs."""
    out = tmp_path_factory.mktemp("build")
    result = build(ROOT, out)
    project = load_project(ROOT, out)
    articles = {a.slug: a for a in project.articles}
    return SimpleNamespace(out=out, result=result, project=project, articles=articles,
                           booklet=out / "booklet.pdf",
                           article_pdfs={slug: out / "articles" / f"{slug}.pdf"
                                         for slug in articles})


@pytest.fixture
def project(tmp_path):
    """A private copy of the project to break: manuscripts and layouts copied, fonts linked."""
    import shutil
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("manuscripts", "layouts"):
        shutil.copytree(ROOT / name, copy / name)
    (copy / "fonts").symlink_to(ROOT / "fonts")
    return copy
