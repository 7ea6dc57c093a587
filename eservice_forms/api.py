"""The e-service endpoints of the plugin's JSON API (``api/eservice/``, see
:mod:`kcs_core.api`): the services of the site, a service's form, filing a request
and following it with its reference number and tracking code, and rating the
service once it is done.

Filing validates with the page's own form (built by :class:`EServiceFormBuilder`) and
stores through :func:`services.submit_request`; tracking uses the HTML page's
:class:`TrackingForm`, throttle and :func:`tracking.look_up`. Nothing here
decides anything the HTML pages do not.
"""

import datetime
import uuid
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ninja import Schema, Status
from pydantic import Field

from kcs_core.api import (
    TYPED,
    AppRouter,
    BodyIn,
    BuddhistEraDateOut,
    Conflict,
    FieldOut,
    JSONForm,
    ListedPageOut,
    NotFound,
    PaceIn,
    PageId,
    PublicFormOut,
    StorageUnavailable,
    Throttled,
    api_url,
    get_site_page,
    invalid_form,
    language_codes,
    listed_page,
    listed_pages,
    pace_error,
    page_translations,
    public_form,
    read_body,
    refuse_unknown_files,
    request_site,
    responses,
    too_large,
)
from kcs_core.api_fields import be_date
from kcs_core.throttle import client_key

from . import services, tracking
from .forms import (
    DateRangeValidator,
    RowsField,
    SatisfactionForm,
    ServiceFilesField,
    TrackingForm,
    WholeNumberField,
    max_upload_size,
)
from .models import ServicePage
from .request_statuses import KIND_CHOICES, STATUS_LABELS

router = AppRouter(tags=["e-services"])


class ServiceOut(ListedPageOut):
    """An e-service of the site."""

    kind: str
    kind_label: str
    responsible_division: str
    processing_time: int | None
    processing_time_unit: str


class ServiceFormOut(PublicFormOut):
    """What a front end needs to show a service's form and file it."""

    privacy_notice: str = Field(description="HTML, to show before the form")


class RequestIn(BodyIn):
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="{field key: answer}; files go in multipart parts named by key",
    )
    idempotency_key: uuid.UUID | None = Field(
        default=None,
        description="Send the same key again to get the same request, never two",
    )
    pace: PaceIn | None = Field(
        default=None,
        description="The form's pace ticket, solved or matured (not needed to "
        "repeat a filing with its idempotency key)",
    )


class RequestOut(Schema):
    """What both the filing and the tracking answer of a request
    (:func:`request_dates` gives its dates)."""

    reference: str
    status: str
    status_label: str
    submitted_at: datetime.datetime
    submitted_on_be: BuddhistEraDateOut
    due_date: datetime.date | None
    due_date_be: BuddhistEraDateOut | None


class SubmissionOut(RequestOut):
    secret: str = Field(description="The tracking code: shown once, store it")
    tracking_url: str


class TrackingIn(BodyIn):
    reference: str = Field(json_schema_extra=TYPED)
    secret: str = Field(json_schema_extra=TYPED)


class EventOut(Schema):
    at: datetime.datetime
    on_be: BuddhistEraDateOut
    event: str
    event_label: str
    status: str
    status_label: str
    message: str


class SurveyOut(Schema):
    answer_url: str = Field(description="POST the answers here with the credentials")
    fields: list[FieldOut]


class TrackingOut(RequestOut):
    service: str
    return_due: datetime.date | None = Field(
        description="A loan: the day the borrowed items are due back"
    )
    return_due_be: BuddhistEraDateOut | None
    returned_on: datetime.date | None = Field(
        description="A loan: the day the items came back, once recorded"
    )
    returned_on_be: BuddhistEraDateOut | None
    events: list[EventOut]
    survey: SurveyOut | None = Field(
        description="The satisfaction survey, offered once the request is done or "
        "rejected and until it is answered"
    )


class SurveyIn(TrackingIn):
    answers: dict[str, Any] = Field(description="``rating`` (1–5) and ``comment``")


class ThanksOut(Schema):
    detail: str


def survey_form_json(form: SatisfactionForm) -> JSONForm:
    """The survey seen from JSON (its labels are translatable strings)."""
    return JSONForm(form, dict.fromkeys(language_codes(), form))


class ServiceJSONForm(JSONForm):
    """A service's form-builder form, with its row tables and file fields."""

    def describe_field(self, name, field):
        description = super().describe_field(name, field)
        if isinstance(field, RowsField):
            structure = field.structure
            description.update(
                type="rows",
                rows=structure.rows,
                initial=None,
                columns=[
                    {
                        "key": column.key,
                        "label": str(column.label),
                        "labels": self.in_each_language(
                            lambda form, column=column: str(column.label)
                        ),
                        "numeric": column.numeric,
                        "whole": column.whole,
                        "required": column.required,
                    }
                    for column in structure.columns
                ],
            )
        if isinstance(field, WholeNumberField):
            description["whole"] = True  # a count: no decimal point
        for validator in field.validators:
            if isinstance(validator, DateRangeValidator):
                description.update(
                    min_date=validator.earliest(), max_date=validator.latest()
                )
        if isinstance(field, ServiceFilesField):
            validator = field.content_validator
            description.update(
                max_files=field.get_max_files(),
                max_size=validator.max_size,
                accept=list(validator.allowed_types),
            )
        return description

    def field_values(self, name, field, value):
        if isinstance(field, RowsField):
            return self.row_values(name, field, value)
        return super().field_values(name, field, value)

    def row_values(self, name, field, rows):
        """A row table's answer: a list of ``{column key: value}``, at most
        ``rows`` of them."""
        structure = field.structure
        if not isinstance(rows, list) or len(rows) > structure.rows:
            raise ValueError(name)
        if not all(isinstance(row, dict) for row in rows):
            raise ValueError(name)
        cells = field.widget.decompress(rows)
        return [
            (f"{name}{suffix}", [self.text(cell)])
            for suffix, cell in zip(field.widget.widgets_names, cells, strict=True)
        ]


def service_form(page: ServicePage) -> ServiceJSONForm:
    """The page's form, with its translations' forms for their labels."""
    translations = {
        language: translated.get_form(page=translated)
        for language, translated in page_translations(page).items()
    }
    return ServiceJSONForm(page.get_form(page=page), translations)


def service_out(request, page: ServicePage) -> dict:
    return {
        **listed_page(request, page, "eservice_form"),
        "kind": page.kind,
        "kind_label": str(dict(KIND_CHOICES).get(page.kind, page.kind)),
        "responsible_division": page.responsible_division,
        "processing_time": page.processing_time,
        "processing_time_unit": page.processing_time_unit,
    }


@router.pages(
    "/services/",
    ServiceOut,
    url_name="eservice_services",
    summary="The e-services of this site",
)
def list_services(request, locale: str | None = None):
    """Live e-services of the site the request reached, in every language unless
    ``locale`` (``th``, ``en``) picks one."""
    pages = listed_pages(request, ServicePage, locale)
    return [service_out(request, page) for page in pages]


@router.page_form(
    ServiceFormOut,
    url_name="eservice_form",
    summary="The form of an e-service",
    path="/services/{page_id}/form/",
)
def get_service_form(request, page_id: PageId):
    """The fields (keys, types, required, choices, help, labels in every language)
    and the privacy notice to show before them."""
    page = get_site_page(request, ServicePage, page_id).specific
    form = service_form(page)
    languages = [code for code in language_codes() if code in form.translations]
    return {
        **public_form(
            request,
            page,
            form.describe(),
            client_key(request.META),
            "eservice",
            languages,
        ),
        "privacy_notice": render_to_string(
            "eservice_forms/includes/privacy_notice.html", {"page": page}, request
        ),
    }


@router.upload(
    "/services/{page_id}/requests/",
    RequestIn,
    {200: SubmissionOut, 201: SubmissionOut},
    url_name="eservice_submit",
    summary="File a request",
)
def submit(request, page_id: PageId):
    """File a request: 201 with the reference number and the tracking code (shown
    once), or 200 with the same when ``idempotency_key`` was already used."""
    page = get_site_page(request, ServicePage, page_id).specific
    body, files = read_body(request, RequestIn)
    limit = max_upload_size()
    if any(file.size > limit for _key, sent in files.lists() for file in sent):
        raise too_large(limit)
    form = ServiceJSONForm(page.get_form(page=page), {})
    refuse_unknown_files(files, form.form)
    site = page.get_site_for(request)
    pace = body.pace or PaceIn()
    try:
        submission = services.submit_request(
            page,
            form.data(body.answers),
            files,
            idempotency_key=body.idempotency_key or uuid.uuid4(),
            site=site,
            admit=lambda: pace.redeem(
                page=page, site_id=site.pk, client_key=client_key(request.META)
            ),
        )
    except services.PaceRefusedRequest as error:
        raise pace_error(error.refusal) from None
    except services.StorageFailedRequest as error:
        raise StorageUnavailable(error.form.non_field_errors()[0]) from None
    except services.InvalidRequest as error:
        raise invalid_form(error.form) from None
    service_request = submission.request
    return Status(
        201 if submission.created else 200,
        {
            "reference": service_request.reference,
            "secret": submission.secret,
            "status": service_request.status,
            "status_label": str(STATUS_LABELS[service_request.status]),
            **request_dates(service_request),
            "tracking_url": api_url(request, "eservice_tracking", site=site),
        },
    )


@router.lookup(
    "/tracking/",
    TrackingOut,
    url_name="eservice_tracking",
    summary="Where a request stands",
)
def track(request, payload: TrackingIn):
    """The status and public timeline of a request, by reference number and
    tracking code. An unknown reference and a wrong code get the same 404; wrong
    attempts are limited per client (429)."""
    found = tracked_request(request, payload)
    survey = None
    if tracking.survey_is_open(found):
        survey = {
            "answer_url": api_url(request, "eservice_survey"),
            "fields": survey_form_json(SatisfactionForm()).describe(),
        }
    return {
        "reference": found.reference,
        "service": found.service_name,
        "status": found.status,
        "status_label": str(STATUS_LABELS[found.status]),
        **request_dates(found),
        "return_due": found.return_due,
        "return_due_be": be_date(found.return_due),
        "returned_on": found.returned_on,
        "returned_on_be": be_date(found.returned_on),
        "events": [
            {
                "at": event.created_at,
                "on_be": be_date(timezone.localdate(event.created_at)),
                "event": event.event,
                "event_label": event.get_event_display(),
                "status": event.status,
                "status_label": str(STATUS_LABELS.get(event.status, "")),
                "message": event.message,
            }
            for event in found.public_events()
        ],
        "survey": survey,
    }


def request_dates(service_request) -> dict:
    """When a request was filed and is due, each with its ``_be`` beside it."""
    return {
        "submitted_at": service_request.submit_time,
        "submitted_on_be": be_date(timezone.localdate(service_request.submit_time)),
        "due_date": service_request.due_date,
        "due_date_be": be_date(service_request.due_date),
    }


def tracked_request(request, payload: TrackingIn):
    """The request the credentials open, or the same 404 for any mismatch; attempts
    count against the same limits as the tracking page's."""
    form = TrackingForm(payload.model_dump(include={"reference", "secret"}))
    if not form.is_valid():
        raise invalid_form(form)
    site = request_site(request)
    if tracking.is_throttled(request, site):
        raise Throttled(tracking.too_many_attempts(), window=tracking.WINDOW_SECONDS)
    found = tracking.look_up(
        request,
        site,
        form.cleaned_data["reference"],
        form.cleaned_data["secret"],
    )
    if found is None:
        raise NotFound(
            _(
                "No request matches this reference number and tracking code. Check "
                "both and try again."
            )
        )
    return found


@router.post(
    "/tracking/survey/",
    response=responses({201: ThanksOut}, 404, 409, 429),
    url_name="eservice_survey",
    summary="Rate the service of a finished request",
)
def answer_survey(request, payload: SurveyIn):
    """The resident's one answer to the satisfaction survey, with the request's
    credentials: 201, or 409 when the request is not finished (done or rejected)
    or was rated already."""
    found = tracked_request(request, payload)
    form = SatisfactionForm(survey_form_json(SatisfactionForm()).data(payload.answers))
    if not form.is_valid():
        raise invalid_form(form)
    if not tracking.record_satisfaction(found, **form.cleaned_data):
        raise Conflict(
            _(
                "This request cannot be rated: it is not finished yet, or it was "
                "rated already."
            )
        )
    return Status(201, {"detail": _("Thank you for your answer.")})
