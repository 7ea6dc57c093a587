"""The whole tip path in a real browser: a tipster sends a tip with the captcha and
gets a receipt code; a handler replies and adds an internal note; the tipster opens
the case with the code and sees the reply but not the note. Accessibility (axe) and
no third-party requests on every tip page."""

import re

from wagtail.models import Locale, Page, Site

import pytest

from tests.browser.conftest import describe
from tests.conftest import make_home
from tests.tips.conftest import add_tip_page, make_handler


@pytest.fixture
def tip_site(wagtail_tree, settings, tmp_path, django_user_model):
    """A Thai home page with a tip page and one handler (password "pw")."""
    settings.KCS_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.KCS_TIPS_MIN_FILL_SECONDS = 0
    site = Site.objects.get(is_default_site=True)
    home = make_home(
        Page.get_first_root_node(),
        "home-th",
        "หน้าแรก",
        Locale.objects.get(language_code="th"),
    )
    site.root_page = home
    site.save()
    page = add_tip_page(home)
    make_handler(django_user_model, site, username="handler")
    return page


def test_tip_submission_reply_note_and_follow_up(
    page, live_server, tip_site, axe_violations, browser
):
    url = live_server.url + tip_site.url
    page.goto(url)
    assert axe_violations(page) == [], describe(axe_violations(page))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.get_by_label("การเรียกรับสินบน").check()
    page.get_by_label("เกิดอะไรขึ้น").fill("เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต")
    page.get_by_label("เกิดขึ้นเมื่อใด (ไม่บังคับ)").fill("มีนาคม 2568")
    page.get_by_label("ตัวเลข", exact=True).fill("PASSED")  # captcha test mode
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.wait_for_selector("#receipt-code")
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    assert axe_violations(page) == [], describe(axe_violations(page))

    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = staff.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("input[name=username]", "handler")
    admin.fill("input[name=password]", "pw")
    admin.click("button[type=submit]")
    admin.wait_for_url(live_server.url + "/admin/")
    admin.goto(live_server.url + "/admin/tips/")
    admin.locator("table.listing a").first.click()
    admin.wait_for_selector("text=เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต")
    admin.fill("textarea[name=reply-body]", "ได้รับเรื่องแล้ว อยู่ระหว่างตรวจสอบ")
    admin.locator("form:has(textarea[name=reply-body]) button[type=submit]").click()
    admin.wait_for_selector("text=ส่งคำตอบแล้ว")
    admin.fill("textarea[name=note-body]", "บันทึกภายใน: ผู้ถูกกล่าวหาคือหัวหน้ากอง")
    admin.locator("form:has(textarea[name=note-body]) button[type=submit]").click()
    admin.wait_for_selector("text=บันทึกภายใน: ผู้ถูกกล่าวหาคือหัวหน้ากอง")
    staff.close()

    page.goto(url + "case/")
    page.get_by_label("รหัสรับเรื่อง").fill(code.lower())
    page.get_by_role("button", name="เปิดดูเรื่องของฉัน").click()
    page.wait_for_selector("text=ได้รับเรื่องแล้ว อยู่ระหว่างตรวจสอบ")
    assert "ผู้ถูกกล่าวหาคือหัวหน้ากอง" not in page.content()
    assert axe_violations(page) == [], describe(axe_violations(page))
    assert page.foreign_requests == []
