"""The lint rules table: every rule fires on the text that breaks it and not on the one
that keeps it, inside a real manuscript file."""

from __future__ import annotations

import pytest

from pressroom.checks.lint import RULES, lint_files

HEADER = ("---\nslug: demo\ntitle: 标题\ndate: 2024\nsource: source/raw.txt\n"
          "corrections: corrections.yml\n---\n\n")


def rules_found(tmp_path, body: str) -> set[str]:
    folder = tmp_path / "demo"
    folder.mkdir(exist_ok=True)
    path = folder / "article.md"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    return {f.rule for f in lint_files([path])}


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_rule_fires_on_its_example_only(tmp_path, rule):
    assert rule.id in rules_found(tmp_path, rule.breaks)
    assert rule.id not in rules_found(tmp_path, rule.keeps)


def test_straight_quotes_in_chinese_text_are_flagged_each(tmp_path):
    found = [f for f in lint_files([_write(tmp_path, '他说"四个第一"和\'三个确保\'。')])
             if f.rule == "straight-quote"]
    assert len(found) == 4 and "use “ ”" in found[0].message


def test_urls_and_english_keep_their_straight_quotes(tmp_path):
    text = '见 https://example.com/a"b 与 he said "Hello" to ICBC\'s APP。'
    assert "straight-quote" not in {f.rule for f in lint_files([_write(tmp_path, text)])}


def _write(tmp_path, body):
    folder = tmp_path / "demo"
    folder.mkdir(exist_ok=True)
    path = folder / "article.md"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    return path
