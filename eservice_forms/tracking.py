"""Residents follow a request with its reference number and tracking code.

A wrong code and an unknown reference get the same answer. Wrong attempts are
counted per client in the cache (never per reference: a stranger's guesses must not
lock a resident out of their own request); the client is known only by a keyed hash
of its address that changes every hour, so no address is stored anywhere.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from kcs_core import throttle
from kcs_core.robots import not_for_search_engines

from .forms import SatisfactionForm, TrackingForm
from .models.requests import SatisfactionResponse, ServiceRequest
from .request_statuses import SERVED_STATUSES
from .tracking_codes import code_matches

__all__ = [
    "TrackingForm",
    "is_throttled",
    "look_up",
    "record_satisfaction",
    "serve_tracking",
    "too_many_attempts",
    "tracking_result",
]


def attempt_limit() -> int:
    """Wrong look-ups allowed per client in a window
    (``KCS_ESERVICE_TRACKING_LIMIT``, 10)."""
    return getattr(settings, "KCS_ESERVICE_TRACKING_LIMIT", 10)


WINDOW_SECONDS = 15 * 60


def failures_name(request, site) -> str:
    client = throttle.client_key(request.META)
    return f"esv-track:failures:{site.pk}:{client}"


def is_throttled(request, site) -> bool:
    """Whether this client (by an hourly pseudonym of its address) typed too many
    wrong references or codes on ``site`` lately. Only the guessing client is
    slowed, and only on that site: wrong guesses at a reference never lock its
    resident out."""
    return throttle.exceeded(
        failures_name(request, site), attempt_limit(), WINDOW_SECONDS
    )


def too_many_attempts() -> str:
    """What a throttled client is told, on the page and in the API: the clock time
    its window ends."""
    return _("Too many attempts. Please try again after %(time)s.") % {
        "time": throttle.retry_time(WINDOW_SECONDS)
    }


def look_up(request, site, reference: str, secret: str):
    """The request these credentials open, or None (counted as a failure of the
    client's on ``site``)."""
    found = find_request(site, reference, secret)
    if found is None:
        throttle.count(failures_name(request, site), WINDOW_SECONDS)
    return found


def find_request(site, reference: str, secret: str):
    """The request of ``site`` with this reference and code, or ``None``."""
    found = (
        ServiceRequest.objects.filter(site=site, reference=reference)
        .select_related("satisfaction")
        .first()
        if reference
        else None
    )
    if found is None or not code_matches(found, secret):
        return None
    return found


def serve_tracking(index_page, request):
    """GET: the form. POST: the public timeline, or one answer for every failure."""
    context = index_page.get_context(request)
    context["tracking_form"] = form = TrackingForm(request.POST or None)
    status = 200
    site = index_page.get_site_for(request)
    if request.method == "POST" and form.is_valid():
        if is_throttled(request, site):
            context["throttled"] = too_many_attempts()
            status = 429
        else:
            service_request = look_up(
                request,
                site,
                form.cleaned_data["reference"],
                form.cleaned_data["secret"],
            )
            context["not_found"] = service_request is None
            if service_request is not None:
                context.update(
                    tracking_result(request, service_request, form.cleaned_data)
                )
    response = TemplateResponse(
        request, "eservice_forms/tracking.html", context, status=status
    )
    if context.get("throttled"):
        throttle.say_when_to_retry(response, WINDOW_SECONDS)
    return not_for_search_engines(response)


def survey_is_open(service_request) -> bool:
    """Whether the resident may rate the service: the request is done (or was
    rejected), and its survey not answered yet (:func:`find_request` selects the
    answer with the request, so this asks the database nothing)."""
    return service_request.status in SERVED_STATUSES and not hasattr(
        service_request, "satisfaction"
    )


def record_satisfaction(service_request, *, rating: int, comment: str) -> bool:
    """Store the resident's one answer to the survey; False when the survey is not
    open (the request is not finished, or was rated already, even a moment ago)."""
    if service_request.status not in SERVED_STATUSES:
        return False
    try:
        with transaction.atomic():
            SatisfactionResponse.objects.create(
                request=service_request, rating=rating, comment=comment
            )
    except IntegrityError:
        return False
    return True


def tracking_result(request, service_request, credentials) -> dict:
    """What the resident sees: status, public events, and the survey once done."""
    result = {
        "service_request": service_request,
        "events": service_request.public_events(),
        "credentials": credentials,
    }
    if survey_is_open(service_request):
        survey = SatisfactionForm(
            request.POST if request.POST.get("action") == "survey" else None
        )
        if (
            survey.is_bound
            and survey.is_valid()
            and record_satisfaction(service_request, **survey.cleaned_data)
        ):
            result["survey_thanks"] = True
        else:
            result["survey_form"] = survey
    return result
