"""Due dates from a service's processing time (eservice_forms.deadlines): working days
skip weekends and Thai public holidays, substitution days included."""

import datetime

import pytest

from eservice_forms.deadlines import (
    CALENDAR_DAYS,
    WORKING_DAYS,
    add_working_days,
    due_date,
    is_working_day,
)

day = datetime.date


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (day(2026, 1, 5), 0, day(2026, 1, 5)),  # nothing to add
        (day(2026, 1, 9), 1, day(2026, 1, 12)),  # Friday + 1: the next Monday
        (day(2026, 1, 5), 5, day(2026, 1, 12)),  # a whole working week
        # Mon 13 – Wed 15 April 2026 are Songkran.
        (day(2026, 4, 10), 1, day(2026, 4, 16)),
        # Fri 1 May (Labour Day), the weekend, Mon 4 May (Coronation Day).
        (day(2026, 4, 30), 2, day(2026, 5, 6)),
        # Sat 5 December falls on a weekend: Mon 7 is its substitution day; Thu 10
        # is Constitution Day.
        (day(2026, 12, 4), 3, day(2026, 12, 11)),
    ],
)
def test_working_days_skip_weekends_and_thai_holidays(start, count, due):
    assert add_working_days(start, count) == due
    assert due_date(start, count, WORKING_DAYS) == due


def test_a_working_day_is_a_weekday_that_is_no_holiday():
    assert is_working_day(day(2026, 1, 5))  # Monday
    assert not is_working_day(day(2026, 1, 10))  # Saturday
    assert not is_working_day(day(2026, 4, 13))  # Songkran, a Monday


def test_calendar_days_count_every_day():
    assert due_date(day(2026, 1, 2), 45, CALENDAR_DAYS) == day(2026, 2, 16)
