"""Submitting and following up tips: the one code path for every front end.

The HTML views of :mod:`tips.views` and the JSON API of :mod:`tips.api` both file a
tip through :func:`file_tip` (throttle, the form's checks, the pace ticket, storage)
and open a case through :func:`open_case`, so that validation, storage, encryption,
numbering and throttles never diverge.
"""

import datetime
import functools
import hashlib
import json
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from kcs_core import pacing, throttle
from kcs_core.keyed_digests import derived_key, keyed_digest
from kcs_core.numbering import next_fiscal_number
from kcs_core.sent_once import act_once
from kcs_core.storage import StorageFailed
from kcs_core.thai_dates import start_of_day
from kcs_core.throttle import FormRefused, TooManyAttempts
from tips import crypto, receipt_codes, tasks
from tips.files import CheckedUpload
from tips.models.tips import (
    Status,
    Tip,
    TipAccessLog,
    TipAttachment,
    TipCount,
    TipEvent,
)

TIP_FIELDS = (
    "category",
    "accused",
    "description",
    "occurred",
    "location",
    "reporter_name",
    "reporter_contact",
)


logger = logging.getLogger(__name__)


def refused_submissions_per_hour() -> int:
    """Refused tip forms (a wrong captcha, a missing answer) one client may send per
    hour (``KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR``, 30) before its forms are turned
    away until the hour ends. Accepted tips are not counted here: the pace ticket
    (:mod:`kcs_core.pacing`) makes many of them slow instead, so people behind one
    carrier address are never turned away."""
    return getattr(settings, "KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR", 30)


def failed_lookups_per_hour() -> int:
    """Wrong receipt codes one client may type per hour
    (``KCS_TIPS_FAILED_LOOKUPS_PER_HOUR``, 30) before its look-ups are refused."""
    return getattr(settings, "KCS_TIPS_FAILED_LOOKUPS_PER_HOUR", 30)


def _refused_submissions(site, client_key: str) -> str:
    return f"tips-refused:{site.pk}:{client_key}"


def case_number(year: int, number: int) -> str:
    """The public case number of a year's ``number``th tip: ``TIP-2569-0007``."""
    return f"TIP-{year}-{number:04d}"


def store_evidence(tip: Tip, event: TipEvent, evidence: list[CheckedUpload]) -> None:
    """Encrypt and store each file's original; its clean copy is made by the
    background worker once the transaction commits. Call inside the transaction that
    stores ``event``: when a file cannot be written, the files
    already written are removed and :class:`StorageFailed` rolls it all back."""
    written = []
    try:
        for item in evidence:
            attachment = TipAttachment(
                tip=tip,
                event=event,
                created_at=event.created_at,
                name=item.name,
                content_type=item.content_type,
                size=len(item.original),
            )
            written.append(attachment)
            attachment.original.save(
                TipAttachment.storage_name(".bin"),
                ContentFile(crypto.encrypt_bytes(item.original)),
                save=False,
            )
            attachment.save()
            transaction.on_commit(
                functools.partial(
                    tasks.enqueue_unrecorded, tasks.clean_evidence, attachment.pk
                )
            )
    except OSError as error:
        logger.exception("Tip evidence could not be stored.")
        for attachment in written:
            attachment.delete_files()
        raise StorageFailed from error


def file_tip(page, site, form, pace_data: dict, client_key: str) -> tuple[Tip, str]:
    """The one path of a tip from the page and from the JSON API: a form sent
    again (its pace ticket spent), the client's refusals this hour, the form's
    checks (a refusal counts), the pace ticket
    (``pace_data`` holds its fields as the HTML form posts them), then storage.
    The same sending again (a reload of the receipt page) gets the same tip and
    receipt code back, for an hour, and files nothing (see
    :func:`kcs_core.pacing.remember_answer`): the code is shown once, but a reload
    must not lose it. Returns the tip and its receipt code; raises
    :class:`TooManyAttempts`, :class:`FormRefused`,
    :class:`~kcs_core.pacing.PaceRefused` or :class:`StorageFailed`."""
    answers = what_was_sent(page, form)
    resent = pacing.answer_to_resent(pace_data, answers=answers)
    tip = Tip.objects.filter(pk=resent["tip"], site=site).first() if resent else None
    if tip is not None:
        return tip, resent["code"]
    pacing.refuse_spent_posted(pace_data)
    throttle.validate_counting_refusals(
        form, _refused_submissions(site, client_key), refused_submissions_per_hour()
    )
    pacing.redeem_posted(pace_data, page=page, site_id=site.pk, client_key=client_key)
    tip, code = submit_tip(
        page, form.tip_data(), form.cleaned_data["evidence"], site=site
    )
    pacing.remember_answer(pace_data, {"tip": tip.pk, "code": code}, answers=answers)
    return tip, code


def what_was_sent(page, form) -> str:
    """The page and all the (unchecked) ``form`` came with, as text: the same for
    the same sending again, other for other answers or files with the same ticket,
    which must not get the first tip's receipt back."""
    files = [
        (key, [(upload.name, content_digest(upload)) for upload in uploads])
        for key, uploads in form.files.lists()
    ]
    return json.dumps([page.pk, sorted(form.data.lists()), sorted(files)])


def content_digest(upload) -> str:
    """SHA-256 of an uploaded file's bytes (read in chunks, then rewound)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def submit_tip(
    page, data: dict, evidence: list[CheckedUpload], *, site=None
) -> tuple[Tip, str]:
    """Store a validated tip submitted through ``page`` (a tip form page) and return
    it with its receipt code, which exists nowhere else: show it once. ``site`` is
    the page's site when the caller knows it. Raises :class:`StorageFailed` (and
    stores nothing) when the evidence cannot be written."""
    site = site or page.get_site()
    now = start_of_day()  # a tipster's times are days (docs/tips.md)
    code = receipt_codes.generate()
    with transaction.atomic():
        numbered = next_fiscal_number(site, "tips", now)
        tip = Tip.objects.create(
            site=site,
            page=page,
            fiscal_year=numbered.year,
            number=numbered.number,
            case_number=case_number(numbered.year, numbered.number),
            receipt_digest=crypto.receipt_digest(receipt_codes.normalize(code)),
            created_at=now,
            acknowledge_by=timezone.localdate(now)
            + datetime.timedelta(days=page.acknowledge_within_days),
            **{field: data.get(field) or "" for field in TIP_FIELDS},
        )
        event = TipEvent.objects.create(
            tip=tip, kind=TipEvent.Kind.SUBMITTED, created_at=now
        )
        store_evidence(tip, event, evidence)
    return tip, code


def open_case(site, typed_code: str, client_key: str) -> Tip | None:
    """The tip of ``site`` whose receipt code was typed, or None. Wrong codes count
    against the client's hourly limit (``client_key``: the hourly pseudonym of its
    address, never the address); past it that client's look-ups are refused with
    TooManyAttempts, while every other tipster can still open their case."""
    limit_name = f"tips-lookup-failures:{site.pk}:{client_key}"
    if throttle.exceeded(limit_name, failed_lookups_per_hour()):
        raise TooManyAttempts
    code = receipt_codes.normalize(typed_code)
    tip = None
    if receipt_codes.is_well_formed(code):
        tip = Tip.objects.filter(
            site=site, receipt_digest=crypto.receipt_digest(code)
        ).first()
    if tip is None:
        throttle.hit(limit_name, failed_lookups_per_hour())
    return tip


def tipster_timeline(tip: Tip):
    """The case's entries the tipster sees (never internal notes), oldest first,
    each with ``file_count``, how many files came with it."""
    return tip.events.filter(kind__in=TipEvent.PUBLIC_KINDS).annotate(
        file_count=Count("attachments")
    )


def follow_up(tip: Tip, form) -> TipEvent | None:
    """The one path of a tipster's follow-up, from the page and from the JSON API:
    the message form's checks (:class:`~tips.forms.TipsterMessageForm`), then
    :func:`add_tipster_message`. Raises :class:`FormRefused` (the errors are on
    ``form``) or :class:`StorageFailed`."""
    if not form.is_valid():
        raise FormRefused
    return add_tipster_message(tip, **form.message())


def add_tipster_message(
    tip: Tip, body: str, evidence: list[CheckedUpload], once: str = ""
) -> TipEvent | None:
    """The tipster adds information or files to their case. ``once``, the form's
    one-time key (or the API's ``idempotency_key``), makes the same message sent
    again (a resend after a lost answer) stored once: None then; another message
    under the same key (:func:`message_fingerprint`) is stored. Raises
    :class:`StorageFailed` (and keeps nothing, the key included) when the files
    cannot be written."""

    @transaction.atomic
    def store():
        event = TipEvent.objects.create(
            tip=tip,
            kind=TipEvent.Kind.TIPSTER_MESSAGE,
            body=body,
            created_at=start_of_day(),
        )
        store_evidence(tip, event, evidence)
        return event

    sent = f"{once}:{message_fingerprint(body, evidence)}" if once else ""
    return act_once(
        f"tips:message:{tip.pk}", sent, store, lifetime=lifetime_to_a_midnight()
    )


def message_fingerprint(body: str, evidence: list[CheckedUpload]) -> str:
    """What a message says and carries, as a keyed digest: the same form sent
    again with other text or files (edited after going back, or an API retry that
    adds a file) is another message, never dropped as a resend."""
    files = sorted(hashlib.sha256(upload.original).hexdigest() for upload in evidence)
    content = "\0".join([body, *files])
    return keyed_digest(derived_key("tips", "message-fingerprint"), content)[:32]


def lifetime_to_a_midnight() -> int:
    """How long to remember that a tipster's form was acted on: a form's life at
    least, ending at a midnight, so that what is left of it tells the day and not
    the second (the cache's keys are readable on the server)."""
    ends = start_of_day() + datetime.timedelta(days=1, seconds=pacing.LIFETIME)
    return int((ends - timezone.now()).total_seconds())


def record_access(tip: Tip, user, action: str, attachment=None) -> None:
    """Write one line of the access log (who, when, what; never content)."""
    TipAccessLog.objects.create(
        tip=tip, user=user, action=action, attachment=attachment
    )


def acknowledge(tip: Tip) -> None:
    if tip.acknowledged_at is None:
        tip.acknowledged_at = timezone.now()
        tip.save(update_fields=["acknowledged_at"])


def reply(tip: Tip, user, body: str, once: str = "") -> TipEvent | None:
    """A handler's reply, which the tipster sees with the receipt code; the same
    form sent again (``once``, its one-time key) is not replied again: None."""

    @transaction.atomic
    def store():
        event = TipEvent.objects.create(
            tip=tip, kind=TipEvent.Kind.REPLY, body=body, user=user
        )
        acknowledge(tip)
        record_access(tip, user, TipAccessLog.Action.REPLY)
        return event

    return act_once(f"tips:reply:{tip.pk}", once, store)


def add_note(tip: Tip, user, body: str, once: str = "") -> TipEvent | None:
    """An internal note: handlers only, never shown to the tipster; kept once for
    the same form sent again (``once``), None then."""

    @transaction.atomic
    def store():
        event = TipEvent.objects.create(
            tip=tip, kind=TipEvent.Kind.NOTE, body=body, user=user
        )
        record_access(tip, user, TipAccessLog.Action.NOTE)
        return event

    return act_once(f"tips:note:{tip.pk}", once, store)


def change_status(tip: Tip, user, status: str) -> TipEvent | None:
    """Move the tip to ``status`` (any order: cases get reopened and re-referred)."""
    if status == tip.status:
        return None
    with transaction.atomic():
        tip.status = status
        tip.closed_at = timezone.now() if tip.is_closed else None
        tip.save(update_fields=["status", "closed_at"])
        if status != Status.RECEIVED:
            acknowledge(tip)
        event = TipEvent.objects.create(
            tip=tip, kind=TipEvent.Kind.STATUS, status=status, user=user
        )
        record_access(tip, user, TipAccessLog.Action.STATUS)
    return event


def erase_tip(tip: Tip) -> None:
    """Delete a tip, its timeline, files and access log, keeping one count."""
    created = timezone.localtime(tip.created_at)
    with transaction.atomic():
        TipCount.objects.bulk_create(
            [
                TipCount(
                    site_id=tip.site_id,
                    fiscal_year=tip.fiscal_year,
                    month=created.month,
                    category=tip.category,
                    status=tip.status,
                )
            ],
            ignore_conflicts=True,
        )
        TipCount.objects.filter(
            site_id=tip.site_id,
            fiscal_year=tip.fiscal_year,
            month=created.month,
            category=tip.category,
            status=tip.status,
        ).update(count=F("count") + 1)
        attachments = list(tip.attachments.all())
        tip.delete()
        transaction.on_commit(
            lambda: [attachment.delete_files() for attachment in attachments]
        )
