"""A disk that refuses to write (ENOSPC, injected at the storage layer): the resident
or tipster is told clearly, keeps what they typed, and nothing is stored half-way."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from eservice_forms.models import Attachment, PendingUpload, ServiceRequest
from tests.conftest import pace_of
from tests.eservice_forms.conftest import WATER_ANSWERS, review_then_confirm
from tests.faults.conftest import files_under, jpeg_bytes, pdf_bytes
from tests.tips.conftest import tip_form_data
from tips.models import Tip, TipAttachment, TipEvent

pytestmark = pytest.mark.django_db

THAI_MESSAGE = "ไม่สามารถบันทึกไฟล์ของท่านได้"


def photos() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("road.jpg", jpeg_bytes(), content_type="image/jpeg"),
        SimpleUploadedFile("form.pdf", pdf_bytes(), content_type="application/pdf"),
    ]


def assert_nothing_stored(private_root):
    assert ServiceRequest.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert Tip.objects.count() == 0
    assert TipAttachment.objects.count() == 0
    assert files_under(private_root) == []


def test_eservice_api_answers_503_with_a_message_and_stores_nothing(
    api, water, full_disk, settings
):
    full_disk(room=1)  # the first photo fits, the second does not
    form = api.get(f"/api/eservice/services/{water.pk}/form/").json()
    response = api.multipart(
        f"/api/eservice/services/{water.pk}/requests/",
        {"answers": WATER_ANSWERS, "pace": pace_of(form)},
        {"attachments": photos()},
    )
    assert response.status_code == 503
    assert THAI_MESSAGE in response.json()["detail"]
    assert_nothing_stored(settings.KCS_PRIVATE_MEDIA_ROOT)


def test_eservice_form_says_so_in_thai_and_keeps_the_answers(
    client, water, full_disk, settings, django_capture_on_commit_callbacks
):
    full_disk(room=1)
    # The view runs in autocommit: a deleted upload's file goes at once.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            water.url,
            {**WATER_ANSWERS, "attachments": photos(), "action": "review"},
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert THAI_MESSAGE in html
    assert 'value="สมศรี"' in html and "บ่อน้ำแห้ง ไม่มีน้ำใช้" in html
    assert PendingUpload.objects.count() == 0
    assert_nothing_stored(settings.KCS_PRIVATE_MEDIA_ROOT)


def test_eservice_confirm_on_a_disk_filled_since_the_review_stores_no_request(
    client, water, full_disk, settings
):
    full_disk(room=3)  # the review stages both photos; the request's copy fails
    review, confirm = review_then_confirm(
        client, water, WATER_ANSWERS, {"attachments": photos()}
    )
    assert review.status_code == 200 and confirm.status_code == 200
    assert THAI_MESSAGE in confirm.content.decode()
    assert ServiceRequest.objects.count() == 0
    assert Attachment.objects.count() == 0
    # Only the two staged uploads remain, for a retry (cleanup_pending_uploads
    # removes them after a day).
    staged = {upload.file.name for upload in PendingUpload.objects.all()}
    assert len(staged) == 2
    private = settings.KCS_PRIVATE_MEDIA_ROOT / "eservice"
    assert {str(path.relative_to(private)) for path in files_under(private)} == staged


def tip_api_body(api, page) -> dict:
    """The answers of a tip and its solved pace ticket."""
    form = api.get(f"/api/tips/pages/{page.pk}/form/").json()
    hidden = {f["key"]: f["initial"] for f in form["fields"] if f["type"] == "hidden"}
    answers = {
        **hidden,
        "category": "bribery",
        "description": "เรียกรับเงินค่าอนุมัติใบอนุญาต",
        "captcha": {"key": form["captcha"]["key"], "answer": "PASSED"},
    }
    return {"answers": answers, "pace": pace_of(form)}


def test_tip_api_answers_503_with_a_message_and_stores_nothing(
    api, tip_page, full_disk, settings
):
    full_disk(room=1)  # the first original fits, the second does not
    response = api.multipart(
        f"/api/tips/pages/{tip_page.pk}/tips/",
        tip_api_body(api, tip_page),
        {"evidence": photos()},
    )
    assert response.status_code == 503
    assert THAI_MESSAGE in response.json()["detail"]
    assert_nothing_stored(settings.KCS_PRIVATE_MEDIA_ROOT)


def test_tip_form_says_so_in_thai_and_keeps_the_answers(
    client, tip_page, full_disk, settings
):
    full_disk(room=1)
    response = client.post(
        tip_page.url, {**tip_form_data(client, tip_page), "evidence": photos()}
    )
    html = response.content.decode()
    assert response.status_code == 503
    assert THAI_MESSAGE in html
    assert "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง" in html
    assert_nothing_stored(settings.KCS_PRIVATE_MEDIA_ROOT)


def test_a_follow_up_message_with_files_is_refused_whole(
    client, api, tip_page, make_tip, full_disk, settings
):
    tip, code = make_tip()
    full_disk(room=1)
    message = {"code": code, "body": "ข้อมูลเพิ่มเติม"}
    html = client.post(tip_page.url + "case/", {**message, "evidence": photos()})
    sent = api.multipart("/api/tips/case/messages/", message, {"evidence": photos()})
    assert html.status_code == 200 and THAI_MESSAGE in html.content.decode()
    assert sent.status_code == 503 and THAI_MESSAGE in sent.json()["detail"]
    assert not tip.events.filter(kind=TipEvent.Kind.TIPSTER_MESSAGE).exists()
    assert TipAttachment.objects.count() == 0
    assert files_under(settings.KCS_PRIVATE_MEDIA_ROOT) == []
