"""Interrupts: Ctrl-C in, a stop at the build's next checkpoint (always before anything is written) out."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

# Set by the CLI's Ctrl-C handler (see interrupts()). A KeyboardInterrupt raised at an
# arbitrary moment can be swallowed by a C callback inside WeasyPrint and the build
# would carry on and write; the build instead stops at its next checkpoint, always
# before anything is written.
INTERRUPTED = threading.Event()


def checkpoint() -> None:
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt


@contextmanager
def interrupts():
    """Ctrl-C asks the build to stop at its next checkpoint; a second Ctrl-C stops at once."""
    def handler(signum, frame):
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt
        INTERRUPTED.set()

    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only: whoever runs this thread stops it
        return
    INTERRUPTED.clear()
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        INTERRUPTED.clear()
