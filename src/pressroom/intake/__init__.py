"""Intake: raw newspaper text in, a draft manuscript, corrections record and review report out.

source.py (lines) → kinds.py (what a line is by its form: the table of patterns)
→ segment.py (joining lines into blocks) → arrange.py (headline, lead, stories,
figures, closing lines) → clean.py (normalisation, run-in heads) → draft.py
(article.md) with records.py (corrections.yml) and review.py (review.md) →
importer.py (writes the files).
"""

from .draft import draft_manuscript
from .importer import ImportResult, import_source

__all__ = ["ImportResult", "draft_manuscript", "import_source"]
