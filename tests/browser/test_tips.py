"""The whole tip path in real browsers through the production profile: two tipsters,
each in a browser of their own, pass the real captcha and get their own receipt code;
a handler replies and adds an internal note; each tipster opens their case with
their code and sees their reply but not the note; a stranger's browser sees nothing
of either. Accessibility (axe) and no third-party requests on every tip page."""

import re
import subprocess
import time

import requests

from tests.production_stack import HANDLER_PASSWORD

from .conftest import describe

TIP_PAGE = "/tip-off/"
# The tip form refuses answers sent faster than a person types
# (KCS_TIPS_MIN_FILL_SECONDS).
MIN_FILL_SECONDS = 5


def fill_tip(tab, stack, description: str) -> None:
    tab.goto(stack.url + TIP_PAGE)
    tab.get_by_label("การเรียกรับสินบน").check()
    tab.get_by_label("เกิดอะไรขึ้น").fill(description)
    tab.get_by_label("เกิดขึ้นเมื่อใด (ไม่บังคับ)").fill("มีนาคม 2568")


def send_tip(tab, stack) -> str:
    """Solve the real captcha (its answer read where only the server keeps it), send,
    and return the receipt code shown once."""
    key = tab.locator("input[name=captcha_0]").input_value()
    tab.get_by_label("ตัวเลข", exact=True).fill(stack.captcha_answer(key))
    tab.get_by_role("button", name="ส่งเรื่อง").click()
    tab.wait_for_selector("#receipt-code")
    return tab.locator("#receipt-code").inner_text()


def open_case(tab, stack, code: str) -> str:
    tab.goto(stack.url + TIP_PAGE + "case/")
    tab.get_by_label("รหัสรับเรื่อง").fill(code.lower())
    tab.get_by_role("button", name="เปิดดูเรื่องของฉัน").click()
    tab.wait_for_load_state()
    return tab.content()


def test_two_tipsters_follow_up_their_own_tips_and_a_stranger_sees_none(
    visitor, stack, staff, axe_violations
):
    tipsters = [visitor(), visitor()]
    descriptions = [
        "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต",
        "มีการแบ่งงานจ้างเพื่อเลี่ยงการประกวดราคา",
    ]
    for tab, description in zip(tipsters, descriptions, strict=True):
        fill_tip(tab, stack, description)
    assert axe_violations(tipsters[0]) == [], describe(axe_violations(tipsters[0]))
    overflow = tipsters[0].evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    time.sleep(MIN_FILL_SECONDS)
    codes = [send_tip(tab, stack) for tab in tipsters]
    for code in codes:
        assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    assert codes[0] != codes[1]
    assert axe_violations(tipsters[1]) == [], describe(axe_violations(tipsters[1]))

    handler = staff("integrity", HANDLER_PASSWORD)
    # The two tips just sent, in order (their text is encrypted at rest).
    newest = stack.query("SELECT id FROM tips_tip ORDER BY id DESC LIMIT 2")
    tip_ids = [row[0] for row in reversed(newest)]
    for tip_id, description in zip(tip_ids, descriptions, strict=True):
        handler.goto(f"{stack.url}/admin/tips/{tip_id}/")
        handler.wait_for_selector(f"text={description}")
        handler.fill("textarea[name=reply-body]", f"ตอบเรื่อง: {description[:12]}")
        handler.locator(
            "form:has(textarea[name=reply-body]) button[type=submit]"
        ).click()
        handler.wait_for_selector("text=ส่งคำตอบแล้ว")
    handler.fill("textarea[name=note-body]", "บันทึกภายใน: ผู้ถูกกล่าวหาคือหัวหน้ากอง")
    handler.locator("form:has(textarea[name=note-body]) button[type=submit]").click()
    handler.wait_for_selector("text=บันทึกภายใน: ผู้ถูกกล่าวหาคือหัวหน้ากอง")

    for own, (tab, code) in enumerate(zip(tipsters, codes, strict=True)):
        html = open_case(tab, stack, code)
        assert f"ตอบเรื่อง: {descriptions[own][:12]}" in html
        assert f"ตอบเรื่อง: {descriptions[1 - own][:12]}" not in html
        assert "ผู้ถูกกล่าวหาคือหัวหน้ากอง" not in html
    assert axe_violations(tipsters[0]) == [], describe(axe_violations(tipsters[0]))
    for tab in tipsters:
        assert tab.foreign_requests == []

    stranger = visitor()
    for path in (TIP_PAGE, TIP_PAGE + "case/"):
        stranger.goto(stack.url + path)
        html = stranger.content()
        for code, description in zip(codes, descriptions, strict=True):
            assert code not in html and description not in html
    html = open_case(stranger, stack, "AAAA-BBBB-CCCC-DDDD-EEEE")
    for description in descriptions:
        assert description[:12] not in html

    # gunicorn's access log (deploy/gunicorn.conf.py) leaves tip requests out: a
    # "POST /tip-off/ 200" line is a filed tip, timed by the lines around it.
    access = stack.log("gunicorn.log")
    assert TIP_PAGE not in access
    assert re.search(
        r'^\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d .*"POST /admin/', access, re.M
    )


def test_enter_in_the_code_box_sends_the_tip_without_javascript(visitor, stack):
    """Enter sends a form by its first submit button: that must send the tip, not
    ask for another code (which would empty the box and send nothing)."""
    tab = visitor(java_script_enabled=False)
    fill_tip(tab, stack, "มีการเรียกรับเงินค่าตรวจรับงานจ้าง")
    time.sleep(MIN_FILL_SECONDS)
    key = tab.locator("input[name=captcha_0]").input_value()
    code_box = tab.get_by_label("ตัวเลข", exact=True)
    code_box.fill(stack.captcha_answer(key))
    code_box.press("Enter")
    tab.wait_for_selector("#receipt-code")


def test_varnishs_request_log_names_no_tipster(stack):
    """Varnish keeps its latest requests in a file under its working directory
    (varnishlog reads it): the records that name a client are masked
    (``deploy/varnish/kcs.env``), on disk and in what varnishlog shows."""
    agent, address = "tipster-phone-7Qz", "198.51.100.23"
    # A CSRF cookie the browser got on another page: the tip page sets it again.
    token = "Tipster0Cookie0Marker0000000Zq7x"
    response = requests.get(
        stack.url + TIP_PAGE,
        headers={"User-Agent": agent, "X-Forwarded-For": address},
        cookies={"csrftoken": token},
        timeout=30,
    )
    assert token in response.headers["Set-Cookie"]
    state = stack.folder / "varnish"
    shown = subprocess.run(
        ["varnishlog", "-d", "-n", str(state)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert re.search(rf"ReqURL\s+{TIP_PAGE}$", shown, re.M)  # the log was read
    for marker in (agent, address, token):
        assert marker not in shown
        for path in state.rglob("*"):
            if path.is_file():
                assert marker.encode() not in path.read_bytes(), path
