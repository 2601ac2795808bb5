"""Checksums: the files of the build folder in, build/SHA256SUMS (in `sha256sum -c` format) out.

A build lists exactly its current outputs (every file it keeps in build/ belongs
to the current inputs); an imposition adds its file to the list.
"""

from __future__ import annotations

from pathlib import Path

from ..files import file_sha256, write_atomic

NAME = "SHA256SUMS"


def read_checksums(path: Path) -> dict[str, str]:
    """Relative name → hex digest; unreadable lines are ignored (the file is ours)."""
    entries = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return entries
    for line in text.splitlines():
        digest, sep, name = line.partition("  ")
        if sep and len(digest) == 64:
            entries[name] = digest
    return entries


def write_checksums(build_dir: Path, files: list[Path], only_if_changed: bool = False) -> Path:
    """List exactly `files` (which must exist) in build_dir/SHA256SUMS, atomically."""
    entries = {path.relative_to(build_dir).as_posix(): file_sha256(path) for path in files}
    if only_if_changed and read_checksums(build_dir / NAME) == entries:
        return build_dir / NAME
    return _write(entries, build_dir)


def update_checksums(build_dir: Path, produced: list[Path]) -> Path:
    """Add the produced files to SHA256SUMS; entries of files still there unchanged stay,
    an entry whose file has gone or changed is dropped rather than left wrong."""
    entries = {}
    for name, digest in read_checksums(build_dir / NAME).items():
        path = build_dir / name
        if path.is_file() and file_sha256(path) == digest:
            entries[name] = digest
    for path in produced:
        entries[path.relative_to(build_dir).as_posix()] = file_sha256(path)
    return _write(entries, build_dir)


def _write(entries: dict[str, str], build_dir: Path) -> Path:
    target = build_dir / NAME
    text = "".join(f"{entries[name]}  {name}\n" for name in sorted(entries))
    write_atomic(target, text.encode("utf-8"))
    return target
