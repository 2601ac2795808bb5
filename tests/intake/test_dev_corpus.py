"""Import scored on the development corpus (tests/fixtures/intake-dev): raw articles in other papers' styles and Word files, each with the editor's expected result."""

from __future__ import annotations

import re

import pytest

from intake_scoring import CORPUS, pct, pressroom_importer, score_corpus, summary
from pressroom.audit import audit_article
from pressroom.intake import import_source

# The targets of issue 12, the same for raw articles the importer has never seen.
FIELDS_RIGHT = 0.95
PARAGRAPHS_RIGHT = 0.98
SOURCES = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx"))


@pytest.fixture(scope="module")
def scores():
    return score_corpus([CORPUS, CORPUS / "docx"], pressroom_importer)


def test_the_corpus_is_there():
    assert len(SOURCES) >= 29
    for source in SOURCES:
        assert source.with_name(source.name.rsplit(".", 1)[0] + ".expected.yml").exists()


def test_import_reaches_the_targets_on_the_development_corpus(scores, capsys):
    total = summary(scores)
    with capsys.disabled():
        print(f"\nintake development corpus ({total['articles']} articles): structure fields "
              f"{pct(total['fields']).strip()}, body paragraphs {pct(total['paragraphs']).strip()} "
              f"({total['extra']} not expected), "
              f"half-width marks left {total['halfwidth']}, numbers/times/URLs/e-mails kept "
              f"{pct(total['tokens']).strip()}")
        for field, pair in total["per_field"].items():
            print(f"  {field}: {pct(pair).strip()}")
    assert not [name for name, result in scores.items() if result["error"]]
    right, count = total["fields"]
    assert right / count >= FIELDS_RIGHT
    right, count = total["paragraphs"]
    assert right / count >= PARAGRAPHS_RIGHT
    # and the draft's paragraphs are the expected ones: no boilerplate, header or caption
    # kept as text, no two paragraphs run together
    assert right / (right + total["extra"]) >= PARAGRAPHS_RIGHT


def test_no_half_width_mark_is_left_in_chinese_text(scores):
    assert {name: r["halfwidth"] for name, r in scores.items() if r["halfwidth"]} == {}


def test_every_number_time_url_and_email_is_kept(scores):
    assert {name: r["lost_tokens"] for name, r in scores.items() if r["lost_tokens"]} == {}


def test_a_scorer_that_gets_things_wrong_scores_low():
    """The scorer itself: an importer that returns the raw text as one paragraph fails."""
    def careless(data: bytes, filename: str) -> dict:
        return {"paragraphs": [data.decode("utf-8", "replace")]}
    total = summary(score_corpus([CORPUS], careless))
    assert total["fields"][0] / total["fields"][1] < 0.5
    assert total["paragraphs"][0] == 0


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_draft_passes_the_audit_once_signed(source, tmp_path):
    folder = import_source(source, tmp_path, "dev").folder
    assert {p.rule for p in audit_article(folder / "article.md").problems} <= {"record-reason"}
    record = folder / "corrections.yml"
    record.write_text(re.sub(r'"TODO [^"\n]*"', '"checked against the page by an editor"',
                             record.read_text(encoding="utf-8")), encoding="utf-8")
    assert [p.format() for p in audit_article(folder / "article.md").problems] == []
