"""The public tip form, the receipt shown once, and the follow-up by receipt code."""

import re

from django.core.cache import cache

import pytest

from tests.conftest import says_when_to_retry, tells_when_to_retry
from tests.html import read
from tests.tips.conftest import jpeg_with_gps, tip_form_data, upload
from tips import services
from tips.models import Tip, TipEvent

pytestmark = pytest.mark.django_db


def test_form_page_has_every_field_and_the_separate_identity_section(client, tip_page):
    response = client.get(tip_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    for name in (
        "category",
        "accused",
        "description",
        "occurred",
        "location",
        "evidence",
        "reporter_name",
        "reporter_contact",
        "captcha_1",
    ):
        assert f'name="{name}"' in html, name
    identity = html.index('class="tips-identity"')
    assert (
        html.index('name="description"') < identity < html.index('name="reporter_name"')
    )
    assert "ตัวตนของท่าน" in html  # the identity section's Thai legend


def test_submission_stores_the_tip_and_shows_number_and_code_once(client, tip_page):
    response = client.post(tip_page.url, tip_form_data(client, tip_page))
    html = response.content.decode()
    assert response.status_code == 200
    tip = Tip.objects.get()
    assert tip.case_number in html
    assert re.fullmatch(r"TIP-25\d\d-0001", tip.case_number)
    code = re.search(r'id="receipt-code">([0-9A-Z-]+)<', html).group(1)
    assert len(code.replace("-", "")) == 20
    assert code not in str(tip.receipt_digest)
    assert tip.description == "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง"
    assert tip.events.get().kind == TipEvent.Kind.SUBMITTED
    assert "แสดงเพียงครั้งนี้ครั้งเดียว" in html  # advice to keep the code


def test_case_numbers_count_up_per_site_and_year(tip_page, other_tip_page, make_tip):
    first, _ = make_tip()
    second, _ = make_tip()
    elsewhere, _ = make_tip(page=other_tip_page)
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert elsewhere.site != first.site


def test_wrong_captcha_keeps_everything_typed_and_says_files_are_lost(client, tip_page):
    data = tip_form_data(client, tip_page, captcha_1="WRONG")
    data["evidence"] = upload("photo.jpg", jpeg_with_gps())
    response = client.post(tip_page.url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert Tip.objects.count() == 0
    assert "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง" in html
    assert 'value="มีนาคม 2568"' in html
    assert re.search(r'value="bribery"[^>]*checked', html)
    # Files cannot be kept: said next to the file box, and in the summary.
    evidence = html.split('id="id_evidence"')[0].rsplit('class="tips-field"', 1)[1]
    assert "ระบบเก็บไฟล์ไว้ให้ไม่ได้ โปรดเลือกไฟล์อีกครั้ง" in evidence
    assert 'href="#id_evidence">' in html
    assert 'value="WRONG"' not in html  # the answer is never echoed or stored
    assert "ตัวเลขไม่ตรงกับภาพ กรุณาพิมพ์ตัวเลขจากภาพใหม่" in html
    assert "Invalid CAPTCHA" not in html


def test_refreshing_the_captcha_keeps_answers_without_validating(client, tip_page):
    response = client.post(
        tip_page.url, tip_form_data(client, tip_page, captcha_1="", refresh_captcha="1")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "errorlist" not in html
    assert "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง" in html
    assert Tip.objects.count() == 0


def test_honeypot_rejects_the_submission(client, tip_page):
    response = client.post(
        tip_page.url, tip_form_data(client, tip_page, website="http://spam.example")
    )
    assert response.status_code == 400
    assert Tip.objects.count() == 0


def test_minimum_fill_time_rejects_instant_submissions(client, tip_page, settings):
    settings.KCS_TIPS_MIN_FILL_SECONDS = 30
    response = client.post(tip_page.url, tip_form_data(client, tip_page))
    assert response.status_code == 400
    assert Tip.objects.count() == 0
    assert "เร็วเกินไป" in response.content.decode()


def test_tampered_start_time_is_refused(client, tip_page):
    response = client.post(
        tip_page.url, tip_form_data(client, tip_page, started="forged")
    )
    assert response.status_code == 400


def test_required_fields_get_thai_messages_next_to_them(client, tip_page):
    response = client.post(
        tip_page.url, tip_form_data(client, tip_page, description="", category="")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("กรุณากรอกช่องนี้") >= 2
    assert 'aria-invalid="true"' in html


def test_refused_forms_are_throttled_per_client_without_storing_it(
    client, tip_page, settings
):
    settings.KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        wrong = tip_form_data(client, tip_page, captcha_1="00000")
        assert client.post(tip_page.url, wrong).status_code == 400
    response = client.post(
        tip_page.url, tip_form_data(client, tip_page), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200  # another client
    response = client.post(tip_page.url, tip_form_data(client, tip_page))
    assert response.status_code == 429 and says_when_to_retry(response)
    assert tells_when_to_retry(response.content.decode())
    assert Tip.objects.count() == 1
    assert "127.0.0.1" not in repr(cache._cache)  # noqa: SLF001 - locmem internals


def test_residents_behind_one_address_are_not_turned_away(client, tip_page):
    """Ten tips an hour from one address once turned the eleventh person away."""
    for _ in range(15):
        assert (
            client.post(tip_page.url, tip_form_data(client, tip_page)).status_code
            == 200
        )
    assert Tip.objects.count() == 15


def test_the_code_opens_the_case_with_replies_but_not_notes(
    client, tip_page, make_tip, handler
):
    tip, code = make_tip()
    services.reply(tip, handler, "ได้รับเรื่องแล้ว กำลังตรวจสอบ")
    services.add_note(tip, handler, "บันทึกภายใน ห้ามเปิดเผย")
    services.change_status(tip, handler, "investigating")
    typed = code.lower().replace("-", " ")
    response = client.post(tip_page.url + "case/", {"code": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert tip.case_number in html
    assert "ได้รับเรื่องแล้ว กำลังตรวจสอบ" in html
    assert "บันทึกภายใน" not in html
    assert "อยู่ระหว่างการสอบสวน" in html  # status in Thai


def test_a_wrong_code_gets_a_generic_answer(client, tip_page, make_tip):
    make_tip()
    response = client.post(tip_page.url + "case/", {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert response.status_code == 400
    assert "ไม่พบเรื่องที่ตรงกับรหัสนี้" in response.content.decode()


def test_a_tip_loses_direction_overrides_and_control_characters(client, tip_page):
    data = tip_form_data(client, tip_page, location="\u202eตลาดสด\x1b[0m")
    assert client.post(tip_page.url, data).status_code == 200
    assert Tip.objects.get().location == "ตลาดสด[0m"


def test_wrong_codes_slow_the_guesser_not_the_tipster(
    client, tip_page, make_tip, settings
):
    """30 random codes from anyone used to lock every tipster out for the hour."""
    settings.KCS_TIPS_FAILED_LOOKUPS_PER_HOUR = 3
    _, code = make_tip()
    for _guess in range(3):
        client.post(
            tip_page.url + "case/",
            {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"},
            REMOTE_ADDR="10.0.0.1",
        )

    def open_with(address):
        return client.post(tip_page.url + "case/", {"code": code}, REMOTE_ADDR=address)

    blocked = open_with("10.0.0.1")
    assert blocked.status_code == 429 and says_when_to_retry(blocked)
    assert tells_when_to_retry(blocked.content.decode())
    assert open_with("10.0.0.9").status_code == 200


def test_a_code_does_not_open_a_case_of_another_site(
    client, tip_page, other_tip_page, make_tip
):
    _, code = make_tip(page=other_tip_page)
    response = client.post(tip_page.url + "case/", {"code": code})
    assert response.status_code == 400


def test_the_tipster_adds_a_message_and_a_file(client, tip_page, make_tip):
    tip, code = make_tip()
    response = client.post(
        tip_page.url + "case/",
        {
            "code": code,
            "body": "ข้อมูลเพิ่มเติม",
            "evidence": upload("more.jpg", jpeg_with_gps()),
        },
    )
    assert response.status_code == 200
    event = tip.events.get(kind=TipEvent.Kind.TIPSTER_MESSAGE)
    assert event.body == "ข้อมูลเพิ่มเติม"
    assert event.attachments.count() == 1
    assert "ข้อมูลเพิ่มเติม" in response.content.decode()
    assert "แนบไฟล์ 1 ไฟล์" in read(response)  # the timeline says files came


def test_a_message_sent_again_is_stored_once(client, tip_page, make_tip):
    """A resend after a lost answer (the browser's "send again") posts the same
    form, with its one-time key: one message, one file."""
    tip, code = make_tip()
    case = client.post(tip_page.url + "case/", {"code": code}).content.decode()
    once = re.search(r'name="once" value="([\w-]+)"', case).group(1)
    for _time in range(2):
        response = client.post(
            tip_page.url + "case/",
            {
                "code": code,
                "once": once,
                "body": "ข้อมูลเพิ่มเติม",
                "evidence": upload("more.jpg", jpeg_with_gps()),
            },
        )
        assert response.status_code == 200
    event = tip.events.get(kind=TipEvent.Kind.TIPSTER_MESSAGE)
    assert event.attachments.count() == 1
    fresh = re.search(r'name="once" value="([\w-]+)"', response.content.decode())
    assert fresh.group(1) != once  # the next message is a new one


def test_an_empty_follow_up_is_refused_on_its_box_and_announced(
    client, tip_page, make_tip
):
    """The refusal sat below the form, out of a phone's screen, tied to no box,
    and nothing was announced or focused: it looked as if nothing happened."""
    tip, code = make_tip()
    html = client.post(
        tip_page.url + "case/", {"code": code, "body": ""}
    ).content.decode()
    summary = html[html.index('class="error-summary"') :]
    assert 'role="alert"' in html and "autofocus" in html
    assert 'href="#id_body"' in summary[: summary.index("</div>")]
    assert 'aria-invalid="true"' in html[html.index('id="id_body"') - 300 :]
    assert "โปรดเขียนข้อความหรือแนบไฟล์" in html
    assert "<title>ข้อผิดพลาด: " in html  # what a screen reader says first


def test_the_same_form_sent_with_other_words_is_another_message(
    client, tip_page, make_tip
):
    """A tipster who goes back, adds to the text and sends again posts the same
    form and key: the page said "sent" and the new words were dropped."""
    tip, code = make_tip()
    case = client.post(tip_page.url + "case/", {"code": code}).content.decode()
    once = re.search(r'name="once" value="([\w-]+)"', case).group(1)
    for body in ("ข้อมูลเพิ่มเติม", "ข้อมูลเพิ่มเติม และชื่อพยาน"):
        sent = {"code": code, "once": once, "body": body}
        assert client.post(tip_page.url + "case/", sent).status_code == 200
    messages = tip.events.filter(kind=TipEvent.Kind.TIPSTER_MESSAGE)
    assert [event.body for event in messages] == [
        "ข้อมูลเพิ่มเติม",
        "ข้อมูลเพิ่มเติม และชื่อพยาน",
    ]


def test_receipt_codes_never_travel_in_urls(client, tip_page):
    html = client.get(tip_page.url + "case/").content.decode()
    assert 'method="post"' in html
    assert client.get(tip_page.url + "case/?code=AAAA").status_code == 200


def test_errors_are_summarised_at_the_top_like_the_e_service_forms(client, tip_page):
    response = client.post(
        tip_page.url,
        tip_form_data(client, tip_page, description="", category="", captcha_1=""),
    )
    html = response.content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</div>", start)]
    assert start < html.index("<h1>")
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "มีข้อผิดพลาด" in summary
    assert '<a href="#id_description">' in summary
    assert '<a href="#id_category_0">' in summary  # the first radio button
    # The answer box, not the hidden key; each problem named by its field.
    assert '<a href="#id_captcha_1">รหัสยืนยัน: ' in summary
    assert 'id="id_captcha_1"' in html and 'id="id_category_0"' in html
    assert "ข้อมูลที่ท่านกรอกยังคงอยู่ด้านล่าง" in summary
    assert re.search(r"<title>ข้อผิดพลาด: ", html)
    assert "<title>ข้อผิดพลาด" not in client.get(tip_page.url).content.decode()


def test_a_form_level_error_is_summarised_without_a_link(client, tip_page):
    html = client.post(
        tip_page.url, tip_form_data(client, tip_page, started="forged")
    ).content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</div>", start)]
    assert "<li>" in summary and "#id_started" not in summary


def test_a_follow_up_file_over_the_size_limit_is_refused(
    client, tip_page, make_tip, settings
):
    settings.KCS_TIPS_MAX_FILE_SIZE = 1000
    tip, code = make_tip()
    big = upload("big.jpg", jpeg_with_gps() + b"\0" * 2000)
    response = client.post(
        tip_page.url + "case/", {"code": code, "body": "อีกไฟล์", "evidence": big}
    )
    html = response.content.decode()
    assert "อีกไฟล์</textarea>" in html  # kept
    # Which file, and the limits, as the e-service forms say.
    assert "ไม่ได้รับไฟล์ “big.jpg” เพราะมีขนาดใหญ่เกินกำหนด" in html
    assert "แต่ละไฟล์ต้องไม่เกิน 1000" in html
    assert not tip.events.filter(kind=TipEvent.Kind.TIPSTER_MESSAGE).exists()


def test_a_refused_follow_up_says_next_to_the_file_box_to_choose_again(
    client, tip_page, make_tip
):
    _tip, code = make_tip()
    response = client.post(
        tip_page.url + "case/",
        {
            "code": code,
            "body": "ก" * 20001,  # too long
            "evidence": upload("more.jpg", jpeg_with_gps()),
        },
    )
    html = response.content.decode()
    evidence = html.split('id="id_evidence"')[0].rsplit('class="tips-field', 1)[1]
    assert "ระบบเก็บไฟล์ไว้ให้ไม่ได้ โปรดเลือกไฟล์อีกครั้ง" in evidence
