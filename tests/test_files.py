"""Files: what the digest memo remembers, and when it forgets."""

from __future__ import annotations

import os

from pressroom.files import DigestMemo


def test_a_marked_fact_is_forgotten_when_the_file_changes(tmp_path):
    font, store = tmp_path / "face.otf", tmp_path / "digests.json"
    font.write_bytes(b"one")
    memo = DigestMemo(store)
    memo.mark(font, "usable")
    memo.save()
    assert DigestMemo(store).marked(font, "usable")
    font.write_bytes(b"two!")
    os.utime(font, ns=(1, 1))
    assert not DigestMemo(store).marked(font, "usable")


def test_a_fact_of_one_kind_replaces_the_last(tmp_path):
    manifest = tmp_path / "fonts.yml"
    manifest.write_text("faces: []\n")
    memo = DigestMemo(None)
    memo.mark(manifest, "covers-a", replaces="covers-")
    memo.mark(manifest, "usable")
    memo.mark(manifest, "covers-b", replaces="covers-")
    assert memo.marked(manifest, "covers-b") and memo.marked(manifest, "usable")
    assert not memo.marked(manifest, "covers-a")
