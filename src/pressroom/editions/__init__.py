"""Editions: the typeset parts of a build in, the files of each edition out; registered in one table.

An edition is a module with NAME, PARTS (the kind of typeset articles it composes
from: 'screen' or 'print', see build/workers.py), `outputs(build_dir, slugs)` (the
files it writes, known without typesetting), `compose(job)` (their bytes; heavy
imports happen inside) and `refuse(project)` (raises when it cannot be made).
Editions are composed in the order of the table; later ones may use what earlier
ones made (the archive uses the screen edition's standalone articles).
marks.py draws printer's marks; pdfx.py makes the print edition PDF/X-4; impose.py
imposes it for saddle stitching.
"""

from __future__ import annotations

from pathlib import Path

from . import archive, printing, screen

EDITIONS = {module.NAME: module for module in (screen, printing, archive)}


def outputs(build_dir: Path, slugs: list[str], names: tuple[str, ...]) -> list[Path]:
    """The files a build of these editions writes, in table order."""
    return [path for name, module in EDITIONS.items() if name in names
            for path in module.outputs(build_dir, slugs)]
