"""Small tagged documents for tests: HTML in, the PDF WeasyPrint writes with pressroom's stamps (raw) or tidied as a typeset part, set in a generated test face."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from fontfaces import make_face
from pressroom.typeset.fontconfig import font_configuration
from pressroom.typeset.tags import tidy
from pressroom.typeset.typesetter import HTML  # imported inside pressroom's fontconfig
from pressroom.typeset.weasytags import stamping

CHARS = "中文段落一二三四五六七八九十标题目录图片待补说明页眉正文甲乙丙丁戊己庚辛壬癸"
STYLE = """@font-face {{ font-family: T; src: url("{face}"); }}
@page {{ size: {page}; margin: 10mm; }}
html {{ font-family: T; font-size: 10pt; line-height: 12pt; }}
"""


def face(folder: Path) -> Path:
    path = folder / "test-face.ttf"
    return path if path.exists() else make_face(path, CHARS)


def raw_pdf(html: str, folder: Path, page: str = "A6", css: str = "",
            version: str | None = "1.7") -> bytes:
    """`html` (the body, or a whole document) written tagged, stamps still on."""
    if "<html" not in html:
        html = f'<!DOCTYPE html><html lang="zh-CN"><head><title>测试</title></head>' \
               f"<body>{html}</body></html>"
    style = STYLE.format(face=face(folder).as_uri(), page=page) + css
    html = html.replace("<head>", f"<head><style>{style}</style>", 1)
    document = HTML(string=html, base_url=str(folder) + "/").render(
        font_config=font_configuration())
    out = io.BytesIO()
    with stamping():
        document.write_pdf(out, pdf_tags=True, pdf_version=version, uncompressed_pdf=True)
    return out.getvalue()


def part_pdf(html: str, folder: Path, page: str = "A6", css: str = "",
             version: str | None = "1.7") -> bytes:
    """`html` as a typeset part: written tagged and tidied."""
    pdf = pikepdf.open(io.BytesIO(raw_pdf(html, folder, page, css, version)))
    tidy(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def paragraph(n: int, start: int = 0) -> str:
    """n characters of test text (every one in the test face)."""
    return "".join(CHARS[(start + i) % len(CHARS)] for i in range(n))
