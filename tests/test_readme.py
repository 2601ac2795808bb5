"""README's file names lead to the files: an editor reads build/ as the output folder, so
source files are named in full (src/pressroom/…) in the editor part, and the build
package everywhere."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EDITOR_PART = README.split("## For developers")[0]
SOURCE_NAME = re.compile(r"`([\w./-]+\.(?:py|yml|icc|sh|conf))[`\s]")


def test_the_editor_part_names_source_files_in_full():
    """Every file it names is found from the project folder (examples of an editor's own
    files aside)."""
    for name in SOURCE_NAME.findall(EDITOR_PART):
        if "/" in name and not name.startswith(("manuscripts/", "profiles/")):
            assert (ROOT / name).is_file(), name


def test_no_module_of_the_build_package_is_named_as_if_in_the_output_folder():
    assert not re.findall(r"(?<![\w/])build/\w+\.py", README)


def test_every_module_named_in_the_readme_exists():
    for name in set(re.findall(r"(?<![\w./-])((?:[a-z_]+/)+[a-z_]+\.py)\b", README)):
        candidates = [ROOT / name, ROOT / "src" / "pressroom" / name, ROOT / "tests" / name]
        assert any(path.is_file() for path in candidates), name
