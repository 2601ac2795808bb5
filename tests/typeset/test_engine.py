"""WeasyPrint's import: its native libraries found by one reading of the linker cache."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from pressroom.typeset import engine

PROBE = """
import subprocess, sys
started = []
original = subprocess.Popen.__init__
def counting(self, args, *rest, **kwargs):
    started.append(args[0] if isinstance(args, (list, tuple)) else args)
    original(self, args, *rest, **kwargs)
subprocess.Popen.__init__ = counting
import pressroom.typeset.typesetter
print(" ".join(started))
"""


@pytest.mark.parametrize("library", ["pango-1.0", "harfbuzz", "gobject-2.0", "fontconfig",
                                     "pangoft2-1.0"])
def test_the_cache_finds_each_library_weasyprint_opens_as_ctypes_does(library):
    assert engine.cached_soname(library) == ctypes.util.find_library(library)
    assert engine.cached_soname(library) is not None


@pytest.mark.parametrize("name", ["libgobject-2.0-0", "gobject-2.0-0", "pango-1.0-0.dll",
                                  "no-such-library"])
def test_names_the_cache_does_not_list_are_not_found(name):
    assert engine.cached_soname(name) is None


def test_the_lookup_is_put_back_after_the_import():
    original = ctypes.util.find_library
    with engine.quick_library_lookup():
        assert ctypes.util.find_library is not original
    assert ctypes.util.find_library is original


def test_a_library_path_set_by_the_user_is_honoured(monkeypatch):
    monkeypatch.setenv("LD_LIBRARY_PATH", "/nowhere")
    asked = []
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: asked.append(name))
    with engine.quick_library_lookup():
        ctypes.util.find_library("pango-1.0")
    assert asked == ["pango-1.0"]  # the original lookup, which reads LD_LIBRARY_PATH


def test_importing_the_typesetter_starts_one_subprocess_not_one_per_library_name():
    # Before: ldconfig, gcc and ld for each of ~26 names WeasyPrint tries (0.25-0.4 s).
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/sbin/ldconfig"]

