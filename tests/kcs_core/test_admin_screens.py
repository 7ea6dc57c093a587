"""The plugin's admin screens name themselves in the browser's tab, as Wagtail's own
do (every screen is checked in tests/kcs_wagtail/test_admin_crawl.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_screen_is_titled_with_its_heading(admin_client, site):
    html = admin_client.get("/admin/ita/readiness/").content.decode()
    assert "<title>ความพร้อม ITA - " in html
    assert "<h1" in html and "ความพร้อม ITA" in html.split("<h1", 1)[1][:400]
