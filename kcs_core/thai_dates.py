"""Buddhist-era dates and the Thai fiscal year.

The Thai fiscal year runs from 1 October to 30 September and is named by the
Buddhist-era year in which it ends: FY 2569 is 1 Oct 2025 – 30 Sep 2026.
"""

import datetime

from django.utils import timezone

BE_OFFSET = 543
FISCAL_YEAR_FIRST_MONTH = 10

THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
THAI_MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai_digits(text: object) -> str:
    """Replace Arabic digits by Thai digits: ``2564`` → ``๒๕๖๔``."""
    return str(text).translate(_THAI_DIGITS)


def as_local_date(value: datetime.date) -> datetime.date:
    """A date as is; an aware datetime as its date in the current time zone."""
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else value.date()
        )
    return value


def be_year(value: datetime.date) -> int:
    """The Buddhist-era year of a date."""
    return as_local_date(value).year + BE_OFFSET


def format_thai_date(
    value: datetime.date, style: str = "short", digits: str = "arabic"
) -> str:
    """A date in Thai with its Buddhist-era year.

    ``style`` is ``short`` (``9 พ.ย. 2564``) or ``long`` (``9 พฤศจิกายน 2564``);
    ``digits="thai"`` writes Thai digits (``๙ พ.ย. ๒๕๖๔``). A datetime is shown in the
    current time zone.
    """
    value = as_local_date(value)
    months = THAI_MONTHS_LONG if style == "long" else THAI_MONTHS_SHORT
    text = f"{value.day} {months[value.month - 1]} {be_year(value)}"
    return thai_digits(text) if digits == "thai" else text


def fiscal_year(value: datetime.date) -> int:
    """The Buddhist-era fiscal year a date falls in (1 Oct – 30 Sep)."""
    value = as_local_date(value)
    year = be_year(value)
    return year + 1 if value.month >= FISCAL_YEAR_FIRST_MONTH else year


def fiscal_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a Buddhist-era fiscal year."""
    ce_year = year - BE_OFFSET
    return datetime.date(ce_year - 1, FISCAL_YEAR_FIRST_MONTH, 1), datetime.date(
        ce_year, 9, 30
    )
