"""Anonymous, captcha-protected corruption tip-offs with follow-up by receipt code."""

import logging

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

from kcs_core.apps import PluginAppMixin


class TipsConfig(PluginAppMixin, AppConfig):
    name = "tips"
    verbose_name = _("Corruption tip-offs")
    # The JSON API's endpoints of the app (tips.api.router), under /api/tips/
    # (kcs_core.api).
    kcs_api = ("tips", "tips.api.router")

    def ready(self):
        from tips import checks  # noqa: F401 - registers the system checks
        from tips.anonymity import QuietTipRequests
        from tips.tasks import UnloggedTipsterTasks

        for name in UnloggedTipsterTasks.LOGGERS:
            logging.getLogger(name).addFilter(UnloggedTipsterTasks())
        for name in QuietTipRequests.LOGGERS:
            logging.getLogger(name).addFilter(QuietTipRequests())
        self.connect_receivers()

    def connect_receivers(self):
        """The receivers of :mod:`tips.signals`, each for the models it is about."""
        from django.db.models.signals import (
            post_delete,
            post_save,
            pre_delete,
            pre_save,
        )

        from wagtail.models import Site, get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from tips import signals as receivers
        from tips.models import TipFormPage, TipHandler
        from tips.models.pages import refresh_anonymous_paths

        for model in get_page_models():
            label = model._meta.label_lower
            # A move can change the URL of a tip page below the page moved.
            post_page_move.connect(
                refresh_anonymous_paths,
                sender=model,
                dispatch_uid=f"tips_paths_moved:{label}",
            )
            if not issubclass(model, TipFormPage):  # a host's subclasses too
                continue
            for signal, uid in (
                (page_published, "published"),
                (page_unpublished, "unpublished"),
                (post_delete, "deleted"),
            ):
                signal.connect(
                    receivers.refresh_for_tip_pages,
                    sender=model,
                    dispatch_uid=f"tips_paths_{uid}:{label}",
                )
        post_save.connect(
            refresh_anonymous_paths, sender=Site, dispatch_uid="tips_paths_site"
        )
        pre_save.connect(
            receivers.remember_previous_role,
            sender=TipHandler,
            dispatch_uid="tips_handler_saving",
        )
        post_save.connect(
            receivers.handler_saved,
            sender=TipHandler,
            dispatch_uid="tips_handler_saved",
        )
        post_delete.connect(
            receivers.handler_deleted,
            sender=TipHandler,
            dispatch_uid="tips_handler_deleted",
        )
        pre_delete.connect(
            receivers.site_deleting, sender=Site, dispatch_uid="tips_site_deleting"
        )
        if apps.is_installed("django_tasks_db"):
            post_save.connect(
                receivers.forget_tipster_task,
                sender=apps.get_model("django_tasks_database", "DBTaskResult"),
                dispatch_uid="tips_forget_tipster_task",
            )
        post_delete.connect(
            receivers.site_deleted, sender=Site, dispatch_uid="tips_site_deleted"
        )
