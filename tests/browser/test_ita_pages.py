"""An assessor's path through the demo ITA index in a real browser."""

import pytest

from tests.browser.conftest import describe


def test_assessor_follows_o42_to_the_approved_announcement(page, demo_site):
    page.goto(demo_site + "/ita/2565/")
    assert "2565" in page.locator("h1").inner_text()
    page.locator("#o42 a.ita-item__code").click()
    page.wait_for_url(demo_site + "/ita/2565/10-2/o42/")
    assert "มาตรการ" in page.locator("h1").inner_text()
    record = page.locator(".ita-approval")
    assert "ปลัด อบต. (บัญชีทดลอง)" in record.inner_text()
    assert "นายก อบต. (บัญชีทดลอง)" in record.inner_text()
    assert page.locator(".ita-plan table").count() == 3
    assert page.foreign_requests == []


@pytest.mark.parametrize(
    "path",
    ["/ita/2565/", "/ita/2565/10-2/o42/", "/ita/2565/10-2/o42/approval-sheet/"],
)
def test_ita_pages_pass_axe_and_fit_320px(page, demo_site, axe_violations, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site + path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_notice_board_shows_the_announcement_full_screen(page, demo_site):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(demo_site + "/ita/notice-board/")
    heading = page.locator(".board__notice h1").first
    assert heading.is_visible()
    assert float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) > 40
    refresh = page.locator("meta[http-equiv=refresh]").get_attribute("content")
    assert int(refresh) > 0
