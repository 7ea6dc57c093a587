"""The public record of who reads tips: every handler added or removed is kept with
its date, listed on the tip page and announced to the site's handlers by e-mail.

Administrators can still appoint handlers (an office needs to), but not in secret:
the people whose work a new handler could read, and the public, are told.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from kcs_core.api_fields import be_date
from tips import tasks
from tips.models.tips import HandlerChange, TipHandler

PUBLIC_RECORD_DAYS = 365


def record(handler: TipHandler, kind: str) -> HandlerChange:
    """Keep ``handler``'s addition or removal and announce it once the change is
    committed."""
    change = HandlerChange.objects.create(
        site_id=handler.site_id,
        kind=kind,
        name=handler.name,
        position=handler.position,
        position_en=handler.position_en,
        account=handler.user.get_username(),
    )
    transaction.on_commit(lambda: tasks.announce_handler_change.enqueue(change.pk))
    return change


def position_in_language(record) -> str:
    """A handler's (or a change's) position in the active language: English where
    it was given, else Thai."""
    english = (get_language() or "").startswith("en")
    return (record.position_en if english else "") or record.position


def recent(site) -> list[dict]:
    """The changes of the last year on ``site``, newest first, in the active
    language, for the tip page and the API."""
    since = timezone.now() - datetime.timedelta(days=PUBLIC_RECORD_DAYS)
    return [
        {
            "kind": change.kind,
            "kind_label": change.get_kind_display(),
            "name": change.name,
            "position": position_in_language(change),
            "changed_on": change.changed_on,
            "changed_on_be": be_date(change.changed_on),
        }
        for change in HandlerChange.objects.filter(site=site, changed_at__gte=since)
    ]
