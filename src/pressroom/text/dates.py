"""Dates: a date from booklet.yml in, its forms in a PDF (D:YYYYMMDD…) and in Chinese text (2026年11月23日) out.

Never the clock: the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt


def pdf_date(date: dt.date) -> str:
    return f"D:{date:%Y%m%d}000000Z"


def date_text(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"
