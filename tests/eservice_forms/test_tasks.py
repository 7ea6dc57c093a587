"""E-mail in the background (django-tasks), ids only, after the transaction commits."""

import socket
import uuid

from django.core import mail
from django.http import QueryDict

from wagtail.models import Locale

from django_tasks import task_backends
from freezegun import freeze_time

from eservice_forms import services
from eservice_forms.models import RequestEvent
from eservice_forms.tasks import mail_staff_now

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


DUMMY_BACKEND = "django_tasks.backends.dummy.DummyBackend"


def run_queued(backend, done):
    """Run what the queue holds that has not run yet, as the worker would."""
    for result in list(backend.results):
        if result.id not in done and result.task.run_after is None:
            done.add(result.id)
            result.task.call(*result.args, **result.kwargs)


@freeze_time("2026-12-01 03:03:00")
def test_a_burst_of_filings_mails_staff_three_times_then_one_digest(
    water, settings, django_capture_on_commit_callbacks
):
    """40 filings in 8 s once sent staff 40 e-mails."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    backend, done = task_backends["default"], set()
    with django_capture_on_commit_callbacks(execute=True):
        references = [file(water, email="").request.reference for _ in range(40)]
    run_queued(backend, done)
    assert len(mail.outbox) == 3  # the first three, one by one
    [digest] = [result for result in backend.results if result.task.run_after]
    assert digest.task.run_after.isoformat() == "2026-12-01T03:11:00+00:00"
    digest.task.call(*digest.args)
    assert len(mail.outbox) == 4
    summary = mail.outbox[-1]
    assert summary.to == ["staff@example.com"]
    assert "คำร้องบริการออนไลน์ใหม่ 40 รายการ" in summary.subject
    assert all(reference in summary.body for reference in references)


@freeze_time("2026-12-01 03:03:00")
def test_each_service_has_a_staff_mail_window_of_its_own(
    water, building_permit, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            file(water, email="")
    run_queued(task_backends["default"], set())
    assert len(mail.outbox) == 3  # water's window is spent
    site = building_permit.get_site()
    other = services.store_request(building_permit, site, {}, uuid.uuid4()).request
    assert mail_staff_now(other)


def test_one_applicant_address_gets_at_most_five_mails_an_hour(
    water, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(8):
            file(water)
    to_applicant = [m for m in mail.outbox if m.to == ["somsri@example.com"]]
    assert len(to_applicant) == 5


def without_a_mail_server(settings) -> None:
    """The SMTP backend, at a port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_TIMEOUT = "127.0.0.1", 5


def test_a_new_requests_e_mails_are_each_tried_and_each_failure_recorded(
    english_water, settings, django_capture_on_commit_callbacks
):
    """The staff notice failing must not keep the resident's own (with the tracking
    code) from being tried; the clerk reads the lines in Thai, whatever language the
    resident filed in."""
    without_a_mail_server(settings)
    english_water.to_address = "staff@example.com"
    english_water.save_revision().publish()
    english = english_water.get_translation(Locale.objects.get(language_code="en"))
    with django_capture_on_commit_callbacks(execute=True):
        in_thai, in_english = file(english_water).request, file(english).request
    to_applicant = "ส่งอีเมลถึงผู้ยื่นคำร้องไม่สำเร็จ โปรดแจ้งทางโทรศัพท์หรือจดหมาย"

    def lines(request):
        events = request.events.filter(event=RequestEvent.MAIL_FAILED)
        return sorted(event.message for event in events)

    assert lines(in_thai) == [to_applicant, "ส่งอีเมลถึงเจ้าหน้าที่ของบริการนี้ไม่สำเร็จ"]
    assert lines(in_english) == [to_applicant]


def test_an_e_mail_the_server_refuses_is_in_the_requests_history(
    water, admin_user, admin_client, settings, django_capture_on_commit_callbacks
):
    """No mail server answers: the resident waits for a notice that never comes,
    and the clerk, who sees nothing of the worker's log, must find out."""
    with django_capture_on_commit_callbacks(execute=True):
        request = file(water).request
    without_a_mail_server(settings)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            request, "in_progress", user=admin_user, message="กำลังส่งรถน้ำ"
        )
    failed = request.events.get(event=RequestEvent.MAIL_FAILED)
    assert not failed.public
    assert failed.message == ("ส่งอีเมลถึงผู้ยื่นคำร้องไม่สำเร็จ โปรดแจ้งทางโทรศัพท์หรือจดหมาย")
    case = admin_client.get(f"/admin/eservice_requests/{request.pk}/")
    assert "ส่งอีเมลไม่สำเร็จ" in case.content.decode()


def test_staff_read_a_request_filed_in_english_in_the_offices_language(
    english_water, django_capture_on_commit_callbacks
):
    english = english_water.get_translation(Locale.objects.get(language_code="en"))
    english.to_address = "staff@example.com"
    english.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        file(english)
    staff = next(m for m in mail.outbox if m.to == ["staff@example.com"])
    applicant = next(m for m in mail.outbox if m.to == ["somsri@example.com"])
    assert "คำร้อง" in staff.subject
    assert "คำร้อง" not in applicant.subject
