"""Import writes its corrections record as `record` would write it: a `record` right after an import changes nothing, and review.md lists the record as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from intake_scoring import CORPUS
from pressroom.cli import main

ROOT = Path(__file__).resolve().parents[2]

# Articles whose drafted record held repeats ('贷""兴农' beside 'e贷""兴', ' 王  敏）'
# beside '记者 王  敏'), missed a mechanical change, or quoted figures with their markup.
ARTICLES = ["05-taizhou-shoudai.txt", "09-kaihua-minsu.txt", "31-songyang-minsu.txt",
            "54-pengpai-kejidai.txt", "56-zhuanban-deqing.txt", "67-paste-gongfang.txt",
            "84-padded-dateline.txt", "87-dateline-mixed.txt", "docx/d1-wuzhen-shuzirmb.docx"]
QUOTES = ('小微企业"首贷"有了新渠道\n\n本报讯 （记者 王  敏）12月2日,记者获悉,该行推出"种植e贷""兴农e贷"'
          '等产品。\n\n编辑 李娜   美编 王强   校对 陈明\n').replace("\n", "\r\n").encode("gb18030")


def project(tmp_path):
    """A copy of the project's manuscripts, as the editor imported into."""
    shutil.copytree(ROOT / "manuscripts", tmp_path / "manuscripts")
    return tmp_path


def imported(tmp_path, source, capsys):
    root = project(tmp_path)
    assert main(["import", "-C", str(root), str(source), "--slug", "new"]) == 0
    capsys.readouterr()
    return root, root / "manuscripts" / "new"


@pytest.mark.parametrize("name", ARTICLES)
def test_record_right_after_import_changes_nothing(name, tmp_path, capsys):
    root, folder = imported(tmp_path, CORPUS / name, capsys)
    before = (folder / "corrections.yml").read_bytes()
    assert main(["record", "-C", str(root), "new"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "new: nothing new; record unchanged, nothing written"
    assert (folder / "corrections.yml").read_bytes() == before


def test_repeated_quote_and_space_changes_are_recorded_once(tmp_path, capsys):
    source = tmp_path / "xw.txt"
    source.write_bytes(QUOTES)
    root, folder = imported(tmp_path / "p", source, capsys)
    assert main(["record", "-C", str(root), "new", "--reason", "二审"]) == 0
    assert "dropped" not in capsys.readouterr().out
    record = yaml.safe_load((folder / "corrections.yml").read_text(encoding="utf-8"))
    assert record["sha256"]  # stated by import, as record states it
    quotes = [e for e in record["corrections"] if e["kind"] == "quote-style"
              and "”“" in e["manuscript"]]
    assert len(quotes) == 1  # 贷""兴 once, not once per quotation mark


def test_review_lists_the_record_as_written(tmp_path, capsys):
    root, folder = imported(tmp_path, CORPUS / ARTICLES[-1], capsys)  # a Word file, photos
    record = yaml.safe_load((folder / "corrections.yml").read_text(encoding="utf-8"))
    review = (folder / "review.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d+ \| ", review, re.M)
    assert len(rows) == len(record["corrections"])
    assert f"`corrections.yml`（{len(record['corrections'])} 条）" in review
    assert "](images/" not in review.split("## 改动清单")[1]  # figures quoted as printed
