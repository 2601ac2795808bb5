"""Building: a project folder in, the PDFs of build/ out.

run.py (the build command: lock, cache, write), pipeline.py (the stages, in
memory), workers.py (typesetting in parallel), cache.py (content-keyed parts and
outputs), lock.py, interrupts.py, checksums.py (SHA256SUMS), watch.py (rebuild on
save), progress.py (the terminal progress bar), resident.py (the warm background
process that runs command-line builds).

`build` and `BuildResult` are loaded on first use: a command handed to the resident
process imports nothing of the build itself.
"""

__all__ = ["BuildResult", "build"]


def __getattr__(name: str):
    if name in __all__:
        from . import run
        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
