"""Background e-mail of the tip channel (django-tasks). Tasks take ids only."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from django_tasks import task

from kcs_core.decoding import DecodingFailed, bounded
from kcs_core.mail import send_templated
from tips import crypto
from tips.files import clean_copy
from tips.models.tips import HandlerChange, TipAttachment, TipHandler

logger = logging.getLogger(__name__)


@task()
def announce_handler_change(change_id: int) -> None:
    """Tell the site's handlers that a handler was added or removed."""
    change = HandlerChange.objects.select_related("site").filter(pk=change_id).first()
    if change is None:
        return
    send_templated(
        "tips/emails/handler_change.txt",
        {"change": change, "site": change.site},
        announcement_recipients(change),
        settings.LANGUAGE_CODE,
    )


@task()
def clean_evidence(attachment_id: int) -> None:
    """Make the handlers' copy of an evidence file, in a child process with bounded
    memory and time; a file that cannot be rebuilt is marked, and handlers can
    still open the logged original."""
    attachment = TipAttachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.sanitized:
        return  # erased meanwhile, or already done (a retried task)
    with attachment.original.open("rb") as original:
        data = crypto.decrypt_bytes(original.read())
    try:
        copy = bounded(clean_copy, attachment.content_type, data)
    except DecodingFailed:
        logger.warning("Evidence file %s could not be rebuilt.", attachment.pk)
        attachment.cleaning_failed = True
        attachment.save(update_fields=["cleaning_failed"])
        return
    attachment.sanitized.save(
        TipAttachment.storage_name(".bin"),
        ContentFile(crypto.encrypt_bytes(copy)),
        save=False,
    )
    attachment.save(update_fields=["sanitized"])


def announcement_recipients(change: HandlerChange) -> list[str]:
    """Every handler of the site who was one before the change: today's handlers
    but the one just added, and the one just removed."""
    handlers = TipHandler.objects.filter(site_id=change.site_id).select_related("user")
    addresses = {
        handler.user.email
        for handler in handlers
        if not (
            change.kind == HandlerChange.Kind.ADDED
            and handler.user.get_username() == change.account
        )
    }
    if change.kind == HandlerChange.Kind.REMOVED:
        user_model = get_user_model()
        removed = user_model.objects.filter(
            **{user_model.USERNAME_FIELD: change.account}
        ).first()
        if removed is not None:
            addresses.add(removed.email)
    return sorted(address for address in addresses if address)
