"""Audit: each manuscript says what its source said, through its corrections record."""

from __future__ import annotations

import hashlib
import re

from pathlib import Path

import pytest
import yaml

from pressroom.audit import align, audit_articles, audit_project
from pressroom.cli import main

ROOT = Path(__file__).resolve().parents[2]


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
    assert moved[(312, 3)] == "“工”笔妙绘巴山渝水好风光"  # headline → title
    lead = moved[(265, 5)]  # lead → front matter, one block, not deletion plus insertion
    assert lead.startswith("智能车间，生产线上的机械手臂") and lead.endswith("“工行印记”愈发鲜明。")
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
    # the records of later paragraphs are found by their text: their stated lines, now two
    # too high, are no problem; the records of the dropped paragraph quote text that is gone
    assert {p.rule for p in found} == {"unrecorded-change", "record-text"}


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


def test_a_records_line_numbers_are_hints_not_anchors(copy):
    """A record is found by its text: lines that are off (text added above) or missing
    are no problem for the audit; `pressroom record` rewrites them."""
    record = copy / "manuscripts/hongse-xinhuo/corrections.yml"

    def shift(entries):
        next(e for e in entries if e["kind"] == "typo")["source_line"] = 44
        del next(e for e in entries if e["kind"] == "fact")["manuscript_line"]
    edit_record(record, shift)
    assert problems(copy, "hongse-xinhuo") == []


def test_a_changed_source_as_received_is_found_by_its_digest(copy):
    record = copy / "manuscripts/hongse-xinhuo/corrections.yml"
    source = copy / "manuscripts/hongse-xinhuo/source/000_3b19da5800a3588b.txt"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    record.write_text(record.read_text(encoding="utf-8").replace(
        "\ncorrections:", f"\nsha256: {digest}\ncorrections:", 1), encoding="utf-8")
    assert problems(copy, "hongse-xinhuo") == []
    source.write_bytes(source.read_bytes().replace("主题党日活".encode(), "主题党日活动".encode()))
    found = problems(copy, "hongse-xinhuo")
    assert "source-changed" in {p.rule for p in found}


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


@pytest.mark.parametrize("slug,old,new", [
    ("bashan-yushui", "![疫情期间，工行重庆市分行保障金融服务不断档]()",
     "![疫情期间，工行重庆市分行保障金融服务不断档](images/yiqing.jpg)"),  # the editor's report
    ("bashan-yushui", '![]( "汪长征 摄/视觉重庆")', '![](images/zhutu.jpg "汪长征 摄/视觉重庆")'),
    ("hongse-xinhuo", '![衙前信用合作社旧址]( "工行萧山分行")',
     '![衙前信用合作社旧址](images/衙前.png "工行萧山分行")'),
])
def test_an_image_path_is_not_text_adding_one_disturbs_no_record(copy, slug, old, new):
    """Records quote what the paper printed; an image path (and the figure syntax round a
    caption and credit) is not, even in records that quote the whole Markdown line."""
    replace(article(copy, slug), old, new)
    assert problems(copy, slug) == []
    replace(article(copy, slug), new, new.replace("images/", "images/new-"))
    assert problems(copy, slug) == []


def placed(root: Path, slug: str) -> dict[int, int]:
    """Source line → manuscript line of each join record quoting ，工行⏎重庆市."""
    from pressroom.audit.article import compare_article
    comparison = compare_article(article(root, slug))
    return {c.lines["source"]: c.lines["manuscript"] for c in comparison.corrections
            if c.kind == "join" and c.source == "，工行\n重庆市"}


@pytest.mark.parametrize("where,added", [
    ("\n\n**助企纾困不断档。**", "编者按：新加的一段。"),  # above all three
    ("\n\n党的二十大报告提出", "再加一段。\n\n又加一段。"),  # between them: two paragraphs
])
def test_a_record_of_repeated_text_stays_where_its_source_text_went(copy, where, added):
    """，工行⏎重庆市 is joined at three places; text added above one moves it down, and
    its record follows the text, not the line number it states."""
    before = placed(copy, "bashan-yushui")
    assert sorted(before) == [36, 144, 215]
    path = article(copy, "bashan-yushui")
    cut = path.read_text(encoding="utf-8").index(where)
    shift = added.count("\n") + 2
    above = path.read_text(encoding="utf-8")[:cut].count("\n") + 1
    replace(path, where, "\n\n" + added + where)
    after = placed(copy, "bashan-yushui")
    assert after == {s: m + (shift if m > above else 0) for s, m in before.items()}


def test_a_deletion_at_a_paragraphs_end_is_reported_at_that_paragraph(copy):
    path = article(copy, "bashan-yushui")
    replace(path, "夙夜办公。在这场疫情歼灭战中，无数重庆工行人以甘于奉献的星星之火，"
            "不断汇聚起同心抗疫的磅礴力量，让鲜艳的党旗在巴渝大地上熠熠生辉。\n", "夙夜办公。\n")
    [problem] = [p for p in problems(copy, "bashan-yushui") if p.rule == "unrecorded-change"]
    assert problem.line == 19 and "characters of the source missing" in problem.message
    assert 'record the change: pressroom record --reason "…"' in problem.hint



def mini(root: Path, front: str = "", closing: str = "责任编辑：周敏", records: str = "") -> Path:
    """A small article beside its source (a headline, a paragraph, closing staff lines),
    its title and editor recorded; `records` adds entries."""
    folder = root / "manuscripts" / "mini"
    (folder / "source").mkdir(parents=True, exist_ok=True)
    (folder / "source" / "raw.txt").write_text(
        f"普惠金融进万家\n\n工行支行为农户发放贷款。\n\n{closing}\n", encoding="utf-8")
    (folder / "article.md").write_text(
        "---\nslug: mini\ntitle: 普惠金融进万家\ndate: 2025-11-20\n" + front + "editor: 周敏\n"
        "source: source/raw.txt\ncorrections: corrections.yml\n---\n\n工行支行为农户发放贷款。\n",
        encoding="utf-8")
    (folder / "corrections.yml").write_text(
        "source: source/raw.txt\ncorrections:\n"
        "- kind: structure\n  source_line: 1\n  manuscript_line: 3\n  source: \"普惠金融进万家\"\n"
        "  manuscript: \"title: 普惠金融进万家\"\n  reason: \"主题移入 title\"\n"
        "- kind: structure\n  source_line: 5\n  manuscript_line: 6\n  source: \"责任编辑：周敏\"\n"
        "  manuscript: \"editor: 周敏\"\n  reason: \"编辑行移入 editor，只留姓名\"\n" + records,
        encoding="utf-8")
    (root / "manuscripts" / "booklet.yml").write_text(
        "title: 书\ncompiler: 编者\ndate: 2026-01-01\narticles: [mini]\n", encoding="utf-8")
    return folder


REMOVED = ("- kind: structure\n  source_line: 7\n  source: \"美编：杨帆\"\n  manuscript: \"\"\n"
           "  reason: \"美编没有相应字段，删去\"\n")


def test_a_removed_line_is_recorded_with_an_empty_manuscript_side(tmp_path, capsys):
    """Text that stands nowhere in the manuscript (美编：杨帆) is recorded as such: its
    source, an empty manuscript side, no manuscript line; the audit accepts it, and
    record keeps it so."""
    record = mini(tmp_path, closing="责任编辑：周敏\n\n美编：杨帆", records=REMOVED) / \
        "corrections.yml"
    assert [p.format() for p in problems(tmp_path, "mini")] == []
    assert main(["record", "-C", str(tmp_path), "mini"]) == 0
    assert "美编" not in capsys.readouterr().out  # kept, not dropped
    [removed] = [e for e in yaml.safe_load(record.read_text(encoding="utf-8"))["corrections"]
                 if e["source"] == "美编：杨帆"]
    assert removed["manuscript"] == "" and "manuscript_line" not in removed
    assert removed["source_line"] == 7
    assert problems(tmp_path, "mini") == []
    edit_record(record, lambda entries: entries.pop())  # without it: a deletion
    assert [p.rule for p in problems(tmp_path, "mini")] == ["unrecorded-change"]


@pytest.mark.parametrize("front", [
    "publication: 重庆日报\npage: 第5版\n",  # the editor's report: as review.md asks
    "publication: 重庆日报\n", "page: 第5版\n", "page: 5\n",
])
def test_publication_and_page_are_provenance_not_text_like_the_date(tmp_path, front):
    """An editor fills in publication and page from the paper (review.md asks for them);
    the source has no such text and the audit does not ask for it, as with date."""
    mini(tmp_path, front=front)
    assert [p.format() for p in problems(tmp_path, "mini")] == []


def test_the_fields_the_audit_compares_are_the_documented_ones():
    """docs/manuscript-format.md says which front-matter fields are compared with the
    source: the audit's TEXT_KEYS, and not the others."""
    from pressroom.audit.streams import PROVENANCE_KEYS, TEXT_KEYS
    docs = (ROOT / "docs" / "manuscript-format.md").read_text(encoding="utf-8")
    compared = re.search(r"与来稿比对的字段：(.*)", docs)[1]
    not_compared = re.search(r"不与来稿比对的字段：(.*)", docs)[1]
    assert set(re.findall(r"`(\w+)`", compared)) == TEXT_KEYS
    assert set(re.findall(r"`(\w+)`", not_compared)) == {"slug", "source", "corrections",
                                                          *PROVENANCE_KEYS}
