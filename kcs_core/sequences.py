"""Gap-free numbers per site, safe under concurrent requests on PostgreSQL and SQLite.

PostgreSQL sequences are not gap-free (``nextval`` survives a rollback), so numbers come
from a counter row that one upsert creates or increments: the row stays locked for the
rest of the caller's transaction. SQLite has no row locks; the host must run SQLite
transactions in IMMEDIATE mode (``OPTIONS["transaction_mode"] = "IMMEDIATE"``) so the
increment is serialised.
"""

from django.db import connection, transaction

from kcs_core.models import SiteSequence


def next_number(site, key: str) -> int:
    """The next number of ``key`` on ``site``, starting at 1.

    Call it inside the ``transaction.atomic()`` block that stores the numbered row:
    the counter stays locked until that transaction ends, and a rollback returns the
    number, so no number is skipped or issued twice.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic()")
    table = connection.ops.quote_name(SiteSequence._meta.db_table)
    with connection.cursor() as cursor:
        # One statement (PostgreSQL and SQLite 3.35+): a hot path of every filing.
        cursor.execute(
            f"INSERT INTO {table} (site_id, key, value) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (site_id, key) DO UPDATE SET value = {table}.value + 1 "
            "RETURNING value",
            [site.pk, key],
        )
        return cursor.fetchone()[0]
