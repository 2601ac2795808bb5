"""Dates: every form an editor may write is read, and every date no calendar has is
refused with what is wrong (month 1–12, the days of that month)."""

from __future__ import annotations

import datetime as dt

import pytest

from pressroom.text.dates import DateError, full_date, original_date, original_date_text


# as YAML gives it, canonical text, as printed
ACCEPTED = [
    (2022, "2022", "2022年"),
    ("2022", "2022", "2022年"),
    ("2022-07", "2022-07", "2022年7月"),
    ("2022-7", "2022-07", "2022年7月"),
    ("2022-12", "2022-12", "2022年12月"),
    (dt.date(2022, 7, 1), "2022-07-01", "2022年7月1日"),
    ("2022-7-1", "2022-07-01", "2022年7月1日"),
    ("2024-02-29", "2024-02-29", "2024年2月29日"),  # a leap year
    (dt.datetime(2022, 7, 1, 10, 30), "2022-07-01", "2022年7月1日"),
]


@pytest.mark.parametrize("value, text, chinese", ACCEPTED, ids=[str(a[0]) for a in ACCEPTED])
def test_every_accepted_form_is_read_and_printed(value, text, chinese):
    assert original_date(value) == text
    assert original_date_text(original_date(value)) == chinese


# as YAML gives it (2022-13 is text: YAML has no such timestamp), what the error says
REFUSED = [
    ("2022-13", "has month 13 (months are 1 to 12)"),
    ("2022-00", "has month 0 (months are 1 to 12)"),
    ("2022-13-45", "has month 13"),
    ("2022-02-30", "has day 30 (2022-02 has 28 days)"),
    ("2023-02-29", "has day 29 (2023-02 has 28 days)"),
    ("2022-04-31", "has day 31 (2022-04 has 30 days)"),
    ("2022-01-00", "has day 0"),
    (0, "has no year 0"),  # date: 0000
    ("2022/07", "is not in an accepted form"),
    ("22-07", "is not in an accepted form"),
    ("2022年7月", "is not in an accepted form"),
    (20220701, "is not in an accepted form"),
    (True, "is not a date"),
    ([2022], "is not a date"),
]


@pytest.mark.parametrize("value, words", REFUSED, ids=[str(r[0]) for r in REFUSED])
def test_an_impossible_or_unreadable_date_is_refused_with_the_reason(value, words):
    with pytest.raises(DateError) as info:
        original_date(value)
    assert words in str(info.value)


def test_a_booklet_date_must_name_its_day():
    assert full_date("2026-11-23") == dt.date(2026, 11, 23)
    assert full_date(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)
    for value, words in [("2026-11", "names no day"), (2026, "names no day"),
                         ("2026-11-31", "has day 31")]:
        with pytest.raises(DateError, match=words):
            full_date(value)
