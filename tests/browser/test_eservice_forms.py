"""A resident files a water request with a photo on a phone, gets the number; staff
change the status; the resident sees it. Without JavaScript, and axe-clean."""

import io
import re

from django.core.cache import cache

from wagtail.models import Site

import pytest
from PIL import Image

from eservice_forms.models import ServiceIndexPage, ServiceRequest
from eservice_forms.presets import PRESETS, create_service

from .conftest import describe


@pytest.fixture
def water_site(wagtail_tree, live_server, django_user_model):
    """The default site with a service index and the water preset, and an admin."""
    cache.clear()  # site root paths cached by earlier tests point at flushed rows
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(
        instance=ServiceIndexPage(title="บริการออนไลน์", slug="e-service")
    )
    index.save_revision().publish()
    create_service(index, next(p for p in PRESETS if p.slug == "water"))
    django_user_model.objects.create_superuser("admin", "", "browser-test-password")
    return f"{live_server.url}/e-service/"


def photo_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "blue").save(buffer, "JPEG")
    return buffer.getvalue()


def test_water_request_on_a_phone(
    page, water_site, live_server, axe_violations, browser
):
    page.goto(water_site)
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.get_by_role("link", name="ขอรับน้ำอุปโภค-บริโภค").click()
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.select_option("#id_title", "mrs")
    for field, value in {
        "first_name": "สมศรี", "last_name": "ใจดี", "addr_no": "12", "addr_moo": "3",
        "addr_subdistrict": "กุดชุมแสง", "addr_district": "หนองบัวแดง",
        "addr_province": "ชัยภูมิ", "phone": "0812345678", "household_members": "4",
        "reason_detail": "บ่อน้ำแห้ง", "trips_requested": "2",
    }.items():  # fmt: skip
        page.fill(f"#id_{field}", value)
    page.select_option("#id_cause", "drought")
    page.set_input_files(
        "#id_attachments",
        {"name": "well.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()},
    )
    page.get_by_role("button", name="ถัดไป: ตรวจสอบคำตอบ").click()
    page.wait_for_selector("text=well.jpg")
    page.get_by_role("button", name="ยืนยันและส่งคำร้อง").click()
    reference = page.locator(".receipt__reference").inner_text()
    secret = page.locator(".receipt__secret").inner_text()
    assert re.fullmatch(r"ESV-\d{4}-000001", reference)
    assert axe_violations(page) == [], describe(axe_violations(page))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.foreign_requests == []

    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = staff.new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("#id_username", "admin")
    admin.fill("#id_password", "browser-test-password")
    admin.click("button[type=submit]")
    admin.wait_for_url(f"{live_server.url}/admin/")
    request = ServiceRequest.objects.get(reference=reference)
    assert request.attachments.count() == 1
    admin.goto(f"{live_server.url}/admin/eservice_requests/{request.pk}/")
    status_form = admin.locator("form", has=admin.locator("select[name=status]"))
    status_form.locator("select[name=status]").select_option("in_progress")
    status_form.locator("textarea[name=message]").fill("รถน้ำจะไปถึงพรุ่งนี้")
    status_form.locator("button[type=submit]").click()
    admin.wait_for_selector("text=บันทึกแล้ว")
    staff.close()

    page.goto(water_site)
    page.fill("#id_reference", reference)
    page.fill("#id_secret", secret)
    page.get_by_role("button", name="แสดงสถานะ").click()
    page.wait_for_selector(".status-badge >> text=กำลังดำเนินการ")
    page.wait_for_selector("text=รถน้ำจะไปถึงพรุ่งนี้")
    assert axe_violations(page) == [], describe(axe_violations(page))
