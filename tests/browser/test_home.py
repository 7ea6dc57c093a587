"""The demo home page in a real browser: Thai and English, Thai font, accessibility."""

import pytest

from tests.browser.conftest import describe


def test_thai_home_page_renders_thai_text_in_the_shipped_font(page, demo_site):
    page.goto(demo_site + "/")
    assert page.locator("html").get_attribute("lang") == "th"
    heading = page.locator("h1")
    assert "องค์การบริหารส่วนตำบลกุดชุมแสง" in heading.inner_text()
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'กุดชุมแสง')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Sarabun') "
        "&& f.status === 'loaded').length"
    )
    assert loaded >= 1
    # The Thai glyphs take real width: no empty boxes, no zero-width fallback.
    assert heading.bounding_box()["width"] > 100
    assert page.foreign_requests == []


def test_the_site_has_an_icon_the_browser_can_load(page, demo_site):
    page.goto(demo_site + "/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(demo_site + icon)
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")


def test_language_switcher_goes_to_english_and_back(page, demo_site):
    page.goto(demo_site + "/ita/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(demo_site + "/en/ita/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Public disclosure (ITA)"
    page.get_by_role("link", name="ภาษาไทย").click()
    page.wait_for_url(demo_site + "/ita/")
    assert page.locator("html").get_attribute("lang") == "th"


def test_skip_link_is_first_and_visible_on_focus(page, demo_site):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0


@pytest.mark.parametrize("path", ["/", "/en/", "/ita/", "/e-service/", "/tip-off/"])
def test_public_pages_pass_axe_wcag_aa(page, demo_site, axe_violations, path):
    page.goto(demo_site + path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_no_horizontal_scroll_at_320px(page, demo_site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site + "/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
