"""Dates in the reader's language, Buddhist-era dates and the Thai fiscal year.

Every date or time a person reads (pages, e-mails, PDFs, exports, file names, admin
listings, command output) goes through the ``format_*`` functions here, or the
``local_*`` template filters of ``kcs_core_tags`` built on them: Thai with the
Buddhist era and Thai month names, other languages with the Gregorian year; times
in the site's zone (``TIME_ZONE``).

The Thai fiscal year runs from 1 October to 30 September and is named by the
Buddhist-era year in which it ends: FY 2569 is 1 Oct 2025 – 30 Sep 2026.
"""

import datetime
import re

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import get_language, gettext, ngettext, override

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
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Thai is written without spaces between words, so a browser breaks a line at any
# space: a date's day, month and year, or "พ.ศ." and its year, are joined by no-break
# spaces so that they stay on one line.
NO_BREAK_SPACE = "\u00a0"


# The ``format_*`` functions return plain spaces (for e-mails, exports and the API);
# the template filters of ``kcs_core_tags`` join them for pages.
ERA_YEAR = re.compile(r"(พ\.\s?ศ\.|ค\.\s?ศ\.)[ \t]+(?=[0-9๐-๙])")


def keep_together(text: str) -> str:
    """``text`` with its spaces as no-break spaces, for a short phrase a line must
    not split: ``9 พ.ย. 2564``, a person's name."""
    return text.replace(" ", NO_BREAK_SPACE)


def keep_era_years(text: str) -> str:
    """``พ.ศ. 2550`` (and ``ค.ศ.``) joined to its year by a no-break space inside
    a longer text, which may break anywhere else."""
    return ERA_YEAR.sub(lambda match: match.group(1) + NO_BREAK_SPACE, text)


def thai_digits(text: object) -> str:
    """Replace Arabic digits by Thai digits: ``2564`` → ``๒๕๖๔``."""
    return str(text).translate(_THAI_DIGITS)


def arabic_digits(text: object) -> str:
    """Replace Thai digits by Arabic digits, as people may type them: ``๒๕๖๔`` →
    ``2564``."""
    return str(text).translate(_ARABIC_DIGITS)


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


# Fiscal years before this one (B.E.) are typing mistakes, not years to show.
EARLIEST_FISCAL_YEAR = 2500


def fiscal_year_asked(value: str | None, today: datetime.date | None = None) -> int:
    """The fiscal year a reader asked for (``?year=2565``), else the current one: a
    year before 2500 or after the current one is a typing mistake, not a year to
    show."""
    current = fiscal_year(today or timezone.localdate())
    try:
        year = int(value) if value else current
    except ValueError:
        return current
    return year if EARLIEST_FISCAL_YEAR <= year <= current else current


def fiscal_year_choice(
    asked: str | None, years_with_figures, today: datetime.date | None = None
) -> dict:
    """What a page shown one fiscal year at a time puts in its template: ``year``
    (:func:`fiscal_year_asked`), ``years`` for the picker (those with figures, the
    current one and the one shown, newest first) and ``year_refused``, the text
    ``?year=`` asked for when it is no year that can be shown, so that the page
    says so instead of quietly showing another year."""
    current = fiscal_year(today or timezone.localdate())
    year = fiscal_year_asked(asked, today)
    asked = (asked or "").strip()
    honoured = not asked or (asked.isdigit() and int(asked) == year)
    return {
        "year": year,
        "years": sorted({*years_with_figures, current, year}, reverse=True),
        "year_refused": "" if honoured else asked[:12],
    }


def fiscal_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a Buddhist-era fiscal year."""
    ce_year = year - BE_OFFSET
    return datetime.date(ce_year - 1, FISCAL_YEAR_FIRST_MONTH, 1), datetime.date(
        ce_year, 9, 30
    )


# --- In the reader's language ------------------------------------------------------
# Thai readers get the Buddhist era and Thai month names, everyone else the Gregorian
# year and the month names of their language; times are always the site's zone
# (``TIME_ZONE``, Asia/Bangkok).


def reader_language(language: str | None = None) -> str:
    """``language``, else the active language, else ``LANGUAGE_CODE``."""
    return language or get_language() or settings.LANGUAGE_CODE


def is_thai(language: str | None = None) -> bool:
    """Whether ``language`` (default: the active one, else ``LANGUAGE_CODE``) is
    Thai."""
    return reader_language(language).split("-")[0].lower() == "th"


def start_of_day(day: datetime.date | None = None) -> datetime.datetime:
    """The first moment of a local ``day`` (today when not given), time-zone aware:
    a time kept no finer than its day."""
    return timezone.make_aware(
        datetime.datetime.combine(day or timezone.localdate(), datetime.time())
    )


def as_local_datetime(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in the current time zone (the site's); a naive one as is."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def format_date(
    value: datetime.date | None, style: str = "short", language: str | None = None
) -> str:
    """A date for the reader: ``9 พ.ย. 2564`` / ``9 พฤศจิกายน 2564`` in Thai,
    ``9 Nov 2021`` / ``9 November 2021`` otherwise. Empty for no date."""
    if not value:
        return ""
    if is_thai(language):
        return format_thai_date(value, style=style)
    pattern = "j F Y" if style == "long" else "j M Y"
    with override(reader_language(language)):
        return dateformat.format(as_local_date(value), pattern)


def format_time(value: datetime.datetime | None, language: str | None = None) -> str:
    """The clock time in the site's zone: ``14:05 น.`` in Thai, ``14:05``
    otherwise."""
    if not value:
        return ""
    text = f"{as_local_datetime(value):%H:%M}"
    return f"{text} น." if is_thai(language) else text


def format_datetime(
    value: datetime.datetime | None,
    style: str = "short",
    language: str | None = None,
) -> str:
    """Date and time for the reader: ``2 ธ.ค. 2569 00:19 น.`` /
    ``2 Dec 2026 00:19``. A plain date shows without a time."""
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value, style, language)
    value = as_local_datetime(value)
    return f"{format_date(value, style, language)} {format_time(value, language)}"


def format_year(value: datetime.date | int, language: str | None = None) -> str:
    """A calendar year for the reader: ``2569`` in Thai, ``2026`` otherwise. An
    ``int`` is read as a Gregorian year."""
    year = value if isinstance(value, int) else as_local_date(value).year
    return str(year + BE_OFFSET if is_thai(language) else year)


def month_name(month: int, style: str = "long", language: str | None = None) -> str:
    """The name of a month (1–12): ``ตุลาคม`` / ``October``; ``style="short"``:
    ``ต.ค.`` / ``Oct``."""
    if is_thai(language):
        return (THAI_MONTHS_SHORT if style == "short" else THAI_MONTHS_LONG)[month - 1]
    with override(reader_language(language)):
        return dateformat.format(
            datetime.date(2000, month, 1), "M" if style == "short" else "F"
        )


def format_month(year: int, month: int, language: str | None = None) -> str:
    """A month of a Gregorian ``year``: ``ตุลาคม 2568`` / ``October 2025``."""
    return f"{month_name(month, language=language)} {format_year(year, language)}"


def format_fiscal_year(year: int | None, language: str | None = None) -> str:
    """A fiscal year named by its Buddhist-era year (as stored and in URLs) for the
    reader: ``2570`` in Thai, ``2027`` (the Gregorian year it ends in, as the
    Bureau of the Budget writes "FY 2027") otherwise."""
    if not year:
        return ""
    return str(year if is_thai(language) else year - BE_OFFSET)


def format_due(
    value: datetime.date | None,
    today: datetime.date | None = None,
    language: str | None = None,
) -> str:
    """How far a due date is from today, forwards or backwards: ``อีก 3 วัน`` /
    ``in 3 days``, ``วันนี้`` / ``today``, ``เกินกำหนด 2 วัน`` / ``2 days overdue``."""
    if not value:
        return ""
    today = today or timezone.localdate()
    days = (as_local_date(value) - today).days
    with override(reader_language(language)):
        if days == 0:
            return gettext("due today")
        if days > 0:
            return ngettext("in %(days)d day", "in %(days)d days", days) % {
                "days": days
            }
        return ngettext("%(days)d day overdue", "%(days)d days overdue", -days) % {
            "days": -days
        }


DAYS_IN_YEAR = 365
DAYS_IN_MONTH = 30


def format_period(days: int, language: str | None = None) -> str:
    """A length of time as a person says it: ``2 ปี`` / ``2 years`` for 730 days,
    ``6 เดือน`` / ``6 months`` for 180, ``45 วัน`` / ``45 days`` otherwise."""
    with override(reader_language(language)):
        if days and days % DAYS_IN_YEAR == 0:
            years = days // DAYS_IN_YEAR
            return ngettext("%(years)d year", "%(years)d years", years) % {
                "years": years
            }
        if days and days % DAYS_IN_MONTH == 0:
            months = days // DAYS_IN_MONTH
            return ngettext("%(months)d month", "%(months)d months", months) % {
                "months": months
            }
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def format_date_with_due(
    value: datetime.date | None,
    today: datetime.date | None = None,
    language: str | None = None,
) -> str:
    """``3 ธ.ค. 2569 (อีก 1 วัน)`` / ``3 Dec 2026 (in 1 day)``: a due date and
    how far it is."""
    if not value:
        return ""
    return (
        f"{format_date(value, language=language)}"
        f" ({format_due(value, today, language)})"
    )


def file_stamp(value: datetime.datetime, language: str | None = None) -> str:
    """A moment for a file name, in the site's zone: ``25691202-0019`` in Thai,
    ``20261202-0019`` otherwise (sortable, no spaces)."""
    value = as_local_datetime(value)
    return f"{format_year(value, language)}{value:%m%d-%H%M}"
