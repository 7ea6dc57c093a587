"""The participation endpoints of the plugin's JSON API (``api/participation/``, see
:mod:`kcs_core.api`): the form of a Q&A board or an opinion channel with its
captcha and pace ticket, another captcha, and filing a question or an opinion.

The same forms (:mod:`ita_pages.public_forms`), the same filing path
(:func:`ita_pages.participation.file_answers`), throttles and captcha as the pages.
What is published (answered questions, the opinions' summary) is read through
Wagtail's page API (``/api/v2/pages/<id>/``).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from ninja import Schema, Status
from pydantic import Field

from ita_pages import participation
from ita_pages.models import OpinionPage, QuestionBoardPage
from kcs_core.api import (
    AppRouter,
    HumanCheckFormOut,
    HumanCheckIn,
    HumanCheckJSONForm,
    NotFound,
    PaceIn,
    PageId,
    captcha_challenge,
    human_check_form,
    language_codes,
    read_body,
    refusal_error,
    refuse_unknown_files,
    request_body_schema,
    responses,
    site_pages,
)
from kcs_core.api_fields import be_date
from kcs_core.refusals import FILING_REFUSALS
from kcs_core.throttle import client_key

router = AppRouter(tags=["participation"])
PAGE_TYPES = (QuestionBoardPage, OpinionPage)


class ParticipationFormOut(HumanCheckFormOut):
    """What a front end needs to show a Q&A board's or opinion channel's form."""

    kind: str = Field(description="question or opinion")


class ReceivedOut(Schema):
    kind: str
    received_at: str
    received_on_be: dict


def participation_page(request, page_id: int) -> Page:
    """The live Q&A board or opinion channel ``page_id`` of the request's site."""
    for page_type in PAGE_TYPES:
        page = site_pages(request, page_type).filter(pk=page_id).first()
        if page is not None:
            return page.specific
    raise NotFound(_("Not found."))


def kind_of(page) -> str:
    return "question" if isinstance(page, QuestionBoardPage) else "opinion"


def json_form(page, request, data=None) -> tuple:
    """The page's form (bound to ``data`` when given) and its JSON view (its labels
    are translatable strings: one form serves every language)."""
    form_class, _submit = participation.filer_for(page)
    url_base = page.get_url(request)
    form = form_class(data, captcha_url_base=url_base)
    return form, HumanCheckJSONForm(form, dict.fromkeys(language_codes(), form))


@router.page_form(
    ParticipationFormOut,
    url_name="participation_form",
    summary="The form of a Q&A board or an opinion channel, with a captcha",
)
def get_form(request, page_id: PageId):
    """The fields (keys, types, required, choices, help, labels in every language),
    a captcha challenge and a pace ticket."""
    page = participation_page(request, page_id)
    _form, described = json_form(page, request)
    return {
        **human_check_form(
            request,
            page,
            described.describe(),
            client_key(request.META),
            "participation",
        ),
        "kind": kind_of(page),
    }


@router.captcha(url_name="participation_captcha")
def new_captcha(request, page_id: PageId):
    """A new challenge; each can be answered once, right or wrong."""
    return Status(201, captcha_challenge(request, participation_page(request, page_id)))


@router.post(
    "/pages/{page_id}/",
    response=responses({201: ReceivedOut}, 429),
    url_name="participation_submit",
    summary="Ask a question or give an opinion",
    openapi_extra=request_body_schema(HumanCheckIn, files=False),
)
def submit(request, page_id: PageId):
    """File the answers: 201 with the date received. Refused forms are limited per
    client and hour (429); the client is known only by an hourly pseudonym."""
    page = participation_page(request, page_id)
    body, files = read_body(request, HumanCheckIn)
    _empty, described = json_form(page, request)
    form, _described = json_form(page, request, described.data(body.answers))
    refuse_unknown_files(files, form)
    try:
        record = participation.file_answers(
            page,
            page.get_site_for(request),
            form,
            (body.pace or PaceIn()).as_posted(),
            client_key(request.META),
        )
    except FILING_REFUSALS as refusal:
        raise refusal_error(refusal, form) from None
    return Status(
        201,
        {
            "kind": kind_of(page),
            "received_at": record.received_at.isoformat(),
            "received_on_be": be_date(timezone.localdate(record.received_at)),
        },
    )
