"""Building: a project folder in, the PDFs of build/ out.

run.py (the build command: lock, cache, write), pipeline.py (the stages, in
memory), workers.py (typesetting in parallel), cache.py (content-keyed parts and
outputs), lock.py, interrupts.py, checksums.py (SHA256SUMS), watch.py (rebuild on
save), progress.py (the terminal progress bar).
"""

from .run import BuildResult, build

__all__ = ["BuildResult", "build"]
