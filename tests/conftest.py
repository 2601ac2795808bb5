"""Shared fixtures: the real project built once per test session into a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from pressroom.build import build
from pressroom.project.load import load_project

ROOT = Path(__file__).resolve().parents[1]

# Command lines the tests run build in their own process, as they always did: no
# resident process is reached or left behind (tests/build/test_resident.py starts its own).
os.environ["PRESSROOM_SERVER"] = "0"


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


@pytest.fixture(scope="session")
def editions(built, tmp_path_factory):
    """Print and archive editions of the real project, built once into the session's build
    folder (its typeset articles are cached there): PDF/A-2a files are kept aside in
    `pdfa2`, then the archive is built again with the sources embedded (PDF/A-3a)."""
    import shutil
    out = built.out
    build(ROOT, out, editions=("screen", "print", "archive"))
    pdfa2 = tmp_path_factory.mktemp("pdfa2")
    shutil.copy(out / "booklet-archive.pdf", pdfa2 / "booklet-archive.pdf")
    shutil.copytree(out / "archive", pdfa2 / "archive")
    build(ROOT, out, editions=("archive",), embed_sources=True)
    return SimpleNamespace(out=out, screen=out / "booklet.pdf", print=out / "booklet-print.pdf",
                           archive=out / "booklet-archive.pdf",
                           archive_articles={s: out / "archive" / f"{s}.pdf"
                                             for s in built.articles},
                           pdfa2=pdfa2 / "booklet-archive.pdf",
                           pdfa2_articles={s: pdfa2 / "archive" / f"{s}.pdf"
                                           for s in built.articles})


@pytest.fixture(scope="session")
def built_a5(tmp_path_factory):
    """The real project in another layout: A5, two columns, 9-pt body, built once."""
    import shutil
    copy = tmp_path_factory.mktemp("a5") / "project"
    copy.mkdir()
    for name in ("manuscripts", "layouts"):
        shutil.copytree(ROOT / name, copy / name)
    (copy / "fonts").symlink_to(ROOT / "fonts")
    booklet_yml = copy / "manuscripts" / "booklet.yml"
    booklet_yml.write_text(booklet_yml.read_text(encoding="utf-8")
                           .replace("page_size: A4", "page_size: A5")
                           .replace("columns: 3", "columns: 2")
                           .replace("body_size: 10", "body_size: 9"), encoding="utf-8")
    result = build(copy)
    project = load_project(copy, copy / "build")
    articles = {a.slug: a for a in project.articles}
    return SimpleNamespace(out=copy / "build", result=result, project=project,
                           articles=articles, booklet=copy / "build" / "booklet.pdf",
                           article_pdfs={slug: copy / "build" / "articles" / f"{slug}.pdf"
                                         for slug in articles})
