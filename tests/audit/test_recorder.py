"""`pressroom record`: an editor's changes are written down, not fought; the audit then passes."""

from __future__ import annotations

import hashlib

import pytest
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
    code, out, err = run(capsys, "build", "-q", "-C", str(project), "--edition", "all")
    assert code == 0, err  # the message says what went wrong (one flaky 70 seen under load)
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
    code, out, err = run(capsys, "build", "-q", "-C", str(project))
    assert code == 0, err
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


FIGURE = ("![疫情期间，工行重庆市分行保障金融服务不断档]()",
          "![疫情期间，工行重庆市分行保障金融服务不断档](images/yiqing.jpg)")
MOVE_REASON = "放在“助企纾困不断档”段之后、“线上服务不打烊”段之前"


def entries(record):
    return yaml.safe_load(record.read_text(encoding="utf-8"))["corrections"]


def test_adding_a_missing_photo_keeps_every_record_and_its_reason(project, capsys):
    """The editor's report: the build asks for the image, the editor writes its path, and
    the written reasons stay; the figure's records now quote its caption."""
    record = project / RECORD
    caption = FIGURE[0][2:-3]
    text = record.read_text(encoding="utf-8")  # as records quoted figures before: the line
    record.write_text(text.replace(f'manuscript: "{caption}"', f'manuscript: "{FIGURE[0]}"'),
                      encoding="utf-8")
    before = entries(record)
    assert [e["manuscript"] for e in before if e["source"] == caption] == [FIGURE[0]] * 2
    change(project / ARTICLE, *FIGURE)
    assert run(capsys, "audit", "-C", str(project))[0] == 0
    code, out, err = run(capsys, "record", "-C", str(project), "--reason", "补上图片")
    assert code == 0, err
    assert "dropped" not in out and "bashan-yushui: nothing new" in out
    assert "2 manuscript quotes rewritten without markup" in out
    after = entries(record)
    assert [(e["kind"], e.get("reason")) for e in after] == \
        [(e["kind"], e.get("reason")) for e in before]
    assert any(MOVE_REASON in e.get("reason", "") for e in after)
    assert [e["manuscript"] for e in after if e["source"] == caption] == [caption] * 2
    change(project / ARTICLE, "images/yiqing.jpg", "images/yiqing-2.jpg")
    assert run(capsys, "audit", "-C", str(project))[0] == 0


INSERTED = "**助企纾困不断档。**"


def test_an_inserted_paragraph_refreshes_line_numbers_and_duplicates_nothing(project, capsys):
    """Records quoting text that recurs (，工行⏎重庆市 is joined at three places) follow their
    text down, none is written twice, and every line number is where its text now is."""
    record = project / RECORD
    before = entries(record)
    change(project / ARTICLE, "\n\n" + INSERTED, "\n\n编者按：新加的一段。\n\n" + INSERTED)
    code, out, err = run(capsys, "record", "-C", str(project), "--reason", "新加一段")
    assert code == 0, err
    assert out.startswith("bashan-yushui: 1 edit; line numbers of ")
    after = entries(record)
    [new] = [e for e in after if e["kind"] == "edit" and e["reason"] == "新加一段"]
    kept = [e for e in after if e is not new]
    assert [(e["kind"], e["source"]) for e in kept] == [(e["kind"], e["source"]) for e in before]
    for old, now in zip(before, kept):
        shift = 2 if old["manuscript_line"] >= 21 else 0
        assert now["manuscript_line"] == old["manuscript_line"] + shift, now
    lines = (project / ARTICLE).read_text(encoding="utf-8").split("\n")
    repeated = [e for e in after if e["source"] == "，工行\n重庆市"]
    assert [e["manuscript_line"] for e in repeated] == [27, 47, 59]
    assert all("，工行重庆市" in lines[e["manuscript_line"] - 1] for e in repeated)


def test_record_names_the_line_of_the_changed_text(project, capsys):
    change(project / ARTICLE, "\n\n" + INSERTED, "\n\n编者按：新加的一段。\n\n" + INSERTED)
    code, _, err = run(capsys, "record", "-C", str(project), "bashan-yushui")
    assert code == 1
    assert "bashan-yushui/article.md:21: error: edit: an editorial change" in err
    assert "article.md:21 " in err.split("\n")[2]


def test_record_says_exactly_what_it_did(project, capsys):
    record = project / RECORD
    stamp = record.stat().st_mtime_ns
    code, out, _ = run(capsys, "record", "-C", str(project))
    assert code == 0 and record.stat().st_mtime_ns == stamp
    assert out.split("\n")[:2] == ["bashan-yushui: nothing new; record unchanged, nothing "
                                   "written", "hongse-xinhuo: nothing new; record unchanged, "
                                   "nothing written"]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("manuscript_line: 51\n", "manuscript_line: 50\n", 1),
                      encoding="utf-8")
    code, out, _ = run(capsys, "record", "-C", str(project), "bashan-yushui", "--dry-run")
    assert out.startswith("bashan-yushui: nothing new; line numbers of 1 record updated; "
                          "dry run: nothing written")
    code, out, _ = run(capsys, "record", "-C", str(project), "bashan-yushui")
    assert "line numbers of 1 record updated; written" in out
    assert record.read_text(encoding="utf-8") == text


def test_a_dropped_record_is_listed_with_its_kind_line_and_text(project, capsys):
    change(project / ARTICLE, "骤降的气温和突袭的疫情给重庆增添了几分“寒意”", "骤降的气温和疫情给重庆添了寒意")
    code, out, err = run(capsys, "record", "-C", str(project), "bashan-yushui", "--reason", "压缩")
    assert code == 0, err
    summary, *dropped = out.strip().split("\n")
    assert f"dropped {len(dropped)} record" in summary and "no longer fit the text" in summary
    joined = [line for line in dropped if "'和突袭\\n的疫情'" in line]
    assert len(joined) == 1 and "(join, " in joined[0]
    assert "bashan-yushui/corrections.yml:" in joined[0]
    assert "manuscript line 17)" in joined[0] and "no longer" in joined[0]


def test_a_record_written_twice_is_dropped_as_a_repeat(project, capsys):
    """What the earlier `record` left after losing its place: the same join twice."""
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    twice = ('  - kind: join\n    source_line: 36\n    manuscript_line: 25\n'
             '    source: "求，工行\\n重庆市分"\n    manuscript: "求，工行重庆市分"\n')
    record.write_text(text + twice, encoding="utf-8")
    assert audit_articles(project, ["bashan-yushui"])[0].problems == []
    code, out, err = run(capsys, "record", "-C", str(project), "bashan-yushui")
    assert code == 0, err
    assert "dropped 1 record " in out and "it repeats correction" in out
    assert "'求，工行\\n重庆市分'" in out
    assert record.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("slug,old,new,line", [
    ("hongse-xinhuo", "衙前信用合作社，以“一元入会", "衙前信用合作社，\n\n以“一元入会", 21),
    ("hongse-xinhuo", "红色金融火种。\n\n百年薪火", "红色金融火种。百年薪火", 19),
    ("bashan-yushui", "吹响了号角。作为", "吹响了号角。\n\n作为", 19),
])
def test_a_paragraph_split_or_join_is_recorded(project, capsys, slug, old, new, line):
    article = project / "manuscripts" / slug / "article.md"
    change(article, old, new)
    code, out, err = run(capsys, "record", "-C", str(project), slug, "--dry-run")
    assert code == 1 and f"{slug}: 1 paragraph;" in out
    assert f"{slug}/article.md:{line}: error: paragraph: a paragraph " in err and "«¶»" in err
    code, out, err = run(capsys, "record", "-C", str(project), slug, "--reason", "按作者意见")
    assert code == 0, err
    [entry] = [e for e in entries(project / "manuscripts" / slug / "corrections.yml")
               if e["kind"] == "paragraph"]
    assert entry["reason"] == "按作者意见" and entry["manuscript_line"] in (line, line - 2)
    assert audit_articles(project, [slug])[0].problems == []


def test_a_dry_run_says_it_wrote_nothing_by_design_and_shows_what_it_would_write(project,
                                                                                capsys):
    """Without a reason the changes are listed as before (exit status 1), but the summary
    does not ask for a reason to write: a dry run writes nothing anyway."""
    change(project / ARTICLE, *TYPO)
    record = project / RECORD
    before = record.read_bytes()
    for reason, shown in (((), "needs a reason"), (("--reason", "错字"), "reason '错字'")):
        code, out, err = run(capsys, "record", "-C", str(project), "bashan-yushui", "--dry-run",
                             *reason)
        assert code == (1 if not reason else 0) and record.read_bytes() == before
        summary, *would = out.strip().split("\n")
        assert summary == ("bashan-yushui: 1 edit; dry run: nothing written (below: what "
                           "would be)") and "give a reason" not in out
        [line] = would
        assert line.startswith("    would write edit (source line ") and "驻扎" in line
        assert "驻守" in line and shown in line


def test_stating_the_sources_digest_is_said_in_plain_words(project, capsys):
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    record.write_text("\n".join(line for line in text.split("\n")
                                if not line.startswith("sha256:")), encoding="utf-8")
    code, out, _ = run(capsys, "record", "-C", str(project), "bashan-yushui")
    assert code == 0 and "SHA-256 stated" not in out
    assert ("the source file's fingerprint (SHA-256) written into the record, so that a "
            "changed source is noticed; written") in out
