"""The memo's follow-through in real browsers on the production stack (the page cache
on): an editor circulates the measures announcement to staff, a member without an
account acknowledges by the link e-mailed to them (the task worker sends it), the
announcement's public count follows through the cache, the acknowledgement list
prints, and an assessor goes from the 2565 index to the announcement and to its
generated, approved year-end report."""

import re
import time

from .conftest import describe

EXTERNAL = ("นางสาวจันทร์เพ็ญ ทดสอบ", "พนักงานจ้างทั่วไป", "chanpen@example.com")


def link_for(stack, address: str, timeout: float = 30) -> str:
    """The acknowledgement link the worker e-mailed to ``address`` (the console
    backend writes the mail to its log), as a path."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = stack.log("worker.log")
        for message in log.split("\nFrom: ")[1:]:
            if f"To: {address}" in message:
                found = re.search(r"https?://[^/\s]+(/\S*/acknowledge/\S+/)", message)
                if found:
                    return found.group(1)
        time.sleep(0.5)
    raise AssertionError(f"no link e-mailed to {address}:\n{log[-3000:]}")


def public_count(tab, url: str, expected: str, timeout: float = 20) -> str:
    """Reload ``url`` until its circulation count reads ``expected`` (the purge of
    the cached page goes through the task worker)."""
    deadline = time.monotonic() + timeout
    while True:
        tab.goto(url)
        text = tab.locator(".ita-circulation").inner_text()
        if expected in text or time.monotonic() > deadline:
            return text
        time.sleep(0.5)


def test_circulate_acknowledge_and_reach_the_year_end_report(
    visitor, stack, staff, axe_violations
):
    announcement_id, announcement_path = stack.query(
        "SELECT p.id, p.url_path FROM wagtailcore_page p JOIN "
        "ita_pages_measuresannouncementpage m ON m.page_ptr_id = p.id LIMIT 1"
    )[0]
    announcement_url = stack.url + re.sub(r"^/[^/]+", "", announcement_path)
    assessor = visitor()
    before = public_count(assessor, announcement_url, "")
    assert "แจ้งเวียนบุคลากร" in before

    editor = staff()
    editor.goto(f"{stack.url}/admin/ita_circulars/new/")
    site_id = stack.query("SELECT id FROM wagtailcore_site WHERE is_default_site")
    editor.locator("select[name=site]").select_option(str(site_id[0][0]))
    editor.evaluate(
        "id => document.querySelector('input[name=announcement]').value = id",
        str(announcement_id),
    )
    editor.fill("input[name=subject]", "แจ้งเวียนมาตรการอีกครั้งสำหรับพนักงานใหม่")
    editor.fill("textarea[name=other_staff]", ", ".join(EXTERNAL))
    form = editor.locator("form:has(textarea[name=other_staff])")
    form.locator("button[type=submit]").first.click()
    editor.wait_for_url(re.compile(r"/admin/ita/circulars/\d+/$"))
    assert "ยังไม่รับทราบ" in editor.content()

    member = visitor()
    member.goto(stack.url + link_for(stack, EXTERNAL[2]))
    assert axe_violations(member) == [], describe(axe_violations(member))
    member.get_by_role("button", name="รับทราบ").click()
    member.wait_for_selector("text=ขอบคุณ: บันทึกการรับทราบของท่านแล้ว")

    editor.reload()
    assert EXTERNAL[0] in editor.locator("table.listing").inner_text()
    counted = re.search(r"แจ้งเวียนบุคลากร (\d+) คน รับทราบแล้ว 1 คน", editor.content())
    assert counted, editor.content()
    pdf = editor.request.get(editor.url + "pdf/")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    sent, acknowledged = (int(n) for n in re.findall(r"\d+", before)[:2])
    total = sent + int(counted.group(1))
    expected = f"แจ้งเวียนบุคลากร {total} คน รับทราบแล้ว {acknowledged + 1} คน"
    assert expected in public_count(assessor, announcement_url, expected)

    assessor.goto(stack.url + "/ita/2565/")
    assessor.locator("#o43 a.ita-item__code").click()
    assessor.wait_for_load_state()
    assert "2565" in assessor.locator("h1").inner_text()
    assert "ปลัด อบต. (บัญชีทดลอง)" in assessor.content()  # approved
    assert assessor.foreign_requests == [] and member.foreign_requests == []
