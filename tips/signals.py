"""Receivers: keep the anonymised paths current and the handlers group in step."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from tips.anonymity import refresh_anonymous_paths
from tips.models import TipFormPage, TipHandler
from tips.permissions import sync_group_membership


def refresh_for_tip_pages(sender, **kwargs):
    if issubclass(sender, TipFormPage):
        refresh_anonymous_paths()


page_published.connect(refresh_for_tip_pages, dispatch_uid="tips_paths_published")
page_unpublished.connect(refresh_for_tip_pages, dispatch_uid="tips_paths_unpublished")
post_delete.connect(refresh_for_tip_pages, dispatch_uid="tips_paths_deleted")
# A move or a site change can change the URL of a tip page below it.
post_page_move.connect(refresh_anonymous_paths, dispatch_uid="tips_paths_moved")
post_save.connect(refresh_anonymous_paths, sender=Site, dispatch_uid="tips_paths_site")


@receiver(post_save, sender=TipHandler, dispatch_uid="tips_handler_saved")
@receiver(post_delete, sender=TipHandler, dispatch_uid="tips_handler_deleted")
def sync_handlers_group(sender, instance, **kwargs):
    sync_group_membership(instance.user)
