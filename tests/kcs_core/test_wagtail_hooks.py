"""The admin's JavaScript strings in Thai: kcs_core serves Thai for the strings of
Wagtail's admin JavaScript that Wagtail's Thai catalog lacks, and every admin page
loads that catalog after Wagtail's, so its entries join ``django.catalog``.
"""

import json
import re

from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from tests.conftest import sign_in


def set_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def catalog_entries(response) -> dict:
    """The entries the catalog script adds to ``django.catalog``."""
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.text, re.S)
    assert match, response.text[:500]
    return json.loads(match.group(1))


def script_sources(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


@pytest.fixture
def thai_admin(client, admin_user):
    set_language(admin_user, "th")
    return sign_in(client, admin_user)


@pytest.mark.django_db
def test_catalog_has_thai_for_wagtail_strings(thai_admin):
    response = thai_admin.get(reverse("kcs_admin_javascript_catalog"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    entries = catalog_entries(response)
    assert entries["Main menu"] == "เมนูหลัก"
    assert entries["Are you sure?"] == "ยืนยันหรือไม่"
    assert entries["Saving..."] == "กำลังบันทึก..."
    assert entries["%(num)s error"] == ["ข้อผิดพลาด %(num)s รายการ"]


@pytest.mark.django_db
def test_catalog_adds_to_wagtails_catalog_rather_than_replacing_it(thai_admin):
    # Django's catalog script keeps what an earlier catalog put in django.catalog.
    text = thai_admin.get(reverse("kcs_admin_javascript_catalog")).text

    assert "django.catalog = django.catalog || {};" in text
    assert "django.catalog[key] = newcatalog[key];" in text


@pytest.mark.django_db
def test_catalog_fills_only_what_wagtail_lacks(thai_admin):
    ours = catalog_entries(thai_admin.get(reverse("kcs_admin_javascript_catalog")))
    wagtails = catalog_entries(
        thai_admin.get(reverse("wagtailadmin_javascript_catalog"))
    )

    assert "Main menu" not in wagtails
    assert not set(ours) & set(wagtails)


@pytest.mark.django_db
def test_admin_page_loads_the_catalog_after_wagtails(thai_admin):
    response = thai_admin.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    sources = script_sources(response.content.decode())
    wagtails = sources.index(reverse("wagtailadmin_javascript_catalog"))
    ours = sources.index(reverse("kcs_admin_javascript_catalog"))
    # Wagtail's scripts in between call gettext only when they render, on
    # DOMContentLoaded, after both catalogs have run.
    assert wagtails < ours


@pytest.mark.django_db
def test_english_admin_does_not_load_it(client, admin_user):
    set_language(admin_user, "en")
    sign_in(client, admin_user)

    response = client.get(reverse("wagtailadmin_home"))

    assert reverse("kcs_admin_javascript_catalog") not in response.content.decode()
