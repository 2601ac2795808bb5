"""Paragraph boundaries: a split or join the source does not have is a change the audit
reports and `record` writes down; a line end of the source as received is none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pressroom.audit import audit_article
from pressroom.audit.paragraphs import BREAK, EITHER, NONE, SOURCE_BREAKS, judge_gap, source_gap
from pressroom.intake import import_source

ROOT = Path(__file__).resolve().parents[2]
WORD = ROOT / "tests" / "fixtures" / "intake-dev" / "docx" / "d1-wuzhen-shuzirmb.docx"


def gap_in(text: str) -> tuple[str, str]:
    """The verdict for the gap marked | in `text` (⏎ a line break): the gap runs from the
    character before | to the first one that is not whitespace after it."""
    raw = text.replace("⏎", "\n")
    start = raw.index("|") - 1
    raw = raw.replace("|", "")
    end = start + 1
    while raw[end].isspace():
        end += 1
    return judge_gap(source_gap(raw, start, end))


# Each row of SOURCE_BREAKS, on varied source text: raw newspaper columns, one line per
# paragraph, a Word file's text (a blank line between paragraphs, a manual line break).
ROWS = {
    "no line break": ["衙前信用合作社,|以“一元入会", "吹响了号角。|作为金融国企",
                      "Hello, |world", "试点。”|在工行"],
    "blank line after a sentence": ["红色金融火种。|⏎⏎百年薪火", "“寒意”。|⏎⏎为做好",
                                    "挺新鲜的。”|⏎⏎作为世界", "服务！|⏎ ⏎⏎近年来"],
    "other line end": ["一场|⏎没有硝烟", "挺身而|⏎⏎出、敢于担当", "责任担当。|⏎支持基础",
                       "衙前信用合作社旧址|⏎⏎浙江萧山", "（作者单位：丽水分行）|⏎⏎下一段",
                       "第一行|⏎第二行（Word 的手动换行）"],
}
VERDICT = {rule.name: rule.verdict for rule in SOURCE_BREAKS}


def test_every_rule_has_examples():
    assert set(ROWS) == set(VERDICT)


@pytest.mark.parametrize("name,text", [(n, t) for n, texts in ROWS.items() for t in texts])
def test_source_break_rule(name, text):
    assert gap_in(text) == (VERDICT[name], name)


def test_verdicts_are_the_three_kinds():
    assert set(VERDICT.values()) == {NONE, BREAK, EITHER}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def paragraph_problems(path: Path):
    problems = audit_article(path).problems
    assert {p.rule for p in problems} <= {"unrecorded-paragraph"}, [p.format() for p in problems]
    return problems


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").split("\n"), 1) if text in line)


# (article, old, new, what, text that starts the manuscript line named)
CHANGES = [
    ("hongse-xinhuo", "衙前信用合作社，以“一元入会", "衙前信用合作社，\n\n以“一元入会", "split",
     "以“一元入会"),  # one line per paragraph, the editor's report
    ("hongse-xinhuo", "红色金融火种。\n\n百年薪火", "红色金融火种。百年薪火", "join", "1924年"),
    ("bashan-yushui", "吹响了号角。作为金融国企", "吹响了号角。\n\n作为金融国企", "split",
     "作为金融国企"),  # hard-wrapped newspaper text, a split inside a line
    ("bashan-yushui", "“寒意”。\n\n为做好", "“寒意”。为做好", "join", "2022年11月"),
    ("bashan-yushui", "积极组织开展反诈", "积极组织\n\n开展反诈", "split", "开展反诈"),
]


@pytest.mark.parametrize("slug,old,new,what,line_text", CHANGES)
def test_a_paragraph_split_or_join_is_reported_at_its_line(copy, slug, old, new, what,
                                                            line_text):
    article = copy / "manuscripts" / slug / "article.md"
    edit(article, old, new)
    [problem] = paragraph_problems(article)
    assert problem.line == line_of(article, line_text)
    assert ("a new paragraph here where the source runs on" if what == "split" else
            "the source starts a new paragraph here") in problem.message
    assert 'pressroom record --reason "…"' in problem.hint
    source, manuscript = problem.source_line.split("\n")
    assert ("«»" in source and "«¶»" in manuscript) if what == "split" else \
        ("«¶»" in source and "«»" in manuscript)


@pytest.mark.parametrize("old,new", [
    ("驻扎岗位，夙夜办公。在这场", "驻扎岗位，夙夜办公。\n\n在这场"),  # at a full line's end
    ("无数重庆工行人以甘于", "无数重庆工行人\n\n以甘于"),  # at a column break
    ("“国之大者”的责任担当。\n\n", "“国之大者”的责任担当。"),  # a break the source lost
])
def test_at_a_line_end_of_the_source_neither_split_nor_join_is_a_change(copy, old, new):
    """The source's line ends are hard wraps, column breaks or lost paragraph ends; import
    decides by its column measure, and the audit does not second-guess it there."""
    article = copy / "manuscripts" / "bashan-yushui" / "article.md"
    edit(article, old, new)
    assert audit_article(article).problems == []


def test_a_recorded_split_passes(copy):
    """A split recorded as structure quoting the text before the break (the form the
    booklet's records use) or as a paragraph record explains it."""
    article = copy / "manuscripts" / "hongse-xinhuo" / "article.md"
    record = copy / "manuscripts" / "hongse-xinhuo" / "corrections.yml"
    edit(article, "衙前信用合作社，以“一元入会", "衙前信用合作社，\n\n以“一元入会")
    text = record.read_text(encoding="utf-8")
    for entry in ('- kind: paragraph\n  source: "合作社,以“一元"\n  manuscript: "合作社，\\n\\n以“一元"\n'
                  '  reason: 按作者意见分段\n',
                  '- kind: structure\n  source: "合作社,以“一元"\n  manuscript: "金融机构——衙前信用合作社，"\n'
                  '  reason: 按作者意见分段\n'):
        record.write_text(text.replace("corrections:\n", "corrections:\n" + entry, 1),
                          encoding="utf-8")
        assert audit_article(article).problems == [], entry


def test_a_word_source_paragraphs_are_its_paragraphs(tmp_path):
    folder = import_source(WORD, tmp_path, "wuzhen").folder
    record = folder / "corrections.yml"
    record.write_text(re.sub(r'"TODO [^"\n]*"', '"checked"', record.read_text("utf-8")),
                      encoding="utf-8")
    article = folder / "article.md"
    assert audit_article(article).problems == []
    edit(article, "摇橹船在石桥下缓缓穿行。在一家", "摇橹船在石桥下缓缓穿行。\n\n在一家")
    [split] = paragraph_problems(article)
    assert split.line == line_of(article, "在一家百年老字号")
    edit(article, "摇橹船在石桥下缓缓穿行。\n\n在一家", "摇橹船在石桥下缓缓穿行。在一家")
    edit(article, "挺新鲜的。”\n\n作为", "挺新鲜的。”作为")
    [join] = paragraph_problems(article)
    assert "the source starts a new paragraph here" in join.message
