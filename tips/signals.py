"""Receivers (connected in :meth:`tips.apps.TipsConfig.ready`): keep the
anonymised paths current, the handlers group in step, and every change of handlers
on the public record."""

from kcs_core.signal_handlers import sites_changed
from tips import handler_changes, tasks
from tips.models.pages import refresh_anonymous_paths
from tips.models.tips import HandlerChange, TipHandler
from tips.permissions import sync_group_membership


def refresh_for_tip_pages(sender, **kwargs):
    refresh_anonymous_paths()


def remember_previous_role(sender, instance, raw=False, **kwargs):
    """Keep who the entry named before an edit: pointing an entry at another account
    (or site) removes one handler and adds another."""
    instance.previous_role = (
        None
        if raw or instance.pk is None
        else TipHandler.objects.filter(pk=instance.pk).select_related("user").first()
    )


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


def site_deleting(sender, instance, **kwargs):
    sites_being_deleted.add(instance.pk)


def site_deleted(sender, instance, **kwargs):
    sites_being_deleted.discard(instance.pk)


def handler_deleted(sender, instance, **kwargs):
    if instance.site_id in sites_being_deleted:
        sync_group_membership(instance.user)
        return
    handler_changes.record(instance, HandlerChange.Kind.REMOVED)
    sync_group_membership(instance.user)
    sites_changed([instance.site])


def forget_tipster_task(sender, instance, raw=False, **kwargs):
    """Delete the queue entry (django-tasks-db's ``DBTaskResult``) of a tipster's
    task (:mod:`tips.tasks`) once the worker saves it finished, done or failed: the
    times it keeps would date the filing."""
    if raw or instance.finished_at is None:
        return
    if instance.task_path in tasks.TIPSTER_TASKS:
        sender.objects.filter(pk=instance.pk).delete()
