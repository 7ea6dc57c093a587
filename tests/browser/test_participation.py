"""The Q&A board in real browsers on the production stack (page cache on, the real
captcha and CSRF): two residents, each in a browser of their own, ask with their own
captcha; staff answer in the admin; a stranger then reads the answer (and never an
asker's e-mail); an assessor reaches the board from the 2565 index's Q&A item."""

import time

from .conftest import describe

BOARD = "/ita/qa/"
# The form refuses answers sent faster than a person types (KCS_MIN_FILL_SECONDS).
MIN_FILL_SECONDS = 5
QUESTIONS = [
    ("ขอทราบเวลาเปิดทำการของศูนย์พัฒนาเด็กเล็กในช่วงปิดภาคเรียน", "ask1@example.com"),
    ("ต้องใช้เอกสารอะไรบ้างในการขอรับเบี้ยยังชีพผู้สูงอายุ", ""),
]


def ask(tab, stack, text: str, email: str) -> None:
    key = tab.locator("input[name=captcha_0]").input_value()
    tab.get_by_label("คำถามของท่าน").fill(text)
    tab.get_by_label("อีเมลของท่าน (ไม่บังคับ)").fill(email)
    tab.get_by_label("ตัวเลข", exact=True).fill(stack.captcha_answer(key))
    tab.get_by_role("button", name="ส่งคำถาม").click()
    tab.wait_for_selector("text=ขอบคุณ: ได้รับคำถามของท่านแล้ว")


def test_residents_ask_staff_answer_and_a_stranger_reads_the_answer(
    visitor, stack, staff, axe_violations
):
    residents = [visitor(), visitor()]
    for tab in residents:
        tab.goto(stack.url + BOARD)
    keys = [tab.locator("input[name=captcha_0]").input_value() for tab in residents]
    assert keys[0] != keys[1]  # each visitor's own form, never a cached one
    assert axe_violations(residents[0]) == [], describe(axe_violations(residents[0]))
    time.sleep(MIN_FILL_SECONDS)
    for tab, (text, email) in zip(residents, QUESTIONS, strict=True):
        ask(tab, stack, text, email)

    question_id = stack.query(
        "SELECT id FROM ita_pages_question WHERE text = %s", QUESTIONS[0][0]
    )[0][0]
    admin = staff()
    admin.goto(f"{stack.url}/admin/ita_questions/edit/{question_id}/")
    assert QUESTIONS[0][1] in admin.content()  # staff see the e-mail
    admin.fill("textarea[name=answer]", "เปิดทำการตามปกติ เวลา 08.00–16.00 น.")
    admin.locator("form:has(textarea[name=answer]) button[type=submit]").first.click()
    admin.wait_for_url(f"{stack.url}/admin/ita_questions/")

    stranger = visitor()
    stranger.goto(stack.url + BOARD)
    answered = stranger.locator(".qa-list").inner_text()
    assert QUESTIONS[0][0] in answered and "08.00–16.00" in answered
    assert QUESTIONS[1][0] not in answered  # not answered yet
    assert QUESTIONS[0][1] not in stranger.content()
    assert axe_violations(stranger) == [], describe(axe_violations(stranger))

    stranger.goto(stack.url + "/ita/2565/")
    stranger.locator("#o8 a.ita-item__code").click()
    stranger.wait_for_url(stack.url + BOARD)
    for tab in (*residents, stranger):
        assert tab.foreign_requests == []
