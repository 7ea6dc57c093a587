"""Residents follow a request with reference + tracking code: public timeline only,
one answer for every failure, attempts throttled without storing addresses; the
satisfaction survey once done; nothing crosses between sites."""

import datetime
import re
import uuid

from django.core import mail
from django.http import QueryDict
from django.test import Client

from wagtail.models import Site

from eservice_forms import services, tracking
from eservice_forms.models import (
    SatisfactionResponse,
    ServiceIndexPage,
    ServicePage,
    ServiceRequest,
)
from eservice_forms.presets import create_service
from kcs_core.thai_dates import format_date, thai_digits
from tests.conftest import (
    make_home,
    pace_of,
    publish_child,
    says_when_to_retry,
    tells_when_to_retry,
)
from tests.html import read
from tests.json_api import JSONClient

from .conftest import PRESET, WATER_ANSWERS, review_then_confirm


def file_water(client, water, url=None):
    _review, done = review_then_confirm(client, water, WATER_ANSWERS, url=url)
    html = client.get(done["Location"]).content.decode()
    secret = html.split('receipt__secret">')[1].split("<")[0]
    return ServiceRequest.objects.latest("pk"), secret


def track(client, reference, secret, address="127.0.0.1", **extra):
    return client.post(
        "/e-service/track/",
        {"action": "track", "reference": reference, "secret": secret, **extra},
        REMOTE_ADDR=address,
    )


def test_reference_and_secret_show_the_public_timeline_only(client, water, admin_user):
    service_request, secret = file_water(client, water)
    services.add_note(service_request, "ผู้ร้องเป็นญาติปลัด", user=admin_user)
    services.change_status(
        service_request, "in_progress", user=admin_user, message="นัดส่งน้ำพรุ่งนี้"
    )
    response = track(client, service_request.reference.lower(), secret)
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert "กำลังดำเนินการ" in html and "นัดส่งน้ำพรุ่งนี้" in html
    assert "ผู้ร้องเป็นญาติปลัด" not in html


def test_wrong_codes_on_the_page_and_in_the_api_count_together(client, water, settings):
    """One path (``tracking.look_up``): the tracking page and the JSON API refuse
    and accept the same codes and share the guessing client's throttle."""
    settings.KCS_ESERVICE_TRACKING_LIMIT = 2
    service_request, secret = file_water(client, water)
    reference = service_request.reference
    api = JSONClient(Client())

    def by_api(code):
        return api.post(
            "/api/eservice/tracking/",
            {"reference": reference, "secret": code},
            REMOTE_ADDR="10.0.0.1",
        )

    assert by_api(secret).status_code == 200
    shown = track(client, reference, secret, address="10.0.0.1")
    assert shown.status_code == 200 and "ไม่พบคำร้อง" not in shown.content.decode()
    assert "ไม่พบคำร้อง" in track(client, reference, "WRONG", "10.0.0.1").content.decode()
    assert by_api("WRONG").status_code == 404
    by_api_blocked = by_api(secret)
    assert by_api_blocked.status_code == 429
    assert says_when_to_retry(by_api_blocked, tracking.WINDOW_SECONDS)
    detail = by_api_blocked.json()["detail"]
    assert tells_when_to_retry(detail, tracking.WINDOW_SECONDS)
    blocked = track(client, reference, secret, address="10.0.0.1")
    assert blocked.status_code == 429
    assert says_when_to_retry(blocked, tracking.WINDOW_SECONDS)
    assert detail in blocked.content.decode()  # the page says the same


def test_a_reference_typed_in_thai_digits_or_without_its_zeros_is_found(client, water):
    """As a resident types it on a Thai keyboard or reads it aloud: ``ESV-๒๕๗๐-๐๐๐๐๐๑``
    or ``esv 2570 1``, on the page and in the API (one form reads both); the code in
    Thai digits too."""
    service_request, secret = file_water(client, water)
    while not re.search("[0-9]", secret):  # a code with a digit to type in Thai
        service_request, secret = file_water(client, water)
    year, number = service_request.reference.split("-")[1:]
    spoken = f"esv {year} {int(number)}"
    for reference in (thai_digits(service_request.reference), spoken):
        html = track(client, reference, thai_digits(secret)).content.decode()
        assert "ไม่พบคำร้อง" not in html
    api = JSONClient(Client())
    found = api.post("/api/eservice/tracking/", {"reference": spoken, "secret": secret})
    assert found.json()["reference"] == service_request.reference


def test_the_service_is_named_in_the_language_of_the_tracking(client, english_water):
    """Filed on the English page, tracked in Thai: the Thai title; and in English
    through the API."""
    english = ServicePage.objects.get(
        translation_key=english_water.translation_key, locale__language_code="en"
    )
    data = QueryDict(mutable=True)
    data.update(WATER_ANSWERS)
    filed = services.submit_request(english, data, {}, idempotency_key=uuid.uuid4())
    reference = filed.request.reference
    html = track(client, reference, filed.secret).content.decode()
    assert f"{reference}: {english_water.title}" in html
    api = JSONClient(Client(HTTP_ACCEPT_LANGUAGE="en"))
    found = api.post(
        "/api/eservice/tracking/", {"reference": reference, "secret": filed.secret}
    ).json()
    assert found["service"] == english.title != english_water.title


def normalised(response):
    """The page without what differs by design: the typed reference, CSRF token."""
    html = response.content.decode().replace(
        response.wsgi_request.POST["reference"], ""
    )
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_wrong_secret_and_unknown_reference_get_the_same_answer(client, water):
    service_request, secret = file_water(client, water)
    wrong = track(client, service_request.reference, "AAAA-BBBB-CCCC")
    unknown = track(client, "ESV-2500-999999", secret)
    assert wrong.status_code == unknown.status_code == 200
    assert normalised(wrong) == normalised(unknown)
    assert "ไม่พบคำร้อง" in wrong.content.decode()


def test_attempts_are_throttled_without_storing_addresses(client, water, settings):
    """Ten wrong codes for a reference used to lock its resident out: now only the
    guessing client waits."""
    settings.KCS_ESERVICE_TRACKING_LIMIT = 3
    service_request, secret = file_water(client, water)
    reference = service_request.reference
    for _ in range(3):
        wrong = track(client, reference, "WRONG", address="10.0.0.1")
        assert wrong.status_code == 200
    blocked = track(client, reference, secret, address="10.0.0.1")
    assert blocked.status_code == 429
    assert "ลองหลายครั้งเกินไป" in blocked.content.decode()
    assert track(client, reference, secret, address="10.0.0.9").status_code == 200
    from django.core.cache import cache

    assert not any("127.0.0.1" in key for key in cache._cache)  # noqa: SLF001


def test_survey_is_offered_once_done_and_counted_once(client, water, admin_user):
    service_request, secret = file_water(client, water)
    assert (
        "พึงพอใจ"
        not in track(client, service_request.reference, secret).content.decode()
    )
    services.change_status(service_request, "done", user=admin_user)
    assert "พึงพอใจ" in track(client, service_request.reference, secret).content.decode()
    track(client, service_request.reference, secret, action="survey", rating="4")
    assert SatisfactionResponse.objects.get().rating == 4
    html = track(client, service_request.reference, secret).content.decode()
    assert 'name="rating"' not in html


def test_a_rejected_request_ends_as_rejected_and_may_be_rated(
    client, water, admin_user
):
    """A refusal used to end as "done": the resident read เสร็จสิ้น at the top and
    found the refusal only in the history. Water could not be refused at all."""
    service_request, secret = file_water(client, water)
    assert "rejected" in services.allowed_statuses(service_request)
    services.change_status(
        service_request, "rejected", user=admin_user, message="อยู่นอกเขตให้บริการ"
    )
    service_request.refresh_from_db()
    assert not service_request.is_open and service_request.closed_at
    assert services.allowed_statuses(service_request) == []
    html = read(track(client, service_request.reference, secret))
    assert "สถานะ: <strong>ไม่อนุมัติ</strong>" in html and "เสร็จสิ้น" not in html
    assert 'name="rating"' in html


def test_while_borrowed_items_are_out_the_resident_sees_when_they_are_due_back(
    client, borrow, admin_user
):
    """It used to show the approval deadline, long past, not the return date."""
    due_back = datetime.date.today() + datetime.timedelta(days=7)
    filed = services.store_request(
        borrow, borrow.get_site(), {"borrow_until": due_back}, uuid.uuid4()
    )
    for status in ("considering", "approved", "lent"):
        services.change_status(filed.request, status, user=admin_user)
    html = read(track(client, filed.request.reference, filed.secret))
    html = html.replace("\xa0", " ")  # dates are kept on one line
    assert f"กำหนดส่งคืน {format_date(due_back, 'long')}" in html
    assert "คาดว่าแล้วเสร็จ" not in html
    credentials = {"reference": filed.request.reference, "secret": filed.secret}
    api = JSONClient(Client())
    tracked = api.post("/api/eservice/tracking/", credentials).json()
    assert (tracked["return_due"], tracked["returned_on"]) == (str(due_back), None)
    services.record_return(filed.request, datetime.date.today(), user=admin_user)
    assert "กำหนดส่งคืน" not in read(track(client, filed.request.reference, filed.secret))
    tracked = api.post("/api/eservice/tracking/", credentials).json()
    assert tracked["returned_on"] == str(datetime.date.today())


def test_numbers_and_tracking_stay_within_each_site(
    client, water, root_page, thai_locale
):
    other_home = make_home(root_page, "other", "อบต.อื่น", thai_locale)
    Site.objects.create(hostname="other.example", root_page=other_home)
    other_index = other_home.add_child(
        instance=ServiceIndexPage(title="บริการ", slug="e-service")
    )
    other_water = create_service(other_index, PRESET["water"])
    service_request, secret = file_water(client, water)
    other_client = client.__class__(HTTP_HOST="other.example")
    _review, done = review_then_confirm(other_client, other_water, WATER_ANSWERS)
    other_request = ServiceRequest.objects.latest("pk")
    assert service_request.reference == other_request.reference  # both number 1
    assert other_request.site.hostname == "other.example"
    # The first site's code does not open the other site's request.
    response = other_client.post(
        "/e-service/track/",
        {"action": "track", "reference": service_request.reference, "secret": secret},
    )
    assert "ไม่พบคำร้อง" in response.content.decode()


def test_wrong_guesses_on_one_site_do_not_lock_the_client_out_of_another(
    client, water, root_page, thai_locale, settings
):
    """The limit counts per site, as the other public limits do: one local
    government's tracking page never answers for another's."""
    settings.KCS_ESERVICE_TRACKING_LIMIT = 3
    other_home = make_home(root_page, "other", "อบต.อื่น", thai_locale)
    Site.objects.create(hostname="other.example", root_page=other_home)
    other_index = other_home.add_child(
        instance=ServiceIndexPage(title="บริการ", slug="e-service")
    )
    other_client = Client(HTTP_HOST="other.example")
    other_request, secret = file_water(
        other_client, create_service(other_index, PRESET["water"])
    )
    for _ in range(3):
        track(client, "ESV-2500-999999", "AAAA-BBBB-CCCC", address="10.0.0.1")
    blocked = track(client, "ESV-2500-999999", "AAAA-BBBB-CCCC", address="10.0.0.1")
    assert blocked.status_code == 429
    found = track(other_client, other_request.reference, secret, address="10.0.0.1")
    assert found.status_code == 200 and "ไม่พบคำร้อง" not in found.content.decode()


def test_a_second_host_of_the_same_site_tracks_what_it_filed(
    client, water, home_page, django_capture_on_commit_callbacks
):
    """Two Sites may share a root page (``www.`` and the bare name): the tracking
    page finds a request by the site the host reached, as filing stored it and as
    the JSON API looks it up; the e-mail links to the tracking form there."""
    Site.objects.create(hostname="www.example", root_page=home_page)
    alias = Client(HTTP_HOST="www.example")
    with django_capture_on_commit_callbacks(execute=True):
        service_request, secret = file_water(alias, water)
    assert service_request.site.hostname == "www.example"
    applicant = next(m for m in mail.outbox if m.to == ["somsri@example.com"])
    assert "http://www.example/e-service/track/" in applicant.body
    found = track(alias, service_request.reference, secret)
    assert found.status_code == 200 and "ไม่พบคำร้อง" not in found.content.decode()
    by_api = JSONClient(alias).post(
        "/api/eservice/tracking/",
        {"reference": service_request.reference, "secret": secret},
    )
    assert by_api.status_code == 200


def test_a_town_site_inside_another_keeps_what_is_filed_on_its_pages(
    client, nested_site, django_capture_on_commit_callbacks
):
    """Filed on the town's service through the outer site's host (``/town-b/…``),
    a request was the outer site's: its number, its staff, and not found where the
    town tracks it. It is the town's, on the page and through the JSON API."""
    index = publish_child(
        nested_site.root_page, ServiceIndexPage(title="บริการ", slug="e-service")
    )
    town_water = create_service(index, PRESET["water"])
    through_outer_host = "/town-b/e-service/water/"
    assert client.get(through_outer_host).context["page"] == town_water
    with django_capture_on_commit_callbacks(execute=True):
        service_request, secret = file_water(client, town_water, through_outer_host)
    assert service_request.site == nested_site
    applicant = next(m for m in mail.outbox if m.to == ["somsri@example.com"])
    assert "http://town-b.example/e-service/track/" in applicant.body
    town = Client(HTTP_HOST="town-b.example")
    found = track(town, service_request.reference, secret)
    assert "ไม่พบคำร้อง" not in found.content.decode()
    api = JSONClient(client)
    form = api.get(f"/api/eservice/services/{town_water.pk}/form/").json()
    by_api = api.post(
        form["submit_url"],
        {"answers": WATER_ANSWERS, "pace": pace_of(form)},
    )
    assert by_api.status_code == 201, by_api.json()
    filed = ServiceRequest.objects.get(reference=by_api.json()["reference"])
    assert filed.site == nested_site and filed.number == 2
    # Looked up where the answer says: on the town's host.
    tracking_url = by_api.json()["tracking_url"]
    assert tracking_url == "http://town-b.example/api/eservice/tracking/"
    tracked = JSONClient(town).post(
        tracking_url.removeprefix("http://town-b.example"),
        {"reference": filed.reference, "secret": by_api.json()["secret"]},
    )
    assert tracked.status_code == 200
