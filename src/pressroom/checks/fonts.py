"""Font findings: a project and its composed booklet in, characters set from another face than their role's, and fonts that are not the project's subsets, out."""

from __future__ import annotations

import ctypes
import unicodedata
from pathlib import Path

from ..exceptions import Problem
from ..project.load import Project
from ..project.manuscript import Article, Figure, Paragraph, Story, Subhead
from ..text.locate import file_lines, line_holding
from ..typeset.lines import Metrics


# The face each printed field is set in (layouts/*.css.j2; README "排版要点").
FIELD_FACES = {"kicker": "kai", "title": "hei", "subtitle": "kai", "byline": "kai",
               "publication": "kai", "page": "kai", "author": "kai", "editor": "kai",
               "photo_note": "kai"}


FACE_NAMES = {"song": "书宋 (body)", "song-bold": "标宋 (run-in heads)", "hei": "黑体 (headings)",
              "kai": "楷体 (leads, bylines, captions)"}


def role_texts(article: Article):
    """(face, text) of everything the article prints, by the face that sets it."""
    for name, face in FIELD_FACES.items():
        yield face, getattr(article, name)
    for paragraph in article.lead:
        yield "kai", paragraph.text
    for block in article.blocks:
        if isinstance(block, Paragraph):
            for span in block.spans:
                yield ("song-bold" if span.strong else "song"), span.text
        elif isinstance(block, Story):
            yield "hei", block.title + block.label
            yield "kai", block.byline
        elif isinstance(block, Subhead):
            yield "hei", block.text
        elif isinstance(block, Figure):
            yield "kai", block.caption + block.credit


def role_findings(project: Project) -> list[Problem]:
    """Characters the face of their role lacks, set from another face of the project."""
    metrics = Metrics(project.fonts.paths(), project.fonts.fallbacks())
    found = []
    for article in project.articles:
        seen = set()
        for face, text in role_texts(article):
            for char in dict.fromkeys(text):
                if char.isspace() or (face, char) in seen or metrics.covers(face, char):
                    continue
                seen.add((face, char))
                other = metrics.face_for(face, char)
                if other != face and metrics.covers(other, char):
                    found.append(_char_problem(
                        article.path, char, f"is not in the {FACE_NAMES[face]} face "
                        f"{project.fonts.faces[face].family}; it is set in "
                        f"{project.fonts.faces[other].family}", "warning", "font-fallback",
                        "replace it with a character the face has, or accept the mixed face"))
    return found


def _char_problem(path: Path, char: str, what: str, severity: str, rule: str,
                  hint: str) -> Problem:
    number = line_holding(file_lines(path), char)
    return Problem(f"character {char} (U+{ord(char):04X}) {what}", path, number, hint,
                   severity=severity, rule=rule)


def _fonts(resources, seen: set) -> list:
    """Every font dictionary of a resource dictionary, forms included."""
    if resources is None or id(resources) in seen:
        return []
    seen.add(id(resources))
    resources = resources.get_object()
    fonts = [ref.get_object() for ref in (resources.get("/Font") or {}).values()]
    for ref in (resources.get("/XObject") or {}).values():
        fonts += _fonts(ref.get_object().get("/Resources"), seen)
    return fonts


def _program(font) -> bytes | None:
    descendants = font.get("/DescendantFonts")
    descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            return descriptor[key].get_object().get_data()
    return None


def font_findings(reader, pdf: bytes, font_files: dict[str, Path],
                  booklet_path: Path) -> list[Problem]:
    """Fonts other than the project's four subsets: a layout loaded a font of its own.

    Builds see no system font (fontconfig.py), so a foreign font can only come from an
    @font-face rule that names a file outside fonts/fonts.yml; this finding is also
    the test that the isolation holds."""
    ours = {path.read_bytes() for path in font_files.values()}
    foreign = {}
    for page in reader.pages:
        for font in _fonts(page.get("/Resources"), set()):
            name = str(font.get("/BaseFont", "?")).lstrip("/").partition("+")[2] or \
                str(font.get("/BaseFont", "?")).lstrip("/")
            if _program(font) not in ours:
                foreign.setdefault(name, _program(font) is None)
    if not foreign:
        return []
    chars = _chars_by_font(pdf)
    found = []
    for name, unembedded in foreign.items():
        # NFKC: a CJK font's reverse map may give a Kangxi radical (⼯) for its Han twin (工)
        text = unicodedata.normalize("NFKC", chars.get(name, ""))
        sample = text[:20] or "?"
        found.append(Problem(f"text “{sample}” is set in {name}, which is not a face of "
                             f"fonts/fonts.yml{' and is not embedded' if unembedded else ''}",
                             booklet_path.parent.parent / "layouts", None,
                             "use only the faces PR Song, PR Hei and PR Kai in the layouts; "
                             "add a new face to fonts/fonts.yml instead of loading it directly", text[:20],
                             rule="font-foreign"))
    return found


def _chars_by_font(pdf: bytes) -> dict[str, str]:
    """Font name → the characters drawn with it (pdfium)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    document = pdfium.PdfDocument(pdf)
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    out: dict[str, str] = {}
    try:
        for page in document:
            text_page = page.get_textpage()
            for i in range(text_page.count_chars()):
                code = raw.FPDFText_GetUnicode(text_page.raw, i)
                if code in (0, 0xFFFE, 0xFFFF) or chr(code).isspace():
                    continue
                raw.FPDFText_GetFontInfo(text_page.raw, i, buffer, 256, flags)
                name = buffer.value.decode("latin-1").partition("+")[2] or \
                    buffer.value.decode("latin-1")
                out[name] = out.get(name, "") + chr(code)
    finally:
        document.close()
    return out
