"""Site settings belong to a site: two local governments on one installation."""

import datetime

from django.utils import timezone

from wagtail.models import Site

import pytest

from kcs_core.models import GovernmentSettings
from kcs_core.wagtail_hooks import due_renewals
from tests.conftest import make_home, set_government_settings


@pytest.fixture
def second_site(root_page, thai_locale, home_page):
    home = make_home(root_page, "other-home", "หน้าแรกอีกแห่ง", thai_locale)
    site = Site.objects.create(
        hostname="other.example", port=80, root_page=home, site_name="Other"
    )
    set_government_settings(
        site, name="เทศบาลตำบลตัวอย่าง", phone="055-222-222", hotline="1111"
    )
    return site


def test_each_site_shows_its_own_settings(client, government_settings, second_site):
    first = client.get("/", HTTP_HOST="localhost").content.decode()
    second = client.get("/", HTTP_HOST="other.example").content.decode()

    assert "องค์การบริหารส่วนตำบลทดสอบ" in first and "044-111-111" in first
    assert "เทศบาลตำบลตัวอย่าง" not in first and "055-222-222" not in first
    assert "เทศบาลตำบลตัวอย่าง" in second and "055-222-222" in second
    assert "องค์การบริหารส่วนตำบลทดสอบ" not in second and "044-111-111" not in second


def test_settings_rows_are_one_per_site(government_settings, second_site):
    assert GovernmentSettings.objects.count() == 2
    assert GovernmentSettings.for_site(second_site).phone == "055-222-222"


def test_display_name_follows_language(government_settings):
    from django.utils import translation

    with translation.override("en"):
        assert (
            government_settings.display_name
            == "Test Subdistrict Administrative Organization"
        )
    with translation.override("th"):
        assert government_settings.display_name == "องค์การบริหารส่วนตำบลทดสอบ"


@pytest.mark.parametrize(
    ("days_ahead", "due"), [(61, False), (60, True), (1, True), (0, True), (-3, True)]
)
def test_renewal_window_starts_60_days_before(
    government_settings, admin_user, days_ahead, due
):
    today = timezone.localdate()
    government_settings.website_renewal_date = today + datetime.timedelta(
        days=days_ahead
    )
    government_settings.save()
    assert government_settings.days_until_renewal(today) == days_ahead
    assert (government_settings in due_renewals(admin_user)) is due


def test_no_renewal_date_is_never_due(government_settings, admin_user):
    assert due_renewals(admin_user) == []
