"""The tip endpoints of the plugin's JSON API (``api/tips/``, see :mod:`kcs_core.api`):
the tip pages of the site, the tip form and its captcha, sending a tip, and the
tipster's case by receipt code (read the replies, add a message).

The same forms (:mod:`tips.forms`), services (:mod:`tips.services`), throttles and
captcha as the tip pages, and the same anonymity: the middleware scrubs these paths
(:func:`tips.anonymity.is_anonymous_path`), and every endpoint scrubs again before it
reads anything, should the host lack the middleware. Receipt codes travel only in
request bodies, never in URLs.
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ninja import Schema, Status
from pydantic import Field

from kcs_core.api import (
    TYPED,
    AppRouter,
    BodyIn,
    BuddhistEraDateOut,
    HumanCheckFormOut,
    HumanCheckIn,
    HumanCheckJSONForm,
    ListedPageOut,
    NotFound,
    PaceIn,
    PageId,
    StorageUnavailable,
    Throttled,
    api_url,
    captcha_challenge,
    get_site_page,
    human_check_form,
    invalid_form,
    language_codes,
    listed_page,
    listed_pages,
    read_body,
    refusal_error,
    refuse_unknown_files,
    request_site,
    too_large,
)
from kcs_core.api_fields import be_date
from kcs_core.refusals import FILING_REFUSALS
from kcs_core.throttle import FormRefused, TooManyAttempts, retry_time
from tips import services
from tips.anonymity import anonymize
from tips.forms import EvidenceField, ReceiptForm, TipForm, TipsterMessageForm
from tips.models import TipFormPage
from tips.models.pages import public_handlers
from tips.uploads import max_file_size, max_files

router = AppRouter(tags=["tips"])


class TipPageOut(ListedPageOut):
    """A tip page of the site."""


class PersonOut(Schema):
    name: str
    position: str


class ChannelOut(Schema):
    name: str
    url: str


class TipFormOut(HumanCheckFormOut):
    """What a front end needs to show the tip form and send it."""

    handlers: list[PersonOut] = Field(description="Who reads the tips")
    outside_channels: list[ChannelOut] = Field(
        description="Where to report when the accused are the office's executives"
    )
    case_url: str
    message_url: str


class TipIn(HumanCheckIn):
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "{field key: answer}; send back the hidden fields' initial values, and "
            'the captcha as {"key": ..., "answer": ...}. Evidence files go in '
            "multipart parts named evidence."
        ),
    )


class ReceiptOut(Schema):
    case_number: str
    receipt_code: str = Field(
        description="Shown once, stored nowhere: the tipster must write it down"
    )
    status: str
    status_label: str


class CodeIn(BodyIn):
    code: str = Field(json_schema_extra=TYPED)


class MessageIn(BodyIn):
    code: str = Field(json_schema_extra=TYPED)
    body: str = ""
    idempotency_key: str = Field(
        default="",
        max_length=64,
        description=(
            "A key new for each message: the same message sent again with it (a "
            "retry after a lost answer) is stored once"
        ),
    )


class CaseEventOut(Schema):
    date: datetime.date = Field(
        description="The day, as the case page shows it: never the time, which could "
        "be matched against a network's logs"
    )
    date_be: BuddhistEraDateOut
    kind: str
    kind_label: str
    body: str
    status: str
    status_label: str
    files: int = Field(description="How many files came with the entry")


class CaseOut(Schema):
    case_number: str
    status: str
    status_label: str
    received_on: datetime.date = Field(description="The day the tip came in")
    received_on_be: BuddhistEraDateOut
    events: list[CaseEventOut]


class TipJSONForm(HumanCheckJSONForm):
    """The tip form: its captcha and evidence described, the honeypot left out."""

    def describe_field(self, name, field):
        description = super().describe_field(name, field)
        if isinstance(field, EvidenceField):
            description.update(max_files=max_files(), max_size=max_file_size())
        return description


def tip_form_json(page, request) -> TipJSONForm:
    """The tip page's form (its labels are translatable strings: one form serves
    every language)."""
    form = TipForm(captcha_url_base=page.get_url(request))
    return TipJSONForm(form, dict.fromkeys(language_codes(), form))


def case_out(tip) -> dict:
    """The case as the tipster sees it: status and public timeline, never notes."""
    return {
        "case_number": tip.case_number,
        "status": tip.status,
        "status_label": tip.get_status_display(),
        "received_on": timezone.localdate(tip.created_at),
        "received_on_be": be_date(timezone.localdate(tip.created_at)),
        "events": [
            {
                "date": timezone.localdate(event.created_at),
                "date_be": be_date(timezone.localdate(event.created_at)),
                "kind": event.kind,
                "kind_label": event.get_kind_display(),
                "body": event.body,
                "status": event.status,
                "status_label": event.get_status_display() if event.status else "",
                "files": event.file_count,
            }
            for event in services.tipster_timeline(tip)
        ],
    }


def open_case(request, code: str):
    """The site's tip with this receipt code; 400 for a malformed code, 404 for an
    unknown one, 429 past the client's hourly limit of wrong codes."""
    lookup = ReceiptForm({"code": code})
    if not lookup.is_valid():
        raise invalid_form(lookup)
    try:
        tip = services.open_case(
            request_site(request), lookup.cleaned_data["code"], request.tips_client_key
        )
    except TooManyAttempts:
        raise Throttled(
            _(
                "Too many wrong codes were typed from this connection in the last "
                "hour. Please try again after %(time)s."
            )
            % {"time": retry_time()}
        ) from None
    if tip is None:
        raise NotFound(_("No case matches this code. Check it and try again."))
    return tip


def anonymous_tip_page(request, page_id: int) -> TipFormPage:
    """The site's live tip page ``page_id`` (or 404), after scrubbing the request."""
    anonymize(request)  # a no-op when the middleware did it
    return get_site_page(request, TipFormPage, page_id).specific


def refuse_oversized(request) -> None:
    """413 when the upload handler dropped a file for its size."""
    if getattr(request, "tips_oversized_upload", False):
        raise too_large(max_file_size())


@router.pages(
    "/", TipPageOut, url_name="tips_pages", summary="The tip pages of this site"
)
def list_tip_pages(request, locale: str | None = None):
    """Live tip pages of the site the request reached (``locale`` picks a language)."""
    anonymize(request)  # a no-op when the middleware did it
    pages = listed_pages(request, TipFormPage, locale)
    return [listed_page(request, page, "tips_form") for page in pages]


@router.page_form(
    TipFormOut, url_name="tips_form", summary="The tip form, with a captcha challenge"
)
def get_tip_form(request, page_id: PageId):
    """The fields (keys, types, required, choices, help, labels in every language),
    a captcha challenge, who reads tips and the outside agencies."""
    page = anonymous_tip_page(request, page_id)
    form = tip_form_json(page, request)
    site = page.get_site_for(request)
    return {
        **human_check_form(
            request, page, form.describe(), request.tips_client_key, "tips"
        ),
        "handlers": public_handlers(site),
        "outside_channels": page.outside_channels,
        "case_url": api_url(request, "tips_case", site=site),
        "message_url": api_url(request, "tips_message", site=site),
    }


@router.captcha(url_name="tips_captcha")
def new_captcha(request, page_id: PageId):
    """A new challenge, e.g. when the image cannot be read. Each challenge can be
    answered once, right or wrong."""
    page = anonymous_tip_page(request, page_id)
    return Status(201, captcha_challenge(request, page))


@router.upload(
    "/pages/{page_id}/tips/",
    TipIn,
    {201: ReceiptOut},
    url_name="tips_submit",
    summary="Send a tip",
)
def submit_tip(request, page_id: PageId):
    """Send a tip: 201 with the case number and the receipt code, which is shown
    this once and stored nowhere. Refused forms are limited per client and hour
    (429); the client is known only by an hourly pseudonym."""
    page = anonymous_tip_page(request, page_id)
    body, files = read_body(request, TipIn)
    refuse_oversized(request)
    empty = tip_form_json(page, request)
    refuse_unknown_files(files, empty.form)
    form = TipForm(
        empty.data(body.answers), files, captcha_url_base=page.get_url(request)
    )
    try:
        tip, code = services.file_tip(
            page,
            page.get_site_for(request),
            form,
            (body.pace or PaceIn()).as_posted(),
            request.tips_client_key,
        )
    except FILING_REFUSALS as refusal:
        raise refusal_error(refusal, form) from None
    except services.StorageFailed as error:
        raise StorageUnavailable(str(error)) from None
    return Status(
        201,
        {
            "case_number": tip.case_number,
            "receipt_code": code,
            "status": tip.status,
            "status_label": tip.get_status_display(),
        },
    )


@router.lookup("/case/", CaseOut, url_name="tips_case", summary="The tipster's case")
def read_case(request, payload: CodeIn):
    """The case of a receipt code: status and the public timeline (the handlers'
    replies; never their internal notes)."""
    anonymize(request)  # a no-op when the middleware did it
    return case_out(open_case(request, payload.code))


@router.upload(
    "/case/messages/",
    MessageIn,
    {201: CaseOut},
    url_name="tips_message",
    summary="Add information to a case",
)
def add_message(request):
    """The tipster adds a message or files (multipart parts named evidence) to
    their case; answers with the case (a message sent again with its
    ``idempotency_key`` is stored once and answered as the first time)."""
    anonymize(request)  # a no-op when the middleware did it
    body, files = read_body(request, MessageIn)
    refuse_oversized(request)
    tip = open_case(request, body.code)
    form = TipsterMessageForm(
        {"code": body.code, "body": body.body, "once": body.idempotency_key}, files
    )
    refuse_unknown_files(files, form)
    try:
        services.follow_up(tip, form)
    except FormRefused:
        raise invalid_form(form) from None
    except services.StorageFailed as error:
        raise StorageUnavailable(str(error)) from None
    return Status(201, case_out(tip))
