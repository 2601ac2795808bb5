"""Audit messages summed up: what fixes the problems found, derived from their rules (one test per row of REMEDIES)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.audit.messages import REMEDIES, remedies
from pressroom.exceptions import Problem

RECORD = Path("manuscripts/qianjiang/corrections.yml")
ARTICLE = Path("manuscripts/qianjiang/article.md")
SOURCE = Path("manuscripts/qianjiang/source/qianjiang.txt")
TODO_HINT = "structure corrections need a reason: say why the text was changed (replace the TODO)"

# rule → a problem of it, and what the summed-up hint must say
EXAMPLES = {
    "record-reason": (Problem("correction 1 (structure) has no reason written by an editor",
                              RECORD, 4, TODO_HINT, rule="record-reason"),
                      f"write the reason in place of TODO in {RECORD} (line 4)"),
    "unrecorded-change": (Problem("text differs from the source", ARTICLE, 12,
                                  rule="unrecorded-change"),
                          'record the changes (pressroom record --reason "…") or undo them'),
    "unrecorded-move": (Problem("a block moved", ARTICLE, 12, rule="unrecorded-move"),
                        'record the changes (pressroom record --reason "…") or undo them'),
    "unrecorded-paragraph": (Problem("a new paragraph", ARTICLE, 12,
                                     rule="unrecorded-paragraph"),
                             'record the changes (pressroom record --reason "…") or undo them'),
    "record-text": (Problem("correction 3: manuscript text '…' is not in article.md", RECORD,
                            16, rule="record-text"),
                    f"run pressroom record (it drops records whose text is gone, and lists "
                    f"them) or correct the quotes at {RECORD} (line 16)"),
    "record-kind": (Problem("correction 3 is recorded as 'join' but changes the text", RECORD,
                            16, rule="record-kind"),
                    f"correct the kind of the corrections at {RECORD} (line 16)"),
    "record-format": (Problem("correction 3: unknown key 'reson'", RECORD, 17,
                              rule="record-format"),
                      f"correct the record at {RECORD} (line 17) as said above"),
    "source-changed": (Problem("the source as received has changed", SOURCE,
                               rule="source-changed"),
                       f"restore the source as received (e.g. git checkout -- {SOURCE})"),
    "source-missing": (Problem("source as received not found", ARTICLE, 1,
                               rule="source-missing"),
                       "put the source as received back where the front matter's source: "
                       f"says ({ARTICLE} (line 1))"),
}


def test_every_row_has_an_example():
    assert set(EXAMPLES) == set(REMEDIES)


@pytest.mark.parametrize("rule", REMEDIES)
def test_each_rule_says_what_fixes_it(rule):
    problem, said = EXAMPLES[rule]
    assert remedies([problem]) == said


def test_todo_reasons_are_not_fixed_by_recording():
    """The editor's report: after import --add, build said to run record; record does not
    write reasons. TODOs are named with their lines, each fix said once, in order met."""
    todo = [Problem("no reason", RECORD, line, TODO_HINT, rule="record-reason")
            for line in (4, 10, 16)]
    change = EXAMPLES["unrecorded-change"][0]
    assert remedies(todo) == f"write the reason in place of TODO in {RECORD} (lines 4, 10, 16)"
    assert "pressroom record" not in remedies(todo)
    assert remedies(todo + [change, change]) == (
        f"write the reason in place of TODO in {RECORD} (lines 4, 10, 16); record the changes "
        '(pressroom record --reason "…") or undo them')


def test_an_empty_reason_is_not_called_a_todo():
    empty = Problem("no reason", RECORD, 4, "structure corrections need a reason: say why the "
                    "text was changed", rule="record-reason")
    assert remedies([empty]) == f"write the reason in {RECORD} (line 4) (in place of TODO " \
        "where it says TODO)"


def test_rules_without_a_row_give_nothing():
    assert remedies([Problem("front matter is not closed", ARTICLE, 1, rule="front-matter")]) \
        == ""
