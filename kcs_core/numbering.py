"""Numbers that start again at 1 each fiscal year on each site: the case numbers of
tips, the reference numbers of e-service requests, the numbers of letters to community
leaders.

The counter of a year is the :mod:`kcs_core.sequences` key ``<sequence>:<year>``
(Buddhist era), so numbering is gap-free and safe under concurrent requests.
"""

import datetime
from typing import NamedTuple

from kcs_core.sequences import next_number
from kcs_core.thai_dates import fiscal_year


class FiscalNumber(NamedTuple):
    """A row's place in its numbering: the fiscal year and the number in it."""

    year: int
    number: int


def next_fiscal_number(site, sequence: str, day: datetime.date) -> FiscalNumber:
    """The next number of ``sequence`` on ``site`` in the fiscal year of ``day`` (a
    date, or an aware datetime).

    Call it inside the ``transaction.atomic()`` block that stores the numbered row,
    as :func:`kcs_core.sequences.next_number` requires.
    """
    year = fiscal_year(day)
    return FiscalNumber(year, next_number(site, f"{sequence}:{year}"))
