"""The correction kinds table: each row means what it says, in the audit of a real record."""

from __future__ import annotations

import pytest

from pressroom.audit.kinds import KINDS, MECHANICAL, MOVING, needs_reason, snippets_fit

# kind → (a change it explains, a change it must not explain); None where any change fits
ROWS = {
    "join": (("分\n行", "分行"), ("分行", "分开")),
    "whitespace": (("工 行", "工行"), ("工行", "工商")),
    "punctuation-width": (("，", "，"), ("，", "。")),
    "quote-style": (("“好“", "“好“"), ("“好“", "“坏“")),  # snippets as normalised (folded)
    "move": (("导语", "导语"), None),
    "structure": (("编辑：王五", "王五"), None),
    "typo": (("活。", "活动。"), ("活动。", "活动。")),
    "fact": (("49余万亩", "49万余亩"), ("宋家沟", "宋家沟")),
}


def test_every_kind_has_a_row_here():
    assert set(ROWS) == set(KINDS)


@pytest.mark.parametrize("name", list(ROWS))
def test_row(name):
    kind = KINDS[name]
    fits, misfits = ROWS[name]
    assert snippets_fit(name, *fits)
    if misfits is not None:
        assert not snippets_fit(name, *misfits)
    assert kind.mechanical == (name in MECHANICAL)
    assert kind.moves == (name in MOVING)
    assert needs_reason(name) == (not kind.mechanical)  # every editorial change is explained
    assert kind.context >= 2 and kind.meaning


def test_kind_names_in_the_editors_documentation_match_the_table():
    from conftest import ROOT
    doc = (ROOT / "docs" / "manuscript-format.md").read_text(encoding="utf-8")
    for name, kind in KINDS.items():
        assert f"| `{name}` | {kind.meaning} | {'是' if kind.needs_reason else '否'} |" in doc, name
