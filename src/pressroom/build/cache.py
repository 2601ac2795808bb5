"""The build cache: input hashes in, cached typeset parts, standalone PDFs and the last build's outputs out.

A part's key hashes everything its pages depend on (its manuscript and images, the
layouts, the font manifest, the booklet settings the article template reads, and
the pressroom version; for a print part also the printing condition and the
palette), never file times. The articles before it and the font
subset are not part of the key: folios are stamped and fonts unified at merge time.
Deleting build/ (or build/.cache) is always safe.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..files import write_atomic
from ..typeset.part import load_part, save_part
from .temporaries import is_temporary

VERSION = 7  # of this cache's layout and parts (4: tagged; 5: per-edition kinds; 6: parts' findings;
#   7: fonts written as names, articles' own PDFs with their own subsets); a change makes every entry stale
KINDS = ("screen", "print")  # kinds of typeset parts: see build/workers.py
DOCS_KEPT = 64


def _digest(*chunks: bytes) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(len(chunk).to_bytes(8, "big"))
        digest.update(chunk)
    return digest.hexdigest()[:40]


@lru_cache(maxsize=8)
def _folder_digest(folder: Path, stamp: tuple) -> str:
    files = _inputs(folder)
    return _digest(*[p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes()
                     for p in files])


def folder_digest(folder: Path) -> str:
    """Digest of every file's name and bytes (memoised within one process per state);
    editors' scratch files (a vim swap file beside a template) are not inputs."""
    stamp = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                  for p in _inputs(folder))
    return _folder_digest(folder, stamp)


def _inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not is_temporary(p))


def article_keys(project, kind: str = "screen") -> dict[str, str]:
    """Slug → key of every article of the project, typeset as `kind` (screen or print)."""
    extra = [kind.encode(), print_material(project)] if kind == "print" else []
    return {article.slug: article_key(article, project, *extra)
            for article in project.articles}


def article_key(article, project, *extra: bytes) -> str:
    booklet = project.booklet
    settings = json.dumps({"title": booklet.title, "date": booklet.date.isoformat(),
                           "language": booklet.language,
                           "layout": dataclasses.asdict(booklet.layout)}, sort_keys=True)
    images = [f.image.read_bytes() for f in article.figures if f.image]
    return _digest(str(VERSION).encode(), __version__.encode(), article.path.read_bytes(),
                   *images, folder_digest(booklet.layouts_dir).encode(),
                   project.fonts.manifest.read_bytes(), settings.encode(), *extra)


def print_material(project) -> bytes:
    """What print parts depend on beyond a screen part's inputs: the printing condition
    (profile and image intent), the palette and the image separation's version."""
    from ..colour.condition import condition_for
    from ..colour import CONVERTER_VERSION
    from ..colour.palette import PALETTE
    return json.dumps({"condition": condition_for(project.booklet.printing).digest,
                       "palette": {screen: ink.cmyk for screen, ink in PALETTE.items()},
                       "separation": CONVERTER_VERSION}, sort_keys=True).encode()


def project_key(keys: dict[str, str], project) -> str:
    booklet = project.booklet
    return _digest(str(VERSION).encode(), __version__.encode(), booklet.path.read_bytes(),
                   json.dumps(list(keys.items())).encode(),
                   folder_digest(booklet.layouts_dir).encode(),
                   project.fonts.manifest.read_bytes(), str(booklet.build_dir).encode(),
                   print_material(project))


class Cache:
    """build/.cache: parts/<key>.pdf with <key>.json, fonts/, state.json."""

    def __init__(self, root: Path):
        self.root = root
        self.parts = root / "parts"
        self.parts.mkdir(parents=True, exist_ok=True)
        self.state_file = root / "state.json"

    # -- typeset parts ----------------------------------------------------

    def has_part(self, key: str, standalone: bool = True) -> bool:
        """The part (and, for a screen part, its standalone PDF) is cached whole."""
        meta = self.parts / f"{key}.json"
        needed = [meta, self.parts / f"{key}.pdf"]
        if standalone:
            needed.append(self.parts / f"{key}.standalone.pdf")
        if not all(p.exists() for p in needed):
            return False
        fonts = json.loads(meta.read_text(encoding="utf-8"))["fonts"]
        return all((self.root / "fonts" / name).exists() for name in fonts.values())

    def store_part(self, key: str, part, standalone: bytes | None) -> None:
        if standalone is not None:
            _write(self.parts / f"{key}.standalone.pdf", standalone)
        save_part(self.parts, key, part)

    def load_part(self, key: str):
        return load_part(self.parts, key, None, self.root / "fonts")

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

    def record_outputs(self, key: str, data: dict[Path, bytes], pages: int, **facts) -> None:
        """The build's key, its outputs' digests, and `facts` a later command checks
        against (the inputs' key, the editions, how the archive and the imposition were
        made, the editions withheld with their options: see build/run.py)."""
        state = {"key": key, "pages": pages,
                 "outputs": {str(p): hashlib.sha256(d).hexdigest() for p, d in data.items()},
                 **facts}
        _write(self.state_file, json.dumps(state, indent=1, ensure_ascii=False).encode())

    def last_build(self) -> dict:
        """What the last build recorded (empty before the first)."""
        return self._state()

    def record_imposition(self, path: Path, data: bytes, settings: dict) -> None:
        """An imposition made by `impose`: its settings, so builds refresh it alike."""
        state = self._state()
        state.setdefault("outputs", {})[str(path)] = hashlib.sha256(data).hexdigest()
        state["imposition"] = settings
        _write(self.state_file, json.dumps(state, indent=1, ensure_ascii=False).encode())

    def pages(self, key: str) -> int:
        state = self._state()
        return state.get("pages", 0) if state.get("key") == key else 0

    def _state(self) -> dict:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def prune(self, live: set[str], font_files: dict[str, Path]) -> None:
        """Drop parts no current article uses, all but the recent booklet pages, and
        font subsets no kept part or page uses."""
        keep_fonts = {p.name for p in font_files.values()}
        for meta in self.parts.glob("*.json"):
            key = meta.stem
            if key in live:
                kept = json.loads(meta.read_text(encoding="utf-8"))
                keep_fonts |= set(kept["fonts"].values()) | set(kept.get("own_fonts", {}).values())
                continue
            for path in self.parts.glob(f"{key}.*"):
                path.unlink(missing_ok=True)
        docs = sorted((self.root / "docs").glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in docs[:-DOCS_KEPT]:  # booklet furniture: keep the recent ones
            for path in old.parent.glob(f"{old.stem}.*"):
                path.unlink(missing_ok=True)
        for kept in docs[-DOCS_KEPT:]:  # set with earlier subsets, re-coded when used
            try:
                keep_fonts |= set(json.loads(kept.read_text(encoding="utf-8"))["fonts"].values())
            except (OSError, ValueError, KeyError):
                continue
        for font in (self.root / "fonts").glob("*"):
            if font.name not in keep_fonts:
                font.unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    write_atomic(path, data, durable=False)


def outputs_key(whole: str, articles, editions: tuple[str, ...], embed_sources: bool,
                imposition: dict | None = None) -> str:
    """The build's key, extended by what the editions add: the embedded source files and
    the imposition's settings."""
    from ..editions.archive import article_sources
    digest = hashlib.sha256(whole.encode())
    digest.update(repr((sorted(editions), embed_sources)).encode())
    if imposition:
        digest.update(json.dumps(imposition, sort_keys=True).encode())
    if embed_sources:
        for article in articles:
            for attachment in article_sources(article):
                digest.update(attachment.name.encode() + b"\0" + attachment.data)
    return digest.hexdigest()[:40]
