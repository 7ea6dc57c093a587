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
    [
        "/ita/2565/",
        "/ita/2565/10-2/o42/",
        "/ita/2565/10-2/o42/approval-sheet/",
        "/ita/2565/10-2/o43/",
        "/ita/procurement/monthly/?year=2569",
        "/ita/procurement/2569-01/",
    ],
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


# Where a caption's text is laid out: [left, right] in the viewport.
TEXT_EDGES = """caption => {
    const range = document.createRange();
    range.selectNodeContents(caption);
    const box = range.getBoundingClientRect();
    return [box.left, box.right];
}"""


def test_table_captions_stay_in_view_on_a_phone(page, demo_site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site + "/ita/gifts/")
    register = page.locator(".table-scroll").nth(1)
    for scrolled in (0, 400):
        register.evaluate("(box, left) => box.scrollLeft = left", scrolled)
        for caption in page.locator(".table-scroll caption").all():
            left, right = caption.evaluate(TEXT_EDGES)
            assert left >= 0 and right <= 320, (caption.inner_text(), scrolled)


# The text of each line an element's text is laid out on, as the reader sees it.
LINES_OF = """element => {
    const lines = [], range = document.createRange();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let line = "", top = null, node;
    while ((node = walker.nextNode())) {
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            const rects = range.getClientRects();
            if (rects.length && top !== null && rects[0].top > top + 4) {
                lines.push(line); line = "";
            }
            if (rects.length) top = rects[0].top;
            line += node.data[i];
        }
    }
    return [...lines, line].map(text => text.replace(/\\u00a0/g, " "));
}"""

# Names and terms Chromium's own Thai dictionary splits at a phone's width.
WHOLE = ("กุดชุมแสง", "นายสุรัตน์ จันทราตรี", "ผู้รับผิดชอบ", "พ.ศ. 2565")


def test_thai_names_and_terms_never_break_across_lines_on_a_phone(page, demo_site):
    page.set_viewport_size({"width": 320, "height": 640})
    seen = set()
    for path in ("/", "/ita/2565/10-2/o42/"):
        page.goto(demo_site + path)
        for element in page.locator("h1, h2, h3, p, th, td, dd, a, li").all():
            lines = element.evaluate(LINES_OF)
            text = "".join(lines)
            for phrase in WHOLE:
                if phrase in text:
                    seen.add(phrase)
                    assert any(phrase in line for line in lines), (path, lines)
    assert seen == set(WHOLE)


def test_notice_board_shows_the_announcement_full_screen(page, demo_site):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(demo_site + "/ita/notice-board/")
    heading = page.locator(".board__notice h1").first
    assert heading.is_visible()
    assert float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) > 40
    refresh = page.locator("meta[http-equiv=refresh]").get_attribute("content")
    assert int(refresh) > 0
