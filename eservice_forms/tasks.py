"""Background e-mail (django-tasks, default backend). Tasks take ids only, so no
personal data sits in the task queue; callers enqueue them with
``transaction.on_commit`` so nothing is sent for a request that was not stored."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from django_tasks import task


def _tracking_url(service_request) -> str:
    page = service_request.page
    index = page.get_parent().specific if page else None
    if index is None or not hasattr(index, "reverse_subpage"):
        return ""
    return (index.get_full_url() or "") + index.reverse_subpage("track")


def _send(template: str, context: dict, recipients: list[str], language: str) -> None:
    with translation.override(language):
        subject, _sep, body = (
            render_to_string(template, context).strip().partition("\n")
        )
    send_mail(subject.strip(), body.strip(), None, recipients)


def _language(service_request) -> str:
    page = service_request.page
    return page.locale.language_code if page else settings.LANGUAGE_CODE


@task()
def notify_new_request(request_id: int) -> None:
    """Tell the service's staff about a new request, and give the applicant (when they
    left an address) the reference and tracking code."""
    from .models import ServiceRequest
    from .services import tracking_secret

    service_request = (
        ServiceRequest.objects.select_related("page").filter(pk=request_id).first()
    )
    if service_request is None:
        return
    page = service_request.page.specific if service_request.page else None
    language = _language(service_request)
    context = {
        "service_request": service_request,
        "admin_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("eservice_requests:case", args=[service_request.pk]),
        "tracking_url": _tracking_url(service_request),
    }
    if page and page.to_address:
        staff = [address.strip() for address in page.to_address.split(",")]
        _send("eservice_forms/email/new_request_staff.txt", context, staff, language)
    if service_request.contact_email:
        context["secret"] = tracking_secret(
            service_request.site_id, service_request.idempotency_key
        )
        _send(
            "eservice_forms/email/new_request_applicant.txt",
            context,
            [service_request.contact_email],
            language,
        )


@task()
def notify_status_change(event_id: int) -> None:
    """Tell the applicant (when they left an address) about a public timeline event."""
    from .models import RequestEvent

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
    _send(
        "eservice_forms/email/status_changed.txt",
        context,
        [event.request.contact_email],
        _language(event.request),
    )
