"""Audit: each manuscript says what its source said, through its corrections record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from pressroom.audit import align, audit_articles, audit_project
from pressroom.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def copy(tmp_path):
    """A private copy of the manuscripts to break."""
    shutil.copytree(ROOT / "manuscripts", tmp_path / "manuscripts")
    return tmp_path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_record(path: Path, change) -> None:
    """Change the corrections record's entries (a list of dicts) with `change`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["corrections"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(root: Path, slug: str):
    return audit_articles(root, [slug])[0].problems


def article(root: Path, slug: str) -> Path:
    return root / "manuscripts" / slug / "article.md"


def test_the_booklets_manuscripts_pass():
    assert audit_project(ROOT) == []
    results = audit_articles(ROOT)
    assert [r.path.parent.name for r in results] == ["hongse-xinhuo", "bashan-yushui"]
    for result in results:  # the audit compared real text, not two empty streams
        assert result.characters > 3000 and result.corrections > 100


def test_headline_and_lead_at_the_end_of_article_two_are_moves():
    result = audit_articles(ROOT, ["bashan-yushui"])[0]
    moved = {(source, manuscript): text for source, manuscript, text in result.moves}
    # headline → title (the audit compares quotes folded: “ and ” alike)
    assert moved[(312, 3)] == "“工“笔妙绘巴山渝水好风光"
    lead = moved[(265, 5)]  # lead → front matter, one block, not deletion plus insertion
    assert lead.startswith("智能车间，生产线上的机械手臂") and lead.endswith("“工行印记“愈发鲜明。")
    assert result.changes == 1  # the only text change left is the recorded 副 → 幅


def test_swapped_blocks_are_one_move_and_no_edit():
    head, body, tail = "甲" * 10, "乙" * 30, "丙" * 10
    in_place, moves, edits = align(head + body + tail, body + head + tail)
    assert [(m.i, m.j, m.size) for m in moves] == [(0, 30, 10)]
    assert edits == []


def test_a_removed_character_fails_with_both_places_side_by_side(copy):
    replace(article(copy, "bashan-yushui"), "骤降的气温", "骤降的温")
    [problem] = problems(copy, "bashan-yushui")
    assert problem.rule == "unrecorded-change"
    assert str(problem.path).endswith("bashan-yushui/article.md") and problem.line == 17
    assert "1 character of the source missing here (source line 1)" in problem.message
    source, manuscript = problem.source_line.split("\n")
    assert "source/001_c9b754f3e4d2ab3e.txt:1 " in source and "骤降的«气»温" in source
    assert "article.md:17 " in manuscript and "骤降的«»温" in manuscript


def test_a_changed_character_fails(copy):
    replace(article(copy, "bashan-yushui"), "骤降的气温", "骤降的气湿")
    [problem] = problems(copy, "bashan-yushui")
    assert problem.rule == "unrecorded-change" and problem.line == 17
    assert "text differs from the source (source line 1)" in problem.message
    assert "«温»" in problem.source_line and "«湿»" in problem.source_line


def test_a_dropped_paragraph_fails_once_and_names_its_lines(copy):
    path = article(copy, "hongse-xinhuo")
    lines = path.read_text(encoding="utf-8").split("\n")
    dropped = lines[44]
    assert dropped.startswith("在深耕沙棘龙头企业的同时")
    replace(path, dropped + "\n\n", "")
    found = problems(copy, "hongse-xinhuo")
    [missing] = [p for p in found if p.rule == "unrecorded-change"]
    assert missing.line == 45 and f"{len(dropped)} characters of the source missing" in \
        missing.message and "(source line 53)" in missing.message
    # the records of later paragraphs now point two lines too low: one message, not seventy
    [shifted] = [p for p in found if p.rule == "record-line"]
    assert "give manuscript lines 2 higher" in shifted.message
    # the records of the dropped paragraph quote text that is gone
    assert {p.rule for p in found} == {"unrecorded-change", "record-line", "record-text"}


def test_a_duplicated_paragraph_fails(copy):
    path = article(copy, "hongse-xinhuo")
    paragraph = path.read_text(encoding="utf-8").split("\n")[62]
    replace(path, paragraph, paragraph + "\n\n" + paragraph)
    added = [p for p in problems(copy, "hongse-xinhuo") if p.rule == "unrecorded-change"]
    assert len(added) == 1 and "characters here not in the source" in added[0].message


def test_a_typo_without_a_reason_fails(copy):
    record = copy / "manuscripts/hongse-xinhuo/corrections.yml"

    def drop_reason(entries):
        typo = next(e for e in entries if e["kind"] == "typo")
        del typo["reason"]
    edit_record(record, drop_reason)
    [problem] = problems(copy, "hongse-xinhuo")
    assert problem.rule == "record-reason" and str(problem.path).endswith("corrections.yml")
    assert "(typo) has no reason written by an editor" in problem.message


def test_a_generated_todo_reason_is_not_a_reason(copy):
    record = copy / "manuscripts/hongse-xinhuo/corrections.yml"

    def todo(entries):
        next(e for e in entries if e["kind"] == "fact")["reason"] = "TODO 请写明理由"
    edit_record(record, todo)
    [problem] = problems(copy, "hongse-xinhuo")
    assert problem.rule == "record-reason" and "(fact)" in problem.message


def test_an_unrecorded_move_is_reported_as_a_move(copy):
    record = copy / "manuscripts/bashan-yushui/corrections.yml"

    def forget_lead(entries):  # the lead's two paragraphs moved as one block
        entries[:] = [e for e in entries if not (e["kind"] == "move" and
                                                 e["source_line"] in (265, 285))]
    edit_record(record, forget_lead)
    [problem] = problems(copy, "bashan-yushui")
    assert problem.rule == "unrecorded-move" and problem.line == 5
    assert "moved here from source line 265, and no move is recorded" in problem.message


def test_a_mechanical_kind_cannot_hide_a_text_change(copy):
    record = copy / "manuscripts/hongse-xinhuo/corrections.yml"

    def disguise(entries):
        next(e for e in entries if e["kind"] == "fact")["kind"] = "join"
    edit_record(record, disguise)
    found = problems(copy, "hongse-xinhuo")
    assert {p.rule for p in found} == {"record-kind", "unrecorded-change"}
    assert any("'同步在宋家街' → '同步在宋家沟'" in p.message for p in found)


def test_a_wrong_line_number_is_corrected_in_the_message(copy):
    record = copy / "manuscripts/hongse-xinhuo/corrections.yml"

    def shift(entries):
        next(e for e in entries if e["kind"] == "typo")["source_line"] = 44
    edit_record(record, shift)
    [problem] = problems(copy, "hongse-xinhuo")
    assert problem.rule == "record-line"
    assert "is on source line 45, not 44" in problem.message and "source_line: 45" in problem.hint


def test_command_passes_and_fails_with_exit_status(copy, capsys):
    assert main(["audit", "-C", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "hongse-xinhuo: matches its source as received" in out
    assert "bashan-yushui: matches its source as received" in out
    replace(article(copy, "hongse-xinhuo"), "宋家沟开展", "宋家村开展")
    assert main(["audit", "-C", str(copy), "hongse-xinhuo"]) == 1
    err = capsys.readouterr().err
    assert "hongse-xinhuo/article.md:47: error: text differs from the source (source line 55)" \
        in err
    assert "Traceback" not in err
