"""Builds do not depend on the machine's fonts: with other fonts installed, or none, a
build gives the same bytes, and a layout asking for a generic family gets a project face.

The "machines" are private fontconfig files naming a font folder this test controls
(FONTCONFIG_FILE), and the builds run in subprocesses, as on a real machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from minis import copy_project, edit
from fontfaces import TEST_FAMILY, make_face, system_fontconfig

CREDIT = "工行萧山分行供图"  # the fixture's only figure credit


def run(args: list[str], fontconfig: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd or Path.cwd()),
           "FONTCONFIG_FILE": str(fontconfig), "LANG": "C.UTF-8",
           "PRESSROOM_SERVER": "0"}  # each build in its own process, none left behind
    return subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def machines(tmp_path_factory):
    """Two pretend machines: one whose fonts answer every generic family with a face that
    has the fixture's characters, and one with no fonts at all."""
    folder = tmp_path_factory.mktemp("machines")
    fonts = folder / "fonts"
    make_face(fonts / "system.ttf", CREDIT + "衙前农民运动纪念馆图片待补")
    return {"fonts": system_fontconfig(folder / "with-fonts", fonts),
            "bare": system_fontconfig(folder / "bare", None)}


@pytest.fixture(scope="module")
def monospace_project(tmp_path_factory):
    """The one-article fixture, its credit asked to be set in `monospace`."""
    root = copy_project(tmp_path_factory.mktemp("mono") / "project")
    edit(root, "layouts/article.css.j2", "/* Headline stack",
         ".credit { font-family: monospace; }\n/* Headline stack")
    return root


def test_the_pretend_machine_really_offers_its_font(machines, tmp_path):
    """Plain WeasyPrint on the machine with fonts sets monospace text in the test face:
    without this the tests below would prove nothing."""
    script = ("import io, pypdf, weasyprint\n"
              f"pdf = weasyprint.HTML(string='<p style=\"font-family: monospace\">{CREDIT}</p>')"
              ".write_pdf()\n"
              "page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]\n"
              "print([str(f.get_object()['/BaseFont']) for f in "
              "page['/Resources']['/Font'].values()])\n")
    result = run(["-c", script], machines["fonts"], tmp_path)
    assert TEST_FAMILY.replace(" ", "-") in result.stdout, result.stderr


def test_builds_are_identical_with_and_without_the_machines_fonts(machines, monospace_project,
                                                                  tmp_path):
    outputs = {}
    for name, fontconfig in machines.items():
        out = tmp_path / name
        result = run(["-m", "pressroom", "build", "-C", str(monospace_project), "-o", str(out),
                      "-q", "--jobs", "1"], fontconfig, tmp_path)
        assert result.returncode == 0, result.stderr
        outputs[name] = {p.relative_to(out).as_posix(): p.read_bytes()
                         for p in sorted(out.rglob("*.pdf")) if ".cache" not in p.parts}
    assert outputs["fonts"].keys() == outputs["bare"].keys() and outputs["fonts"]
    for name in outputs["fonts"]:
        assert outputs["fonts"][name] == outputs["bare"][name], name


def test_check_finds_no_foreign_font_on_a_machine_with_fonts(machines, monospace_project,
                                                             tmp_path):
    result = run(["-m", "pressroom", "check", "-C", str(monospace_project), "--json"],
                 machines["fonts"], tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in findings] == ["figure-placeholder"], findings
