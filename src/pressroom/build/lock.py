"""The build lock: a build folder in, exclusive use of it for one build out (a second build is refused, not queued)."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

from ..exceptions import BusyError, Problem


@contextmanager
def build_lock(build_dir: Path):
    """One build at a time per project; a second one is refused, not queued."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock_path = build_dir / ".lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(Problem("another pressroom build is running in this project",
                                    build_dir, hint="wait for it to finish, then try again",
                                    rule="busy")) from None
        remove_stale_temporaries(build_dir)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_temporaries(build_dir: Path) -> None:
    """Half-written outputs of a build that was killed (under the lock, no build writes;
    the cache, where `check` may be writing, is left alone)."""
    for tmp in [*build_dir.glob(".*.tmp"), *build_dir.glob("*/.*.tmp")]:
        if tmp.parent.name != ".cache":
            tmp.unlink(missing_ok=True)
