"""Typeset articles and booklet parts: Article + layouts → HTML (Jinja2) → PDF (WeasyPrint).

Body paragraphs, leads and captions arrive already broken into justified lines
(see lines.py); the templates place them. Manuscript text only ever enters a
template as autoescaped data.
"""

from __future__ import annotations

import hashlib
import io
import math
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from markupsafe import Markup

from .fontconfig import font_configuration, private_fontconfig

with private_fontconfig():  # WeasyPrint probes fontconfig once, at import
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

from . import lines as L
from .config import Booklet
from .errors import BuildError, LayoutError, Problem
from .inspection import inspect_pages, locate
from .manuscript import Article, Figure, Paragraph, Span, Story, Subhead
from .marks import BLEED_MM

FACE_FAMILIES = {"song": "PR Song", "song-bold": "PR Song", "hei": "PR Hei",
                 "kai": "PR Kai"}


@dataclass
class Part:
    """A typeset document: PDF bytes plus what the merge needs to know of it."""

    pdf: bytes
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)  # anchor id → page index
    anchor_y: dict[str, float] = field(default_factory=dict)  # anchor id → CSS px from top
    warnings: list[Problem] = field(default_factory=list)
    fonts: dict[str, Path] = field(default_factory=dict)  # the subset files it was set with


class WarningCollector(logging.Handler):
    """Keeps WeasyPrint's warnings so the build can report them instead of printing."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class Typesetter:
    """Holds what every document of one build shares: fonts, templates, metrics."""

    def __init__(self, booklet: Booklet, font_files: dict[str, Path],
                 fallbacks: dict[str, list[str]], edition: str = "screen",
                 doc_cache: Path | None = None):
        self.booklet = booklet
        # Booklet pages (cover, contents, colophon, folios) are kept here by the hash of
        # their HTML and fonts: most rebuilds change none of them.
        self.doc_cache = doc_cache
        # Articles are always set as 'screen' and shared by every edition; the booklet's
        # own pages (cover, contents, colophon, folios) are set per edition.
        self.edition = edition
        self.layout = booklet.layout
        self.font_files = font_files
        self.metrics = L.Metrics(font_files, fallbacks)
        self.font_config = font_configuration()
        self.env = jinja2.Environment(
            loader=ConfinedLoader(booklet.layouts_dir),
            autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        self.env.filters["headline_parts"] = headline_parts
        self.env.filters["fit"] = self.fit_headline

    # -- paragraphs -------------------------------------------------------

    def set_paragraph(self, spans: list[Span], face: str, width_em: float,
                      indent: float, size: float) -> Markup:
        runs = [L.Run(s.text, "song-bold" if s.strong and face == "song" else face)
                for s in spans]
        tokens = L.tokenize(runs, self.metrics)
        paragraph = L.Paragraph(L.break_lines(tokens, width_em, indent))
        return Markup(paragraph.html(face, size))

    def body_paragraph(self, paragraph: Paragraph) -> Markup:
        return self.set_paragraph(paragraph.spans, "song", self.layout.column_chars(), 2.0,
                                  self.layout.body_size)

    # -- documents --------------------------------------------------------

    def render(self, template: str, **context) -> str:
        try:
            return self.env.get_template(template).render(
                booklet=self.booklet, layout=self.layout, fonts=self._font_urls(),
                families=FACE_FAMILIES, edition=self.edition,
                bleed_mm=BLEED_MM if self.edition == "print" else 0.0, **context)
        except jinja2.TemplateSyntaxError as exc:
            raise LayoutError(Problem(f"template syntax error: {exc.message}",
                                      exc.filename or template, exc.lineno,
                                      source_line=_line(exc.source, exc.lineno),
                                      rule="template-syntax")) from None
        except jinja2.UndefinedError as exc:
            raise LayoutError(Problem(f"template uses an undefined value: {exc.message}",
                                      self.booklet.layouts_dir / template,
                                      rule="template-undefined")) from None
        except jinja2.TemplateNotFound as exc:
            raise LayoutError(Problem(f"template not found: {exc.name}",
                                      self.booklet.layouts_dir, rule="template-missing")) from None

    def _font_urls(self) -> dict[str, str]:
        return {key: path.resolve().as_uri() for key, path in self.font_files.items()}

    def article(self, article: Article) -> Part:
        blocks = self._blocks(article)
        width = self.layout.column_chars()
        lead_width = self.lead_chars()
        lead = [self.set_paragraph(p.spans, "kai", lead_width, 2.0, self.lead_size)
                for p in article.lead]
        html = self.render("article.html.j2", article=article, lead=lead, blocks=blocks,
                           column_chars=width, lead_size=self.lead_size,
                           caption_size=self.caption_size)
        part = self.pdf(html, base=article.path.parent)
        locate(part.warnings, article.path)
        return part

    def fit_headline(self, title: str, size: float) -> float:
        """`size` (pt), or less when the longest unbreakable part would not fit the width."""
        longest = max(len(part) for part, _, keep in headline_parts(title) if keep) \
            if any(keep for _, _, keep in headline_parts(title)) else 1
        return min(size, math.floor(self.text_width_pt / (longest + 0.5) * 2) / 2)

    @property
    def text_width_pt(self) -> float:
        return self.layout.columns * self.layout.column_width_pt + \
            (self.layout.columns - 1) * self.layout.column_gap_pt

    @property
    def lead_size(self) -> float:
        return round(self.layout.body_size * 1.1, 2)

    def lead_chars(self) -> float:
        """The lead spans the full text width, which need not be a whole number of em."""
        return self.text_width_pt / self.lead_size

    def _blocks(self, article: Article) -> list[dict]:
        """Template-ready blocks, grouped into stories (articles without stories get one)."""
        sections: list[dict] = []
        current = {"story": None, "blocks": []}
        for block in article.blocks:
            if isinstance(block, Story):
                if current["story"] or current["blocks"]:
                    sections.append(current)
                current = {"story": block, "blocks": []}
            elif isinstance(block, Paragraph):
                current["blocks"].append({"kind": "paragraph", "runin": block.runin,
                                          "html": self.body_paragraph(block)})
            elif isinstance(block, Subhead):
                current["blocks"].append({"kind": "subhead", "text": block.text})
            elif isinstance(block, Figure):
                current["blocks"].append(self._figure(block))
        sections.append(current)
        return sections

    def _figure(self, figure: Figure) -> dict:
        caption = Markup("")
        if figure.caption:
            caption = self.set_paragraph([Span(figure.caption)], "kai",
                                         self.caption_chars(), 0.0, self.caption_size)
        return {"kind": "figure", "caption": caption, "credit": figure.credit,
                "image": figure.image.resolve().as_uri() if figure.image else None}

    @property
    def caption_size(self) -> float:
        return round(self.layout.body_size * 0.85, 2)

    def caption_chars(self) -> float:
        return self.layout.column_width_pt / self.caption_size

    def pdf(self, html: str, base: Path, inspect: bool = True) -> Part:
        """Lay out and write one document; WeasyPrint's warnings are returned, not printed.

        With `inspect`, the laid-out pages are checked for overflow, empty pages and
        coarse images (inspection.py); overlays that fill only margins pass False.
        """
        if self.doc_cache is None:
            return self._pdf(html, base, inspect)
        from .cache import load_part_files, save_part_files
        fonts = sorted(f"{face}={path.name}" for face, path in self.font_files.items())
        key = hashlib.sha256("\0".join([html, str(base), str(inspect), *fonts])
                             .encode("utf-8")).hexdigest()[:40]
        part = load_part_files(self.doc_cache, key, self.font_files)
        if part is None:
            part = self._pdf(html, base, inspect)
            save_part_files(self.doc_cache, key, part)
        return part

    def _pdf(self, html: str, base: Path, inspect: bool) -> Part:
        collector = WarningCollector()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collector)
        logger.propagate = False
        fetcher = ConfinedFetcher(self.booklet.manuscripts_dir, self.booklet.layouts_dir,
                                  self.booklet.fonts_dir, self.booklet.build_dir)
        try:
            document = HTML(string=html, base_url=str(base) + "/",
                            url_fetcher=fetcher).render(font_config=self.font_config)
            if fetcher.refused:
                raise BuildError(*[refusal(url, self.booklet.layouts_dir, base)
                                   for url in fetcher.refused])
            findings = inspect_pages(document.pages, base) if inspect else []
            anchors, anchor_y = {}, {}
            for index, page in enumerate(document.pages):
                for name, (_, y, *_) in page.anchors.items():
                    anchors.setdefault(name, index)  # an element's first page
                    anchor_y.setdefault(name, y)
            stream = io.BytesIO()
            document.write_pdf(stream, full_fonts=True, pdf_identifier=b"pressroom",
                               uncompressed_pdf=False)
        except BuildError:
            raise
        except Exception as exc:  # WeasyPrint raises many kinds; name the document
            raise BuildError(Problem(f"typesetting failed: {exc}", base)) from exc
        finally:
            logger.removeHandler(collector)
        warnings = [weasyprint_warning(m, base) for m in collector.messages] + findings
        return Part(stream.getvalue(), len(document.pages), anchors, anchor_y, warnings,
                    dict(self.font_files))


def weasyprint_warning(message: str, base: Path) -> Problem:
    """A WeasyPrint warning as a finding; a link to a missing anchor carries the anchor."""
    anchor = re.search(r"No anchor (#\S+)", message)
    if anchor:
        return Problem(f"link to {anchor[1]}, which no element of the page has", base,
                       severity="warning", source_line=anchor[1], rule="link-unresolved")
    return Problem(message, base, severity="warning", rule="layout-warning")


HEADLINE_PART_MAX = 16  # longer parts may wrap anywhere, or they would overflow


def headline_parts(title: str) -> list[tuple[str, bool, bool]]:
    """A headline's parts as (text, 1-em gap before it, keep on one line).

    Chinese headlines break between their halves (written with a space, set with a
    1-em gap) or after a comma, never at an arbitrary character; only a part too
    long for any line may wrap inside.
    """
    parts = []
    for index, half in enumerate(title.split()):
        pieces = re.findall(r"[^，、；：]+[，、；：]?", half) or [half]
        for number, piece in enumerate(pieces):
            parts.append((piece, index > 0 and number == 0, len(piece) <= HEADLINE_PART_MAX))
    return parts


class ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from layouts/ only: a symbolic link that leads elsewhere is refused."""

    def __init__(self, layouts_dir: Path):
        super().__init__(str(layouts_dir))
        self.root = layouts_dir.resolve()

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        target = Path(filename).resolve()
        if not target.is_relative_to(self.root):
            raise LayoutError(Problem(f"template {template} leads outside layouts/ (to "
                                      f"{target}); it was not read", self.root / template,
                                      hint="copy the template into layouts/ instead of "
                                           "linking to it", rule="path-escape"))
        return source, filename, uptodate


def refusal(url: str, layouts_dir: Path, base: Path) -> Problem:
    """A refused URL, located at the template line that names it when there is one."""
    path = unquote(urlparse(url).path)
    where = _template_line(layouts_dir, [url, path, path.rsplit("/", 1)[-1]])
    kind = "a file outside manuscripts/, layouts/ and fonts/" if \
        urlparse(url).scheme == "file" else "not a file of the project"
    if urlparse(url).scheme == "file" and Path(path).resolve() != Path(path):
        kind += f" (a link to {Path(path).resolve()})"
    return Problem(f"refused to load {url}: {kind}; nothing was fetched",
                   *(where or (base, None)), hint="use files inside the project only",
                   rule="resource-url")


def _template_line(layouts_dir: Path, needles: list[str]) -> tuple | None:
    """(template, line) of the first template line holding a needle, best needle first."""
    templates = sorted(p for p in layouts_dir.glob("*") if p.is_file())
    for needle in filter(None, needles):
        for template in templates:
            text = template.read_text(encoding="utf-8", errors="replace")
            for number, content in enumerate(text.splitlines(), 1):
                if needle in content:
                    return template, number
    return None


class ConfinedFetcher(URLFetcher):
    """Serves only files inside the project (and its font cache); remembers refusals."""

    def __init__(self, *roots: Path):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
        if path is None or not any(path.is_relative_to(root) for root in self.roots):
            self.refused.append(url)
            raise ValueError(f"refused {url}: only files inside the project may be loaded")
        return super().fetch(url, headers)


def _line(source: str | None, lineno: int | None) -> str | None:
    if not source or not lineno:
        return None
    lines = source.splitlines()
    return lines[lineno - 1] if 0 < lineno <= len(lines) else None
