"""Gap-free numbers per site, safe under concurrent requests on PostgreSQL and SQLite.

PostgreSQL sequences are not gap-free (``nextval`` survives a rollback), so numbers come
from a counter row locked for the rest of the caller's transaction. On SQLite,
``select_for_update`` is a no-op; the host must run SQLite transactions in IMMEDIATE
mode (``OPTIONS["transaction_mode"] = "IMMEDIATE"``) so the increment is serialised.
"""

from django.db import transaction

from kcs_core.models import SiteSequence


def next_number(site, key: str) -> int:
    """The next number of ``key`` on ``site``, starting at 1.

    Call it inside the ``transaction.atomic()`` block that stores the numbered row:
    the counter stays locked until that transaction ends, and a rollback returns the
    number, so no number is skipped or issued twice.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic()")
    SiteSequence.objects.bulk_create(
        [SiteSequence(site=site, key=key)], ignore_conflicts=True
    )
    counter = SiteSequence.objects.select_for_update().get(site=site, key=key)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value
