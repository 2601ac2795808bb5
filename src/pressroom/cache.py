"""Remember typeset parts by the content they are made from: input hashes in, cached PDFs out.

A part's key hashes everything its pages depend on (its manuscript and images, the
layouts, the font manifest, the booklet settings the article template reads, and
the pressroom version), never file times. The articles before it and the font
subset are not part of the key: folios are stamped and fonts unified at merge time.
Deleting build/ (or build/.cache) is always safe.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .errors import Problem
from .files import write_atomic

VERSION = 2  # of this cache's layout; a change makes every entry stale
DOCS_KEPT = 64


def _digest(*chunks: bytes) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(len(chunk).to_bytes(8, "big"))
        digest.update(chunk)
    return digest.hexdigest()[:40]


@lru_cache(maxsize=8)
def _folder_digest(folder: Path, stamp: tuple) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return _digest(*[p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes()
                     for p in files])


def folder_digest(folder: Path) -> str:
    """Digest of every file's name and bytes (memoised within one process per state)."""
    stamp = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                  for p in sorted(folder.rglob("*")) if p.is_file())
    return _folder_digest(folder, stamp)


def article_key(article, project, version: str) -> str:
    booklet = project.booklet
    settings = json.dumps({"title": booklet.title, "date": booklet.date.isoformat(),
                           "language": booklet.language,
                           "layout": dataclasses.asdict(booklet.layout)}, sort_keys=True)
    images = [f.image.read_bytes() for f in article.figures if f.image]
    return _digest(str(VERSION).encode(), version.encode(), article.path.read_bytes(),
                   *images, folder_digest(booklet.layouts_dir).encode(),
                   project.fonts.manifest.read_bytes(), settings.encode())


def project_key(keys: dict[str, str], project, version: str) -> str:
    booklet = project.booklet
    return _digest(str(VERSION).encode(), version.encode(), booklet.path.read_bytes(),
                   json.dumps(list(keys.items())).encode(),
                   folder_digest(booklet.layouts_dir).encode(),
                   project.fonts.manifest.read_bytes(), str(booklet.build_dir).encode())


class Cache:
    """build/.cache: parts/<key>.pdf with <key>.json, fonts/, state.json."""

    def __init__(self, root: Path):
        self.root = root
        self.parts = root / "parts"
        self.parts.mkdir(parents=True, exist_ok=True)
        self.state_file = root / "state.json"

    # -- typeset parts ----------------------------------------------------

    def has_part(self, key: str) -> bool:
        meta = self.parts / f"{key}.json"
        if not all(p.exists() for p in (meta, self.parts / f"{key}.pdf",
                                         self.parts / f"{key}.standalone.pdf")):
            return False
        fonts = json.loads(meta.read_text(encoding="utf-8"))["fonts"]
        return all((self.root / "fonts" / name).exists() for name in fonts.values())

    def store_part(self, key: str, part, standalone: bytes) -> None:
        _write(self.parts / f"{key}.standalone.pdf", standalone)
        save_part_files(self.parts, key, part)

    def load_part(self, key: str):
        return load_part_files(self.parts, key, None, self.root / "fonts")

    def load_standalone(self, key: str) -> bytes:
        return (self.parts / f"{key}.standalone.pdf").read_bytes()

    # -- the last build's outputs ------------------------------------------

    def outputs_current(self, key: str, outputs: list[Path]) -> bool:
        """True when the last build had this key and its outputs are still as written."""
        state = self._state()
        if state.get("key") != key or set(state.get("outputs", {})) != {str(p) for p in outputs}:
            return False
        for path, digest in state["outputs"].items():
            try:
                if hashlib.sha256(Path(path).read_bytes()).hexdigest() != digest:
                    return False
            except FileNotFoundError:
                return False
        return True

    def record_outputs(self, key: str, data: dict[Path, bytes], pages: int) -> None:
        state = {"key": key, "pages": pages,
                 "outputs": {str(p): hashlib.sha256(d).hexdigest() for p, d in data.items()}}
        _write(self.state_file, json.dumps(state, indent=1).encode())

    def pages(self, key: str) -> int:
        state = self._state()
        return state.get("pages", 0) if state.get("key") == key else 0

    def _state(self) -> dict:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def prune(self, live: set[str], font_files: dict[str, Path]) -> None:
        """Drop parts no current article uses, and font subsets no kept part uses."""
        keep_fonts = {p.name for p in font_files.values()}
        for meta in self.parts.glob("*.json"):
            key = meta.stem
            if key in live:
                keep_fonts |= set(json.loads(meta.read_text(encoding="utf-8"))["fonts"].values())
                continue
            for path in self.parts.glob(f"{key}.*"):
                path.unlink(missing_ok=True)
        for font in (self.root / "fonts").glob("*"):
            if font.name not in keep_fonts:
                font.unlink(missing_ok=True)
        docs = sorted((self.root / "docs").glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in docs[:-DOCS_KEPT]:  # booklet furniture: keep the recent ones
            for path in old.parent.glob(f"{old.stem}.*"):
                path.unlink(missing_ok=True)


def save_part_files(folder: Path, key: str, part) -> None:
    """A typeset part as <key>.pdf and <key>.json; the JSON, written last, marks it whole."""
    meta = {"pages": part.pages, "anchors": part.anchors, "anchor_y": part.anchor_y,
            "fonts": {face: path.name for face, path in part.fonts.items()},
            "warnings": [_problem_to_json(w) for w in part.warnings]}
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / f"{key}.pdf", part.pdf)
    _write(folder / f"{key}.json", json.dumps(meta, ensure_ascii=False).encode())


def load_part_files(folder: Path, key: str, font_files: dict[str, Path] | None,
                    fonts_dir: Path | None = None):
    """The part saved under `key`, or None; fonts resolve in `fonts_dir` or `font_files`."""
    from .typeset import Part
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


def _write(path: Path, data: bytes) -> None:
    write_atomic(path, data, durable=False)
