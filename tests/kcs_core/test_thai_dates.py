import datetime

from django.template import Context, Template

import pytest

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


def render(source, **context):
    return Template("{% load kcs_core_tags %}" + source).render(Context(context))


def test_template_filters():
    assert render("{{ d|thai_date }}", d=MEMO_DATE) == "9 พ.ย. 2564"
    assert render('{{ d|thai_date:"long" }}', d=MEMO_DATE) == "9 พฤศจิกายน 2564"
    assert render("{{ d|thai_date|thai_digits }}", d=MEMO_DATE) == "๙ พ.ย. ๒๕๖๔"
    assert render("{{ d|fiscal_year }}", d=datetime.date(2021, 10, 1)) == "2565"
    assert render("{{ d|thai_date }}{{ d|fiscal_year }}", d=None) == ""
