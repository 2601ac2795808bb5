"""WeasyPrint, imported once for the whole package: under the private fontconfig, its native libraries found by one reading of the linker's cache.

Every module that needs WeasyPrint imports it from here. WeasyPrint opens Pango,
HarfBuzz, fontconfig and GObject through cffi, trying several names per library;
each name without a path makes ctypes.util.find_library start `ldconfig -p`, then
gcc, then ld in subprocesses, about 0.25 s of a command's start. While WeasyPrint
loads, find_library answers from one `ldconfig -p` read instead, and asks the
original only where that cannot answer (no ldconfig, or LD_LIBRARY_PATH set).
The libraries found are the ones find_library finds through ldconfig.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import struct
import subprocess
from contextlib import contextmanager
from functools import lru_cache

from .fontconfig import private_fontconfig

# ldconfig's name for the running interpreter's library ABI (as ctypes.util has it).
ABI_TYPES = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit",
             "sparc64-64": "libc6,64bit", "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


@lru_cache(maxsize=1)
def linker_cache() -> bytes:
    """What `ldconfig -p` prints (empty where there is no glibc ldconfig)."""
    try:
        return subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              env={"LC_ALL": "C", "LANG": "C"}, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return b""


def cached_soname(name: str) -> str | None:
    """The soname ldconfig lists for library `name` (e.g. 'pango-1.0'), as
    ctypes.util's own ldconfig lookup reads it."""
    bits = "-32" if struct.calcsize("l") == 4 else "-64"
    abi = ABI_TYPES.get(os.uname().machine + bits, "libc6")
    pattern = os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi))
    found = re.search(pattern, linker_cache())
    return os.fsdecode(found.group(1)) if found else None


@contextmanager
def quick_library_lookup():
    """Within this block, ctypes.util.find_library reads the linker cache once."""
    original = ctypes.util.find_library

    def find_library(name):
        if not linker_cache() or os.environ.get("LD_LIBRARY_PATH"):
            return original(name)
        return cached_soname(name)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


with private_fontconfig(), quick_library_lookup():  # WeasyPrint probes fontconfig at import
    import weasyprint
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["weasyprint", "HTML", "URLFetcher", "URLFetcherResponse"]
