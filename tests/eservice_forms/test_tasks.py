"""E-mail in the background (django-tasks), ids only, after the transaction commits."""

import uuid

from django.core import mail
from django.http import QueryDict

from eservice_forms import services

from .conftest import WATER_ANSWERS


def file(page, **overrides):
    data = QueryDict(mutable=True)
    data.update({**WATER_ANSWERS, **overrides})
    return services.submit_request(page, data, {}, idempotency_key=uuid.uuid4())


def test_new_request_mails_staff_and_applicant_after_commit(
    water, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = file(water)
    assert mail.outbox == []  # nothing sent inside the transaction
    for callback in callbacks:
        callback()
    reference = submission.request.reference
    staff, applicant = sorted(mail.outbox, key=lambda m: m.to[0] != "staff@example.com")
    assert staff.to == ["staff@example.com"] and reference in staff.subject
    assert "สมศรี" not in staff.body  # no personal data in the staff notice
    assert f"/admin/eservice_requests/{submission.request.pk}/" in staff.body
    assert applicant.to == ["somsri@example.com"]
    assert submission.secret in applicant.body and "/e-service/track/" in applicant.body


def test_public_status_change_mails_the_applicant(
    water, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = file(water).request
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_note(request, "ภายใน", user=admin_user)
        services.change_status(
            request, "in_progress", user=admin_user, message="กำลังส่งรถน้ำ"
        )
    assert len(mail.outbox) == 1
    assert "กำลังดำเนินการ" in mail.outbox[0].subject
    assert "กำลังส่งรถน้ำ" in mail.outbox[0].body and "ภายใน" not in mail.outbox[0].body


def test_no_address_no_mail_to_the_applicant(
    water, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = file(water, email="").request
        services.change_status(request, "in_progress", user=admin_user)
    assert [m.to for m in mail.outbox] == [["staff@example.com"]]
