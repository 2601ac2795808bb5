"""The font manifest: fonts/fonts.yml in, the verified faces of each role (and their fallbacks) out.

Each face's file must be there and be the file the manifest names (SHA-256).
Subsetting the faces for a build is typesetting's business (typeset/subset.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..exceptions import FontError, Problem
from ..files import DigestMemo

ROLE_FACES = ("song", "song-bold", "hei", "kai")
@dataclass
class Face:
    key: str
    file: Path
    family: str
    role: str
    version: str
    source: str
    license: Path
    sha256: str
    fallback: list[str] = field(default_factory=list)


@dataclass
class FontSet:
    faces: dict[str, Face]
    manifest: Path

    def paths(self) -> dict[str, Path]:
        return {key: face.file for key, face in self.faces.items()}

    def fallbacks(self) -> dict[str, list[str]]:
        return {key: face.fallback for key, face in self.faces.items()}


def load_fonts(fonts_dir: Path, verify: bool = True, memo: DigestMemo | None = None) -> FontSet:
    """Read the manifest; check that each file is there and is the file it names (its
    SHA-256, remembered by `memo` while the file is unchanged)."""
    manifest = fonts_dir / "fonts.yml"
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FontError(Problem("font manifest not found", manifest,
                                hint="restore fonts/fonts.yml from git",
                                rule="font-manifest")) from None
    except yaml.YAMLError as exc:
        raise FontError(Problem(f"font manifest is not valid YAML: {exc}", manifest,
                                rule="font-manifest")) from None
    problems, faces = [], {}
    for key in ROLE_FACES:
        faces_data = data.get("faces") if isinstance(data, dict) else None
        entry = faces_data.get(key) if isinstance(faces_data, dict) else None
        if not isinstance(entry, dict):
            problems.append(Problem(f"no face '{key}' in the manifest", manifest,
                                    rule="font-manifest"))
            continue
        try:
            face = Face(key=key, file=fonts_dir / entry["file"], family=entry["family"],
                        role=entry.get("role", ""), version=str(entry.get("version", "")),
                        source=entry.get("source", ""), license=fonts_dir / entry["license"],
                        sha256=entry["sha256"], fallback=list(entry.get("fallback", [])))
        except (KeyError, TypeError) as exc:
            problems.append(Problem(f"face '{key}' in the manifest lacks a usable {exc}",
                                    manifest, hint="give it file, family, license and sha256",
                                    rule="font-manifest"))
            continue
        problem = _check_face(face, memo or DigestMemo(None)) if verify else None
        if problem:
            problems.append(problem)
        faces[key] = face
    if problems:
        raise FontError(*problems)
    return FontSet(faces, manifest)


def _check_face(face: Face, memo: DigestMemo) -> Problem | None:
    if not face.file.is_file():
        return Problem(f"font file for '{face.key}' is missing", face.file,
                       hint="restore it with 'git checkout -- fonts/'", rule="font-missing")
    digest = memo.sha256(face.file)
    if digest != face.sha256:
        return Problem(f"font file for '{face.key}' is not the file the manifest names "
                       f"(sha256 {digest[:12]}…, expected {face.sha256[:12]}…)", face.file,
                       hint="restore it with 'git checkout -- fonts/', or update "
                            "fonts/fonts.yml if the change is intended", rule="font-changed")
    if memo.marked(face.file, "usable"):
        return None  # read and found usable before, and unchanged since
    import uharfbuzz as hb  # only here: a command that finds every font known skips it
    face_data = hb.Face(hb.Blob.from_file_path(str(face.file)))
    if face_data.glyph_count == 0 or not face_data.unicodes:
        return Problem(f"font file for '{face.key}' is not a usable font (no glyphs or no "
                       "character map)", face.file, hint="restore it with 'git checkout -- "
                       "fonts/', and its sha256 in fonts/fonts.yml", rule="font-damaged")
    memo.mark(face.file, "usable")
    return None


def missing_chars(fonts: FontSet, face: str, text: str, covered: dict[str, set[int]]) -> set[str]:
    """Characters of `text` that neither the face nor its fallbacks can draw."""
    import uharfbuzz as hb
    chain = [face] + fonts.faces[face].fallback
    for key in chain:
        if key not in covered:
            covered[key] = set(hb.Face(hb.Blob.from_file_path(str(fonts.faces[key].file))).unicodes)
    return {c for c in set(text) if not c.isspace() and
            not any(ord(c) in covered[key] for key in chain)}
