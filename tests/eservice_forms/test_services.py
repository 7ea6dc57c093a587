"""The shared code path: submit_request is idempotent, numbers are unique under
concurrent submissions (SQLite and PostgreSQL), status chains are enforced."""

import datetime
import threading
import uuid

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.utils.datastructures import MultiValueDict

from wagtail.models import Site

import pytest
from freezegun import freeze_time

from eservice_forms import services
from eservice_forms.models import ServiceIndexPage, ServiceRequest
from eservice_forms.presets import create_service
from eservice_forms.tracking_codes import code_matches
from kcs_core import pacing
from kcs_core.thai_dates import fiscal_year
from tests.conftest import run_at_once, solve_pace
from tests.eservice_forms.test_api import pace, submit_url
from tests.json_api import JSONClient

from .conftest import PRESET, WATER_ANSWERS, jpeg, review_then_confirm


def answers():
    data = QueryDict(mutable=True)
    data.update(WATER_ANSWERS)
    return data


def test_the_same_key_returns_the_first_request_and_secret(water):
    key = uuid.uuid4()
    first = services.submit_request(water, answers(), {}, idempotency_key=key)
    again = services.submit_request(water, answers(), {}, idempotency_key=key)
    assert first.created and not again.created
    assert again.request.pk == first.request.pk and again.secret == first.secret
    assert code_matches(first.request, first.secret.lower())
    assert ServiceRequest.objects.count() == 1


def test_the_same_key_with_changed_answers_is_refused_not_dropped(water):
    """A resident who goes back and changes an answer sends the form's key again:
    answering with the first request dropped the change without a word."""
    key = uuid.uuid4()
    first = services.submit_request(water, answers(), {}, idempotency_key=key)
    changed = answers()
    changed["phone"] = "0899999999"
    with pytest.raises(services.AnswersChanged) as refused:
        services.submit_request(water, changed, {}, idempotency_key=key)
    (message,) = refused.value.form.non_field_errors()
    assert first.request.reference in message
    assert ServiceRequest.objects.count() == 1
    assert ServiceRequest.objects.get().form_data["phone"] == "0812345678"


def test_the_same_key_with_a_wrong_changed_answer_gets_its_field_error(water):
    """A changed answer that does not pass was answered with the first request."""
    key = uuid.uuid4()
    services.submit_request(water, answers(), {}, idempotency_key=key)
    changed = answers()
    changed["phone"] = "0899"
    with pytest.raises(services.InvalidRequest) as refused:
        services.submit_request(water, changed, {}, idempotency_key=key)
    assert list(refused.value.form.errors) == ["phone"]
    assert ServiceRequest.objects.count() == 1


def test_the_same_key_with_another_photo_is_refused_not_dropped(water):
    """Same answers, another photo: the first request answered, the photo lost."""
    key = uuid.uuid4()

    def photo(name):
        return MultiValueDict({"attachments": [jpeg(name)]})

    services.submit_request(water, answers(), photo("a.jpg"), idempotency_key=key)
    again = services.submit_request(
        water, answers(), photo("a.jpg"), idempotency_key=key
    )
    assert not again.created
    with pytest.raises(services.AnswersChanged):
        services.submit_request(water, answers(), photo("b.jpg"), idempotency_key=key)
    assert ServiceRequest.objects.count() == 1


def test_a_retry_uses_no_number_even_when_its_dates_no_longer_pass(water):
    """Sent again after its delivery day has passed, it is the same request."""
    key = uuid.uuid4()
    today = answers()
    today["requested_delivery_date"] = datetime.date.today().isoformat()
    first = services.submit_request(water, today, {}, idempotency_key=key)
    with freeze_time(datetime.date.today() + datetime.timedelta(days=2)):
        again = services.submit_request(water, today, {}, idempotency_key=key)
    assert again.request.pk == first.request.pk and not again.created
    services.submit_request(water, today, {}, idempotency_key=key)
    following = services.submit_request(
        water, answers(), {}, idempotency_key=uuid.uuid4()
    )
    assert following.request.number == first.request.number + 1


def test_a_retry_with_a_past_date_and_changed_answers_is_refused(water):
    """A wrong date let a retry with another name through as the first request:
    the changed answers were dropped without a word."""
    key = uuid.uuid4()
    services.submit_request(water, answers(), {}, idempotency_key=key)
    changed = answers()
    changed["first_name"] = "สมชาย"
    changed["requested_delivery_date"] = "2020-01-01"
    with pytest.raises(services.AnswersChanged):
        services.submit_request(water, changed, {}, idempotency_key=key)
    assert ServiceRequest.objects.get().form_data["first_name"] != "สมชาย"


def test_invalid_data_raises_with_the_form(water):
    with pytest.raises(services.InvalidRequest) as error:
        services.submit_request(water, {}, {}, idempotency_key=uuid.uuid4())
    assert "phone" in error.value.form.errors


def test_due_date_and_return_date(water, borrow):
    stored = services.submit_request(
        water, answers(), {}, idempotency_key=uuid.uuid4()
    ).request
    assert stored.due_date > stored.submit_time.date()
    assert stored.kind == "relief" and stored.service_title == water.title
    # It starts with the division the service's manual names (staff may pass it on).
    assert stored.assigned_division == water.responsible_division != ""


def decide(request, user, decision: str = "approved"):
    """A licence request taken to ``decision`` along its chain."""
    for status in ["checking", "considering", decision]:
        services.change_status(request, status, user=user, message="ตามระเบียบ")
    request.refresh_from_db()
    return request


def test_status_chain_is_enforced_and_recorded(
    building_permit, admin_user, django_capture_on_commit_callbacks
):
    request = services.store_request(
        building_permit,
        building_permit.get_site(),
        {"applicant_name": "ก", "email": "somchai@example.com"},
        uuid.uuid4(),
    ).request
    with pytest.raises(ValidationError):
        services.change_status(request, "approved", user=admin_user)
    services.change_status(request, "checking", user=admin_user)
    with pytest.raises(ValidationError) as unnamed:  # which documents?
        services.change_status(request, "more_documents", user=admin_user)
    assert unnamed.value.message_dict["message"]
    services.change_status(request, "more_documents", user=admin_user, message="แปลน")
    assert "more_documents" not in services.allowed_statuses(request)
    with django_capture_on_commit_callbacks(execute=True):
        request = decide(request, admin_user)
    assert request.decided_at and request.last_notice_at
    events = list(request.events.values_list("event", "status", "user__username"))
    assert ("notice", "approved", "admin") in events
    # The result's own e-mail is the notice.
    assert [message.to for message in mail.outbox] == [["somchai@example.com"]] * 3


@pytest.mark.parametrize("decision", ["approved", "rejected"])
def test_a_result_without_an_e_mail_tells_staff_to_send_a_letter(
    building_permit, admin_user, decision, django_capture_on_commit_callbacks
):
    """Recorded "sent to the applicant" when nothing was sent, and shown to the
    applicant beside the result itself."""
    request = services.store_request(
        building_permit,
        building_permit.get_site(),
        {"applicant_name": "ก"},
        uuid.uuid4(),
    ).request
    with django_capture_on_commit_callbacks(execute=True):
        request = decide(request, admin_user, decision)
    notice = request.events.get(event="notice")
    assert not notice.public and "หนังสือภายใน 7 วัน" in str(notice.message)
    assert request.last_notice_at is None and mail.outbox == []
    public = request.events.filter(public=True).values_list("status", flat=True)
    assert list(public).count(decision) == 1


@pytest.mark.slow
def test_50_concurrent_submissions_get_50_consecutive_numbers(transactional_db):
    site = Site.objects.get(is_default_site=True)
    index = site.root_page.add_child(
        instance=ServiceIndexPage(title="บริการ", slug="e-service")
    )
    water = create_service(index, PRESET["water"])

    def submit():
        submission = services.submit_request(
            water, answers(), {}, idempotency_key=uuid.uuid4()
        )
        return submission.request.number

    results, errors = run_at_once(submit, 50)
    assert errors == []
    assert sorted(results) == list(range(1, 51))
    stored = ServiceRequest.objects.filter(site=site)
    assert stored.count() == 50
    year = stored.first().fiscal_year
    assert year == fiscal_year(stored.first().submit_time)
    assert len(set(stored.values_list("reference", flat=True))) == 50


@pytest.mark.slow
def test_a_double_tap_waits_for_the_first_sending_and_gets_its_request(
    transactional_db,
):
    """The first sending has spent the form's ticket and is still being stored when
    the second arrives with the same key: the second answers with the first's
    request, never "this form was already sent"."""
    site = Site.objects.get(is_default_site=True)
    index = site.root_page.add_child(
        instance=ServiceIndexPage(title="บริการ", slug="e-service")
    )
    water = create_service(index, PRESET["water"])
    key, posted = uuid.uuid4(), solve_pace(pacing.issue_for_page(water, site.pk, "c"))

    def admit():
        pacing.redeem_posted(posted, page=water, site_id=site.pk, client_key="c")

    def store_the_first():
        try:
            services.submit_request(water, answers(), {}, idempotency_key=key)
        finally:
            connection.close()

    admit()  # the first sending is admitted; its request is stored a moment later
    first = threading.Timer(0.5, store_the_first)
    first.start()
    try:
        again = services.submit_request(
            water, answers(), {}, idempotency_key=key, admit=admit
        )
    finally:
        first.join()
    assert not again.created
    assert ServiceRequest.objects.get().reference == again.request.reference


def test_the_page_and_the_api_refuse_and_accept_the_same_request(client, water):
    """One path (``services.submit_request`` with the page's own form): the form
    page and the JSON API refuse the same answers and number what they accept in
    one sequence."""
    api = JSONClient(Client())
    half = {**WATER_ANSWERS, "household_members": "2.5"}
    form = client.get(water.url)
    on_page = client.post(
        water.url,
        {
            **half,
            **solve_pace(form.context["pace"]),
            "action": "review",
            "submission_key": form.context["submission_key"],
        },
    )
    in_api = api.post(submit_url(water), {"pace": pace(api, water), "answers": half})
    assert "household_members" in on_page.context["form"].errors
    assert in_api.status_code == 400
    assert "household_members" in in_api.json()["errors"]
    assert not ServiceRequest.objects.exists()

    _review, confirmed = review_then_confirm(client, water, WATER_ANSWERS)
    filed = api.post(
        submit_url(water), {"pace": pace(api, water), "answers": WATER_ANSWERS}
    )
    assert confirmed.status_code == 302 and filed.status_code == 201
    numbers = [
        int(reference.rsplit("-", 1)[1])
        for reference in ServiceRequest.objects.order_by("pk").values_list(
            "reference", flat=True
        )
    ]
    assert numbers == [numbers[0], numbers[0] + 1]


def test_the_page_and_the_api_refuse_a_pace_ticket_that_was_not_solved(client, water):
    """A filing whose pace ticket was not worked out (a script posting without the
    widget) is refused by both front ends alike, with the answers kept and nothing
    stored."""
    api = JSONClient(Client())
    unsolved = {**pace(api, water), "solution": "not-a-solution"}
    in_api = api.post(submit_url(water), {"pace": unsolved, "answers": WATER_ANSWERS})
    form = client.get(water.url)
    on_page = client.post(
        water.url,
        {
            **WATER_ANSWERS,
            **solve_pace(form.context["pace"]),
            pacing.SOLUTION_FIELD: "not-a-solution",
            "action": "confirm",
            "submission_key": form.context["submission_key"],
        },
    )
    assert on_page.status_code == in_api.status_code == 400
    reason = in_api.json()["errors"]["pace"]
    assert reason and on_page.context["form"].non_field_errors() == reason
    assert on_page.context["form"]["phone"].value() == WATER_ANSWERS["phone"]
    assert not ServiceRequest.objects.exists()
