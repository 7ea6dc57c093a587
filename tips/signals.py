"""Receivers: keep the anonymised paths current, the handlers group in step, and
every change of handlers on the public record."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.models import Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from kcs_core.signal_handlers import sites_changed
from tips import handler_changes
from tips.anonymity import refresh_anonymous_paths
from tips.models import HandlerChange, TipFormPage, TipHandler
from tips.permissions import sync_group_membership


def refresh_for_tip_pages(sender, **kwargs):
    refresh_anonymous_paths()


# Only for tip pages (TipFormPage and a host's subclasses of it), not every page or
# every deleted row of any model.
for tip_page_model in (m for m in get_page_models() if issubclass(m, TipFormPage)):
    label = tip_page_model._meta.label_lower
    for signal, uid in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_delete, "deleted"),
    ):
        signal.connect(
            refresh_for_tip_pages,
            sender=tip_page_model,
            dispatch_uid=f"tips_paths_{uid}:{label}",
        )
# A move or a site change can change the URL of a tip page below it.
post_page_move.connect(refresh_anonymous_paths, dispatch_uid="tips_paths_moved")
post_save.connect(refresh_anonymous_paths, sender=Site, dispatch_uid="tips_paths_site")


@receiver(pre_save, sender=TipHandler, dispatch_uid="tips_handler_saving")
def remember_previous_role(sender, instance, raw=False, **kwargs):
    """Keep who the entry named before an edit: pointing an entry at another account
    (or site) removes one handler and adds another."""
    instance.previous_role = (
        None
        if raw or instance.pk is None
        else TipHandler.objects.filter(pk=instance.pk).select_related("user").first()
    )


@receiver(post_save, sender=TipHandler, dispatch_uid="tips_handler_saved")
def handler_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "previous_role", None)
    changed_hands = previous is not None and (
        previous.user_id != instance.user_id or previous.site_id != instance.site_id
    )
    if changed_hands:
        handler_changes.record(previous, HandlerChange.Kind.REMOVED)
        sync_group_membership(previous.user)
    if created or changed_hands:
        handler_changes.record(instance, HandlerChange.Kind.ADDED)
    sync_group_membership(instance.user)
    sites_changed([instance.site, previous.site if changed_hands else None])


# Sites being deleted: their handlers go with them, and so does their record.
sites_being_deleted: set[int] = set()


@receiver(pre_delete, sender=Site, dispatch_uid="tips_site_deleting")
def site_deleting(sender, instance, **kwargs):
    sites_being_deleted.add(instance.pk)


@receiver(post_delete, sender=Site, dispatch_uid="tips_site_deleted")
def site_deleted(sender, instance, **kwargs):
    sites_being_deleted.discard(instance.pk)


@receiver(post_delete, sender=TipHandler, dispatch_uid="tips_handler_deleted")
def handler_deleted(sender, instance, **kwargs):
    if instance.site_id in sites_being_deleted:
        sync_group_membership(instance.user)
        return
    handler_changes.record(instance, HandlerChange.Kind.REMOVED)
    sync_group_membership(instance.user)
    sites_changed([instance.site])
