"""What happens to a request, as plain functions the HTML views (and a JSON API)
share: validate → store → notify; then staff move it on.

Nothing here reads an HTTP request: callers pass the page, the submitted data and
files, and the acting user.
"""

import functools
import json
import logging
import re
import secrets
import time
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kcs_core import storage as kcs_storage
from kcs_core.files import kept_copy, needs_rebuild
from kcs_core.numbering import next_fiscal_number
from kcs_core.pacing import PaceRefused
from kcs_core.sent_once import act_once
from kcs_core.thai_dates import arabic_digits, format_date

from . import tasks
from .deadlines import due_date
from .models.requests import Attachment, RequestEvent, ServiceRequest
from .request_statuses import (
    DECISION_STATUSES,
    LICENCE,
    LOAN,
    MORE_DOCUMENTS,
    REASON_NEEDED,
    RESULT_STATUSES,
    STATUS_LABELS,
    next_statuses,
)
from .storage import private_storage
from .tracking_codes import code_digest, code_of, tracking_code

REFERENCE_PREFIX = "ESV"
TYPED_REFERENCE = re.compile(
    rf"{REFERENCE_PREFIX}-?(?P<year>[0-9]{{4}})-?(?P<number>[0-9]{{1,6}})"
)

logger = logging.getLogger(__name__)


class InvalidRequest(Exception):
    """The submitted data did not validate; ``form`` carries the errors."""

    def __init__(self, form):
        super().__init__("invalid request")
        self.form = form


class AnswersChanged(InvalidRequest):
    """The form's key was filed before with other answers (a resident who went back
    and changed them): nothing was stored, and ``form`` says under which reference
    the first answers are. Sent again under a new key, the answers are a new
    request."""


class PaceRefusedRequest(InvalidRequest):
    """The form's pace ticket did not admit the filing (``refusal`` says why, and
    ``form`` carries its message); nothing was stored."""

    def __init__(self, form, refusal: PaceRefused):
        super().__init__(form)
        self.refusal = refusal


class StorageFailedRequest(InvalidRequest, kcs_storage.StorageFailed):
    """The files could not be written (a full disk, a storage outage): nothing was
    stored, and ``form`` carries the message of :class:`kcs_core.storage.StorageFailed`.
    """


def storage_failed(form) -> StorageFailedRequest:
    """Log the storage error being handled and tell the resident, on ``form``, that
    nothing was sent (the answers they typed stay in the form)."""
    logger.exception("An e-service request could not store its files.")
    failure = StorageFailedRequest(form)
    form.add_error(None, str(failure))
    return failure


@dataclass
class Submission:
    """A stored request, its tracking code, and whether this call created it."""

    request: object
    secret: str
    created: bool


def format_reference(year: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}-{year}-{number:06d}"


def typed_reference(typed: str) -> str:
    """A reference number as a resident may type it (Thai digits, lower case,
    spaces, its hyphens or leading zeros left out: ``esv ๒๕๗๐ 1``) in the form
    :func:`format_reference` gives it; what is not one is returned upper-cased."""
    text = re.sub(r"\s+", "", arabic_digits(typed)).upper()
    parts = TYPED_REFERENCE.fullmatch(text)
    if parts is None:
        return text
    return format_reference(int(parts["year"]), int(parts["number"]))


def submit_request(
    page, data, files, *, idempotency_key: uuid.UUID, site=None, admit=None
) -> Submission:
    """File a request on ``page``: validate, admit, then store, then notify.

    ``data`` and ``files`` are what the form builder's form takes (a QueryDict and a
    MultiValueDict of files); ``site`` is the page's site when the caller knows it.
    ``admit``, when given, is called once the answers are valid and before anything
    is stored; it raises :class:`kcs_core.pacing.PaceRefused` to refuse the filing
    (the callers spend the form's pace ticket there). Sending the same
    ``idempotency_key`` again returns the first request, stores nothing and needs no
    admission; while the first is still being stored (a double tap), it waits for
    it (:data:`IN_FLIGHT_SECONDS`). Raises :class:`InvalidRequest`, or
    :class:`StorageFailedRequest` when the files cannot be written.
    """
    site = site or page.get_site()
    form = page.get_form(data, files, page=page)
    if not form.is_valid():
        # A retry of a request already filed answers with it even if its dates
        # would no longer pass (a day now in the past), when its other answers are
        # the same; other errors are changed answers, refused next to their fields.
        existing = find_submission(page, site, idempotency_key)
        failed = set(form.errors)
        if existing and failed <= date_keys(page):
            return same_answers_or_refuse(existing, page, form, unchecked=failed)
        raise InvalidRequest(form)
    if admit is not None:
        try:
            admit()
        except PaceRefused as refusal:
            # A retry of a request already filed (its ticket now spent) answers
            # with the first request; looked up only then, to keep filing cheap.
            # A ticket spent by a sending still being stored (a double tap) is
            # waited for.
            wait = IN_FLIGHT_SECONDS if refusal.code == "replayed" else 0
            existing = find_submission(page, site, idempotency_key, wait=wait)
            if existing:
                return same_answers_or_refuse(existing, page, form)
            form.add_error(None, refusal.message)
            raise PaceRefusedRequest(form, refusal) from None
    try:
        return store_request(page, site, form.cleaned_data, idempotency_key)
    except IntegrityError:
        # The key was used before (a retry, or a concurrent one): the unique key
        # refused the row and the transaction rolled back, number and all.
        existing = find_submission(page, site, idempotency_key)
        if existing is None:  # a key another service used: never answer with it
            form.add_error(
                None, _("This form was already sent. Reload it and fill it in again.")
            )
            raise InvalidRequest(form) from None
        return same_answers_or_refuse(existing, page, form)
    except OSError:
        raise storage_failed(form) from None


def same_answers_or_refuse(
    existing: Submission, page, form, *, unchecked=frozenset()
) -> Submission:
    """``existing``, filed under the form's key, when ``form`` repeats its answers
    (a retry, a double tap), those of the ``unchecked`` keys aside; else
    :class:`AnswersChanged`: answering with the first request would drop the
    changed answers without a word."""
    answers, files = split_answers(page, form.cleaned_data)
    # As the JSON field would store them (dates and decimals as text).
    sent_answers = json.loads(json.dumps(answers, cls=DjangoJSONEncoder))
    filed_answers = existing.request.form_data
    if unchecked:
        sent_answers = {k: v for k, v in sent_answers.items() if k not in unchecked}
        filed_answers = {k: v for k, v in filed_answers.items() if k not in unchecked}
    sent_files = {
        key: sorted(map(attachment_name, uploads)) for key, uploads in files.items()
    }
    filed_files: dict[str, list[str]] = {}
    filed = existing.request.attachments.order_by("original_name")
    for key, name in filed.values_list("field_key", "original_name"):
        filed_files.setdefault(key, []).append(name)
    if sent_answers == filed_answers and sent_files == filed_files:
        return existing
    form.add_error(
        None,
        _(
            "This form was already sent, as %(reference)s, with other answers. To "
            "file the answers below as a new request, send them again."
        )
        % {"reference": existing.request.reference},
    )
    raise AnswersChanged(form)


#: How long a retry waits for the sending it repeats to be stored, in seconds.
IN_FLIGHT_SECONDS = 5


def find_submission(page, site, idempotency_key, wait: float = 0) -> Submission | None:
    """The request filed on ``page`` of ``site`` under ``idempotency_key``, or
    ``None``: a key sent to another service never answers with this request.
    With ``wait``, looks again for up to that many seconds (a sending with the key
    whose transaction has not committed yet)."""
    requests = ServiceRequest.objects.filter(
        page=page, site=site, idempotency_key=idempotency_key
    )
    deadline = time.monotonic() + wait
    found = requests.first()
    while found is None and time.monotonic() < deadline:
        time.sleep(0.1)
        found = requests.first()
    if found is None:
        return None
    return Submission(found, code_of(found), created=False)


def date_keys(page) -> set[str]:
    """The keys of the page's date questions: what a day passing can make wrong."""
    return {
        field.clean_name
        for field in page.get_form_fields()
        if field.field_type in ("date", "datetime")
    }


def attachment_name(file) -> str:
    """The name an attachment keeps of an uploaded file."""
    return file.name.rsplit("/", 1)[-1][-255:]


def split_answers(page, cleaned_data: dict) -> tuple[dict, dict]:
    """``(answers to store as JSON, {field key: [files]})``."""
    file_keys = set(page.file_field_keys())
    answers = {k: v for k, v in cleaned_data.items() if k not in file_keys}
    files = {k: v for k, v in cleaned_data.items() if k in file_keys and v}
    return answers, files


def store_request(page, site, cleaned_data: dict, idempotency_key) -> Submission:
    """Number and store the request with its files in one transaction; a file that
    fails to store rolls everything back and removes the files already written."""
    answers, files = split_answers(page, cleaned_data)
    secret = tracking_code(site.pk, idempotency_key)
    today = timezone.localdate()
    written = []
    with transaction.atomic():
        numbered = next_fiscal_number(site, "eservice", today)
        service_request = ServiceRequest.objects.create(
            page=page,
            site=site,
            form_data=answers,
            service_title=page.title,
            kind=page.kind,
            fiscal_year=numbered.year,
            number=numbered.number,
            reference=format_reference(numbered.year, numbered.number),
            idempotency_key=idempotency_key,
            secret_hash=code_digest(secret),
            contact_email=answers.get("email") or "",
            # The service's own division takes it first; staff may pass it on.
            assigned_division=page.responsible_division,
            due_date=(
                due_date(today, page.processing_time, page.processing_time_unit)
                if page.processing_time
                else None
            ),
            return_due=answers.get("borrow_until") if page.kind == LOAN else None,
        )
        try:
            for key, key_files in files.items():
                for file in key_files:
                    kept, content_type = kept_copy(file)
                    attachment = Attachment(
                        request=service_request,
                        field_key=key,
                        token=secrets.token_hex(16),
                        original_name=attachment_name(file),
                        content_type=content_type,
                        size=kept.size,
                    )
                    if needs_rebuild(content_type):
                        attachment.cleaning = Attachment.Cleaning.PENDING
                    attachment.file.save(file.name, kept, save=True)
                    written.append(attachment.file.name)
                    if attachment.cleaning:
                        transaction.on_commit(
                            functools.partial(tasks.clean_photo.enqueue, attachment.pk)
                        )
        except BaseException:
            for name in written:
                private_storage.delete(name)
            raise
        RequestEvent.objects.create(
            request=service_request,
            event=RequestEvent.SUBMITTED,
            status=service_request.status,
            public=True,
        )
        transaction.on_commit(
            lambda: tasks.notify_new_request.enqueue(service_request.pk)
        )
    return Submission(service_request, secret, created=True)


def record(service_request, event: str, *, user=None, public=False, **fields):
    return RequestEvent.objects.create(
        request=service_request, event=event, user=user, public=public, **fields
    )


def allowed_statuses(service_request) -> list[str]:
    """The statuses staff may move ``service_request`` to now."""
    used = service_request.events.filter(status=MORE_DOCUMENTS).exists()
    return next_statuses(
        service_request.kind,
        service_request.status,
        more_documents_used=used,
        items_out=service_request.items_out,
    )


def once_scope(action: str, service_request) -> str:
    """What a staff form's one-time key is remembered under: the action and its
    request (see :mod:`kcs_core.sent_once`)."""
    return f"eservice:{action}:{service_request.pk}"


def change_status(
    service_request, status: str, *, user, message: str = "", once: str = ""
):
    """Move the request on (only along its kind's chain), tell the applicant, and for
    a licence record the Act's result notice. A refusal, a request for documents
    and a cancellation need a ``message`` saying why (:data:`REASON_NEEDED`). The
    same form sent again (``once``, its one-time key) moves nothing: None then."""
    if status not in allowed_statuses(service_request):
        raise ValidationError(
            _("A request cannot move from “%(old)s” to “%(new)s”.")
            % {
                "old": STATUS_LABELS[service_request.status],
                "new": STATUS_LABELS.get(status, status),
            }
        )
    if status in REASON_NEEDED and not message.strip():
        raise ValidationError({"message": REASON_NEEDED[status]})

    def move():
        now = timezone.now()
        with transaction.atomic():
            service_request.status = status
            if status in DECISION_STATUSES and not service_request.decided_at:
                service_request.decided_at = now
            if not service_request.is_open:
                service_request.closed_at = now
            event = record(
                service_request,
                RequestEvent.STATUS,
                user=user,
                public=True,
                status=status,
                message=message,
            )
            if service_request.kind == LICENCE and status in RESULT_STATUSES:
                record_result_notice(service_request, status, user=user, now=now)
            service_request.save()
            transaction.on_commit(lambda: tasks.notify_status_change.enqueue(event.pk))
        return event

    return act_once(once_scope("status", service_request), once, move)


def record_result_notice(service_request, status: str, *, user, now) -> None:
    """Licensing Facilitation Act 2558: the result goes out within 7 days. The
    status e-mail carries it when the applicant left an address; otherwise staff
    are told to send it by letter. Staff's record only: the applicant's timeline
    already shows the result."""
    if service_request.contact_email:
        message = _("Notice of the result sent to the applicant by e-mail.")
        service_request.last_notice_at = now
    else:
        message = _(
            "The applicant left no e-mail address: send them the result by letter "
            "within 7 days."
        )
    record(
        service_request,
        RequestEvent.NOTICE,
        user=user,
        public=False,
        status=status,
        message=message,
    )


def assign(service_request, division: str, *, user, once: str = ""):
    """Hand the request to ``division``. The same form sent again (``once``, its
    one-time key), or the division it already has, records nothing: None then."""

    def hand_over():
        if division == service_request.assigned_division:
            return None
        with transaction.atomic():
            service_request.assigned_division = division
            service_request.save(update_fields=["assigned_division"])
            return record(
                service_request, RequestEvent.ASSIGNED, user=user, message=division
            )

    return act_once(once_scope("assign", service_request), once, hand_over)


def add_note(service_request, note: str, *, user, once: str = ""):
    """An internal note: never shown to the applicant. The same form sent again
    (``once``, its one-time key) is not noted again: None then."""
    return act_once(
        once_scope("note", service_request),
        once,
        lambda: record(service_request, RequestEvent.NOTE, user=user, message=note),
    )


def record_return(service_request, returned_on, *, user):
    """The borrowed items came back on ``returned_on``: once, on a day from when
    the request was filed to today (a ValidationError on ``returned_on`` names
    what is wrong)."""
    if service_request.returned_on is not None:
        raise ValidationError(
            {
                "returned_on": _(
                    "The items were already recorded as returned on %(day)s."
                )
                % {"day": format_date(service_request.returned_on, "long")}
            }
        )
    filed_on = timezone.localdate(service_request.submit_time)
    today = timezone.localdate()
    if not filed_on <= returned_on <= today:
        raise ValidationError(
            {
                "returned_on": _(
                    "The items came back on a day from the filing of the request "
                    "(%(filed)s) to today (%(today)s)."
                )
                % {
                    "filed": format_date(filed_on, "long"),
                    "today": format_date(today, "long"),
                }
            }
        )
    with transaction.atomic():
        service_request.returned_on = returned_on
        service_request.save(update_fields=["returned_on"])
        return record(
            service_request,
            RequestEvent.RETURNED,
            user=user,
            public=True,
            message=format_date(returned_on, "long"),
        )
