"""The screen edition: typeset parts in, booklet.pdf and one standalone PDF per article (articles/) out."""

from __future__ import annotations

from pathlib import Path

NAME = "screen"
PARTS = "screen"  # the articles as typeset for the screen


def outputs(build_dir: Path, slugs: list[str]) -> list[Path]:
    return [build_dir / "articles" / f"{slug}.pdf" for slug in slugs] + \
        [build_dir / "booklet.pdf"]


def compose(job) -> dict[Path, bytes]:
    """The booklet, and each article as typeset on its own (folios from 1)."""
    out = {job.build_dir / "articles" / f"{slug}.pdf": pdf
           for slug, pdf in job.standalone.items()}
    out[job.build_dir / "booklet.pdf"] = job.composition.pdf
    return out


def refuse(project) -> None:
    """The screen edition can always be made from loaded inputs."""
