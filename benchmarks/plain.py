"""The plain alternative: what a WeasyPrint user would write to get the same booklet text.

Every manuscript as one HTML document (front matter and Markdown body converted as
they are), newspaper CSS with three columns, `@font-face` on the project's font
files, and one `write_pdf()`. WeasyPrint breaks and justifies the lines itself and
subsets the fonts with HarfBuzz's subset library when the system has it (Debian
`libharfbuzz-subset0`, as WeasyPrint's install documentation advises), otherwise
with fontTools.

    python benchmarks/plain.py html PROJECT OUT.html      # write the document
    python benchmarks/plain.py pdf OUT.html OUT.pdf        # one WeasyPrint pass
    python benchmarks/plain.py pdf OUT.html OUT.pdf --fonttools   # without HarfBuzz subsetting
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

CSS = """
@font-face { font-family: "Song"; src: url("{fonts}/NotoSerifCJKsc-Regular.otf"); }
@font-face { font-family: "Song"; font-weight: bold; src: url("{fonts}/NotoSerifCJKsc-Bold.otf"); }
@font-face { font-family: "Hei"; font-weight: bold; src: url("{fonts}/NotoSansCJKsc-Bold.otf"); }
@font-face { font-family: "Kai"; src: url("{fonts}/LXGWWenKai-Regular.ttf"); }
@page { size: A4; margin: 16mm 17mm 20mm; @bottom-right { content: counter(page); font: 9pt Hei; } }
html { font-family: Song; font-size: 10pt; line-height: 16.5pt; text-align: justify; }
article { break-before: page; }
h1 { font: bold 25pt/1.35 Hei; margin: 0 0 3mm; }
.kicker, .subtitle, .lead, .byline, figcaption { font-family: Kai; }
.lead { font-size: 11pt; line-height: 17.6pt; border-top: 0.6pt solid #b0191e;
        border-bottom: 0.6pt solid #b0191e; padding: 3mm 0; margin: 5mm 0; }
.cols { columns: 3; column-gap: 6mm; column-rule: 0.3pt solid #c9b9b0; }
h2 { font: bold 19pt/1.4 Hei; column-span: all; margin: 4mm 0 2mm; }
h3 { font: bold 10pt/16.5pt Hei; color: #b0191e; break-after: avoid; margin: 8pt 0 0; }
p { margin: 0; text-indent: 2em; orphans: 2; widows: 2; }
figure { margin: 4mm 0; } .frame { height: 40mm; background: #f3eee9; }
figcaption { font-size: 8.5pt; line-height: 12.3pt; }
"""


def document(project: Path) -> str:
    """One HTML document holding every article of the booklet."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from pressroom.project.load import load_project
    from pressroom.project.manuscript import Figure, Paragraph, Story, Subhead
    loaded = load_project(project)
    body = []
    for article in loaded.articles:
        out = ["<article>"]
        if article.kicker:
            out.append(f'<p class="kicker">{html.escape(article.kicker)}</p>')
        out.append(f"<h1>{html.escape(article.title)}</h1>")
        if article.subtitle:
            out.append(f'<p class="subtitle">——{html.escape(article.subtitle)}</p>')
        out += [f'<p class="lead">{html.escape(p.text)}</p>' for p in article.lead]
        out.append('<div class="cols">')
        for block in article.blocks:
            if isinstance(block, Story):
                out.append(f"<h2>{html.escape(block.title)}</h2>")
                if block.byline:
                    out.append(f'<p class="byline">{html.escape(block.byline)}</p>')
            elif isinstance(block, Subhead):
                out.append(f"<h3>{html.escape(block.text)}</h3>")
            elif isinstance(block, Figure):
                out.append(f'<figure><div class="frame"></div><figcaption>'
                           f"{html.escape(block.caption)} {html.escape(block.credit)}"
                           "</figcaption></figure>")
            elif isinstance(block, Paragraph):
                out.append("<p>" + "".join(f"<b>{html.escape(s.text)}</b>" if s.strong else
                                           html.escape(s.text) for s in block.spans) + "</p>")
        out.append("</div></article>")
        body.append("\n".join(out))
    css = CSS.replace("{fonts}", (project / "fonts").resolve().as_uri())
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}'
            f"</style></head><body>{''.join(body)}</body></html>")


def write_pdf(source: Path, target: Path, fonttools: bool = False) -> None:
    import weasyprint
    if fonttools:  # as on a machine without libharfbuzz-subset0
        import weasyprint.pdf.fonts
        weasyprint.pdf.fonts.harfbuzz_subset = None
    weasyprint.HTML(filename=str(source)).write_pdf(str(target))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    make = sub.add_parser("html")
    make.add_argument("project", type=Path)
    make.add_argument("target", type=Path)
    run = sub.add_parser("pdf")
    run.add_argument("source", type=Path)
    run.add_argument("target", type=Path)
    run.add_argument("--fonttools", action="store_true")
    args = parser.parse_args(argv)
    if args.what == "html":
        args.target.write_text(document(args.project), encoding="utf-8")
    else:
        write_pdf(args.source, args.target, args.fonttools)


if __name__ == "__main__":
    main()
