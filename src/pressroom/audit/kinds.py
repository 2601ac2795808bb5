"""Correction kinds: one table of what each kind of correction means, shared by import, audit and record.

Each row says whether the kind is a mechanical normalisation (no reason needed,
must not change the text beyond it), whether an editor must give a reason, whether
it may carry text out of order, how the audit compares the source's and the
manuscript's snippets, and how much context import quotes around it. Adding a kind
is adding a row (and its test in tests/audit/test_correction_kinds.py).
"""

from __future__ import annotations

from dataclasses import dataclass

# How a correction's two snippets must compare once both are normalised.
SAME_BUT_SPACE = "same-but-space"  # equal once all whitespace is removed
SAME = "same"  # equal: the normalisation explains the whole change
DIFFERENT = "different"  # a real change of text
ANY = "any"  # text carried elsewhere, changed or not


@dataclass(frozen=True)
class Kind:
    name: str
    mechanical: bool
    needs_reason: bool
    moves: bool
    compare: str
    context: int  # characters import quotes on either side of the change
    meaning: str  # for editors (docs/manuscript-format.md)


KINDS = {kind.name: kind for kind in (
    Kind("join", True, False, False, SAME_BUT_SPACE, 3, "合并被分栏、换行拆开的词句"),
    Kind("whitespace", True, False, False, SAME_BUT_SPACE, 2, "删除多余空格、空行"),
    Kind("punctuation-width", True, False, False, SAME, 2, "半角标点改为全角"),
    Kind("quote-style", True, False, False, SAME, 2, "直引号改为中文弯引号“”‘’"),
    Kind("move", False, True, True, ANY, 2, "调整段落位置（如标题、导语从文末移到文首）"),
    Kind("structure", False, True, True, ANY, 2,
         "把图片说明、摄影署名、作者行、栏目、署名等从正文中移出，放入相应字段"),
    Kind("typo", False, True, False, DIFFERENT, 2, "错字、别字、脱字、衍字"),
    Kind("fact", False, True, False, DIFFERENT, 2, "事实层面的改动（数字、名称）"),
    Kind("edit", False, True, False, DIFFERENT, 4, "编辑改写、增补或删节字句（`pressroom record` 记下的改动）"),
    Kind("paragraph", False, True, False, SAME_BUT_SPACE, 4,
         "分段、并段：把来稿的一段分成两段，或把来稿的两段并成一段"),
)}
MECHANICAL = frozenset(name for name, kind in KINDS.items() if kind.mechanical)
MOVING = frozenset(name for name, kind in KINDS.items() if kind.moves)


def needs_reason(kind: str) -> bool:
    return kind in KINDS and KINDS[kind].needs_reason


def snippets_fit(kind: str, before: str, after: str) -> bool:
    """Whether a correction of `kind` may turn `before` into `after` (both normalised)."""
    compare = KINDS[kind].compare
    if compare == SAME_BUT_SPACE:
        return "".join(before.split()) == "".join(after.split())
    if compare == SAME:
        return before == after
    if compare == DIFFERENT:
        return before != after
    return True
