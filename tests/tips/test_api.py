"""The tip endpoints: the site's tip pages, the form and its captcha, sending a tip
(JSON and multipart), the tipster's case by receipt code; the same rules as the tip
page, and nothing crosses sites."""

import json
import re

from django.test import Client

import pytest
from freezegun import freeze_time

from tests.conftest import pace_of, says_when_to_retry, tells_when_to_retry
from tests.json_api import JSONClient
from tests.tips.conftest import add_tip_page, jpeg_with_gps, make_handler, upload
from tips import services
from tips.models import Tip, TipEvent

pytestmark = pytest.mark.django_db

TIP = {
    "category": "bribery",
    "accused": "นายสมมติ ผู้ถูกกล่าวหา",
    "description": "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง",
    "occurred": "มีนาคม 2568",
    "location": "ที่ทำการ อบต.",
}


def form_url(page):
    return f"/api/tips/pages/{page.pk}/form/"


def pace(api, page) -> dict:
    return pace_of(api.get(form_url(page)).json())


def submit_url(page):
    return f"/api/tips/pages/{page.pk}/tips/"


def answers(api, page, **overrides):
    """The answers a front end sends: the form's hidden fields echoed, the captcha
    answered (any key passes in test mode with PASSED)."""
    form = api.get(form_url(page)).json()
    hidden = {f["key"]: f["initial"] for f in form["fields"] if f["type"] == "hidden"}
    captcha = {"key": form["captcha"]["key"], "answer": "PASSED"}
    return {**hidden, **TIP, "captcha": captcha, **overrides}


def send(api, page, **overrides):
    response = api.post(
        submit_url(page),
        {"pace": pace(api, page), "answers": answers(api, page, **overrides)},
    )
    assert response.status_code == 201, response.json()
    return response.json()


def read_case(api, code, **extra):
    return api.post("/api/tips/case/", {"code": code}, **extra)


@pytest.fixture
def other_tip_page(other_site):
    return add_tip_page(other_site.root_page)


def test_tip_pages_of_this_site_only(api, tip_page, other_tip_page):
    items = api.get("/api/tips/").json()
    assert [item["id"] for item in items] == [tip_page.pk]
    assert items[0]["form_url"].endswith(form_url(tip_page))
    assert api.get(form_url(other_tip_page)).status_code == 404


def test_form_schema_with_labels_in_both_languages_and_a_captcha(
    api, tip_page, django_user_model, site
):
    make_handler(django_user_model, site, name="นางสาวสมใจ ใจดี", position="นิติกร")
    form = api.get(form_url(tip_page)).json()
    fields = {field["key"]: field for field in form["fields"]}
    assert "website" not in fields  # the honeypot is for robots only
    assert fields["category"]["type"] == "radio"
    assert fields["category"]["labels"]["en"] == "What kind of wrongdoing is it?"
    assert fields["category"]["labels"]["th"] == "เป็นการกระทำผิดประเภทใด"
    bribery = fields["category"]["choices"][0]
    assert bribery["labels"] == {"th": "การเรียกรับสินบน", "en": "Bribery"}
    assert fields["description"]["required"] is True
    assert fields["evidence"]["type"] == "files" and fields["evidence"]["max_files"]
    assert fields["started"]["type"] == "hidden" and fields["started"]["initial"]
    assert fields["captcha"]["type"] == "captcha"
    captcha = form["captcha"]
    assert captcha["image_url"].endswith(f"/tip-off/captcha/{captcha['key']}/image/")
    assert captcha["audio_url"] or captcha["spoken_text"]
    assert form["handlers"] == [{"name": "นางสาวสมใจ ใจดี", "position": "นิติกร"}]
    assert len(form["outside_channels"]) == 3


def test_captcha_challenges_are_new_each_time_and_their_image_is_served(api, tip_page):
    url = f"/api/tips/pages/{tip_page.pk}/captcha/"
    first, second = api.post(url), api.post(url)
    assert first.status_code == second.status_code == 201
    assert first.json()["key"] != second.json()["key"]
    image = api.get(first.json()["image_url"].removeprefix("http://testserver"))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_a_tip_sent_as_json_is_stored_and_answered_with_number_and_code(api, tip_page):
    body = send(api, tip_page)
    tip = Tip.objects.get()
    assert body["case_number"] == tip.case_number
    assert len(body["receipt_code"].replace("-", "")) == 20
    assert body["status"] == "received"
    assert tip.description == TIP["description"]
    assert services.open_case(tip.site, body["receipt_code"], "test-client") == tip


def test_a_tip_on_a_town_site_inside_another_is_the_towns(api, site, nested_site):
    """Sent to the town's page through the outer site's host, a tip went to the
    outer site's handlers and register; here and on the page, it is the town's."""
    town_page = add_tip_page(nested_site.root_page)
    form = api.get(form_url(town_page)).json()
    assert form["case_url"] == "http://town-b.example/api/tips/case/"
    body = send(api, town_page)
    tip = Tip.objects.get()
    assert tip.site == nested_site
    town = JSONClient(Client(HTTP_HOST="town-b.example"))
    case = town.post("/api/tips/case/", {"code": body["receipt_code"]})
    assert case.status_code == 200 and case.json()["case_number"] == tip.case_number


def test_a_tip_with_evidence_is_sent_as_multipart(api, tip_page):
    response = api.multipart(
        submit_url(tip_page),
        {"pace": pace(api, tip_page), "answers": answers(api, tip_page)},
        {"evidence": [upload("photo.jpg", jpeg_with_gps())]},
    )
    assert response.status_code == 201, response.json()
    assert Tip.objects.get().attachments.count() == 1


def test_evidence_under_another_name_is_refused_for_a_tip_and_a_message(api, tip_page):
    """Sent as ``photo`` instead of ``evidence``, the file would be lost."""
    code = send(api, tip_page)["receipt_code"]
    refused = [
        api.multipart(
            submit_url(tip_page),
            {"pace": pace(api, tip_page), "answers": answers(api, tip_page)},
            {"photo": [upload("photo.jpg", jpeg_with_gps())]},
        ),
        api.multipart(
            "/api/tips/case/messages/",
            {"code": code, "body": "ข้อมูลเพิ่มเติม"},
            {"photo": [upload("more.jpg", jpeg_with_gps())]},
        ),
    ]
    assert [response.status_code for response in refused] == [400, 400]
    assert {tuple(r.json()["errors"]) for r in refused} == {("photo",)}
    assert Tip.objects.count() == 1 and TipEvent.objects.count() == 1


def test_a_wrong_captcha_is_a_field_error(api, tip_page):
    wrong = answers(api, tip_page)
    wrong["captcha"]["answer"] = "WRONG"
    response = api.post(
        submit_url(tip_page), {"pace": pace(api, tip_page), "answers": wrong}
    )
    assert response.status_code == 400
    assert "captcha" in response.json()["errors"]
    assert Tip.objects.count() == 0


def test_the_honeypot_and_the_fill_time_apply(api, tip_page, settings):
    honeypot = api.post(
        submit_url(tip_page),
        {"pace": pace(api, tip_page), "answers": answers(api, tip_page, website="x")},
    )
    assert honeypot.status_code == 400 and honeypot.json()["errors"]["__all__"]
    settings.KCS_TIPS_MIN_FILL_SECONDS = 60
    hasty = api.post(
        submit_url(tip_page),
        {"pace": pace(api, tip_page), "answers": answers(api, tip_page)},
    )
    assert hasty.status_code == 400 and hasty.json()["errors"]["__all__"]
    assert Tip.objects.count() == 0


def test_required_fields_get_thai_or_english_messages(api, tip_page):
    data = {"answers": answers(api, tip_page, description="", category="")}
    thai = api.post(submit_url(tip_page), data)
    assert thai.json()["errors"]["description"] == ["กรุณากรอกช่องนี้"]
    data = {"answers": answers(api, tip_page, description="", category="")}
    english = api.post(submit_url(tip_page), data, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["errors"]["category"] == ["This field is required."]


def test_refused_forms_are_throttled_per_client(api, tip_page, settings):
    settings.KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        data = {"answers": answers(api, tip_page, description="")}
        assert api.post(submit_url(tip_page), data).status_code == 400
    data = {"answers": answers(api, tip_page), "pace": pace(api, tip_page)}
    assert api.post(submit_url(tip_page), data, REMOTE_ADDR="10.1.2.3").status_code == (
        201
    )
    data = {"answers": answers(api, tip_page), "pace": pace(api, tip_page)}
    blocked = api.post(submit_url(tip_page), data)
    assert blocked.status_code == 429 and blocked.json()["detail"]
    assert says_when_to_retry(blocked)
    assert tells_when_to_retry(blocked.json()["detail"])
    assert Tip.objects.count() == 1


def test_oversized_evidence_is_refused_with_413(api, tip_page, settings):
    settings.KCS_TIPS_MAX_FILE_SIZE = 100
    response = api.multipart(
        submit_url(tip_page),
        {"pace": pace(api, tip_page), "answers": answers(api, tip_page)},
        {"evidence": [upload("photo.jpg", jpeg_with_gps())]},
    )
    assert response.status_code == 413
    assert Tip.objects.count() == 0


def test_the_code_opens_the_case_with_replies_but_not_notes(api, tip_page, handler):
    code = send(api, tip_page)["receipt_code"]
    tip = Tip.objects.get()
    services.reply(tip, handler, "ได้รับเรื่องแล้ว กำลังตรวจสอบ")
    services.add_note(tip, handler, "บันทึกภายใน ห้ามเปิดเผย")
    services.change_status(tip, handler, "investigating")
    response = read_case(api, code.lower().replace("-", " "))
    assert response.status_code == 200
    case = response.json()
    assert case["case_number"] == tip.case_number
    assert case["status_label"] == "อยู่ระหว่างการสอบสวน"
    assert [event["kind"] for event in case["events"]] == [
        "submitted",
        "reply",
        "status",
    ]
    assert "บันทึกภายใน" not in response.content.decode()


def test_the_case_gives_days_never_times(api, tip_page, handler):
    """As on the case page: an exact time could be matched against a network's
    logs to find who sent the tip, by anyone who holds the code."""
    with freeze_time("2026-12-04 23:30:15.123+07:00"):
        code = send(api, tip_page)["receipt_code"]
        services.reply(Tip.objects.get(), handler, "ได้รับเรื่องแล้ว")
    case = read_case(api, code).json()
    assert case["received_on"] == "2026-12-04"
    assert [event["date"] for event in case["events"]] == ["2026-12-04"] * 2
    in_thai = {"year": 2569, "text": "4 ธันวาคม 2569"}
    assert case["received_on_be"] == in_thai
    assert [event["date_be"] for event in case["events"]] == [in_thai] * 2
    assert not re.search(r"\d\d:\d\d", json.dumps(case))


def test_unknown_and_malformed_codes(api, tip_page):
    send(api, tip_page)
    unknown = read_case(api, "AAAA-BBBB-CCCC-DDDD-EEEE")
    assert unknown.status_code == 404
    assert "ไม่พบเรื่องที่ตรงกับรหัสนี้" in unknown.json()["detail"]
    malformed = read_case(api, "AAAA")
    assert malformed.status_code == 400 and "code" in malformed.json()["errors"]


def test_wrong_codes_slow_the_guesser_not_the_tipster(api, tip_page, settings):
    settings.KCS_TIPS_FAILED_LOOKUPS_PER_HOUR = 3
    code = send(api, tip_page)["receipt_code"]
    for _guess in range(3):
        read_case(api, "AAAA-BBBB-CCCC-DDDD-EEEE", REMOTE_ADDR="10.0.0.1")
    blocked = read_case(api, code, REMOTE_ADDR="10.0.0.1")
    assert blocked.status_code == 429 and says_when_to_retry(blocked)
    assert read_case(api, code, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_code_does_not_open_a_case_of_another_site(api, tip_page, other_tip_page):
    other = Client(HTTP_HOST="other.example")
    form = other.get(form_url(other_tip_page)).json()
    data = {
        "answers": {
            "started": next(f for f in form["fields"] if f["key"] == "started")[
                "initial"
            ],
            "captcha": {"key": form["captcha"]["key"], "answer": "PASSED"},
            **TIP,
        },
        "pace": pace_of(form),
    }
    sent = other.post(submit_url(other_tip_page), data, content_type="application/json")
    assert sent.status_code == 201
    assert read_case(api, sent.json()["receipt_code"]).status_code == 404


def test_the_tipster_adds_a_message_and_a_file(api, tip_page):
    code = send(api, tip_page)["receipt_code"]
    response = api.multipart(
        "/api/tips/case/messages/",
        {"code": code, "body": "ข้อมูลเพิ่มเติม"},
        {"evidence": [upload("more.jpg", jpeg_with_gps())]},
    )
    assert response.status_code == 201, response.json()
    event = Tip.objects.get().events.get(kind=TipEvent.Kind.TIPSTER_MESSAGE)
    assert event.body == "ข้อมูลเพิ่มเติม" and event.attachments.count() == 1
    assert response.json()["events"][-1]["body"] == "ข้อมูลเพิ่มเติม"
    assert [event["files"] for event in response.json()["events"]] == [0, 1]


def test_a_message_retried_with_its_key_is_stored_once(api, tip_page):
    code = send(api, tip_page)["receipt_code"]
    message = {"code": code, "body": "ข้อมูลเพิ่มเติม", "idempotency_key": "k-1"}
    answers = [api.multipart("/api/tips/case/messages/", message, {}) for _ in "12"]
    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()  # answered as the first time
    events = Tip.objects.get().events.filter(kind=TipEvent.Kind.TIPSTER_MESSAGE)
    assert events.count() == 1
    other = {**message, "idempotency_key": "k-2"}
    assert api.multipart("/api/tips/case/messages/", other, {}).status_code == 201
    assert events.count() == 2
    # The same key with a file added (a retry the client changed) is another
    # message: it was answered 201 and the file dropped.
    evidence = {"evidence": [upload("more.jpg", jpeg_with_gps())]}
    added = api.multipart("/api/tips/case/messages/", message, evidence)
    assert added.status_code == 201 and added.json()["events"][-1]["files"] == 1
    assert events.count() == 3


def test_an_empty_message_is_refused(api, tip_page):
    code = send(api, tip_page)["receipt_code"]
    response = api.post("/api/tips/case/messages/", {"code": code, "body": ""})
    assert response.status_code == 400 and response.json()["errors"]["body"]


def test_a_message_needs_a_valid_code(api, tip_page):
    send(api, tip_page)
    response = api.post(
        "/api/tips/case/messages/", {"code": "AAAA-BBBB-CCCC-DDDD-EEEE", "body": "x"}
    )
    assert response.status_code == 404
    assert not TipEvent.objects.filter(kind=TipEvent.Kind.TIPSTER_MESSAGE).exists()
