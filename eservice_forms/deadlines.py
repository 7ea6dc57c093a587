"""Due dates from a service's declared processing time.

Working days skip Saturdays, Sundays and Thai public holidays (the ``holidays``
package's calendar for Thailand, which includes substitution days).
"""

import datetime
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

import holidays

CALENDAR_DAYS = "days"
WORKING_DAYS = "working_days"
TIME_UNIT_CHOICES = [
    (CALENDAR_DAYS, _("days")),
    (WORKING_DAYS, _("working days")),
]


@lru_cache(maxsize=32)
def thai_public_holidays(year: int) -> frozenset[datetime.date]:
    """Thai public holidays of a Gregorian year."""
    return frozenset(holidays.country_holidays("TH", years=year))


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a Thai public holiday."""
    return day.weekday() < 5 and day not in thai_public_holidays(day.year)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def due_date(start: datetime.date, amount: int, unit: str) -> datetime.date:
    """The last day to finish a request received on ``start``."""
    if unit == WORKING_DAYS:
        return add_working_days(start, amount)
    return start + datetime.timedelta(days=amount)
