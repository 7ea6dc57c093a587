"""Who may see tips: members of the "Tip handlers" group listed as handlers of the
tip's site. Superusers are not let in by their flag: a tip may accuse the office's
own executives, who usually hold the admin accounts.
"""

from django.contrib.auth.models import Group, Permission

from kcs_core.second_factor import is_verified
from tips.models.tips import TipHandler

HANDLERS_GROUP_NAME = "Tip handlers"
HANDLE_PERMISSION = "handle_tips"


def handlers_group() -> Group:
    """The group created by the migration, found by its permission so that a renamed
    group keeps working; recreated if it was deleted (or the database flushed)."""
    group = Group.objects.filter(
        permissions__codename=HANDLE_PERMISSION,
        permissions__content_type__app_label="tips",
    ).first()
    if group is None:
        group, _ = Group.objects.get_or_create(name=HANDLERS_GROUP_NAME)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=("tips", "wagtailadmin"),
                codename__in=(HANDLE_PERMISSION, "access_admin"),
            )
        )
    return group


def in_handlers_group(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.groups.filter(
        permissions__codename=HANDLE_PERMISSION,
        permissions__content_type__app_label="tips",
    ).exists()


def handled_site_ids(user) -> list[int]:
    """The sites whose tips ``user`` may read (empty for everyone else, and for a
    handler who has not given their second factor in this session)."""
    if not (in_handlers_group(user) and is_verified(user)):
        return []
    return list(TipHandler.objects.filter(user=user).values_list("site_id", flat=True))


def sync_group_membership(user) -> None:
    """Put ``user`` in the handlers group while they handle any site's tips, and
    take them out when they handle none."""
    group = handlers_group()
    if TipHandler.objects.filter(user=user).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)
