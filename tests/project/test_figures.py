"""A figure whose image is not there: said with the folder looked in and how to fix it."""

from __future__ import annotations

import pytest

from pressroom.project.figures import resolve_figures
from pressroom.project.manuscript import read_article

from minis import FRONT_MATTER

HEADER = FRONT_MATTER + "正文。\n\n"


def missing(tmp_path, src, files=("kiwi.jpg", "river.png"), folder="images"):
    """The warning for a figure `src` in an article whose `folder` holds `files`."""
    article_dir = tmp_path / "manuscripts" / "demo"
    (article_dir / folder).mkdir(parents=True)
    for name in files:
        (article_dir / folder / name).write_bytes(b"")
    path = article_dir / "article.md"
    path.write_text(HEADER + f'![说明]({src} "某某 摄")\n', encoding="utf-8")
    warnings = []
    assert resolve_figures(read_article(path), tmp_path, warnings) == []
    [warning] = warnings
    assert (warning.rule, warning.severity, warning.line) == ("image-missing", "warning", 11)
    return warning


@pytest.mark.parametrize("src, meant", [
    ("images/kiwi.jgp", "images/kiwi.jpg"),  # extension mistyped
    ("images/Kiwi.JPG", "images/kiwi.jpg"),  # case only
    ("images/kiwi.png", "images/kiwi.jpg"),  # another extension
    ("images/rivr.png", "images/river.png"),  # a letter left out
    ("image/river.png", "images/river.png"),  # the folder misspelt
])
def test_a_missing_image_names_the_folder_and_the_file_meant(tmp_path, src, meant):
    warning = missing(tmp_path, src)
    folder = src.rpartition("/")[0]
    assert f"image '{src}' not found in manuscripts/demo/{folder}/" in warning.message
    assert f"did you mean '{meant}'?" in warning.hint
    assert "correct the path" in warning.hint


def test_without_a_similar_name_the_files_there_are_listed(tmp_path):
    warning = missing(tmp_path, "images/lake.jpg")
    assert "did you mean" not in warning.hint
    assert "put the image there, or correct the path" in warning.hint
    assert "files there: kiwi.jpg, river.png" in warning.hint


def test_many_files_are_not_listed(tmp_path):
    warning = missing(tmp_path, "images/lake.jpg", [f"photo-{k:02}.jpg" for k in range(20)])
    assert "files there" not in warning.hint and "did you mean" not in warning.hint


def test_an_empty_folder_and_a_missing_folder_are_said(tmp_path):
    assert "manuscripts/demo/images/ is empty" in missing(tmp_path / "a", "images/x.jpg",
                                                          files=()).hint
    warning = missing(tmp_path / "b", "photos/x.jpg", files=())
    assert "there is no folder manuscripts/demo/photos/" in warning.hint
