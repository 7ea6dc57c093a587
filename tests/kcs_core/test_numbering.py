"""Numbers that start again each fiscal or calendar year, per site and sequence."""

import datetime

from django.db import transaction

from kcs_core.models import SiteSequence
from kcs_core.numbering import YearNumber, next_calendar_number, next_fiscal_number


def issue(site, sequence, day):
    with transaction.atomic():
        return next_fiscal_number(site, sequence, day)


def test_numbers_follow_each_other_within_a_fiscal_year(site):
    # 30 September 2025 and 1 October 2024 are both in fiscal year 2568.
    assert issue(site, "cases", datetime.date(2024, 10, 1)) == YearNumber(2568, 1)
    assert issue(site, "cases", datetime.date(2025, 9, 30)) == YearNumber(2568, 2)


def test_a_new_fiscal_year_starts_again_at_one(site):
    issue(site, "cases", datetime.date(2025, 9, 30))
    assert issue(site, "cases", datetime.date(2025, 10, 1)) == YearNumber(2569, 1)
    assert SiteSequence.objects.get(site=site, key="cases:2568").value == 1


def test_sequences_count_separately(site):
    issue(site, "cases", datetime.date(2025, 10, 1))
    assert issue(site, "requests", datetime.date(2025, 10, 1)).number == 1


def test_an_aware_datetime_counts_in_the_local_date(site, settings):
    settings.TIME_ZONE = "Asia/Bangkok"
    # 17:30 UTC on 30 September is already 1 October in Bangkok.
    moment = datetime.datetime(2025, 9, 30, 17, 30, tzinfo=datetime.UTC)
    assert issue(site, "cases", moment).year == 2569


def test_a_calendar_year_register_starts_again_on_the_first_of_january(site):
    def register(day):
        with transaction.atomic():
            return next_calendar_number(site, "letters", day)

    assert register(datetime.date(2025, 9, 30)) == YearNumber(2568, 1)
    assert register(datetime.date(2025, 10, 1)) == YearNumber(2568, 2)
    assert register(datetime.date(2026, 1, 1)) == YearNumber(2569, 1)
