"""Suggestions for names written wrong: the closest name, compared without case."""

from __future__ import annotations

import pytest

from pressroom.text.suggest import closest, closest_file, did_you_mean


@pytest.mark.parametrize("written, names, expected", [
    ("qianjang-2025", ["bashan-yushui", "qianjiang-2025"], "qianjiang-2025"),
    ("auther", ["author", "title", "editor"], "author"),
    ("Bashan-Yushui", ["bashan-yushui"], "bashan-yushui"),
    ("zhejiang-2024", ["bashan-yushui", "hongse-xinhuo"], None),
    ("title", ["title", "subtitle"], "title"),
])
def test_closest_name(written, names, expected):
    assert closest(written, names) == expected


@pytest.mark.parametrize("written, names, expected", [
    ("kiwi.jgp", ["kiwi.jpg", "river.png"], "kiwi.jpg"),  # letters swapped
    ("Kiwi.JPG", ["kiwi.jpg", "river.png"], "kiwi.jpg"),  # case only
    ("kiwi.png", ["kiwi.jpg", "river.png"], "kiwi.jpg"),  # extension only
    ("a.jpeg", ["a.png", "b.png"], "a.png"),  # a short stem, another extension
    ("2025-11-20-hall.jpg", ["2025-11-20-hal.jpg"], "2025-11-20-hal.jpg"),
    ("lake.jpg", ["kiwi.jpg", "river.png"], None),
])
def test_closest_file(written, names, expected):
    assert closest_file(written, names) == expected


def test_did_you_mean_says_the_name_or_nothing():
    assert did_you_mean("colums", ["columns", "body_size"]) == "did you mean 'columns'?"
    assert did_you_mean("xyz", ["columns"]) == ""
