"""Dates: an editor's date in (booklet.yml, front matter), checked against the calendar; its forms in a PDF and in Chinese text out.

Accepted: a day 2026-11-23 (booklet.yml), or an original date 2022-07-01, 2022-07 or
2022; out: D:20261123000000Z, 2026年11月23日, 2022年7月.

Never the clock: the same inputs give the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

# The forms an original date may take: the day, the month or only the year of the paper.
ORIGINAL_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2022-07-01, 2022-07 or 2022)"
DAY_FORM = "YYYY-MM-DD (e.g. 2026-11-23)"
# One or two digits for month and day, as YAML itself reads 2022-7-1 as a date.
DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class DateError(ValueError):
    """A date that is not in an accepted form, or that no calendar has."""


def original_date(value: object) -> str:
    """An article's original date, as YAML read it (an int year, a date, or text), in its
    canonical text: 2022-07-01, 2022-07 or 2022. Raises DateError saying what is wrong."""
    if isinstance(value, dt.datetime):  # a time of day is not printed
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise DateError(f"is not a date but {type(value).__name__}")
    text = f"{value:04d}" if isinstance(value, int) else value.strip()  # YAML reads 0000 as 0
    match = DATE_TEXT.fullmatch(text)
    if not match:
        raise DateError("is not in an accepted form")
    year, month, day = (int(part) if part else None for part in match.groups())
    _check_calendar(year, month, day)
    return "-".join(f"{n:02d}" if i else f"{n:04d}"
                    for i, n in enumerate(p for p in (year, month, day) if p is not None))


def full_date(value: object) -> dt.date:
    """A day (booklet.yml's date), as YAML read it, checked; raises DateError."""
    text = original_date(value)
    if text.count("-") != 2:
        raise DateError("names no day")
    return dt.date.fromisoformat(text)


def _check_calendar(year: int, month: int | None, day: int | None) -> None:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DateError(f"has no year {year}")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"has month {month} (months are 1 to 12)")
    if day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise DateError(f"has day {day} ({year}-{month:02d} has {days} days)")


def pdf_date(date: dt.date) -> str:
    return f"D:{date:%Y%m%d}000000Z"


def date_text(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def original_date_text(date: str) -> str:
    """An original date in Chinese: 2026年7月1日, 2026年7月 or 2022年."""
    parts = [int(p) for p in date.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日"))
