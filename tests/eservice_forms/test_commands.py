"""Retention (PDPA), licence progress notices and return reminders, pending uploads."""

import datetime
import os
import uuid
from io import StringIO

from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

import pytest

from eservice_forms import services
from eservice_forms.models import PendingUpload, ServiceRequest
from eservice_forms.statistics import service_statistics

from .conftest import WATER_ANSWERS, jpeg, review_then_confirm


def file(page, answers=WATER_ANSWERS):
    data = QueryDict(mutable=True)
    data.update(answers)
    return services.submit_request(page, data, {}, idempotency_key=uuid.uuid4()).request


def test_retention_erases_personal_data_and_keeps_statistics(
    client, water, admin_user, private_media, django_capture_on_commit_callbacks
):
    review_then_confirm(client, water, WATER_ANSWERS, {"attachments": jpeg()})
    old = ServiceRequest.objects.get()
    recent = file(water)
    for request in (old, recent):
        services.change_status(request, "done", user=admin_user, message="ส่งแล้ว")
    ServiceRequest.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=731)
    )
    before = service_statistics(water.get_site(), old.fiscal_year)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_eservice_requests", stdout=StringIO())
    old.refresh_from_db()
    assert old.form_data == {"cause": "drought"}  # the anonymous answer stays
    assert old.contact_email == "" and old.anonymised_at
    assert not old.attachments.exists()
    assert not list((private_media / "eservice").glob("requests/*"))
    assert set(old.events.values_list("message", flat=True)) == {""}
    recent.refresh_from_db()
    assert recent.form_data["first_name"] == "สมศรี"
    after = service_statistics(water.get_site(), old.fiscal_year)
    assert after["per_service"] == before["per_service"]


def test_late_licence_gets_a_progress_notice_every_7_days(building_permit):
    request = services.store_request(
        building_permit, building_permit.get_site(), {}, uuid.uuid4()
    ).request
    request.due_date = timezone.localdate() - datetime.timedelta(days=1)
    request.save()
    call_command("send_eservice_reminders", stdout=StringIO())
    call_command("send_eservice_reminders", stdout=StringIO())
    assert request.events.filter(event="notice", public=True).count() == 1
    ServiceRequest.objects.filter(pk=request.pk).update(
        last_notice_at=timezone.now() - datetime.timedelta(days=8)
    )
    call_command("send_eservice_reminders", stdout=StringIO())
    assert request.events.filter(event="notice").count() == 2


@pytest.mark.parametrize("email", ["", "somchai@example.com"])
def test_a_decided_licence_gets_no_progress_notice(building_permit, admin_user, email):
    """Approved without an e-mail address, a late licence was told the next day
    that it was "still under way"."""
    request = services.store_request(
        building_permit, building_permit.get_site(), {"email": email}, uuid.uuid4()
    ).request
    request.due_date = timezone.localdate() - datetime.timedelta(days=1)
    request.save()
    for status in ("checking", "considering", "approved"):
        services.change_status(request, status, user=admin_user)
    ServiceRequest.objects.filter(pk=request.pk).update(last_notice_at=None)
    call_command("send_eservice_reminders", stdout=StringIO())
    assert not request.events.filter(event="notice", public=True).exists()


def test_borrowed_items_reminder_and_overdue_returns(borrow, admin_user, admin_client):
    request = services.store_request(
        borrow,
        borrow.get_site(),
        {"borrow_until": timezone.localdate() - datetime.timedelta(days=2)},
        uuid.uuid4(),
    ).request
    assert request.return_due
    for status in ("considering", "approved", "lent"):
        services.change_status(request, status, user=admin_user)
    call_command("send_eservice_reminders", stdout=StringIO())
    call_command("send_eservice_reminders", stdout=StringIO())
    assert request.events.filter(event="reminder").count() == 1  # once a day
    html = admin_client.get(
        "/admin/eservice_requests/", {"overdue_return": "true"}
    ).content.decode()
    assert request.reference in html
    today = timezone.localdate()
    admin_client.post(
        f"/admin/eservice_requests/{request.pk}/",
        {
            "action": "return",
            "returned_on_day": today.day,
            "returned_on_month": today.month,
            "returned_on_year": today.year + 543,  # the Thai admin's year
        },
    )
    assert not ServiceRequest.objects.overdue_returns().exists()
    request.refresh_from_db()
    assert request.returned_on == today


def test_unconfirmed_uploads_are_cleaned_up(
    client, water, django_capture_on_commit_callbacks
):
    client.post(water.url, {**WATER_ANSWERS, "attachments": jpeg(), "action": "review"})
    upload = PendingUpload.objects.get()
    path = upload.file.path
    PendingUpload.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("cleanup_pending_uploads", stdout=StringIO())
    assert not PendingUpload.objects.exists()
    assert not os.path.exists(path)
