"""Typeset parts: a document's PDF and what the merge needs to know of it; saved to and loaded from a folder.

A part is what typesetting gives and composition takes: PDF bytes, page count,
where each anchor landed, the warnings found while setting it, and the subset
files it was set with. The build cache and the typesetter's document cache both
keep parts as <key>.pdf with <key>.json (written last, so it marks the part whole).
"""

from __future__ import annotations

import dataclasses
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import Problem
from ..files import write_atomic


# What a part's PDF holds, for cache keys: 'tagged' parts carry a tidy structure tree
# (tags.py) and fonts reduced to names (strip_fonts); '-2': fonts written as names by
# WeasyPrint (fonts_as_names), which numbers its objects, and so table header IDs, anew.
PART_FORMAT = "tagged-2"


@dataclass
class Part:
    """A typeset document: PDF bytes plus what the merge needs to know of it."""

    pdf: bytes
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)  # anchor id → page index
    anchor_y: dict[str, float] = field(default_factory=dict)  # anchor id → CSS px from top
    warnings: list[Problem] = field(default_factory=list)
    fonts: dict[str, Path] = field(default_factory=dict)  # the subset files it was set with
    own_fonts: dict[str, Path] = field(default_factory=dict)  # its own PDF's (an article's)


def save_part(folder: Path, key: str, part: Part) -> None:
    """A typeset part as <key>.pdf and <key>.json; the JSON, written last, marks it whole."""
    meta = {"pages": part.pages, "anchors": part.anchors, "anchor_y": part.anchor_y,
            "fonts": {face: path.name for face, path in part.fonts.items()},
            "own_fonts": {face: path.name for face, path in part.own_fonts.items()},
            "warnings": [_problem_to_json(w) for w in part.warnings]}
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{key}.pdf", part.pdf, durable=False)
    data = json.dumps(meta, ensure_ascii=False).encode()
    write_atomic(folder / f"{key}.json", data, durable=False)


def load_part(folder: Path, key: str, font_files: dict[str, Path] | None,
              fonts_dir: Path | None = None) -> Part | None:
    """The part saved under `key`, or None; fonts resolve in `fonts_dir` or `font_files`."""
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        pdf = (folder / f"{key}.pdf").read_bytes()
    except (FileNotFoundError, ValueError):
        return None
    if font_files is None:
        font_files = {face: fonts_dir / name for face, name in meta["fonts"].items()}
    return Part(pdf=pdf, pages=meta["pages"], anchors=meta["anchors"],
                anchor_y=meta["anchor_y"], warnings=[Problem(**w) for w in meta["warnings"]],
                fonts=font_files)


def _problem_to_json(problem: Problem) -> dict:
    data = dataclasses.asdict(problem)
    data["path"] = str(problem.path) if problem.path is not None else None
    return data


# The PDF names WeasyPrint gives the project's faces (the @font-face families of the
# layouts, 'PR Song' …, with the weight), and the face each stands for.
FACE_SUFFIXES = {"PR-Song": "song", "PR-Song-Bold": "song-bold", "PR-Hei-Bold": "hei",
                 "PR-Kai": "kai"}


def face_of(font) -> str | None:
    """The project face a font dictionary uses, from its BaseFont 'TAG+PR-…' name."""
    return face_named(str(font.get("/BaseFont", "")))


def face_named(base_font: str) -> str | None:
    """The project face of a font called `base_font` ('/TAG+PR-Song' → 'song'), if any."""
    return FACE_SUFFIXES.get(base_font.lstrip("/").partition("+")[2])


@contextmanager
def fonts_as_names():
    """While active, WeasyPrint writes each project font as strip_fonts leaves it (its
    name only) instead of embedding the program and its width and Unicode tables:
    strip_fonts would drop them, and building them was a fifth of writing a part."""
    import pydyf
    from weasyprint import pdf as writer
    original = writer.build_fonts_dictionary

    def build(pdf, fonts, compress, subset, options):
        names, others = pydyf.Dictionary(), {}
        for key, font in fonts.items():
            if face_named(font.name.decode("latin-1")) is None:
                others[key] = font  # not a project face: written as WeasyPrint does
                continue
            stub = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0",
                                     "BaseFont": font.name})
            pdf.add_object(stub)
            names[font.hash] = stub.reference
        if others:
            names.update(original(pdf, others, compress, subset, options))
        return names

    writer.build_fonts_dictionary = build
    try:
        yield
    finally:
        writer.build_fonts_dictionary = original


def strip_fonts(pdf) -> None:
    """Reduce each project font of a part (a pikepdf.Pdf) to its name, in place: what
    the build cache keeps.

    unify_fonts replaces every font at merge time anyway; without the programs and
    their width arrays a cached part is small and parses many times faster.
    """
    from pikepdf import Dictionary, Name
    stubs: dict[str, object] = {}
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font")
        for name, font in (list(fonts.items()) if fonts is not None else []):
            if face_of(font) is None:
                continue
            base = str(font.BaseFont)
            if base not in stubs:
                stubs[base] = pdf.make_indirect(Dictionary(
                    Type=Name.Font, Subtype=Name.Type0, BaseFont=Name(base)))
            fonts[name] = stubs[base]


def part_bytes(pdf) -> bytes:
    """A part (pikepdf.Pdf) serialised: only what is reachable, streams compressed,
    the same bytes for the same document."""
    import pikepdf
    out = io.BytesIO()
    pdf.save(out, compress_streams=True, deterministic_id=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
