"""Filing a request: fill in → check your answers → confirm → confirmation; files;
errors in Thai with answers kept; the print copy; the form page's query budget."""

import io
import re
import uuid

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.test import Client, TestCase
from django.utils.datastructures import MultiValueDict

from wagtail.models import Site

import pytest
from PIL import Image

from eservice_forms import receipts
from eservice_forms.models import Attachment, PendingUpload, ServiceRequest
from eservice_forms.presets import create_service
from eservice_forms.services import submit_request
from eservice_forms.storage import PrivateStorage
from kcs_core.thai_dates import fiscal_year
from tests.conftest import make_home, solve_pace, tells_when_to_retry
from tests.html import read
from tests.tips.conftest import jpeg_with_gps

from .conftest import (
    PRESET,
    REVIEW_HEADING,
    WATER_ANSWERS,
    fake_pdf,
    jpeg,
    review_then_confirm,
    thai_id,
)


def test_form_page_shows_privacy_notice_before_the_form_and_the_manual(client, water):
    html = read(client.get(water.url))
    assert html.index("ประกาศความเป็นส่วนตัว") < html.index('<form method="post"')
    assert "เก็บไว้ 2 ปี หลังปิดเรื่อง" in html and 'enctype="multipart/form-data"' in html
    assert "คู่มือสำหรับประชาชน" in html and "ไม่มีค่าธรรมเนียม" in html


def test_form_page_query_budget(
    client, water, government_settings, django_assert_max_num_queries
):
    # Wagtail's routing takes one query per level of the tree; the menu,
    # breadcrumbs and language links are cached fragments once warm.
    client.get(water.url)  # warm the site root paths cache and the fragments
    with django_assert_max_num_queries(12):
        assert client.get(water.url).status_code == 200


def test_the_receipt_cookie_is_secure_and_scoped_to_the_services_path(
    client, water, root_page, thai_locale, settings
):
    """With a second site, Wagtail's ``page.url`` is a whole URL: the cookie's path
    must still be a path. Production's cookies are HTTPS-only, and so is this one."""
    other_home = make_home(root_page, "other-home", "อีกแห่ง", thai_locale)
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    settings.SESSION_COOKIE_SECURE = True
    _review, done = review_then_confirm(
        client, water, WATER_ANSWERS, {"attachments": jpeg()}
    )
    cookie = done.cookies["esv_receipt_th"]
    assert cookie["path"] == "/e-service/water/"
    assert cookie["secure"] is True and cookie["httponly"] is True


def test_the_receipt_stays_when_the_resident_switches_language(client, english_water):
    """The language switcher on the confirmation led to the English page, which
    had no receipt and sent the resident back to an empty form: the tracking code,
    shown only there, was lost."""
    _review, done = review_then_confirm(client, english_water, WATER_ANSWERS)
    reference = ServiceRequest.objects.get().reference
    english = english_water.get_translations().get().specific
    shown = client.get(english.url + "done/")
    assert shown.status_code == 200
    assert reference in read(shown) and "สมศรี" in read(shown)  # the answers too
    assert done.cookies["esv_receipt_en"]["path"] == english.url
    stranger = Client()
    assert stranger.get(english.url + "done/").status_code == 302


def test_a_receipt_set_before_the_cookie_was_named_by_language_still_shows(
    client, water
):
    """A resident who filed in the hour before the upgrade reloads or prints."""
    review_then_confirm(client, water, WATER_ANSWERS)
    browser = HttpRequest()
    browser.COOKIES = {"esv_receipt_th": client.cookies["esv_receipt_th"].value}
    value = browser.get_signed_cookie("esv_receipt_th", salt=receipts.SALT)
    del client.cookies["esv_receipt_th"]
    legacy = signing.get_cookie_signer(salt="esv_receipt" + receipts.SALT)
    client.cookies["esv_receipt"] = legacy.sign(value)
    shown = client.get(water.url + "done/")
    assert ServiceRequest.objects.get().reference in read(shown)


def test_a_published_change_to_the_form_shows_at_once(client, water):
    """The manual and the empty form are cached per revision: a publish renews them."""
    assert "ชื่อ" in client.get(water.url).content.decode()
    field = water.form_fields.get(clean_name="first_name")
    field.label = "ชื่อตัว (ตามบัตร)"
    field.save()
    water.intro = "<p>บริการใหม่</p>"
    water.save_revision().publish()
    html = read(client.get(water.url))
    assert "ชื่อตัว (ตามบัตร)" in html and "บริการใหม่" in html


def test_a_form_with_errors_is_never_served_from_the_fragment_cache(client, water):
    client.get(water.url)  # the empty form, cached
    response = client.post(water.url, {"action": "review", "first_name": "สมศรี"})
    html = response.content.decode()
    assert 'value="สมศรี"' in html and "field--error" in html


def test_review_then_confirm_gives_a_reference_and_a_secret_once(client, water):
    review, done = review_then_confirm(
        client, water, WATER_ANSWERS, {"attachments": jpeg()}
    )
    review_html = review.content.decode()
    assert REVIEW_HEADING in review_html and "สมศรี" in review_html
    assert "ภัยแล้ง" in review_html  # the choice's label, not its key
    assert done.status_code == 302 and done["Location"].endswith("/water/done/")
    stored = ServiceRequest.objects.get()
    year = fiscal_year(stored.submit_time)
    assert stored.reference == f"ESV-{year}-000001"
    assert stored.form_data["cause"] == "drought"
    assert stored.form_data["phone"] == "0812345678"
    confirmation = client.get(done["Location"]).content.decode()
    assert stored.reference in confirmation
    secret = confirmation.split('receipt__secret">')[1].split("<")[0]
    assert len(secret) == 14 and secret not in done["Location"]
    assert stored.secret_hash and secret not in stored.secret_hash
    assert stored.events.get().public
    # The way to follow it: the service index's tracking form.
    assert f'href="{water.get_parent().url}track/"' in confirmation


def test_sending_the_same_form_twice_stores_one_request(client, water):
    review, first = review_then_confirm(client, water, WATER_ANSWERS)
    data = dict(review.context["carried"]) | {"action": "confirm", "staged": ""}
    second = client.post(water.url, data)
    assert second.status_code == 302
    assert ServiceRequest.objects.count() == 1
    assert client.get(second["Location"]).context["service_request"].number == 1


def test_changed_answers_under_the_same_form_are_shown_and_then_filed(client, water):
    """Back from the confirmation, a changed phone number, confirm: the page said
    "filed" with the first answers. Now it says so, keeps the new answers, and
    sending them again files them as a new request."""
    review, _first = review_then_confirm(client, water, WATER_ANSWERS)
    carried = dict(review.context["carried"])
    changed = {**carried, "phone": "0899999999", "action": "confirm", "staged": ""}
    refused = client.post(water.url, changed)
    html = refused.content.decode()
    reference = ServiceRequest.objects.get().reference
    assert refused.status_code == 200
    assert f"ส่งแบบฟอร์มนี้แล้ว เป็นคำร้องเลขที่ {reference}" in html
    assert 'value="0899999999"' in html
    new_key = refused.context["submission_key"]
    assert new_key != carried["submission_key"]
    # Sent again from that page (its new key and pace): the new request.
    answers = {**WATER_ANSWERS, "phone": "0899999999"}
    again = {**answers, **solve_pace(refused.context["pace"]), "action": "review"}
    review = client.post(water.url, {**again, "submission_key": new_key})
    confirm = dict(review.context["carried"]) | {"action": "confirm", "staged": ""}
    assert client.post(water.url, confirm).status_code == 302
    assert client.post(water.url, confirm).status_code == 302  # and only once
    assert ServiceRequest.objects.count() == 2
    assert ServiceRequest.objects.latest("pk").form_data["phone"] == "0899999999"


def test_numbers_follow_each_other(client, water):
    review_then_confirm(client, water, WATER_ANSWERS)
    review_then_confirm(client, water, WATER_ANSWERS)
    assert sorted(ServiceRequest.objects.values_list("number", flat=True)) == [1, 2]


def test_bad_answers_get_thai_errors_next_to_fields_and_are_kept(client, water):
    answers = {**WATER_ANSWERS, "phone": "12345", "first_name": ""}
    response = client.post(water.url, {**answers, "action": "review"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "กรอกหมายเลขโทรศัพท์" in html
    assert "กรุณากรอกช่องนี้" in html
    assert 'value="12345"' in html and 'value="ใจดี"' in html
    # In the error summary at the top, linked to the input, and next to the field.
    assert '<a href="#id_phone">' in html
    assert html.index("กรอกหมายเลขโทรศัพท์", html.index("field-phone"))


def test_national_id_is_checked_by_its_checksum(client, service_index):
    petition = create_service(service_index, PRESET["petition"])
    answers = {
        "title": "mr", "full_name": "สมชาย ดี",
        "age": "40", "address": "1 หมู่ 2", "phone": "0812345678",
        "subject": "ขอซ่อมถนน", "details": "ถนนชำรุด", "national_id": "1101700230705",
    }  # fmt: skip
    html = client.post(petition.url, {**answers, "action": "review"}).content.decode()
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง" in html
    ok = client.post(
        petition.url, {**answers, "national_id": thai_id(), "action": "review"}
    )
    assert REVIEW_HEADING in ok.content.decode()


def test_files_are_checked_by_content(client, water):
    response = client.post(
        water.url, {**WATER_ANSWERS, "attachments": fake_pdf(), "action": "review"}
    )
    assert "ไม่ใช่ประเภทที่รับ" in response.content.decode()
    assert PendingUpload.objects.count() == 0


def test_attachments_are_stored_privately_and_deleted_with_the_request(
    client, water, private_media, settings, django_capture_on_commit_callbacks
):
    review_then_confirm(
        client, water, WATER_ANSWERS, {"attachments": [jpeg("a.jpg"), jpeg("b.jpg")]}
    )
    attachments = list(Attachment.objects.all())
    assert [a.original_name for a in attachments] == ["a.jpg", "b.jpg"]
    paths = [private_media / "eservice" / a.file.name for a in attachments]
    assert all(path.exists() for path in paths)
    assert not list(settings.MEDIA_ROOT.glob("**/*.jpg"))
    assert PendingUpload.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        ServiceRequest.objects.get().delete()
    assert not any(path.exists() for path in paths)


def test_staged_files_survive_changing_answers(client, water):
    key = client.get(water.url).context["submission_key"]
    review = client.post(
        water.url,
        {**WATER_ANSWERS, "attachments": jpeg("keep.jpg"), "action": "review",
         "submission_key": key},
    )  # fmt: skip
    staged = review.context["staged"].signed()
    edit = client.post(
        water.url,
        {**WATER_ANSWERS, "action": "edit", "staged": staged, "submission_key": key},
    )
    assert "keep.jpg" in edit.content.decode()
    pace = solve_pace(edit.context["pace"])
    confirm = client.post(
        water.url,
        {**WATER_ANSWERS, **pace, "action": "confirm", "staged": staged,
         "submission_key": key},
    )  # fmt: skip
    assert confirm.status_code == 302
    assert Attachment.objects.get().original_name == "keep.jpg"


def test_files_sent_with_refused_answers_are_kept_for_the_next_try(client, water):
    """A wrong phone number cost the resident their photo: the browser cannot be
    given a file back. The files of the questions answered well are kept, named
    next to their box, and go with the corrected answers."""
    key = client.get(water.url).context["submission_key"]
    refused = client.post(
        water.url,
        {**WATER_ANSWERS, "phone": "", "attachments": jpeg("well.jpg"),
         "action": "review", "submission_key": key},
    )  # fmt: skip
    html = read(refused)
    assert "แนบไว้แล้ว: well.jpg" in html.split('id="field-attachments"')[1]
    assert "โปรดเลือกไฟล์อีกครั้ง" not in html
    # A screen reader says it on the file box too.
    box = re.search(r'<input type="file" name="attachments"[^>]*>', html)[0]
    assert 'aria-describedby="id_attachments_staged"' in box
    assert '<p class="staged" id="id_attachments_staged">' in html
    staged = refused.context["staged"].signed()
    review = client.post(
        water.url,
        {**WATER_ANSWERS, "action": "review", "staged": staged, "submission_key": key},
    )
    assert REVIEW_HEADING in read(review)
    pace = solve_pace(refused.context["pace"])
    confirm = client.post(
        water.url,
        {**dict(review.context["carried"]), **pace, "action": "confirm",
         "staged": review.context["staged"].signed()},
    )  # fmt: skip
    assert confirm.status_code == 302
    assert Attachment.objects.get().original_name == "well.jpg"


def test_a_refused_file_is_to_be_chosen_again_on_its_own_box(client, water):
    """A Windows program named .pdf, with a good photo beside it: the box says
    which file was refused and that its files must be chosen again."""
    refused = client.post(
        water.url,
        {**WATER_ANSWERS, "attachments": [jpeg("good.jpg"), fake_pdf()],
         "action": "review"},
    )  # fmt: skip
    box = read(refused).split('id="field-attachments"')[1].split('id="field-')[0]
    assert "evil.pdf" in box and "ระบบเก็บไฟล์ไว้ให้ไม่ได้ โปรดเลือกไฟล์อีกครั้ง" in box
    assert 'href="#id_attachments">' in read(refused)  # the summary links to it
    assert PendingUpload.objects.count() == 0
    without_files = client.post(
        water.url, {**WATER_ANSWERS, "phone": "", "action": "review"}
    )
    assert "โปรดเลือกไฟล์อีกครั้ง" not in read(without_files)


def test_a_file_chosen_again_replaces_the_staged_one(client, water):
    """Choosing the box again replaces what it held (the earlier file is deleted,
    not left on disk for a day); a replacement that is refused takes the earlier
    file away too, as the resident meant to."""
    first = client.post(
        water.url,
        {
            **WATER_ANSWERS,
            "phone": "",
            "attachments": jpeg("a.jpg"),
            "action": "review",
        },
    )
    staged = first.context["staged"].signed()
    again = client.post(
        water.url,
        {**WATER_ANSWERS, "phone": "", "attachments": jpeg("b.jpg"),
         "staged": staged, "action": "review"},
    )  # fmt: skip
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == [
        "b.jpg"
    ]
    refused = client.post(
        water.url,
        {**WATER_ANSWERS, "phone": "", "attachments": fake_pdf(),
         "staged": again.context["staged"].signed(), "action": "review"},
    )  # fmt: skip
    assert PendingUpload.objects.count() == 0
    assert "แนบไว้แล้ว" not in read(refused)


def test_a_file_that_fails_to_store_leaves_nothing_behind(
    client, water, private_media, monkeypatch
):
    real_save = PrivateStorage._save
    calls = []

    def failing_save(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(self, name, content)

    monkeypatch.setattr(PrivateStorage, "_save", failing_save)
    with pytest.raises(OSError):
        submit_request(
            water,
            WATER_ANSWERS,
            MultiValueDict({"attachments": [jpeg("1.jpg"), jpeg("2.jpg")]}),
            idempotency_key=uuid.uuid4(),
        )
    assert ServiceRequest.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert not list((private_media / "eservice").glob("requests/*"))


def test_printable_copy_for_the_resident(client, water):
    _review, done = review_then_confirm(client, water, WATER_ANSWERS)
    html = client.get(water.url + "print/").content.decode()
    assert ServiceRequest.objects.get().reference in html
    assert "ผู้ยื่นคำร้อง" in html and "@page" not in html
    assert "print.css" in html


def test_confirmation_without_receipt_goes_back_to_the_form(client, water):
    assert client.get(water.url + "done/")["Location"] == water.url


def test_upload_limit_is_configurable(client, water, settings):
    settings.KCS_ESERVICE_MAX_UPLOAD_SIZE = 100
    response = client.post(
        water.url, {**WATER_ANSWERS, "attachments": jpeg(), "action": "review"}
    )
    assert "ใหญ่เกิน" in response.content.decode()


def test_nothing_is_stored_before_confirming(client, water):
    response = client.post(water.url, {**WATER_ANSWERS, "action": "review"})
    assert "ยืนยันและส่งคำร้อง" in response.content.decode()
    assert ServiceRequest.objects.count() == 0


def stored_image(attachment) -> Image.Image:
    with attachment.file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_a_residents_photo_is_stored_without_gps_or_camera(client, water, admin_client):
    """Decoded by the task worker after filing, in a bounded child process."""
    with TestCase.captureOnCommitCallbacks() as worker_jobs:
        review_then_confirm(
            client,
            water,
            WATER_ANSWERS,
            {
                "attachments": SimpleUploadedFile(
                    "well.jpg", jpeg_with_gps(), "image/jpeg"
                )
            },
        )
    attachment = Attachment.objects.get()
    assert attachment.cleaning == "pending"  # nothing decoded in the request
    case = f"/admin/eservice_requests/{attachment.request_id}/"
    assert "กำลังลบข้อมูลตำแหน่ง" in admin_client.get(case).content.decode()
    for job in worker_jobs:
        job()
    attachment.refresh_from_db()
    assert attachment.cleaning == "done"
    image = stored_image(attachment)
    assert image.size == (32, 24)
    assert not image.getexif() and b"MarkerCam" not in image.tobytes()
    assert attachment.size == attachment.file.size


def test_a_file_is_stored_and_downloaded_under_the_type_its_content_shows(
    client, water, admin_client
):
    review_then_confirm(
        client, water, WATER_ANSWERS, {"attachments": jpeg("invoice.exe")}
    )
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".jpg")
    url = (
        f"/admin/eservice_requests/{attachment.request_id}/files/{attachment.pk}/"
        "?download=1"
    )
    response = admin_client.get(url)
    assert 'filename="invoice.jpg"' in response["Content-Disposition"]


def test_html_behind_a_jpeg_signature_is_refused(client, water):
    disguised = jpeg().read()[:20] + b"<html><script>alert(1)</script></html>"
    response = client.post(
        water.url,
        {
            **WATER_ANSWERS,
            "attachments": SimpleUploadedFile("page.html", disguised, "image/jpeg"),
            "action": "review",
        },
    )
    assert response.status_code == 200 and "field--error" in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_a_photo_with_too_many_pixels_is_refused(client, water, settings):
    settings.KCS_MAX_IMAGE_PIXELS = 10  # the test photo has 8 x 8
    response = client.post(
        water.url, {**WATER_ANSWERS, "attachments": jpeg(), "action": "review"}
    )
    assert "field--error" in response.content.decode()


@pytest.mark.parametrize(
    "answer",
    [
        {"reason_detail": "น้ำ" * 2000},  # a 2,000,000-character one was once stored
        {"household_members": "1e308"},
        {"requested_delivery_date": "9999-12-31"},
    ],
)
def test_answers_out_of_bounds_are_refused_next_to_their_field(client, water, answer):
    response = client.post(water.url, {**WATER_ANSWERS, **answer, "action": "review"})
    html = response.content.decode()
    (key,) = answer
    assert f'<div class="field field--error" id="field-{key}">' in html
    assert not PendingUpload.objects.exists() and not ServiceRequest.objects.exists()


def test_staged_files_are_bounded_per_client_and_per_site(client, water, settings):
    """One review POST once left 46 MB of never-confirmed files behind."""
    size = len(jpeg().read())
    settings.KCS_ESERVICE_STAGED_BYTES_PER_CLIENT = size * 2
    settings.KCS_ESERVICE_STAGED_BYTES_PER_SITE = size * 3

    def review(address):
        return client.post(
            water.url,
            {**WATER_ANSWERS, "attachments": jpeg(), "action": "review"},
            REMOTE_ADDR=address,
        )

    assert review("10.0.0.1").context["answers"]  # the review page
    assert review("10.0.0.1").context["answers"]
    refused = review("10.0.0.1").content.decode()
    assert "ส่งไฟล์จากการเชื่อมต่อนี้มากเกินไป" in refused
    assert tells_when_to_retry(refused)
    assert 'value="สมศรี"' in refused  # what was typed is kept
    assert review("10.0.0.2").context["answers"]  # another resident
    assert "มากเกินไป" in review("10.0.0.3").content.decode()  # the site's quota
    assert PendingUpload.objects.count() == 3


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "<dd>0</dd>"), ("", "<dd>-</dd>"), (None, "<dd>-</dd>"), ([], "<dd>-</dd>")],
)
def test_an_answer_of_zero_is_shown_as_typed_and_no_answer_as_a_dash(value, shown):
    html = render_to_string(
        "eservice_forms/includes/answers.html",
        {"answers": [{"key": "trips", "label": "จำนวนเที่ยว", "value": value}]},
    )
    assert shown in " ".join(html.split()).replace("<dd> ", "<dd>")


def test_thai_in_the_english_manual_is_marked_as_thai(
    client, english_water, english_home
):
    """The division and the manual's tables stay as the office wrote them, in Thai:
    on the English page a screen reader must read them with a Thai voice (WCAG 2.1,
    3.1.2 Language of Parts), on the service and on the list of services."""
    service = english_water.get_translation(english_home.locale)
    division = f'<dd><span lang="th">{service.responsible_division.split()[0]}'
    for url in (service.url, service.get_parent().url):
        assert division in read(client.get(url)), url
    manual = read(client.get(service.url))
    steps = manual.split('aria-labelledby="manual-steps"')[1].split("</tbody>")[0]
    assert '<td><span lang="th">' in steps
