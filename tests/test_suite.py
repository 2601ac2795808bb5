"""The test suite itself: a plain `pytest` (what `make test` and CI run) collects every test
file under tests/. pytest skips folders named build by default, and tests/build went
unrun that way."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_every_test_file_is_collected():
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                             "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    collected = {line.split("::")[0] for line in listed.stdout.splitlines() if "::" in line}
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")
             if "fixtures" not in p.parts}
    assert files - collected == set(), listed.stdout[-2000:]
