"""The memo's follow-through in real browsers on the production stack (the page cache
on), in the order of the chain: an editor circulates the demo's published measures
announcement to staff; a member without an account acknowledges by the link e-mailed
to them (the task worker sends it); the announcement's public count follows through
the cache and the acknowledgement list prints. Then staff record a step's progress,
the year-end report goes through the two-step approval (ปลัด, then นายก, each in a
browser of their own) and the 2565 index's o43 leads to the approved report with
that progress."""

import datetime
import re
import time

from .conftest import describe, settle

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


APPROVERS = ("demo-chief-administrator", "demo-chief-executive")
APPROVER_PASSWORD = "stack-approver-password"
PROGRESS = "จัดอบรมบุคลากรเรื่องการป้องกันผลประโยชน์ทับซ้อนแล้ว (บันทึกในการทดสอบ)"


def approve(tab, stack, page_id: int) -> None:
    """Approve the page's current workflow step from the reviewer's dashboard
    ("awaiting your review": Wagtail's "Approve" button, no comment)."""
    tab.goto(f"{stack.url}/admin/")
    button = tab.locator(
        f"button[data-workflow-action-url*='/{page_id}/'][data-workflow-action-url*='/approve/']"
        ":not([data-launch-modal])"
    )
    assert button.count(), tab.content()[-2000:]
    with tab.expect_navigation():
        button.first.evaluate("button => button.click()")
    tab.wait_for_load_state()


def revision_count(stack, page_id: int) -> int:
    return stack.query(
        "SELECT count(*) FROM wagtailcore_revision WHERE object_id = %s", str(page_id)
    )[0][0]


def current_step(stack, page_id: int) -> int:
    """The position in its workflow of the page's current task (0: the first)."""
    return stack.query(
        "SELECT wt.sort_order FROM wagtailcore_workflowstate ws "
        "JOIN wagtailcore_taskstate ts ON ts.id = ws.current_task_state_id "
        "JOIN wagtailcore_workflowtask wt "
        "ON wt.task_id = ts.task_id AND wt.workflow_id = ws.workflow_id "
        "WHERE ws.object_id = %s ORDER BY ws.id DESC LIMIT 1",
        str(page_id),
    )[0][0]


def approve_in_edit_view(tab, stack, page_id: int) -> None:
    """Approve the page's current workflow step with the edit view's footer action
    ("อนุมัติ", no comment), the page as the reviewer found it."""
    tab.goto(f"{stack.url}/admin/pages/{page_id}/edit/")
    # The footer's actions post the form through Wagtail's scripts, which must have
    # drawn the editors first: before that the form holds no stream fields.
    settle(tab)
    tab.locator(".Draftail-Editor").first.wait_for()
    # Every block field drawn, not only the first: one still an empty placeholder
    # would be posted as emptied, and saved as a change (seen on a slow CI machine).
    tab.wait_for_function(
        "() => !document.querySelector('[data-controller~=\"w-block\"]:empty')"
    )
    button = tab.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    assert button.count(), tab.content()[-2000:]
    with tab.expect_navigation():
        button.first.evaluate("button => button.click()")
    tab.wait_for_load_state()


def test_progress_is_recorded_and_the_year_end_report_approved_in_the_browser(
    visitor, stack, staff
):
    """The rest of the chain: staff record a step's progress, the year-end report
    goes to the two-step approval (ปลัด in the page's edit view, then นายก from
    the dashboard) and, once approved, the 2565
    index's o43 leads to it with the new progress."""
    for username in APPROVERS:
        stack.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model as users; "
            f"user = users().objects.get(username='{username}'); "
            f"user.set_password('{APPROVER_PASSWORD}'); user.save()",
        )
    step_id = stack.query("SELECT id FROM ita_pages_measurestep ORDER BY id LIMIT 1")
    report_id = stack.query(
        "SELECT page_ptr_id FROM ita_pages_measuresreportpage LIMIT 1"
    )[0][0]

    editor = staff()
    editor.goto(f"{stack.url}/admin/ita_measure_steps/edit/{step_id[0][0]}/")
    notes = int(editor.locator("input[name=notes-TOTAL_FORMS]").input_value())
    editor.locator("#id_notes-ADD").click()
    # The note's date is typed as the Thai admin reads it: day, month, Buddhist era.
    editor.fill(f"input[name=notes-{notes}-date_day]", "20")
    editor.select_option(f"select[name=notes-{notes}-date_month]", "9")
    editor.fill(f"input[name=notes-{notes}-date_year]", "2565")
    editor.fill(f"textarea[name=notes-{notes}-note]", PROGRESS)
    with editor.expect_navigation():
        editor.locator("form:has(#id_notes-ADD) button[type=submit]").first.click()
    assert stack.query(
        "SELECT date FROM ita_pages_progressnote WHERE note = %s", PROGRESS
    ) == [(datetime.date(2022, 9, 20),)]

    editor.goto(f"{stack.url}/admin/pages/{report_id}/edit/")
    with editor.expect_navigation():
        editor.locator("button[name=action-submit]").first.evaluate(
            "button => button.click()"
        )
    states = stack.query(
        "SELECT status FROM wagtailcore_workflowstate WHERE object_id = %s "
        "ORDER BY id DESC LIMIT 1",
        str(report_id),
    )
    assert states == [("in_progress",)], states
    # The ปลัด approves in the edit view, the นายก from the dashboard: the first
    # approval holds (the unchanged page saves no revision that restarts the chain).
    palad, nayok = (staff(username, APPROVER_PASSWORD) for username in APPROVERS)
    revisions = revision_count(stack, report_id)
    approve_in_edit_view(palad, stack, report_id)
    assert revision_count(stack, report_id) == revisions  # nothing was edited
    assert current_step(stack, report_id) == 1  # the นายก's
    approve(nayok, stack, report_id)
    assert stack.query(
        "SELECT status FROM wagtailcore_workflowstate WHERE object_id = %s "
        "ORDER BY id DESC LIMIT 1",
        str(report_id),
    ) == [("approved",)]

    assessor = visitor()
    assessor.goto(stack.url + "/ita/2565/")
    assessor.locator("#o43 a.ita-item__code").click()
    assessor.wait_for_load_state()
    deadline = time.monotonic() + 20  # the purge of the cached report is queued
    while PROGRESS not in assessor.inner_text("body") and time.monotonic() < deadline:
        time.sleep(0.5)
        assessor.reload()
    assert PROGRESS in assessor.inner_text("body")
    assert "นายก อบต. (บัญชีทดลอง)" in assessor.inner_text("body")
