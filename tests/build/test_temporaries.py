"""Editor temporaries are neither changes for `watch` nor inputs of a build: one test per
row of the TEMPORARIES table, and real inputs that look a little like them."""

from __future__ import annotations

import re

import pytest
from watchfiles import Change

from pressroom.build.cache import folder_digest
from pressroom.build.temporaries import TEMPORARIES, is_temporary
from pressroom.build.watch import SourceFilter

# Row pattern → names that editors and tools really make.
EXAMPLES = {
    r"^\.": [".article.md.swp", ".#article.md", ".goutputstream-2KQ1C2",
             ".~lock.稿件.docx#", ".booklet.yml.Xy12Ab", ".DS_Store", "._photo.jpg"],
    r"^sed[A-Za-z0-9]{6}$": ["sed1aPFID", "sedQx9Zk2", "sedabcdef"],
    r"\.sw[a-z]$": ["article.md.swp", "article.md.swx", "booklet.yml.swo"],
    r"^\d+$": ["4913", "5036"],
    r"~$": ["article.md~", "booklet.yml.~1~"],
    r"^#.*#$": ["#article.md#"],
    r"\.kate-swp$": ["article.md.kate-swp"],
    r"\.save(\.\d+)?$": ["article.md.save", "article.md.save.1"],
    r"\.vsctmp$": ["article.md.vsctmp"],
    r"___jb_(tmp|old|bak)___$": ["article.md___jb_tmp___", "article.md___jb_old___"],
    r"^~\$": ["~$稿件.docx", "~$ticle.docx"],
    r"\.(tmp|temp|bak|orig|rej|crdownload|part)$": ["~WRL0001.tmp", "article.md.orig",
                                                     "photo.jpg.crdownload", "booklet.yml.bak"],
    r"^(Thumbs\.db|desktop\.ini)$": ["Thumbs.db", "desktop.ini"],
}

# Files of a project that must stay inputs (and changes for watch).
INPUTS = ["article.md", "booklet.yml", "corrections.yml", "000_3b19da5800a3588b.txt",
          "稿件.docx", "photo.jpg", "1.jpg", "4913.jpg", "sedan.md", "article.css.j2",
          "booklet.html.j2", "fonts.yml", "SourceHanSerifSC-Regular.otf", "OFL.txt",
          "swap.md", "review.md", "images", "sedentary-2024"]


def test_every_row_has_examples():
    assert [pattern for pattern, _ in TEMPORARIES] == list(EXAMPLES)


@pytest.mark.parametrize("pattern", list(EXAMPLES))
def test_row(pattern):
    for name in EXAMPLES[pattern]:
        assert re.search(pattern, name, re.IGNORECASE), (pattern, name)
        assert is_temporary(f"/p/manuscripts/hongse-xinhuo/{name}"), name
        assert not SourceFilter()(Change.added, f"/p/manuscripts/{name}"), name


@pytest.mark.parametrize("name", INPUTS)
def test_inputs_are_not_temporaries(name):
    assert not is_temporary(f"/p/manuscripts/x/{name}")
    assert SourceFilter()(Change.modified, f"/p/manuscripts/x/{name}")


def test_temporaries_beside_the_layouts_leave_their_key_alone(tmp_path):
    """A vim swap file next to a template must not make every article stale."""
    (tmp_path / "article.css.j2").write_text("p { margin: 0 }", encoding="utf-8")
    before = folder_digest(tmp_path)
    for name in (".article.css.j2.swp", "4913", "article.css.j2~", "sedK2x9Qa"):
        (tmp_path / name).write_text("scratch", encoding="utf-8")
    assert folder_digest(tmp_path) == before
    (tmp_path / "extra.css").write_text("b {}", encoding="utf-8")
    assert folder_digest(tmp_path) != before
