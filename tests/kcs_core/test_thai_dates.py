import datetime

from django.template import Context, Template
from django.utils import translation

import pytest

from kcs_core import thai_dates
from kcs_core.thai_dates import (
    fiscal_year,
    fiscal_year_bounds,
    format_thai_date,
    thai_digits,
)

MEMO_DATE = datetime.date(2021, 11, 9)


def test_short_date_in_buddhist_era():
    assert format_thai_date(MEMO_DATE) == "9 พ.ย. 2564"


def test_long_date_in_buddhist_era():
    assert format_thai_date(MEMO_DATE, style="long") == "9 พฤศจิกายน 2564"


def test_thai_digits():
    assert format_thai_date(MEMO_DATE, digits="thai") == "๙ พ.ย. ๒๕๖๔"
    assert thai_digits("o42 / 2565") == "o๔๒ / ๒๕๖๕"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 9, 30), 2568),  # last day of FY 2568
        (datetime.date(2025, 10, 1), 2569),  # first day of FY 2569
        (datetime.date(2026, 9, 30), 2569),
        (datetime.date(2026, 10, 1), 2570),
        (datetime.date(2026, 1, 1), 2569),
        (datetime.date(2025, 12, 31), 2569),
    ],
)
def test_fiscal_year_boundaries(day, expected):
    assert fiscal_year(day) == expected


def test_fiscal_year_bounds_round_trip():
    first, last = fiscal_year_bounds(2569)
    assert (first, last) == (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))
    assert fiscal_year(first) == fiscal_year(last) == 2569
    assert fiscal_year(first - datetime.timedelta(days=1)) == 2568


def test_aware_datetime_uses_bangkok_time(settings):
    # 20:00 UTC on 30 Sep is already 1 Oct in Bangkok.
    moment = datetime.datetime(2025, 9, 30, 20, 0, tzinfo=datetime.UTC)
    assert format_thai_date(moment) == "1 ต.ค. 2568"


def nb(text):
    """``text`` as the page filters write it: no line break inside."""
    return text.replace(" ", "\u00a0")


def render(source, **context):
    return Template("{% load kcs_core_tags %}" + source).render(Context(context))


def test_template_filters():
    assert render("{{ d|thai_date }}", d=MEMO_DATE) == nb("9 พ.ย. 2564")
    assert render('{{ d|thai_date:"long" }}', d=MEMO_DATE) == nb("9 พฤศจิกายน 2564")
    assert render("{{ d|thai_date|thai_digits }}", d=MEMO_DATE) == nb("๙ พ.ย. ๒๕๖๔")
    assert render("{{ d|fiscal_year }}", d=datetime.date(2021, 10, 1)) == "2565"
    assert render("{{ d|thai_date }}{{ d|fiscal_year }}", d=None) == ""


# --- In the reader's language ------------------------------------------------------

# 17:19 UTC on 1 Dec 2026 is 00:19 on 2 Dec 2026 (2 ธ.ค. 2569) in Bangkok.
LATE_EVENING_UTC = datetime.datetime(2026, 12, 1, 17, 19, tzinfo=datetime.UTC)


def test_format_date_follows_the_reader_language():
    assert thai_dates.format_date(MEMO_DATE, language="th") == "9 พ.ย. 2564"
    assert thai_dates.format_date(MEMO_DATE, language="en") == "9 Nov 2021"
    assert thai_dates.format_date(MEMO_DATE, "long", "en") == "9 November 2021"
    with translation.override("en"):
        assert thai_dates.format_date(MEMO_DATE, "long") == "9 November 2021"
    with translation.override("th"):
        assert thai_dates.format_date(MEMO_DATE, "long") == "9 พฤศจิกายน 2564"


def test_no_active_language_reads_language_code(settings):
    settings.LANGUAGE_CODE = "th"
    with translation.override(None):
        assert thai_dates.format_date(MEMO_DATE) == "9 พ.ย. 2564"
        assert thai_dates.format_due(MEMO_DATE, today=MEMO_DATE) == "ครบกำหนดวันนี้"


def test_datetimes_in_bangkok_time():
    assert (
        thai_dates.format_datetime(LATE_EVENING_UTC, language="th")
        == "2 ธ.ค. 2569 00:19 น."
    )
    assert thai_dates.format_datetime(LATE_EVENING_UTC, language="en") == (
        "2 Dec 2026 00:19"
    )
    assert thai_dates.format_time(LATE_EVENING_UTC, language="en") == "00:19"


def test_file_stamp_is_local_time_in_the_reader_calendar():
    assert thai_dates.file_stamp(LATE_EVENING_UTC, "th") == "25691202-0019"
    assert thai_dates.file_stamp(LATE_EVENING_UTC, "en") == "20261202-0019"


def test_fiscal_year_and_months_for_each_language():
    assert thai_dates.format_fiscal_year(2570, "th") == "2570"
    assert thai_dates.format_fiscal_year(2570, "en") == "2027"
    assert thai_dates.format_month(2025, 10, "th") == "ตุลาคม 2568"
    assert thai_dates.format_month(2025, 10, "en") == "October 2025"
    assert thai_dates.month_name(10, "short", "th") == "ต.ค."
    assert thai_dates.month_name(10, "short", "en") == "Oct"


@pytest.mark.parametrize(
    ("days", "thai", "english"),
    [
        (3, "อีก 3 วัน", "in 3 days"),
        (1, "อีก 1 วัน", "in 1 day"),
        (0, "ครบกำหนดวันนี้", "due today"),
        (-1, "เกินกำหนด 1 วัน", "1 day overdue"),
        (-2, "เกินกำหนด 2 วัน", "2 days overdue"),
    ],
)
def test_due_dates_read_forwards_and_backwards(days, thai, english):
    today = datetime.date(2026, 12, 2)
    due = today + datetime.timedelta(days=days)
    assert thai_dates.format_due(due, today, "th") == thai
    assert thai_dates.format_due(due, today, "en") == english


def test_language_aware_filters():
    moment = LATE_EVENING_UTC
    with translation.override("en"):
        assert render("{{ d|local_date }}", d=MEMO_DATE) == "9 Nov 2021"
        assert render("{{ d|thai_date:'long' }}", d=MEMO_DATE) == "9 November 2021"
        assert render("{{ d|local_datetime }}", d=moment) == "2 Dec 2026 00:19"
        assert render("{{ y|local_fiscal_year }}", y=2570) == "2027"
    with translation.override("th"):
        assert render("{{ d|local_datetime }}", d=moment) == (
            nb("2 ธ.ค. 2569") + " " + nb("00:19 น.")
        )
        assert render("{{ y|local_fiscal_year }}", y=2570) == "2570"
        # Not a date: passes through, so any form answer can go through it.
        assert render("{{ v|local_date }}", v="น้ำประปา") == "น้ำประปา"


def test_pages_keep_a_date_and_the_era_with_its_year_on_one_line():
    """Thai breaks lines at spaces: a date, a name and "พ.ศ. 2550" must not split;
    the functions themselves keep plain spaces for e-mails, exports and the API."""
    assert format_thai_date(MEMO_DATE) == "9 พ.ย. 2564"
    assert render("{{ d|local_date }}", d=MEMO_DATE) == "9\u00a0พ.ย.\u00a02564"
    assert render("{{ n|keep_together }}", n="สมชาย ใจดี") == (
        '<span class="kcs-word">สมชาย ใจดี</span>'
    )
    law = "พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 มาตรา 21"
    assert thai_dates.keep_era_years(law) == (
        "พระราชบัญญัติควบคุมอาคาร พ.ศ.\u00a02522 มาตรา 21"
    )
    assert render("{{ t|keep_together }}", t=None) == ""


@pytest.mark.parametrize(
    ("days", "thai", "english"),
    [(730, "2 ปี", "2 years"), (365, "1 ปี", "1 year"), (180, "6 เดือน", "6 months"),
     (45, "45 วัน", "45 days"), (1, "1 วัน", "1 day")],
)  # fmt: skip
def test_a_period_reads_as_a_person_says_it(days, thai, english):
    assert thai_dates.format_period(days, "th") == thai
    assert thai_dates.format_period(days, "en") == english


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("2565", 2565), ("2570", 2570), (None, 2570), ("", 2570), ("abc", 2570),
     ("2499", 2570), ("2571", 2570), ("2026", 2570)],
)  # fmt: skip
def test_the_fiscal_year_a_reader_asks_for_is_one_that_can_be_shown(asked, shown):
    today = datetime.date(2026, 12, 2)  # fiscal year 2570
    assert thai_dates.fiscal_year_asked(asked, today) == shown


def test_a_year_that_cannot_be_shown_is_named_for_the_page_to_say_so():
    today = datetime.date(2026, 12, 2)  # fiscal year 2570
    choice = thai_dates.fiscal_year_choice("2599", {2565}, today)
    assert choice == {"year": 2570, "years": [2570, 2565], "year_refused": "2599"}

    def refused(asked):
        return thai_dates.fiscal_year_choice(asked, [], today)["year_refused"]

    assert [refused(asked) for asked in (None, "", " 2565 ", "๒๕๖๕")] == [""] * 4
    assert refused("x" * 99) == "x" * 12
