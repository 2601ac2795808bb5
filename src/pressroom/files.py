"""Write files atomically: bytes in, either the complete new file or the old one out."""

from __future__ import annotations

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
