"""Background e-mail (django-tasks, default backend). Tasks take ids only, so no
personal data sits in the task queue; callers enqueue them with
``transaction.on_commit`` so nothing is sent for a request that was not stored."""

import datetime
import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from django_tasks import task

from kcs_core import throttle
from kcs_core.decoding import DecodingFailed
from kcs_core.files import rebuild_stored
from kcs_core.mail import send_templated

from .models.requests import Attachment, RequestEvent, ServiceRequest
from .tracking_codes import code_of

logger = logging.getLogger(__name__)


def _tracking_url(service_request) -> str:
    """The tracking form, on the host the request was filed through."""
    page = service_request.page
    index = page.get_parent().specific if page else None
    if index is None or not hasattr(index, "tracking_url"):
        return ""
    return index.tracking_url(site=service_request.site)


def _language(service_request) -> str:
    page = service_request.page
    return page.locale.language_code if page else settings.LANGUAGE_CODE


class MailNotSent(Exception):
    """An e-mail of the task could not be sent (its requests' history says so)."""


def send_or_record(
    template: str, context: dict, recipients: list[str], requests, *, applicant: bool
) -> OSError | None:
    """Send the e-mail, in the resident's language to them and in the office's to
    its staff; when the mail server cannot be reached or refuses it, each
    of ``requests`` gets an internal line in its history saying so, in the office's
    language, which staff see on the request (a resident left waiting for a notice
    is reached another way). Returns the error, so that the task sends its other
    e-mails before it fails (:func:`fail_if_not_sent`)."""
    language = _language(requests[0]) if applicant else settings.LANGUAGE_CODE
    try:
        send_templated(template, context, recipients, language)
    except OSError as error:  # smtplib's errors included
        with translation.override(settings.LANGUAGE_CODE):
            message = (
                _(
                    "The e-mail to the applicant could not be sent: tell them by "
                    "phone or letter."
                )
                if applicant
                else _("The e-mail to the service's staff could not be sent.")
            )
        RequestEvent.objects.bulk_create(
            RequestEvent(
                request=service_request,
                event=RequestEvent.MAIL_FAILED,
                public=False,
                message=message,
            )
            for service_request in requests
        )
        return error
    return None


def fail_if_not_sent(*errors: OSError | None) -> None:
    """Fail the task, so that the worker logs it, when an e-mail was not sent."""
    failed = [error for error in errors if error is not None]
    if failed:
        raise MailNotSent(f"{len(failed)} e-mail(s) not sent") from failed[0]


@task()
def notify_new_request(request_id: int) -> None:
    """Tell the service's staff about a new request, and give the applicant (when they
    left an address) the reference and tracking code."""

    service_request = (
        ServiceRequest.objects.select_related("page").filter(pk=request_id).first()
    )
    if service_request is None:
        return
    page = service_request.page.specific if service_request.page else None
    context = {
        "service_request": service_request,
        "admin_url": getattr(settings, "WAGTAILADMIN_BASE_URL", "")
        + reverse("eservice_requests:case", args=[service_request.pk]),
        "tracking_url": _tracking_url(service_request),
    }
    to_staff = to_applicant = None
    if page and page.to_address and mail_staff_now(service_request):
        to_staff = send_or_record(
            "eservice_forms/email/new_request_staff.txt",
            context,
            staff_addresses(page),
            [service_request],
            applicant=False,
        )
    if service_request.contact_email and applicant_mail_allowed(
        service_request.contact_email
    ):
        context["secret"] = code_of(service_request)
        to_applicant = send_or_record(
            "eservice_forms/email/new_request_applicant.txt",
            context,
            [service_request.contact_email],
            [service_request],
            applicant=True,
        )
    fail_if_not_sent(to_staff, to_applicant)


def staff_addresses(page) -> list[str]:
    return [address.strip() for address in page.to_address.split(",") if address]


def staff_mail_window() -> int:
    """Seconds of a staff mail window (``KCS_ESERVICE_STAFF_MAIL_WINDOW``, 600)."""
    return getattr(settings, "KCS_ESERVICE_STAFF_MAIL_WINDOW", 600)


def staff_mails_per_window() -> int:
    """New requests of one service e-mailed to its staff one by one in a window
    (``KCS_ESERVICE_STAFF_MAILS_PER_WINDOW``, 3); the rest go in one digest."""
    return getattr(settings, "KCS_ESERVICE_STAFF_MAILS_PER_WINDOW", 3)


def mail_staff_now(service_request) -> bool:
    """Whether staff get this request in an e-mail of its own. Past the limit of
    its window, the first one over schedules the window's digest for the window's
    end, which lists every request of the window: staff are never flooded and
    never miss one. A task backend that cannot run a task later (the immediate
    one) gets one e-mail a request."""
    if not send_staff_digest.get_backend().supports_defer:
        return True
    window = staff_mail_window()
    moment = service_request.submit_time.timestamp()
    sent = throttle.count(
        f"eservice:staff-mail:{service_request.page_id}", window, at=moment
    )
    if sent == staff_mails_per_window() + 1:
        bucket = throttle.window_of(moment, window)
        run_after = window_start(bucket) + datetime.timedelta(seconds=window + 60)
        send_staff_digest.using(run_after=run_after).enqueue(
            service_request.page_id, bucket
        )
    return sent <= staff_mails_per_window()


def window_start(bucket: int) -> datetime.datetime:
    """When staff mail window number ``bucket`` began."""
    return datetime.datetime.fromtimestamp(bucket * staff_mail_window(), datetime.UTC)


def applicant_mail_allowed(address: str) -> bool:
    """At most ``KCS_ESERVICE_MAILS_PER_ADDRESS`` (5) e-mails an hour to one
    applicant address: filing with a stranger's address cannot flood them."""
    limit = getattr(settings, "KCS_ESERVICE_MAILS_PER_ADDRESS", 5)
    return throttle.hit(f"eservice:applicant-mail:{throttle.digest(address)}", limit)


@task()
def send_staff_digest(page_id: int, bucket: int) -> None:
    """One e-mail to a service's staff listing every request of a busy window."""
    start = window_start(bucket)
    requests = list(
        ServiceRequest.objects.select_related("page")
        .filter(
            page_id=page_id,
            submit_time__gte=start,
            submit_time__lt=start + datetime.timedelta(seconds=staff_mail_window()),
        )
        .order_by("submit_time", "pk")
    )
    if not requests or not requests[0].page:
        return
    page = requests[0].page.specific
    rows = [
        {
            "service_request": service_request,
            "admin_url": getattr(settings, "WAGTAILADMIN_BASE_URL", "")
            + reverse("eservice_requests:case", args=[service_request.pk]),
        }
        for service_request in requests
    ]
    digest_error = send_or_record(
        "eservice_forms/email/new_requests_digest.txt",
        {"rows": rows, "count": len(rows), "service": page.title, "start": start},
        staff_addresses(page),
        requests,
        applicant=False,
    )
    fail_if_not_sent(digest_error)


@task()
def notify_status_change(event_id: int) -> None:
    """Tell the applicant (when they left an address) about a public timeline event."""
    event = (
        RequestEvent.objects.select_related("request__page")
        .filter(pk=event_id, public=True)
        .first()
    )
    if event is None or not event.request.contact_email:
        return
    context = {
        "service_request": event.request,
        "event": event,
        "tracking_url": _tracking_url(event.request),
    }
    fail_if_not_sent(
        send_or_record(
            "eservice_forms/email/status_changed.txt",
            context,
            [event.request.contact_email],
            [event.request],
            applicant=True,
        )
    )


@task()
def clean_photo(attachment_id: int) -> None:
    """Rebuild a resident's photo from its pixels (no GPS or camera data), in a
    bounded child process; a photo that cannot be rebuilt is kept as it came and
    marked, so nothing filed is lost."""
    attachment = Attachment.objects.filter(
        pk=attachment_id, cleaning=Attachment.Cleaning.PENDING
    ).first()
    if attachment is None:
        return  # erased meanwhile, or already done (a retried task)
    try:
        attachment.size = rebuild_stored(attachment.file, attachment.content_type)
        attachment.cleaning = Attachment.Cleaning.DONE
    except DecodingFailed:
        logger.warning("Photo %s could not be rebuilt.", attachment.pk)
        attachment.cleaning = Attachment.Cleaning.FAILED
    attachment.save(update_fields=["size", "cleaning"])
