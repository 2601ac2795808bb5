"""Intake: raw newspaper text or a Word file in, a draft manuscript, corrections record, review report (and a Word file's photos) out.

source.py (lines) → kinds.py (what a line is by its form: the table of patterns)
→ segment.py (joining lines into blocks) → roles.py (what each block is in its
article: the table of rules) → arrange.py (front matter, stories, figures) →
clean.py (normalisation, run-in heads) → draft.py (article.md) with records.py
(corrections.yml) and review.py (review.md) → importer.py (writes the files).
"""

from .draft import draft_manuscript
from .importer import ImportResult, import_source

__all__ = ["ImportResult", "draft_manuscript", "import_source"]
