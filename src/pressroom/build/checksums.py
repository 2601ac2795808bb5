"""Checksums: the files a build (or an imposition) wrote → build/SHA256SUMS, in `sha256sum -c` format.

Entries of earlier builds stay while their file is still there unchanged, so one
SHA256SUMS covers every edition in the folder; an entry whose file has gone or
changed is dropped rather than left wrong.
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


def update_checksums(build_dir: Path, produced: list[Path]) -> Path:
    """Record the produced files (which must exist) in build_dir/SHA256SUMS, atomically."""
    target = build_dir / NAME
    entries = {}
    for name, digest in read_checksums(target).items():
        path = build_dir / name
        if path.is_file() and file_sha256(path) == digest:
            entries[name] = digest
    for path in produced:
        entries[path.relative_to(build_dir).as_posix()] = file_sha256(path)
    text = "".join(f"{entries[name]}  {name}\n" for name in sorted(entries))
    write_atomic(target, text.encode("utf-8"))
    return target
