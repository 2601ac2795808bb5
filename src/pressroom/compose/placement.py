"""Placement: where each typeset part sits in a merged PDF, and what a composition gives back."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..exceptions import Problem
from ..project.manuscript import Article
from ..typeset.part import Part


@dataclass
class Placed:
    """Where one typeset document sits in the booklet."""

    name: str  # 'front', an article slug, 'colophon'
    part: Part
    first_index: int  # physical page index in the booklet
    first_folio: int | None  # arabic folio of its first page, None for front matter
    article: Article | None = None


@dataclass
class Composition:
    pdf: bytes
    pages: int
    starts: dict[str, int] = field(default_factory=dict)  # slug → folio of first page
    warnings: list[Problem] = field(default_factory=list)
