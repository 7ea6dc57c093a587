"""The page types' fields in the Wagtail API v2; tips themselves are never there."""

import pytest

from tests.conftest import publish_child
from tests.tips.conftest import make_handler
from tips.models import TipGuidelinePage, TipStatisticsPage

pytestmark = pytest.mark.django_db


def api_page(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def test_tip_page_fields(client, tip_page, django_user_model, site):
    make_handler(django_user_model, site, name="นางสาวสมใจ ใจดี", position="นิติกร")
    data = api_page(client, tip_page)
    assert data["acknowledge_within_days"] == 7
    assert data["handlers"] == [{"name": "นางสาวสมใจ ใจดี", "position": "นิติกร"}]
    assert {channel["url"] for channel in data["outside_channels"]} == {
        "https://www.nacc.go.th/",
        "https://www.pacc.go.th/",
        "https://www.audit.go.th/",
    }


def test_statistics_page_fields(client, home_page, make_tip):
    make_tip()
    page = publish_child(home_page, TipStatisticsPage(title="สถิติ", slug="s"))
    data = api_page(client, page)
    assert data["statistics"]["total"] == 1
    assert {row["code"] for row in data["statistics"]["by_category"]} >= {"bribery"}


def test_guideline_page_fields(client, home_page, tip_page):
    page = publish_child(
        home_page,
        TipGuidelinePage(
            title="คู่มือ",
            slug="g",
            responsible_unit="สำนักปลัด",
            steps=[("step", {"title": "รับเรื่อง"})],
            channel_page=tip_page,
        ),
    )
    data = api_page(client, page)
    assert data["responsible_unit"] == "สำนักปลัด"
    assert data["steps"][0]["value"]["title"] == "รับเรื่อง"
    assert data["channel_page"]["id"] == tip_page.pk


def test_no_tip_content_is_reachable_through_the_api(client, tip_page, make_tip):
    make_tip()
    listing = client.get("/api/v2/pages/", {"search": "เรียกรับเงิน"}).content
    assert "เรียกรับเงิน".encode() not in listing
    detail = client.get(f"/api/v2/pages/{tip_page.pk}/").content
    assert "เรียกรับเงิน".encode() not in detail
