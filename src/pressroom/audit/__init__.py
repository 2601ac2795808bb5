"""Provenance: manuscripts, sources as received and corrections records in, proof that each manuscript says what its source said (or located problems) out.

kinds.py (what each kind of correction means: one table), record.py
(corrections.yml), streams.py (normalised character streams, and the printed text
records quote), align.py (matching the two texts), paragraphs.py (splits and joins
of paragraphs), messages.py, article.py (the audit of one article and of the
booklet); changes.py, rewrite.py and recorder.py bring a record up to date
(`pressroom record`).
"""

from .align import align
from .article import ArticleAudit, audit_article, audit_articles, audit_project

__all__ = ["ArticleAudit", "align", "audit_article", "audit_articles", "audit_project"]
