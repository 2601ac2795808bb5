"""`pressroom record`: an editor's changes are written down, not fought; the audit then passes."""

from __future__ import annotations

import hashlib

import yaml
from pypdf import PdfReader

from pressroom.audit import audit_articles
from pressroom.cli import main

ARTICLE = "manuscripts/bashan-yushui/article.md"
RECORD = "manuscripts/bashan-yushui/corrections.yml"
TYPO = ("驻扎岗位", "驻守岗位")
REWRITE = ("在这场疫情歼灭战中，无数重庆工行人以甘于奉献的星星之火，不断汇聚起同心抗疫的磅礴力量，"
           "让鲜艳的党旗在巴渝大地上熠熠生辉。", "在这场疫情歼灭战中，重庆工行人以点滴奉献汇聚起同心抗疫的力量。")
AFTER = "切实助力实体经济，踊跃参加志愿行动，让金融的“暖意”驱散疫情的“寒意”。\n"
ADDED = '编者补记：文中所称"工笔画"，指工笔细描的画法，喻金融服务精细入微。\n'
DELETE = ("将便捷的金融服务送至客户身边，提升了金融服务质效。", "将便捷的金融服务送至客户身边。")


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def change(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def booklet_text(pdf):
    return "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")


def test_an_editors_round(project, capsys):
    """Fix a typo, rewrite a sentence, add a paragraph (typed with straight quotes, which
    lint finds and the editor converts), delete a sentence; record with a reason; then
    audit, lint and check pass and every edition present carries the new text."""
    assert run(capsys, "build", "-q", "-C", str(project), "--edition", "all")[0] == 0
    article = project / ARTICLE
    change(article, *TYPO)
    change(article, *REWRITE)
    change(article, AFTER, AFTER + "\n" + ADDED)
    change(article, *DELETE)
    code, out, _ = run(capsys, "lint", "-C", str(project))
    assert code == 1 and out.count("straight-quote") == 2
    change(article, '"工笔画"', "“工笔画”")
    assert run(capsys, "lint", "-C", str(project))[0] == 0
    record = project / RECORD
    before = record.read_bytes()
    code, out, err = run(capsys, "record", "-C", str(project))
    assert code == 1 and record.read_bytes() == before, "written without a reason"
    assert err.count("editorial change the record does not explain") == 4
    assert "«扎»" in err and "«守»" in err  # both texts shown side by side
    code, out, err = run(capsys, "record", "-C", str(project), "--reason", "编辑部二审改稿")
    assert code == 0, err
    assert "bashan-yushui: 4 edit" in out and record.read_bytes() != before
    for command in (["audit"], ["lint"], ["check"]):
        code, out, err = run(capsys, *command, "-C", str(project))
        assert code == 0, (command, out, err)
    assert run(capsys, "build", "-q", "-C", str(project))[0] == 0
    for name in ("booklet.pdf", "booklet-print.pdf", "booklet-archive.pdf",
                 "articles/bashan-yushui.pdf"):
        text = booklet_text(project / "build" / name)
        assert "驻守岗位" in text and "点滴奉献" in text and "编者补记" in text, name
        assert "提升了金融服务质效。“大胆" not in text


def test_adding_a_paragraph_is_one_unrecorded_change_not_a_hundred_shifted_lines(project):
    change(project / ARTICLE, AFTER, AFTER + "\n" + ADDED.replace('"', "“", 1).replace('"', "”"))
    [result] = audit_articles(project, ["bashan-yushui"])
    assert [p.rule for p in result.problems] == ["unrecorded-change"]
    assert "characters here not in the source" in result.problems[0].message


def test_a_rewrite_over_recorded_joins_replaces_them(project, capsys):
    """A sentence rewritten across a column-break join: the join's record no longer fits
    the text; record drops it and writes the rewrite."""
    record = project / RECORD
    old, new = "骤降的气温和突袭的疫情给重庆增添了几分“寒意”", "骤降的气温和疫情给重庆添了寒意"
    assert "突袭\\n的疫情" in record.read_text(encoding="utf-8")
    change(project / ARTICLE, old, new)
    code, out, err = run(capsys, "record", "-C", str(project), "bashan-yushui", "--reason", "压缩")
    assert code == 0, err
    entries = yaml.safe_load(record.read_text(encoding="utf-8"))["corrections"]
    assert "dropped" in out
    assert not [e for e in entries if e["kind"] == "join" and "突袭\n的疫情" in e["source"]]
    assert [e for e in entries if e["kind"] == "edit" and "突袭\n的疫情" in e["source"]]
    assert audit_articles(project, ["bashan-yushui"])[0].problems == []


def test_record_keeps_order_and_comments_and_only_adds(project, capsys):
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    record.write_text("# 校订记录：二审前\n" + text.replace("corrections:\n",
                      "corrections:  # 按来稿顺序\n", 1), encoding="utf-8")
    change(project / ARTICLE, *TYPO)
    assert run(capsys, "record", "-C", str(project), "--reason", "错字")[0] == 0
    after = record.read_text(encoding="utf-8")
    assert after.startswith("# 校订记录：二审前\n") and "corrections:  # 按来稿顺序" in after
    old_kinds = [line for line in text.splitlines() if line.strip().startswith("- kind:")]
    new_kinds = [line for line in after.splitlines() if line.strip().startswith("- kind:")]
    assert len(new_kinds) == len(old_kinds) + 1
    source = project / "manuscripts/bashan-yushui/source/001_c9b754f3e4d2ab3e.txt"
    assert f"sha256: {hashlib.sha256(source.read_bytes()).hexdigest()}" in after


def test_dry_run_writes_nothing_and_a_second_run_finds_nothing(project, capsys):
    change(project / ARTICLE, *TYPO)
    record = project / RECORD
    before = record.read_bytes()
    code, out, _ = run(capsys, "record", "-C", str(project), "--reason", "错字", "--dry-run")
    assert code == 0 and "1 edit" in out and record.read_bytes() == before
    assert run(capsys, "record", "-C", str(project), "--reason", "错字")[0] == 0
    code, out, _ = run(capsys, "record", "-C", str(project), "bashan-yushui")
    assert code == 0 and "nothing new" in out


def test_straight_quotes_from_the_source_are_a_mechanical_change(project, capsys):
    """A raw source with straight quotes: the manuscript's curly quotes need no reason;
    record writes them down as quote-style; audit and lint pass."""
    folder = project / "manuscripts" / "quotes"
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "raw.txt").write_text(
        '争创第一\n\n工行重庆市分行争创"四个第一"，\n服务"专精特新"企业。\n', encoding="utf-8")
    (folder / "article.md").write_text(
        "---\nslug: quotes\ntitle: 争创第一\ndate: 2024\nsource: source/raw.txt\n"
        "corrections: corrections.yml\n---\n\n工行重庆市分行争创“四个第一”，服务“专精特新”企业。\n",
        encoding="utf-8")
    (folder / "corrections.yml").write_text("source: source/raw.txt\ncorrections: []\n",
                                            encoding="utf-8")
    assert audit_articles(project, ["quotes"])[0].problems == []
    code, out, err = run(capsys, "record", "-C", str(project), "quotes")
    assert code == 0, out + err
    assert audit_articles(project, ["quotes"])[0].problems == []
    entries = yaml.safe_load((folder / "corrections.yml").read_text(encoding="utf-8"))
    kinds = [e["kind"] for e in entries["corrections"]]
    assert kinds.count("quote-style") == 4 and set(kinds) == {"quote-style", "join"}
    assert not any("reason" in e for e in entries["corrections"])
    assert all(set(e["manuscript"]) & set("“”") and '"' in e["source"]
               for e in entries["corrections"] if e["kind"] == "quote-style")
