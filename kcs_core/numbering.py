"""Numbers that start again at 1 each year on each site: each fiscal year, the case
numbers of tips and the reference numbers of e-service requests; each calendar year,
the numbers of letters to community leaders, as the Regulation on Correspondence
(ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ, clause 43.1.2) numbers the outgoing-letter
register "throughout the calendar year".

The counter of a year is the :mod:`kcs_core.sequences` key ``<sequence>:<year>``
(Buddhist era), so numbering is gap-free and safe under concurrent requests. Call
these inside the ``transaction.atomic()`` block that stores the numbered row, as
:func:`kcs_core.sequences.next_number` requires.
"""

import datetime
from typing import NamedTuple

from kcs_core.sequences import next_number
from kcs_core.thai_dates import be_year, fiscal_year


class YearNumber(NamedTuple):
    """A row's place in its numbering: the Buddhist-era year and the number in it."""

    year: int
    number: int


def next_number_in_year(site, sequence: str, year: int) -> YearNumber:
    """The next number of ``sequence`` on ``site`` in Buddhist-era ``year``."""
    return YearNumber(year, next_number(site, f"{sequence}:{year}"))


def next_fiscal_number(site, sequence: str, day: datetime.date) -> YearNumber:
    """The next number of ``sequence`` on ``site`` in the fiscal year of ``day`` (a
    date, or an aware datetime)."""
    return next_number_in_year(site, sequence, fiscal_year(day))


def next_calendar_number(site, sequence: str, day: datetime.date) -> YearNumber:
    """The next number of ``sequence`` on ``site`` in the calendar year of ``day``."""
    return next_number_in_year(site, sequence, be_year(day))
