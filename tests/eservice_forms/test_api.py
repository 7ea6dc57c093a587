"""The e-service endpoints: the site's services, a form's schema, filing (JSON and
multipart), tracking; the same rules as the HTML form, and nothing crosses sites."""

import dataclasses
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.models import Site

import pytest
from freezegun import freeze_time

from eservice_forms import services
from eservice_forms.models import (
    SatisfactionResponse,
    ServiceIndexPage,
    ServiceRequest,
)
from eservice_forms.presets import create_service
from eservice_forms.tracking_codes import code_matches
from tests.conftest import make_home, pace_of
from tests.eservice_forms.conftest import (
    NEXT_YEAR,
    PRESET,
    WATER_ANSWERS,
    fake_pdf,
    jpeg,
)

pytestmark = pytest.mark.django_db


def pace(api, page) -> dict:
    return pace_of(api.get(f"/api/eservice/services/{page.pk}/form/").json())


def submit_url(page):
    return f"/api/eservice/services/{page.pk}/requests/"


def file_water(api, water, **answers):
    response = api.post(
        submit_url(water),
        {"pace": pace(api, water), "answers": {**WATER_ANSWERS, **answers}},
    )
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def other_water(root_page, thai_locale):
    """The water service of a second local government on the installation."""
    home = make_home(root_page, "other", "อบต.อื่น", thai_locale)
    Site.objects.create(hostname="other.example", root_page=home)
    index = home.add_child(instance=ServiceIndexPage(title="บริการ", slug="e-service"))
    return create_service(index, PRESET["water"])


# --- The services and their forms ----------------------------------------------------


def test_services_of_this_site_only(api, water, other_water):
    items = api.get("/api/eservice/services/").json()
    assert [item["id"] for item in items] == [water.pk]
    (item,) = items
    assert item["kind"] == "relief" and item["kind_label"] == "ขอความช่วยเหลือ"
    assert item["url"] == "http://testserver/e-service/water/"
    assert item["form_url"].endswith(f"/api/eservice/services/{water.pk}/form/")
    elsewhere = Client(HTTP_HOST="other.example").get("/api/eservice/services/")
    assert [item["id"] for item in elsewhere.json()] == [other_water.pk]


def test_the_service_list_takes_the_same_queries_for_any_number_of_services(
    api, service_index, django_assert_max_num_queries
):
    create_service(service_index, PRESET["water"])
    with django_assert_max_num_queries(8) as one:
        api.get("/api/eservice/services/")
    for preset in ("building-permit", "borrow-property", "petition"):
        create_service(service_index, PRESET[preset])
    with django_assert_max_num_queries(len(one)):
        assert len(api.get("/api/eservice/services/").json()) == 4


def test_services_filtered_by_language(api, english_water):
    english = api.get("/api/eservice/services/", {"locale": "en"}).json()
    assert [item["title"] for item in english] == [PRESET["water"].title_en]
    assert {item["locale"] for item in api.get("/api/eservice/services/").json()} == {
        "th",
        "en",
    }


def fields_of(form: dict) -> dict[str, dict]:
    """A form description's fields by key."""
    return {field["key"]: field for field in form["fields"]}


def test_form_schema_has_types_choices_and_labels_in_both_languages(api, english_water):
    form = api.get(f"/api/eservice/services/{english_water.pk}/form/").json()
    assert form["languages"] == ["th", "en"]
    assert form["submit_url"].endswith(submit_url(english_water))
    assert "privacy-notice" in form["privacy_notice"]
    fields = fields_of(form)
    title = fields["title"]
    assert title["type"] == "select" and title["required"] is True
    assert title["labels"] == {"th": "คำนำหน้า", "en": "Title"}
    assert {"value": "mrs", "label": "นาง", "labels": {"th": "นาง", "en": "Mrs"}} in (
        title["choices"]
    )
    assert fields["phone"]["type"] == "tel"
    assert fields["requested_delivery_date"]["type"] == "date"
    members = fields["household_members"]
    assert members["type"] == "number" and members["whole"] is True
    assert (members["min_value"], members["max_value"]) == (1, 10**9)
    assert fields["email"]["required"] is False
    photos = fields["attachments"]
    assert photos["type"] == "files" and photos["multiple"] is True
    assert photos["max_files"] == 5 and "image/jpeg" in photos["accept"]


@freeze_time("2026-12-04 09:00")
def test_form_schema_gives_the_range_of_each_date(api, water):
    url = f"/api/eservice/services/{water.pk}/form/"
    delivery = fields_of(api.get(url).json())["requested_delivery_date"]
    assert (delivery["min_date"], delivery["max_date"]) == ("2026-12-04", "2046-12-04")
    water.form_fields.filter(clean_name="requested_delivery_date").update(
        not_before_filing_day=False
    )
    delivery = fields_of(api.get(url).json())["requested_delivery_date"]
    assert delivery["min_date"] == "1900-01-01"
    assert fields_of(api.get(url).json())["phone"]["min_date"] is None


def test_form_schema_labels_follow_accept_language(api, english_water):
    url = f"/api/eservice/services/{english_water.pk}/form/"
    form = api.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert "Privacy notice" in form["privacy_notice"]
    thai = api.get(url).json()
    assert "ประกาศความเป็นส่วนตัว" in thai["privacy_notice"]


def test_row_tables_are_described_by_their_columns(api, borrow):
    form = api.get(f"/api/eservice/services/{borrow.pk}/form/").json()
    (items,) = [field for field in form["fields"] if field["type"] == "rows"]
    assert items["rows"] == 5
    assert [column["key"] for column in items["columns"]] == [
        "name",
        "qty",
        "asset_no",
        "note",
    ]
    assert items["columns"][1]["numeric"] is True
    assert items["columns"][1]["whole"] is True  # a quantity: no decimal point


def test_a_service_of_another_site_is_not_found(api, other_water):
    assert api.get(f"/api/eservice/services/{other_water.pk}/form/").status_code == 404
    response = api.post(submit_url(other_water), {"answers": WATER_ANSWERS})
    assert response.status_code == 404
    assert ServiceRequest.objects.count() == 0


# --- Filing --------------------------------------------------------------------------


def test_json_filing_answers_reference_and_secret(api, water):
    body = file_water(api, water)
    stored = ServiceRequest.objects.get()
    assert body["reference"] == stored.reference
    assert body["reference"].startswith("ESV-25")
    assert code_matches(stored, body["secret"])
    assert body["status"] == "received" and body["status_label"] == "รับเรื่องแล้ว"
    assert body["tracking_url"].endswith("/api/eservice/tracking/")
    assert stored.form_data["first_name"] == "สมศรี"
    assert stored.form_data["phone"] == "0812345678"  # normalised as on the HTML form


def test_the_same_key_gives_the_same_request_and_secret(api, water):
    key = str(uuid.uuid4())
    body = {"answers": WATER_ANSWERS, "idempotency_key": key}
    body["pace"] = pace(api, water)  # spent by the first; the retry needs none
    first = api.post(submit_url(water), body)
    again = api.post(submit_url(water), body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert first.json()["secret"] == again.json()["secret"]
    assert ServiceRequest.objects.count() == 1


def test_the_same_key_with_changed_answers_is_refused(api, water):
    """A client that changed the answers but kept the key got 200 with the first
    request, as if the change were filed."""
    key = str(uuid.uuid4())
    body = {"answers": WATER_ANSWERS, "idempotency_key": key, "pace": pace(api, water)}
    assert api.post(submit_url(water), body).status_code == 201
    changed = {**body, "answers": {**WATER_ANSWERS, "phone": "0899999999"}}
    refused = api.post(submit_url(water), changed)
    assert refused.status_code == 400
    reference = ServiceRequest.objects.get().reference
    assert reference in refused.json()["errors"]["__all__"][0]


def test_filing_takes_a_fixed_small_number_of_queries(
    api, water, django_assert_max_num_queries
):
    """Site, page, fields, the one-time key, number, request, event, notification:
    nothing more (the request is a record: it queues no reference-index task)."""
    body = {"pace": pace(api, water), "answers": WATER_ANSWERS}
    with django_assert_max_num_queries(10):
        assert api.post(submit_url(water), body).status_code == 201


def file_water_with(client, page, key: str):
    """The water answers filed on ``page`` through ``client`` (its own site's
    host) with ``key``."""
    form = client.get(f"/api/eservice/services/{page.pk}/form/").json()
    body = {"pace": pace_of(form), "answers": WATER_ANSWERS, "idempotency_key": key}
    return client.post(submit_url(page), body, content_type="application/json")


@pytest.mark.parametrize("elsewhere", ["another site", "another service"])
def test_a_key_used_elsewhere_never_answers_with_its_request(
    client, water, service_index, other_water, elsewhere
):
    """The key is the client's own, not a credential: sent again to another site,
    or to another service of the same site, it is refused, never answered with
    the first request."""
    key = str(uuid.uuid4())
    if elsewhere == "another site":
        first = file_water_with(Client(HTTP_HOST="other.example"), other_water, key)
    else:
        again = dataclasses.replace(PRESET["water"], slug="water-again")
        first = file_water_with(client, create_service(service_index, again), key)
    assert first.status_code == 201
    response = file_water_with(client, water, key)
    assert response.status_code == 400
    assert first.json()["reference"] not in response.content.decode()
    assert ServiceRequest.objects.count() == 1


def test_multipart_filing_stores_the_files(api, water):
    response = api.multipart(
        submit_url(water),
        {"pace": pace(api, water), "answers": WATER_ANSWERS},
        {"attachments": [jpeg("one.jpg"), jpeg("two.jpg")]},
    )
    assert response.status_code == 201, response.json()
    stored = ServiceRequest.objects.get()
    assert sorted(stored.attachment_names()["attachments"]) == ["one.jpg", "two.jpg"]


def test_a_file_under_a_name_no_question_takes_is_refused_not_lost(api, water):
    response = api.multipart(
        submit_url(water),
        {"pace": pace(api, water), "answers": WATER_ANSWERS},
        {"attachmentz": [jpeg("one.jpg")]},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "attachmentz": ["ไม่มีคำถามใดในแบบฟอร์มนี้รับไฟล์ในชื่อนี้"]
    }
    assert not ServiceRequest.objects.exists()


def test_files_are_checked_by_content_as_on_the_html_form(api, water):
    response = api.multipart(
        submit_url(water),
        {"pace": pace(api, water), "answers": WATER_ANSWERS},
        {"attachments": [fake_pdf()]},
    )
    assert response.status_code == 400
    assert "attachments" in response.json()["errors"]
    assert ServiceRequest.objects.count() == 0


def test_oversized_files_are_refused_with_413(api, water, settings):
    settings.KCS_ESERVICE_MAX_UPLOAD_SIZE = 1000
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * 2000)
    response = api.multipart(
        submit_url(water),
        {"pace": pace(api, water), "answers": WATER_ANSWERS},
        {"attachments": [big, jpeg("small.jpg")]},  # not only the last file counts
    )
    assert response.status_code == 413
    assert "1000" in response.json()["detail"]  # the limit, in Thai
    assert ServiceRequest.objects.count() == 0


def test_errors_are_keyed_by_field_in_thai_or_english(api, water):
    answers = {**WATER_ANSWERS, "phone": "12345", "first_name": ""}
    thai = api.post(submit_url(water), {"pace": pace(api, water), "answers": answers})
    assert thai.status_code == 400
    errors = thai.json()["errors"]
    assert errors["first_name"] == ["กรุณากรอกช่องนี้"]
    assert "หมายเลขโทรศัพท์" in errors["phone"][0]
    english = api.post(
        submit_url(water),
        {"pace": pace(api, water), "answers": answers},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.json()["errors"]["first_name"] == ["This field is required."]
    assert "Thai phone number" in english.json()["errors"]["phone"][0]
    assert ServiceRequest.objects.count() == 0


def test_answers_of_the_wrong_shape_are_a_field_error(api, water):
    answers = {**WATER_ANSWERS, "first_name": {"nested": 1}, "cause": ["a", "b"]}
    response = api.post(
        submit_url(water), {"pace": pace(api, water), "answers": answers}
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"first_name", "cause"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": {}, "idempotency_key": "nope"}, "idempotency_key"),
        ({"answers": []}, "answers"),
        ({"answers": {}, "pace": {"ticket": "x" * 5000}}, "pace"),
        ([{"answers": {}}], "__all__"),
        # A misspelt retry key filed the request a second time.
        ({"answers": {}, "idempotencyKey": str(uuid.uuid4())}, "idempotencyKey"),
        ({"answers": {}, "pace": {"tiket": "x"}}, "pace"),
    ],
)
def test_a_body_that_does_not_fit_is_refused_under_its_field(api, water, body, field):
    """``errors.pace`` for a bad pace ticket, as docs/api.md says; these once all
    came back under ``__all__`` (or ``ticket``)."""
    response = api.post(submit_url(water), body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not ServiceRequest.objects.exists()


def test_a_body_that_is_not_json_is_a_400(api, water):
    response = api.client.post(
        submit_url(water), "not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"]


def answer_for(field):
    """Some valid answer to a required field, from its description alone."""
    if field["type"] == "checkbox":
        return True
    if field["choices"]:
        return field["choices"][0]["value"]
    return "1"


def loan_answers(api, borrow) -> dict:
    """Answers the loan form takes, from its description: two tables' rows and
    two dates."""
    form = api.get(f"/api/eservice/services/{borrow.pk}/form/").json()
    answers = {
        field["key"]: field["initial"] for field in form["fields"] if field["initial"]
    }
    answers.update(
        phone="0812345678",
        purpose="งานบุญประจำปี",
        borrow_from=f"{NEXT_YEAR}-02-01",
        borrow_until=f"{NEXT_YEAR}-02-03",
        items=[{"name": "เต็นท์", "qty": 2}, {"name": "เก้าอี้", "qty": "50"}],
    )
    for field in form["fields"]:
        if field["required"] and field["key"] not in answers:
            answers[field["key"]] = answer_for(field)
    return answers


def test_row_tables_are_filled_from_lists_of_rows(api, borrow):
    response = api.post(
        submit_url(borrow),
        {"pace": pace(api, borrow), "answers": loan_answers(api, borrow)},
    )
    assert response.status_code == 201, response.json()
    rows = ServiceRequest.objects.get().form_data["items"]
    assert rows == [
        {"name": "เต็นท์", "qty": "2", "asset_no": "", "note": ""},
        {"name": "เก้าอี้", "qty": "50", "asset_no": "", "note": ""},
    ]


def test_a_retry_whose_first_day_passed_keeps_its_other_dates_checked(api, borrow):
    """The first day now past is forgiven on a retry; a return day changed with
    it was dropped, the first request answered as if it were the same."""
    key = str(uuid.uuid4())
    answers = loan_answers(api, borrow)
    first = api.post(
        submit_url(borrow),
        {"pace": pace(api, borrow), "answers": answers, "idempotency_key": key},
    )
    assert first.status_code == 201, first.json()
    with freeze_time(f"{NEXT_YEAR}-02-02"):
        same = api.post(
            submit_url(borrow), {"answers": answers, "idempotency_key": key}
        )
        assert same.status_code == 200, same.json()
        changed = {**answers, "borrow_until": f"{NEXT_YEAR}-02-05"}
        refused = api.post(
            submit_url(borrow), {"answers": changed, "idempotency_key": key}
        )
    assert refused.status_code == 400
    assert (
        ServiceRequest.objects.get().form_data["borrow_until"] == f"{NEXT_YEAR}-02-03"
    )


def test_too_many_rows_are_refused_not_dropped(api, borrow):
    rows = [{"name": f"item {n}", "qty": 1} for n in range(6)]
    response = api.post(
        submit_url(borrow), {"pace": pace(api, borrow), "answers": {"items": rows}}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["items"]


# --- Tracking ---------------------------------------------------------------------


def track(api, reference, secret, **extra):
    return api.post(
        "/api/eservice/tracking/", {"reference": reference, "secret": secret}, **extra
    )


def test_tracking_shows_status_and_public_events_only(api, water, admin_user):
    filed = file_water(api, water)
    stored = ServiceRequest.objects.get()
    services.add_note(stored, "ผู้ร้องเป็นญาติปลัด", user=admin_user)
    services.change_status(stored, "in_progress", user=admin_user, message="นัดส่งน้ำพรุ่งนี้")
    response = track(api, filed["reference"].lower(), filed["secret"])
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "in_progress" and body["status_label"] == "กำลังดำเนินการ"
    assert [event["event"] for event in body["events"]] == ["submitted", "status"]
    assert body["events"][1]["message"] == "นัดส่งน้ำพรุ่งนี้"
    assert "ญาติปลัด" not in response.content.decode()


@freeze_time("2026-12-04 23:30+07:00", tick=True)
def test_dates_come_with_the_buddhist_era_text_the_pages_show(api, water):
    """As the Wagtail API gives them (``docs/api.md``): ISO for machines, and
    beside each, under ``_be``, the year and the text of the tracking page (the
    local day: 23:30 in Bangkok is 16:30 UTC)."""
    filed = file_water(api, water)
    tracked = track(api, filed["reference"], filed["secret"]).json()
    for body in (filed, tracked):
        assert body["submitted_on_be"] == {"year": 2569, "text": "4 ธันวาคม 2569"}
        # Five working days: Father's Day (5th) and Constitution Day (10th) are off.
        assert body["due_date_be"] == {"year": 2569, "text": "15 ธันวาคม 2569"}
    assert tracked["events"][0]["on_be"] == tracked["submitted_on_be"]
    assert tracked["return_due_be"] is None and tracked["returned_on_be"] is None
    english = track(api, filed["reference"], filed["secret"], HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["submitted_on_be"]["text"] == "4 December 2026"  # as shown


def test_unknown_reference_and_wrong_secret_answer_the_same(api, water):
    filed = file_water(api, water)
    wrong = track(api, filed["reference"], "AAAA-BBBB-CCCC")
    unknown = track(api, "ESV-2500-999999", filed["secret"])
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.content == unknown.content
    assert "ไม่พบคำร้อง" in wrong.json()["detail"]


def test_tracking_is_throttled_as_on_the_html_page(api, water, settings):
    """Wrong guesses slow the guessing client; the resident is never locked out."""
    settings.KCS_ESERVICE_TRACKING_LIMIT = 3
    filed = file_water(api, water)
    for _ in range(3):
        wrong = track(api, filed["reference"], "WRONG", REMOTE_ADDR="10.0.0.1")
        assert wrong.status_code == 404
    blocked = track(api, filed["reference"], filed["secret"], REMOTE_ADDR="10.0.0.1")
    assert blocked.status_code == 429
    assert blocked.json()["detail"]
    resident = track(api, filed["reference"], filed["secret"], REMOTE_ADDR="10.0.0.9")
    assert resident.status_code == 200


def test_tracking_stays_within_the_site(api, water, other_water):
    filed = file_water(api, water)
    other = Client(HTTP_HOST="other.example")
    response = other.post(
        "/api/eservice/tracking/",
        {"reference": filed["reference"], "secret": filed["secret"]},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_survey_is_offered_once_done_and_answered_once(api, water, admin_user):
    filed = file_water(api, water)
    assert track(api, filed["reference"], filed["secret"]).json()["survey"] is None
    credentials = {"reference": filed["reference"], "secret": filed["secret"]}
    early = api.post(
        "/api/eservice/tracking/survey/", {**credentials, "answers": {"rating": 5}}
    )
    assert early.status_code == 409 and "ไม่สิ้นสุด" in early.json()["detail"]
    services.change_status(ServiceRequest.objects.get(), "done", user=admin_user)
    survey = track(api, filed["reference"], filed["secret"]).json()["survey"]
    assert survey["answer_url"].endswith("/api/eservice/tracking/survey/")
    rating, comment = survey["fields"]
    assert rating["key"] == "rating" and rating["type"] == "radio"
    assert [choice["value"] for choice in rating["choices"]] == [
        "5",
        "4",
        "3",
        "2",
        "1",
    ]
    assert rating["labels"]["en"] == "How satisfied are you with this service?"
    assert comment["key"] == "comment" and comment["required"] is False
    invalid = api.post(survey["answer_url"], {**credentials, "answers": {"rating": 9}})
    assert invalid.status_code == 400 and "rating" in invalid.json()["errors"]
    answer = {"rating": 4, "comment": "รถน้ำมาตรงเวลา"}
    thanks = api.post(survey["answer_url"], {**credentials, "answers": answer})
    assert thanks.status_code == 201 and thanks.json()["detail"]
    stored = SatisfactionResponse.objects.get()
    assert (stored.rating, stored.comment) == (4, "รถน้ำมาตรงเวลา")
    again = api.post(survey["answer_url"], {**credentials, "answers": answer})
    assert again.status_code == 409 and SatisfactionResponse.objects.count() == 1
    assert track(api, filed["reference"], filed["secret"]).json()["survey"] is None
    wrong = {**credentials, "secret": "AAAA-BBBB-CCCC", "answers": answer}
    assert api.post(survey["answer_url"], wrong).status_code == 404


def test_tracking_needs_both_fields(api, water):
    response = api.post("/api/eservice/tracking/", {"reference": "ESV-2569-000001"})
    assert response.status_code == 400
    assert "secret" in response.json()["errors"]
