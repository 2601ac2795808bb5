"""Captions without marker or credit: each form of the table reads its example as a caption; no headline, subhead or story label an editor wrote in the development corpus reads as one."""

from __future__ import annotations

import pytest
import yaml

from intake_scoring import CORPUS
from pressroom.intake.captions import FORMS, caption_form, caption_like


@pytest.mark.parametrize("name, example", [(n, e) for n, _, e in FORMS], ids=[f[0] for f in FORMS])
def test_form_reads_its_example(name, example):
    assert caption_form(example) == name


@pytest.mark.parametrize("line", [
    "市民在小西街商户用数字人民币付款", "缙云烧饼师傅在制作烧饼", "工行缙云支行党员与村干部共商产业发展",
    "游客正在景区内游览", "前排左起：王强、李明", "湖州小西街夜景一角",
])
def test_scenes_and_views_are_captions(line):
    assert caption_like(line)


@pytest.mark.parametrize("line", [
    "老屋变民宿", "贷款不用跑", "碳汇有了“身价”", "党员冲在一线", "村民腰包鼓起来", "让生态红利惠及更多林农",
    "夜校开到了村里", "学了就能用得上", "干部在身边 服务在门口",
])
def test_slogans_are_not(line):
    assert not caption_like(line)


def headings(expected: dict) -> list[str]:
    return [expected["kicker"], expected["title"], expected["subtitle"], *expected["subheads"],
            *(story[key] for story in expected["stories"] for key in ("title", "label"))]


def test_no_heading_of_the_corpus_reads_as_a_caption():
    files = sorted(CORPUS.glob("*.expected.yml")) + sorted((CORPUS / "docx").glob("*.expected.yml"))
    assert len(files) >= 45
    found = {path.name: line for path in files
             for line in headings(yaml.safe_load(path.read_text(encoding="utf-8")))
             if line and caption_like(line)}
    assert found == {}
