"""What tips leaves in the host's tables, for kcs_core's ``kcs_uninstall`` command
(registered in ``wagtail_hooks.py``; see :mod:`kcs_core.uninstall`).

The "Tip handlers" group (made by a migration, found by its permission as
:func:`tips.permissions.handlers_group` finds it, so a renamed group goes too), the
tips and their evidence files.
"""

from pathlib import Path

from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet

from kcs_core.uninstall import AppLeftovers, Rows
from tips.models import HandlerChange, Tip, TipAttachment, TipHandler
from tips.permissions import HANDLE_PERMISSION, HANDLERS_GROUP_NAME
from tips.storage import private_storage


def handlers_groups() -> QuerySet:
    """The group that holds ``tips.handle_tips``, and one by its first name."""
    with_permission = Group.objects.filter(
        permissions__codename=HANDLE_PERMISSION,
        permissions__content_type__app_label="tips",
    )
    return Group.objects.filter(
        Q(pk__in=with_permission.values("pk")) | Q(name=HANDLERS_GROUP_NAME)
    )


def leftovers() -> AppLeftovers:
    """The ``kcs_uninstall`` hook."""
    return AppLeftovers(
        "tips",
        shared=[Rows("the tip handlers group", handlers_groups(), named=True)],
        records=[
            Rows("tips", Tip.objects.all()),
            Rows("evidence files of tips", TipAttachment.objects.all()),
            Rows("tip handlers", TipHandler.objects.all()),
            Rows("changes of handlers (public record)", HandlerChange.objects.all()),
        ],
        folders=[Path(private_storage().location)],
    )
