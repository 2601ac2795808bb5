"""Intake: raw newspaper text → draft manuscript, corrections record, review report, source copy."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml

from pressroom.audit import audit_article
from pressroom.cli import main
from pressroom.exceptions import PressroomError
from pressroom.intake import import_source
from pressroom.checks.lint import lint_files

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures" / "intake"
SHARED = ROOT.parent / "shared" / "seeds"
# The sources as received are kept in the repository, byte for byte, beside each manuscript.
SEEDS = {slug: next((ROOT / "manuscripts" / slug / "source").glob("*.txt"))
         for slug in ("hongse-xinhuo", "bashan-yushui")}
# Measured on the seeds (similarity of the draft's text to the hand-corrected one, share of
# the hand correction reproduced); what remains is editorial: typos, facts, caption places.
# Import must not fall below what it reached before the structure model (99.139 % / 86.150 %).
THRESHOLDS = {"hongse-xinhuo": (0.999, 0.9913), "bashan-yushui": (0.981, 0.8615)}
TEXT_KEYS = ("kicker", "title", "subtitle", "lead", "byline", "author", "editor", "photo_note")


def front_and_body(text: str) -> tuple[dict, list[str]]:
    lines = text.split("\n")
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])), [line for line in lines[end + 1:] if line]


def comparable(text: str) -> str:
    """What an editor reads: the front matter's text values, then the body's blocks."""
    front, body = front_and_body(text)
    return "\n".join([f"{k}: {str(front[k]).strip()}" for k in TEXT_KEYS if front.get(k)] + body)


def distance(a: str, b: str) -> int:
    """Characters inserted plus characters deleted to turn a into b."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return len(a) + len(b) - 2 * sum(block.size for block in matcher.get_matching_blocks())


def sign_reasons(folder: Path) -> None:
    """What an editor does after review: write the reasons the draft left as TODO."""
    record = folder / "corrections.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r'"TODO [^"\n]*"', '"checked against the page by an editor"', text),
                      encoding="utf-8")


@pytest.mark.parametrize("slug", SEEDS)
def test_seed_draft_comes_close_to_the_hand_corrected_manuscript(slug, tmp_path, capsys):
    result = import_source(SEEDS[slug], tmp_path, slug)
    draft = comparable((result.folder / "article.md").read_text(encoding="utf-8"))
    hand = comparable((ROOT / "manuscripts" / slug / "article.md").read_text(encoding="utf-8"))
    raw = SEEDS[slug].read_text(encoding="utf-8")
    similarity = SequenceMatcher(None, draft, hand, autojunk=False).ratio()
    reproduced = 1 - distance(draft, hand) / distance(raw, hand)
    with capsys.disabled():
        print(f"\n{slug}: draft body similarity {similarity:.4f}, "
              f"{reproduced:.3%} of the hand correction reproduced")
    low_similarity, low_share = THRESHOLDS[slug]
    assert similarity >= low_similarity and reproduced >= low_share


@pytest.mark.parametrize("slug", SEEDS)
def test_seed_draft_finds_headline_lead_stories_and_closing_lines(slug, tmp_path):
    result = import_source(SEEDS[slug], tmp_path, slug)
    draft_front, draft_body = front_and_body((result.folder / "article.md").read_text("utf-8"))
    hand_front, hand_body = front_and_body(
        (ROOT / "manuscripts" / slug / "article.md").read_text("utf-8"))
    for key in TEXT_KEYS:  # seed 2: headline and lead found at the end of the text
        assert draft_front.get(key) == hand_front.get(key), key
    structure = re.compile(r"^(## |### |label: |byline: )")
    assert [x for x in draft_body if structure.match(x)] == \
        [x for x in hand_body if structure.match(x)]


@pytest.mark.parametrize("source", list(SEEDS.values()) + sorted(FIXTURES.glob("*.txt")),
                         ids=lambda p: p.name)
def test_draft_passes_the_audit_once_an_editor_has_written_the_reasons(source, tmp_path):
    folder = import_source(source, tmp_path, "draft").folder
    unsigned = audit_article(folder / "article.md").problems
    assert {p.rule for p in unsigned} <= {"record-reason"}  # only the editor's part is left
    sign_reasons(folder)
    assert audit_article(folder / "article.md").problems == []


def test_import_is_deterministic_and_keeps_the_source_byte_for_byte(tmp_path):
    source = FIXTURES / "county-bank-gbk-crlf.txt"
    first = import_source(source, tmp_path / "a", "county").folder
    second = import_source(source, tmp_path / "b", "county").folder
    for name in ("article.md", "corrections.yml", "review.md"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "source" / source.name).read_bytes() == source.read_bytes()


def test_review_lists_every_change_and_spot_with_line_numbers(tmp_path):
    folder = import_source(SEEDS["bashan-yushui"], tmp_path, "bashan").folder
    review = (folder / "review.md").read_text(encoding="utf-8")
    records = yaml.safe_load((folder / "corrections.yml").read_text("utf-8"))["corrections"]
    rows = [line for line in review.split("\n") if re.match(r"^\| \d+ \| \d+ \| ", line)]
    assert len(rows) == len(records) > 200
    assert {r["kind"] for r in records} >= {"join", "whitespace", "move", "structure"}
    spots = [line for line in review.split("\n") if line.startswith("- 来稿第 ")]
    assert any("第 312 行 → 稿件第 3 行" in s and "作主题" in s for s in spots)
    assert any("第 308 行" in s and "图片说明" in s for s in spots)


def test_review_points_at_the_slips_the_copy_editors_corrected(tmp_path):
    folder = import_source(SEEDS["hongse-xinhuo"], tmp_path, "hongse").folder
    review = (folder / "review.md").read_text(encoding="utf-8")
    hand = yaml.safe_load((ROOT / "manuscripts/hongse-xinhuo/corrections.yml").read_text("utf-8"))
    slips = {e["source_line"]: e["source"] for e in hand["corrections"]
             if e["kind"] in ("typo", "fact") and ("余万" in e["source"] or "宋家街" in e["source"])}
    assert len(slips) == 2
    for line, text in slips.items():
        assert re.search(rf"^- 来稿第 {line} 行 .*{text[-3:]}", review, re.M), text


SEED_TEXT = SEEDS["hongse-xinhuo"].read_text(encoding="utf-8")


@pytest.mark.parametrize("encoded, said", [
    (SEED_TEXT.encode("utf-8"), "UTF-8"),
    (b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8"), "UTF-8 with BOM"),
    (SEED_TEXT.encode("gb18030"), "GB18030"),
    (SEED_TEXT.replace("\n", "\r\n").encode("gbk"), "GB18030, CRLF line ends"),
    (SEED_TEXT.replace("\n", "\r\n").encode("utf-8"), "UTF-8, CRLF line ends"),
    (SEED_TEXT.encode("utf-16"), "UTF-16 with BOM"),
], ids=["utf8", "bom", "gb18030", "gbk-crlf", "crlf", "utf16"])
def test_encodings_give_the_same_draft_and_say_which_was_used(encoded, said, tmp_path):
    reference = import_source(SEEDS["hongse-xinhuo"], tmp_path / "ref", "x").folder
    source = tmp_path / SEEDS["hongse-xinhuo"].name
    source.write_bytes(encoded)
    result = import_source(source, tmp_path / "project", "x")
    assert result.encoding == said
    article = (result.folder / "article.md").read_bytes()
    assert article == (reference / "article.md").read_bytes()
    assert article.decode("utf-8")  # everything written is UTF-8
    assert (result.folder / "source" / source.name).read_bytes() == encoded
    sign_reasons(result.folder)  # the audit reads the kept copy in its own encoding
    assert audit_article(result.folder / "article.md").problems == []


def test_encoding_can_be_named_and_a_wrong_one_is_located(tmp_path):
    source = FIXTURES / "county-bank-gbk-crlf.txt"
    assert import_source(source, tmp_path, "a", encoding="gbk").encoding.startswith("GBK")
    with pytest.raises(PressroomError) as failure:
        import_source(source, tmp_path, "b", encoding="utf-8")
    [problem] = failure.value.problems
    assert problem.line == 1 and "not valid UTF-8" in problem.message
    assert "--encoding" in problem.hint


def test_refuses_to_overwrite_a_manuscript_unless_forced(tmp_path, capsys):
    source = str(FIXTURES / "renmin-digital.txt")
    assert main(["import", source, "--slug", "renmin", "-C", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "as UTF-8" in out and "review.md" in out
    article = tmp_path / "manuscripts" / "renmin" / "article.md"
    article.write_text("edited by hand\n", encoding="utf-8")
    assert main(["import", source, "--slug", "renmin", "-C", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "renmin/article.md: error: a manuscript already exists here" in err
    assert "--force" in err
    assert article.read_text(encoding="utf-8") == "edited by hand\n"
    assert main(["import", source, "--slug", "renmin", "-C", str(tmp_path), "--force"]) == 0
    assert article.read_text(encoding="utf-8").startswith("---\nslug: renmin\n")


# Raw articles made up in other newspapers' styles, and what an editor would make of them.
MADE_UP = {
    "renmin-digital.txt": dict(
        encoding="UTF-8",
        front={"kicker": "聚焦高质量发展·数字经济", "title": "“小快灵”数字化改造点亮制造业车间",
               "subtitle": "浙江中小企业数字化转型见闻", "byline": "本报记者 张三 李四",
               "editor": "王五"},
        lines=["### 一、政策引导 降低转型门槛", "### 二、服务跟进 打通最后一公里"],
        keeps=["https://www.example.gov.cn/szh?lang=zh,en查询", "至szh@example.gov.cn咨询",
               "1,200余家", "23.5%", "上午9:30集中", "ERP（企业资源计划）", "5G专网"]),
    "county-bank-gbk-crlf.txt": dict(
        encoding="GB18030, CRLF line ends",
        front={"kicker": "新春走基层", "title": "山村来了“流动银行”",
               "byline": "记者 李四 通讯员 王五", "editor": "孙七"},
        lines=['![村民在“流动银行”办理业务。](images/5.jpg "本报记者 赵六 摄")',
               "### 山里的服务不打烊"],
        keeps=["清晨7:30，薄雾", "巡回服务两次。", "1.6万公里", "8,000人次",
               "0571-12345678，群众", "www.example-bank.cn查询"]),
    "evening-library-bom.txt": dict(
        encoding="UTF-8 with BOM",
        front={"title": "城市书房：让阅读触手可及", "byline": "■本报记者 钱七", "editor": "周九"},
        lines=['![市民在城市书房阅读。]( "孙八 摄")'],
        keeps=["登录http://library.example.cn/room了解", "reader@example.cn。", "36.8万册",
               "配备了WiFi和"]),
    "special-page-village.txt": dict(
        encoding="UTF-8",
        front={"title": "乡村振兴看今朝", "photo_note": "（本版图片由县融媒体中心提供）"},
        lines=["## 大棚里长出“甜蜜事业”", "label: 产业·一颗草莓的致富经",
               "byline: □通讯员 郑一 冯二", "![游客在草莓基地采摘](images/1.jpg)",
               "## 从写字楼到田埂上", "label: 人才·返乡青年的新选择", "byline: □通讯员 褚三"],
        keeps=["“Hello, everyone!”", "3,000斤", "86.5万元", "2024年初春", "草莓红得发亮",
               "现在愁不够卖？”"]),
    "briefs-single-spaced.txt": dict(
        encoding="UTF-8",
        front={"title": "我市一季度经济运行稳中向好", "byline": "记者 李四", "editor": "王五"},
        lines=[], keeps=["5.6%", "412.3亿元", "6.1%；网上", "https://tjj.example.gov.cn/2024/q1.html。"]),
}


@pytest.mark.parametrize("name", MADE_UP)
def test_made_up_articles_from_other_newspapers(name, tmp_path):
    expected = MADE_UP[name]
    result = import_source(FIXTURES / name, tmp_path, "made-up")
    text = (result.folder / "article.md").read_text(encoding="utf-8")
    front, body = front_and_body(text)
    assert result.encoding == expected["encoding"]
    assert {k: front.get(k) for k in expected["front"]} == expected["front"]
    for line in expected["lines"]:
        assert line in body, line
    for kept in expected["keeps"]:  # numbers, URLs, e-mails and Latin keep their punctuation
        assert kept in text, kept
    assert lint_files([result.folder / "article.md"]) == []


def test_single_spaced_briefs_stay_separate_paragraphs(tmp_path):
    folder = import_source(FIXTURES / "briefs-single-spaced.txt", tmp_path, "briefs").folder
    source_lines = (FIXTURES / "briefs-single-spaced.txt").read_text("utf-8").split("\n")
    paragraphs = [line for line in source_lines if line.endswith(("。", " 。"))]
    body = front_and_body((folder / "article.md").read_text(encoding="utf-8"))[1]
    assert len(body) == len(paragraphs) == 5


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the repository")
def test_kept_sources_are_the_seeds_as_received():
    for source in SEEDS.values():
        assert source.read_bytes() == (SHARED / source.name).read_bytes()


def random_article(rng) -> str:
    """A made-up raw article: sentences of the seeds, structure lines, column wrapping,
    column-break blank lines, half-width commas and stray spaces, in random order."""
    pool = sorted({s + "。" for source in SEEDS.values()
                   for s in re.sub(r"\s+", "", source.read_text("utf-8")).split("。")
                   if 8 <= len(s) <= 80})
    heads = sorted({re.sub(r"[，。、；：“”,]", "", s)[:n] for s in pool for n in (6, 9, 12)})
    lines = ["本报记者 张三", "记者 李四 通讯员 王五", "□通讯员 于萌 李媛", "图片3", "赵六 摄",
             "汪长征 摄/视觉重庆", "聚焦·" + heads[7][:6], "余冬晖", "责任编辑：王五", "(编辑:孙七)",
             "编辑：周九　校对：吴十", "图片除署名外由工行重庆市分行提供"]
    parts = [rng.choice(heads)] if rng.random() < 0.7 else []
    for _ in range(rng.randint(2, 9)):
        if rng.random() < 0.3:
            parts.append(rng.choice(heads + lines))
            continue
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 4)))
        text = "".join(("," if c == "，" and rng.random() < 0.5 else c) +
                       (" " if rng.random() < 0.02 else "") for c in text)
        width = rng.choice([0, 14, 17, 22])
        if width:
            text = "".join(text[i:i + width] + ("\n\n" if rng.random() < 0.15 else "\n")
                           for i in range(0, len(text), width)).rstrip("\n")
        parts.append(text)
    return "".join(part + "\n" * rng.choice([1, 2, 2, 3]) for part in parts)


@pytest.mark.parametrize("seed", range(30))
def test_any_draft_passes_the_audit_once_signed(seed, tmp_path):
    import random
    source = tmp_path / "raw.txt"
    source.write_text(random_article(random.Random(seed)), encoding="utf-8")
    folder = import_source(source, tmp_path, "random").folder
    sign_reasons(folder)
    assert [p.format() for p in audit_article(folder / "article.md").problems] == []
