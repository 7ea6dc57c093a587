"""Background work of the tip channel (django-tasks): e-mail, and the handlers'
copies of evidence files. Tasks take ids only.

A task that a tipster's own action starts (:data:`TIPSTER_TASKS`) would date the
filing to the second: by its queue entry (``enqueued_at``, and an id that leads to
the tip) and by the worker's log lines. So its entry is dated to the start of the day
when queued (:func:`enqueue_unrecorded`), deleted once the work is done
(:func:`tips.signals.forget_tipster_task`), and its log lines are dropped
(:class:`UnloggedTipsterTasks`).
"""

import logging

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from cryptography.fernet import InvalidToken
from django_tasks import task, task_backends

from kcs_core.decoding import DecodingFailed, bounded
from kcs_core.mail import send_templated
from kcs_core.thai_dates import start_of_day
from tips import crypto
from tips.files import clean_copy
from tips.models.tips import HandlerChange, TipAttachment, TipHandler


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
    memory and time. A file that cannot be rebuilt, or read (storage, key), is
    marked, and handlers can still open the logged original; nothing is logged
    and the task does not fail (its failure would be logged, timed to the second,
    and its queue entry is deleted whatever the outcome)."""
    attachment = TipAttachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.sanitized:
        return  # erased meanwhile, or already done (a retried task)
    try:
        with attachment.original.open("rb") as original:
            data = crypto.decrypt_bytes(original.read())
        copy = bounded(clean_copy, attachment.content_type, data)
    except (DecodingFailed, OSError, InvalidToken):
        attachment.cleaning_failed = True
        attachment.save(update_fields=["cleaning_failed"])
        return
    attachment.sanitized.save(
        TipAttachment.storage_name(".bin"),
        ContentFile(crypto.encrypt_bytes(copy)),
        save=False,
    )
    attachment.save(update_fields=["sanitized"])


#: The dotted paths of the tasks a tipster's action starts.
TIPSTER_TASKS = frozenset({clean_evidence.module_path})


def queue_entries(task_result):
    """The entry of a task queued in the database (django-tasks-db), or ``None``
    (another backend keeps no entry of ours to date or delete)."""
    if not apps.is_installed("django_tasks_db"):
        return None
    from django_tasks_db.backend import DatabaseBackend  # an optional dependency

    if not isinstance(task_backends[task_result.backend], DatabaseBackend):
        return None
    return apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(
        pk=task_result.id
    )


def enqueue_unrecorded(task, *args) -> None:
    """Queue one of :data:`TIPSTER_TASKS`, its entry dated no finer than the day
    (in one transaction: the entry is never seen with its time)."""
    with transaction.atomic():
        if (entries := queue_entries(task.enqueue(*args))) is not None:
            entries.update(enqueued_at=start_of_day())


class UnloggedTipsterTasks(logging.Filter):
    """Drops the task framework's log lines about :data:`TIPSTER_TASKS` (queued,
    started, finished): each is timed to the second. Added to :attr:`LOGGERS` by
    :meth:`tips.apps.TipsConfig.ready`."""

    #: django-tasks' logger, and Django 6's own (``django.tasks``), whose worker
    #: django-tasks-db 0.13 runs there.
    LOGGERS = ("django_tasks", "django.tasks")

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not any(arg in TIPSTER_TASKS for arg in args if isinstance(arg, str))


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
