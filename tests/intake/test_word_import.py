"""Importing Word manuscripts: text, styles, bold run-in heads and photos in; a draft that audits and builds with its photos out; files that are not what their names say refused."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.shared import Cm
from PIL import Image
from pypdf import PdfReader

from minis import copy_project, edit
from pressroom.audit import audit_article
from pressroom.build import build
from pressroom.checks.preflight import check
from pressroom.cli import main
from pressroom.exceptions import IntakeError
from pressroom.intake import import_source
from pressroom.text.sources import read_source

WORD = Path(__file__).parents[1] / "fixtures" / "intake-dev" / "docx"
FULL = WORD / "d1-wuzhen-shuzirmb.docx"  # 2 photos, 3 subheads, 3 run-in heads, captions


def sign(folder: Path) -> None:
    record = folder / "corrections.yml"
    record.write_text(re.sub(r'"TODO [^"\n]*"', '"checked against the Word file"',
                             record.read_text(encoding="utf-8")), encoding="utf-8")


def list_and_date(root: Path, slug: str, date: str = "2024-11-20") -> None:
    """What an editor does before building a draft: fill in the date, list the article."""
    edit(root, f"manuscripts/{slug}/article.md", "date: TODO", f"date: {date}")
    edit(root, "manuscripts/booklet.yml", "  - mini", f"  - mini\n  - {slug}")


def media(path: Path) -> list[bytes]:
    """The photos inside a .docx (read back with zipfile, for comparison only)."""
    with zipfile.ZipFile(path) as archive:
        return sorted(archive.read(n) for n in archive.namelist() if n.startswith("word/media/"))


def test_word_file_imports_title_headings_runins_photos_and_editor(tmp_path):
    folder = import_source(FULL, tmp_path, "wuzhen").folder
    text = (folder / "article.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "数字人民币“游”进千年古镇"
    assert front["subtitle"] == "工行桐乡支行打造乌镇数字人民币应用场景侧记"
    assert (front["byline"], front["editor"], front["date"]) == ("□通讯员 徐晨 沈丹", "陆文", "TODO")
    assert re.findall(r"^### (.+)$", text, re.M) == [
        "场景建设：从“一条街”到“一座镇”", "惠民让利：把实惠送到游客手中", "创新应用：让数字技术服务古镇治理"]
    assert re.findall(r"^\*\*(.+?)\*\*", text, re.M) == ["消费有优惠。", "开户更便捷。", "商户零费率。"]
    assert re.findall(r"^!\[.*$", text, re.M) == [
        '![乌镇西栅景区一景](images/photo-1-guzhen.jpg "钱晓峰 摄")',
        '![游客使用数字人民币扫码支付](images/photo-2-zhifu.jpg "徐晨 摄")']
    assert sorted((folder / "images" / n).read_bytes() for n in ("photo-1-guzhen.jpg",
                                                                "photo-2-zhifu.jpg")) == media(FULL)
    assert (folder / "source" / FULL.name).read_bytes() == FULL.read_bytes()
    review = (folder / "review.md").read_text(encoding="utf-8")
    assert "Word 文件" in review and "photo-1-guzhen.jpg" in review


def test_word_draft_lists_dates_and_builds_with_both_photos_in_the_article_pdf(tmp_path):
    root = copy_project(tmp_path / "project")
    folder = import_source(FULL, root, "wuzhen").folder
    list_and_date(root, "wuzhen")
    sign(folder)
    assert audit_article(folder / "article.md").problems == []
    build(root, root / "build")
    pdf = PdfReader(root / "build" / "articles" / "wuzhen.pdf")
    images = [image for page in pdf.pages for image in page.images]
    text = "".join(page.extract_text() for page in pdf.pages)
    assert len(images) == 2
    assert "图片待补" not in text and "乌镇西栅景区一景" in text and "钱晓峰" in text
    findings = [f for f in check(root).findings if "wuzhen" in str(f.path)]
    assert not [f for f in findings if f.rule in ("figure-placeholder", "image-resolution")]


def small_photo_docx(path: Path, pixels: int) -> Path:
    """A Word file made as Word would be: a title, a paragraph, a photo with its caption."""
    document = Document()
    document.add_paragraph("小图也能进稿件", style="Title")
    document.add_paragraph("工行某支行日前开展金融知识宣传活动，吸引了不少居民参加。活动中，"
                           "工作人员向居民讲解了防范电信诈骗的知识。")
    buffer = io.BytesIO()
    Image.new("RGB", (pixels, pixels * 2 // 3), (180, 60, 60)).save(buffer, "JPEG")
    buffer.seek(0)
    document.add_picture(buffer, width=Cm(14))
    document.add_paragraph("居民在活动现场咨询", style="Caption")
    document.add_paragraph("张三 摄")
    document.save(path)
    return path


def test_a_word_photo_under_300_ppi_at_its_printed_size_is_a_check_warning_naming_it(tmp_path):
    root = copy_project(tmp_path / "project")
    source = small_photo_docx(tmp_path / "小图.docx", 120)
    folder = import_source(source, root, "small").folder
    [name] = [p.name for p in (folder / "images").iterdir()]
    assert f"](images/{name} \"张三 摄\")" in (folder / "article.md").read_text("utf-8")
    list_and_date(root, "small")
    warnings = [f for f in check(root).findings if f.rule == "image-resolution"]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert name in warnings[0].message and "small/article.md" in str(warnings[0].path)


def test_word_normalisation_matches_raw_text(tmp_path):
    """Straight quotes, half-width marks and manual line breaks, as pasted from a PDF."""
    folder = import_source(WORD / "d2-huzhou-fanzha-pasted.docx", tmp_path, "pasted").folder
    text = (folder / "article.md").read_text(encoding="utf-8")
    assert "“我要给儿子转钱，他在外地出了急事！”11月6日上午10:20，一位老人急匆匆走进" in text
    assert "登录https://www.example-bank.cn/fanzha查询" in text
    assert '"' not in text.split("---")[2].replace('"张', "").replace(' "', "")


def test_audit_reads_a_word_source_and_finds_a_change_in_its_manuscript(tmp_path):
    folder = import_source(FULL, tmp_path, "wuzhen").folder
    sign(folder)
    assert audit_article(folder / "article.md").problems == []
    article = folder / "article.md"
    article.write_text(article.read_text("utf-8").replace("薄雾笼罩着河面", "薄雾笼着河面"),
                       encoding="utf-8")
    [problem] = audit_article(article).problems
    assert problem.rule == "unrecorded-change" and "d1-wuzhen-shuzirmb.docx" in \
        problem.source_line


def renamed_word(tmp_path: Path) -> Path:
    target = tmp_path / "稿件.txt"
    target.write_bytes(FULL.read_bytes())
    return target


def text_named_docx(tmp_path: Path) -> Path:
    target = tmp_path / "稿件.docx"
    target.write_text("这其实是一个文本文件。\n", encoding="utf-8")
    return target


def old_word(tmp_path: Path) -> Path:
    target = tmp_path / "稿件.docx"
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return target


def zip_named_docx(tmp_path: Path) -> Path:
    target = tmp_path / "稿件.docx"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return target


@pytest.mark.parametrize("make, said", [
    (renamed_word, "named .txt but its content is a Word document (.docx)"),
    (text_named_docx, "named .docx but its content is plain text"),
    (old_word, "an old Word (.doc)"),
    (zip_named_docx, "named .docx but its content is a ZIP archive"),
], ids=["docx-named-txt", "text-named-docx", "old-doc", "zip-named-docx"])
def test_a_file_that_is_not_what_its_name_says_is_refused_clearly(make, said, tmp_path, capsys):
    source = make(tmp_path)
    with pytest.raises(IntakeError) as failure:
        read_source(source.read_bytes(), source)
    assert said in failure.value.problems[0].message and failure.value.problems[0].hint
    assert main(["import", str(source), "--slug", "x", "-C", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{source.name}: error: " in err and said in err and "Traceback" not in err
    assert not (tmp_path / "manuscripts" / "x").exists()


def test_a_damaged_word_file_is_refused_with_its_name(tmp_path):
    damaged = tmp_path / "坏稿.docx"
    with zipfile.ZipFile(FULL) as good, zipfile.ZipFile(damaged, "w") as bad:
        for name in good.namelist():
            data = good.read(name)
            bad.writestr(name, data[:len(data) // 2] if name == "word/document.xml" else data)
    with pytest.raises(IntakeError) as failure:
        import_source(damaged, tmp_path, "damaged")
    [problem] = failure.value.problems
    assert "cannot read this Word document" in problem.message and problem.path == damaged


def test_a_word_file_without_styles_reads_its_bold_first_line_as_the_title(tmp_path):
    document = Document()
    document.add_paragraph().add_run("德清县首家“共富驿站”揭牌").bold = True
    document.add_paragraph("记者 沈悦")
    document.add_paragraph("日前，德清县新市镇首家“共富驿站”在蔡界村揭牌。驿站由工行德清支行与新市镇政府共同建设。")
    document.add_paragraph().add_run("驿站里有什么").bold = True
    document.add_paragraph("驿站内设有助农取款终端和金融知识宣传角，村民在家门口就能办理业务。")
    document.add_paragraph("编辑：王五")
    path = tmp_path / "稿件.docx"
    document.save(path)
    text = (import_source(path, tmp_path, "plain").folder / "article.md").read_text("utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert (front["title"], front["byline"], front["editor"]) == ("德清县首家“共富驿站”揭牌", "记者 沈悦",
                                                                  "王五")
    assert "### 驿站里有什么" in text


def test_a_picture_that_is_no_photo_format_is_left_out_and_named_in_the_review(tmp_path):
    drawing = tmp_path / "图形.docx"
    with zipfile.ZipFile(FULL) as good, zipfile.ZipFile(drawing, "w") as out:
        for name in good.namelist():
            data = good.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"image/jpeg", b"image/x-emf")
            out.writestr(name, data)
    folder = import_source(drawing, tmp_path, "drawing").folder
    review = (folder / "review.md").read_text(encoding="utf-8")
    assert review.count("（image/x-emf）不是照片格式") == 2 and not (folder / "images").exists()


def photo_document(tmp_path: Path, parts: list[tuple[str, str]]) -> Path:
    """A .docx from (style, text) pairs; ("photo", "") places a picture."""
    image = tmp_path / "photo.jpg"
    Image.new("RGB", (600, 400), (90, 140, 60)).save(image, "JPEG")
    document = Document()
    document.add_paragraph("山区孩子的“金融第一课”", style="Title")
    for style, text in parts:
        if style == "photo":
            document.add_picture(str(image), width=Cm(12))
        elif style == "Italic":
            document.add_paragraph().add_run(text).italic = True
        else:
            document.add_paragraph(text, style=style)
    path = tmp_path / "稿件.docx"
    document.save(path)
    return path


ABOVE = "截至11月末，该行已累计向1200余户茶农发放“茶贷”3.2亿元，带动当地白茶产值增长15%。"
SHORT_ABOVE = "课后，孩子们还参观了银行网点。"
BELOW = "据了解，该行今年已走进县内12所乡村学校，为1800余名学生送去金融知识课。"


@pytest.mark.parametrize("parts, caption, credit", [
    ([("Normal", ABOVE), ("photo", ""), ("Caption", "工行安吉支行客户经理在茶园走访茶农。"),
      ("Normal", "李明 摄"), ("Normal", BELOW)], "工行安吉支行客户经理在茶园走访茶农。", "李明 摄"),
    ([("Normal", SHORT_ABOVE), ("photo", ""), ("Normal", "图为志愿者在网点为孩子们讲解点钞。"),
      ("Normal", "王敏 摄"), ("Normal", BELOW)], "图为志愿者在网点为孩子们讲解点钞。", "王敏 摄"),
    ([("Normal", SHORT_ABOVE), ("photo", ""), ("Normal", "孩子们在网点体验点钞"), ("Normal", BELOW)],
     "孩子们在网点体验点钞", ""),
    ([("Normal", ABOVE), ("Caption", "学生在食堂用数字人民币硬钱包就餐"), ("photo", ""),
      ("Normal", BELOW)], "学生在食堂用数字人民币硬钱包就餐", ""),
    ([("Normal", SHORT_ABOVE), ("photo", ""), ("Italic", "家长在网点为孩子开通校园硬钱包"),
      ("Normal", BELOW)], "家长在网点为孩子开通校园硬钱包", ""),
], ids=["caption-style-below", "tuwei-below", "short-line-below", "caption-style-above",
        "italic-below"])
def test_a_word_photo_takes_its_caption_not_the_body_paragraph_beside_it(parts, caption, credit,
                                                                       tmp_path):
    folder = import_source(photo_document(tmp_path, parts), tmp_path, "photo").folder
    text = (folder / "article.md").read_text(encoding="utf-8")
    figures = re.findall(r"^!\[(.*)\]\((\S*)(?: \"(.*)\")?\)$", text, re.M)
    assert figures == [(caption, "images/photo.jpg", credit)]
    for _, paragraph in parts:  # the body paragraphs beside the photo stay body text
        if paragraph in (ABOVE, SHORT_ABOVE, BELOW):
            assert f"\n{paragraph}\n" in text
    if caption == "孩子们在网点体验点钞":  # chosen by place and form alone: listed as a guess
        assert "当作这张照片的说明" in (folder / "review.md").read_text(encoding="utf-8")
