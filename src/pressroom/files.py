"""Files: bytes in, written atomically (the complete new file or the old one); digests of files out."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary name in the same folder, then rename over the target.

    The temporary name carries the process id, so two processes (a build and a
    `check`) never write the same temporary file. `durable` flushes to disk first:
    outputs need it; cache entries, which a later build can always remake, do not.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks (font files are large)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically unless the file already holds exactly these bytes; True if written."""
    try:
        if path.stat().st_size == len(data) and \
                hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest():
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True


class DigestMemo:
    """SHA-256 of large files (fonts) remembered by size and modification time, so an
    unchanged file is not read again on every command. Kept in the build cache: losing
    it costs one more reading of the files."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, list] = {}
        self.changed = False
        if path is not None:
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                self.entries = {}

    @staticmethod
    def _stamp(file: Path) -> list[int]:
        stat = file.stat()
        return [stat.st_size, stat.st_mtime_ns]

    def sha256(self, file: Path) -> str:
        stamp = self._stamp(file)
        known = self.entries.get(str(file))
        if known and known[:2] == stamp:
            return known[2]
        digest = file_sha256(file)
        self.entries[str(file)] = stamp + [digest]  # facts marked before are forgotten
        self.changed = True
        return digest

    def mark(self, file: Path, fact: str, replaces: str | None = None) -> None:
        """Remember `fact` (e.g. "usable") about the file as it is now: forgotten when
        the file changes, since its digest is computed again then. Facts starting with
        `replaces` are dropped first (one of their kind is kept, not every one seen)."""
        self.sha256(file)
        entry = self.entries[str(file)]
        if fact not in entry[3:]:
            entry[3:] = [f for f in entry[3:] if not (replaces and f.startswith(replaces))]
            entry.append(fact)
            self.changed = True

    def marked(self, file: Path, fact: str) -> bool:
        entry = self.entries.get(str(file))
        return bool(entry) and entry[:2] == self._stamp(file) and fact in entry[3:]

    def save(self) -> None:
        if self.changed and self.path is not None:
            write_atomic(self.path, json.dumps(self.entries, indent=1).encode(), durable=False)
            self.changed = False
