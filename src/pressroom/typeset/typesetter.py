"""The typesetter: an Article (or booklet page data) and layouts/ in, HTML (Jinja2) out, laid out and written as a Part (WeasyPrint).

Body paragraphs, leads and captions are broken into justified lines here (lines.py,
markup.py), display text (titles, subheads, labels, kickers, bylines) into balanced
lines (display.py); the templates place them and reach the same breakers through
filters (`display`, `inline`, `spaced`, `justified`) for the booklet's own pages. Manuscript text only ever enters a template
as autoescaped data. Every laid-out document is inspected (inspection.py), written
tagged (weasytags.py) and kept as a part with a tidy structure tree (tags.py).

Documents are set per edition: the templates' colours pass the `ink` filter (the
screen colour, or its CMYK print value: colour/palette.py), and for print every
image is separated for the press first (colour/images.py) and served from memory
under a name made of its content, so no path enters the PDF.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..colour.palette import PaletteError, ink
from ..exceptions import BuildError, LayoutError, Problem
from ..project.config import Booklet
from ..project.manuscript import Article, Figure, Paragraph, Span, Story, Subhead
from ..text.locate import line_in_files
from .confine import SERVED, ConfinedFetcher, ConfinedLoader, refusal
from .engine import HTML
from .fontconfig import font_configuration
from . import display as D
from .inspection import inspect_pages, locate
from .lines import MIN_LAST_CHARS, Metrics, Run, break_lines, tokenize
from .markup import SetParagraph, display_html, spaced_html, spread_html
from .part import (PART_FORMAT, Part, fonts_as_names, load_part, part_bytes, save_part,
                   strip_fonts)
from .subset import source_of
from .tags import tidy
from .weasytags import stamping

FACE_FAMILIES = {"song": "PR Song", "song-bold": "PR Song", "hei": "PR Hei",
                 "kai": "PR Kai"}
PARAGRAPHS_KEPT = 50_000  # set paragraphs a long-running watch keeps (~10 MB at most)


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
                 doc_cache: Path | None = None, bleed_mm: float = 0.0):
        self.booklet = booklet
        # Booklet pages (cover, contents, colophon, folios) are kept here by the hash of
        # their HTML and fonts: most rebuilds change none of them.
        self.doc_cache = doc_cache
        # Screen and archive share articles set as 'screen'; print sets its own (CMYK).
        self.edition = edition
        self.served: dict[str, tuple[bytes, str]] = {}  # print images, by URL
        self.placed: dict[str, list[Figure]] = {}  # image URL → figures, of the article set
        self._condition = None  # the printing condition, read when print needs it
        self.bleed_mm = bleed_mm  # how far the booklet's own pages paint past the trim
        self.layout = booklet.layout
        self.font_files = font_files
        self.fallbacks = fallbacks
        self.metrics = Metrics(font_files, fallbacks)
        self._paragraphs: dict[tuple, Markup] = {}  # set paragraphs and display lines, by input
        self.font_config = font_configuration()
        self.env = jinja2.Environment(
            loader=ConfinedLoader(booklet.layouts_dir),
            autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        self.env.filters["display"] = self.display
        self.env.filters["inline"] = self.inline
        self.env.filters["spaced"] = lambda text: Markup(spaced_html(str(text)))
        self.env.filters["justified"] = self.justified
        self.env.filters["spread"] = lambda text, em: Markup(spread_html(str(text), em))
        self.env.filters["ink"] = lambda colour: ink(colour, self.edition)

    def use_fonts(self, font_files: dict[str, Path]) -> None:
        """Set later documents with these subsets (of the same faces: a new character
        set); the paragraphs set so far stay set."""
        self.font_files = font_files
        self.metrics = Metrics(font_files, self.fallbacks)
        # A new fontconfig too: one that knew the earlier subsets could set a family's
        # text with their glyphs while the part says it used these.
        self.font_config = font_configuration()

    # -- paragraphs -------------------------------------------------------

    def set_paragraph(self, spans: list[Span], face: str, width_em: float,
                      indent: float, size: float, min_last: int = MIN_LAST_CHARS,
                      latin: str | None = None) -> Markup:
        """Spans broken into justified lines; `latin` is the language of its Latin
        words when known (markup.latin_words). A paragraph set before by this typesetter
        (in watch mode: in an earlier build) is not broken again: an edit resets only
        the paragraphs it touches."""
        def setting() -> Markup:
            runs = [Run(s.text, "song-bold" if s.strong and face == "song" else face)
                    for s in spans]
            tokens = tokenize(runs, self.metrics)
            paragraph = SetParagraph(break_lines(tokens, width_em, indent, min_last))
            return Markup(paragraph.html(face, size, latin))
        return self._remembered((tuple((s.text, s.strong) for s in spans), face, width_em,
                                 indent, size, min_last, latin), setting)

    def _remembered(self, key: tuple, make) -> Markup:
        """`make()`, or what it gave for `key` before (in watch or the resident builder:
        in an earlier build)."""
        if key not in self._paragraphs:
            if len(self._paragraphs) > PARAGRAPHS_KEPT:
                self._paragraphs.clear()
            self._paragraphs[key] = make()
        return self._paragraphs[key]

    def justified(self, text: str, face: str, width_em: float, size: float,
                  latin: str | None = None) -> Markup:
        """Justified lines without indent (colophon entries): no short last line; a
        space between Han text is the 1-em gap U+3000. `latin`: the language of the
        entry's Latin words, where the template knows it (font and program names)."""
        return self.set_paragraph([Span(D.han_spaces(str(text)))], face, width_em, 0.0, size,
                                  latin=latin)

    # -- display text -----------------------------------------------------

    def display(self, text: str, face: str, width_em: float, style: str = "head") -> Markup:
        """`text` broken into balanced display lines (one span each, joined with <br>);
        remembered like set paragraphs (a booklet's contents sets every title again)."""
        def setting() -> Markup:
            result = D.set_display(str(text), width_em, self.metrics, face, D.STYLES[style])
            return Markup(display_html(result.lines, face))
        return self._remembered(("display", str(text), face, width_em, style), setting)

    def inline(self, text: str, face: str) -> Markup:
        """`text` as one line set like the body (Han–Latin gaps, joined dashes)."""
        return self.display(text, face, float("inf"), "inline")

    def headline(self, text: str, size: float, width_pt: float | None = None) -> dict:
        """A title in the Hei face: its size (shrunk in half points, down to ¾, until it
        breaks only where the sense does) and its lines."""
        size, result = D.fit_display(text, width_pt or self.text_width_pt, size,
                                     self.metrics, "hei", max_break=D.B.SENSE)
        return {"size": size, "html": Markup(display_html(result.lines, "hei"))}

    def body_paragraph(self, paragraph: Paragraph) -> Markup:
        return self.set_paragraph(paragraph.spans, "song", self.layout.column_chars(), 2.0,
                                  self.layout.body_size)

    # -- documents --------------------------------------------------------

    def render(self, template: str, **context) -> str:
        try:
            return self.env.get_template(template).render(
                booklet=self.booklet, layout=self.layout, fonts=self._font_urls(),
                families=FACE_FAMILIES, edition=self.edition,
                bleed_mm=self.bleed_mm, **context)
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
        except PaletteError as exc:
            templates = sorted(p for p in self.booklet.layouts_dir.glob("*") if p.is_file())
            where = line_in_files(templates, [f"'{exc.colour}' | ink", exc.colour])
            raise LayoutError(Problem(str(exc), *(where or (self.booklet.layouts_dir, None)),
                                      hint="add the colour to PALETTE in "
                                           "src/pressroom/colour/palette.py, with its CMYK "
                                           "value and why", rule="print-colour")) from None

    def _font_urls(self) -> dict[str, str]:
        return {key: path.resolve().as_uri() for key, path in self.font_files.items()}

    def article(self, article: Article) -> Part:
        self.placed = {}  # image URL → its figures, for the inspection's messages
        blocks = self._blocks(article)
        width = self.layout.column_chars()
        lead_width = self.lead_chars()
        lead = [self.set_paragraph(p.spans, "kai", lead_width, 2.0, self.lead_size)
                for p in article.lead]
        html = self.render("article.html.j2", article=article, lead=lead, blocks=blocks,
                           head=self._head(article), column_chars=width,
                           lead_size=self.lead_size, caption_size=self.caption_size)
        figures = {url: [(f.src, article.path, f.line) for f in placed]
                   for url, placed in self.placed.items()}
        part = self._pdf(html, article.path.parent, True, figures)  # cached by the build
        locate(part.warnings, article.path)
        return part

    def _head(self, article: Article) -> dict:
        """The headline stack: 引题, 主题 (30 pt on a special page, else 25), 副题, byline.
        Sizes are those of article.css.j2."""
        width = self.text_width_pt
        return {"title": self.headline(article.title, 30 if article.stories else 25),
                "kicker": self.display(article.kicker, "kai", width / 13),
                "subtitle": self.display("——" + article.subtitle, "kai", width / 14)
                if article.subtitle else "",
                "byline": self.display(article.byline, "kai", width / 10.5, "byline")}

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
                current = {"story": block, "blocks": [], **self._story_head(block)}
            elif isinstance(block, Paragraph):
                current["blocks"].append({"kind": "paragraph", "runin": block.runin,
                                          "html": self.body_paragraph(block)})
            elif isinstance(block, Subhead):
                current["blocks"].append({"kind": "subhead", "text": block.text, "html":
                                          self.display(block.text, "hei",
                                                       self.layout.column_chars())})
            elif isinstance(block, Figure):
                current["blocks"].append(self._figure(block))
        sections.append(current)
        return sections

    def _story_head(self, story: Story) -> dict:
        """A story's label (10 pt in a red box padded 3 mm each side), its 19-pt title and
        its 10-pt byline, as article.css.j2 sets them."""
        label_em = (self.text_width_pt - 6 * 72 / 25.4) / 10
        return {"title": self.headline(story.title, 19),
                "label": self.display(story.label, "hei", label_em),
                "byline": self.display(story.byline, "kai", self.text_width_pt / 10, "byline")}

    def _figure(self, figure: Figure) -> dict:
        caption = Markup("")
        if figure.caption:
            caption = self.set_paragraph([Span(figure.caption)], "kai",
                                         self.caption_chars(), 0.0, self.caption_size)
        url = self._image_url(figure.image) if figure.image else None
        if url:
            self.placed.setdefault(url, []).append(figure)
        return {"kind": "figure", "caption": caption, "credit": figure.credit,
                "alt": figure_alt(figure), "image": url}

    def _image_url(self, image: Path) -> str:
        """The image as the edition places it: the file itself, or for print its
        separation for the press (CMYK or K-only JPEG), served from memory."""
        if self.edition != "print":
            return image.resolve().as_uri()
        from ..colour.images import separate
        separated = separate(image.read_bytes(), self.condition)
        url = f"{SERVED}:{separated.key}.jpg"
        self.served[url] = (separated.data, "image/jpeg")
        return url

    @property
    def condition(self):
        """The printing condition booklet.yml names (colour/condition.py)."""
        if self._condition is None:
            from ..colour.condition import condition_for
            self._condition = condition_for(self.booklet.printing)
        return self._condition

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
        key = self._doc_key(html, base, inspect)
        part = load_part(self.doc_cache, key, None, fonts_dir=self.fonts_dir)
        if part is None or not all(path.exists() for path in part.fonts.values()):
            part = self._pdf(html, base, inspect)
            save_part(self.doc_cache, key, part)
        return part

    def _doc_key(self, html: str, base: Path, inspect: bool) -> str:
        """A document's cache key: its HTML with the faces, not the subsets of this
        character set. A page set with an earlier subset (a character came in
        elsewhere) is as good: composition re-codes it to the booklet's subsets."""
        for face, url in self._font_urls().items():
            html = html.replace(url, f"pressroom-face:{face}")
        fonts = sorted(f"{face}={source_of(path)}" for face, path in self.font_files.items())
        return hashlib.sha256("\0".join([PART_FORMAT, html, str(base), str(inspect), *fonts])
                              .encode("utf-8")).hexdigest()[:40]

    @property
    def fonts_dir(self) -> Path:
        """The folder of the subsets (the build cache's fonts/)."""
        return next(iter(self.font_files.values())).parent

    def _pdf(self, html: str, base: Path, inspect: bool, figures: dict | None = None) -> Part:
        collector = WarningCollector()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collector)
        logger.propagate = False
        fetcher = ConfinedFetcher(self.booklet.manuscripts_dir, self.booklet.layouts_dir,
                                  self.booklet.fonts_dir, self.booklet.build_dir,
                                  served=self.served)
        try:
            document = HTML(string=html, base_url=str(base) + "/",
                            url_fetcher=fetcher).render(font_config=self.font_config)
            if fetcher.refused:
                raise BuildError(*[refusal(url, self.booklet.layouts_dir, base)
                                   for url in fetcher.refused])
            findings = inspect_pages(document.pages, base, figures) if inspect else []
            anchors, anchor_y = {}, {}
            for index, page in enumerate(document.pages):
                for name, (_, y, *_) in page.anchors.items():
                    anchors.setdefault(name, index)  # an element's first page
                    anchor_y.setdefault(name, y)
            stream = io.BytesIO()
            # Uncompressed: the part is an intermediate (compose/ rewrites every page and
            # replaces every font), and compressing 1 MB of font programs per document
            # only to drop them took half of the writing time. Tagged, with pressroom's
            # stamps on the structure elements (weasytags.py); version 1.7 said
            # explicitly, or WeasyPrint 70 writes PDF 2.0 namespaces into the file.
            with stamping(), fonts_as_names():
                document.write_pdf(stream, full_fonts=True, pdf_identifier=b"pressroom",
                                   uncompressed_pdf=True, pdf_tags=True, pdf_version="1.7")
        except BuildError:
            raise
        except Exception as exc:  # WeasyPrint raises many kinds; name the document
            raise BuildError(Problem(f"typesetting failed: {exc}", base)) from exc
        finally:
            logger.removeHandler(collector)
        warnings = [weasyprint_warning(m, base) for m in collector.messages] + findings
        return Part(_part_pdf(stream.getvalue()), len(document.pages), anchors, anchor_y,
                    warnings, dict(self.font_files))


def figure_alt(figure: Figure) -> str:
    """The alternative text of a picture: its caption and credit, as a reader hears them
    (图片 alone when the manuscript gives neither; `check` warns about that)."""
    if figure.caption and figure.credit:
        return f"{figure.caption}（{figure.credit}）"
    return figure.caption or figure.credit or "图片"


def _part_pdf(data: bytes) -> bytes:
    """What WeasyPrint wrote, as the part the cache keeps: its structure tree tidied
    (tags.py) and each font kept as its name: composition gives every page the
    booklet's own font objects (compose/fonts.py), and a part without font programs
    is small."""
    import pikepdf
    pdf = pikepdf.open(io.BytesIO(data))
    tidy(pdf)
    strip_fonts(pdf)
    return part_bytes(pdf)


def weasyprint_warning(message: str, base: Path) -> Problem:
    """A WeasyPrint warning as a finding; a link to a missing anchor carries the anchor."""
    anchor = re.search(r"No anchor (#\S+)", message)
    if anchor:
        return Problem(f"link to {anchor[1]}, which no element of the page has", base,
                       severity="warning", source_line=anchor[1], rule="link-unresolved")
    return Problem(message, base, severity="warning", rule="layout-warning")


def _line(source: str | None, lineno: int | None) -> str | None:
    if not source or not lineno:
        return None
    lines = source.splitlines()
    return lines[lineno - 1] if 0 < lineno <= len(lines) else None
