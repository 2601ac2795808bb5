"""Import's corrections records: a line left out is recorded as removed (its own text, an empty manuscript side), a line moved into a field quotes that field; no record quotes a front-matter line it has nothing to do with."""

from __future__ import annotations

import re

import pytest
import yaml

from intake_scoring import CORPUS
from pressroom.audit import audit_article
from pressroom.intake import import_source

# The editor's report: a closing line of two staff entries, in GB18030 with CRLF.
RAW = ('金融活水润田园\n工行黔江支行"整村授信"让农户贷款不再难\n\n'
       '本报讯（记者 刘晓燕）初冬时节,走进濯水镇。"以前贷不到款,现在钱就到账了。"种植大户李德明说。\n\n'
       '支行推出"种植e贷""兴农e贷"等线上产品,最快10分钟放款。\n\n'
       '责任编辑：周  敏　美编：杨帆\n').replace("\n", "\r\n").encode("gb18030")
SOURCES = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx"))
FILE_KEYS = ("slug:", "source:", "corrections:")


def entries(folder):
    return yaml.safe_load((folder / "corrections.yml").read_text(encoding="utf-8"))["corrections"]


def test_a_staff_entry_without_a_field_is_recorded_as_removed(tmp_path):
    source = tmp_path / "qianjiang.txt"
    source.write_bytes(RAW)
    folder = import_source(source, tmp_path, "qianjiang").folder
    closing = [e for e in entries(folder) if e["source_line"] == 8]
    removed = next(e for e in closing if e["source"] == "美编：杨帆")
    assert removed["manuscript"] == "" and "manuscript_line" not in removed
    assert "删去" in removed["reason"]
    moved = next(e for e in closing if e is not removed)
    assert moved["manuscript"] == "editor: 周敏"
    article = (folder / "article.md").read_text(encoding="utf-8").split("\n")
    assert article[moved["manuscript_line"] - 1] == "editor: 周敏"
    review = (folder / "review.md").read_text(encoding="utf-8")
    assert "| 8 | — | structure | 美编：杨帆 | （删去） |" in review
    assert "corrections: corrections.yml |" not in review
    assert {p.rule for p in audit_article(folder / "article.md").problems} == {"record-reason"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_no_record_quotes_a_front_matter_line_it_has_nothing_to_do_with(source, tmp_path):
    """A record that quotes a front-matter line quotes the field the text went to, and
    its reason names that field; removed text has an empty manuscript side."""
    folder = import_source(source, tmp_path, "dev").folder
    for entry in entries(folder):
        keys = re.findall(r"^([a-z_]+): ", entry["manuscript"], re.M)
        assert not entry["manuscript"].startswith(FILE_KEYS), entry
        assert all(key in entry.get("reason", "") for key in keys), entry
        if entry["manuscript"] == "":
            assert "删去" in entry["reason"] and "manuscript_line" not in entry, entry
