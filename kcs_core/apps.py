from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PluginAppMixin:
    """For the ``AppConfig`` of an app of the plugin: big integer ids, and the app's
    endpoints in the JSON API (:func:`kcs_core.api.app_routers`), if it has any:
    ``kcs_api = (prefix, router)``, the ninja ``Router`` at the dotted path
    ``router``, served under ``api/<prefix>/``.

    A mixin, not an ``AppConfig``: Django picks an app's config from its ``apps``
    module only when that module has a single ``AppConfig`` subclass.
    """

    default_auto_field = "django.db.models.BigAutoField"
    #: ``(prefix below api/, dotted path of the ninja Router)``; None: no endpoints.
    kcs_api: tuple[str, str] | None = None


class KcsCoreConfig(PluginAppMixin, AppConfig):
    name = "kcs_core"
    verbose_name = _("Local government site")

    def ready(self):
        from kcs_core import checks, second_factor, storage  # noqa: F401 - system checks

        self.register_admin_form_fields()
        self.connect_cache_receivers()

    def register_admin_form_fields(self):
        """Wagtail's admin forms edit a
        :class:`~kcs_core.model_fields.ThaiDateModelField` as a Thai date (Wagtail's
        documented ``register_form_field_override``)."""
        from wagtail.admin.forms.models import register_form_field_override

        from kcs_core.fields import ThaiDateField
        from kcs_core.model_fields import ThaiDateModelField
        from kcs_core.widgets import ThaiDateWidget

        register_form_field_override(
            ThaiDateModelField,
            override={"form_class": ThaiDateField, "widget": ThaiDateWidget},
        )

    def connect_cache_receivers(self):
        """What a visitor could see changed: purge the site from the HTTP cache and
        drop its fragments (:mod:`kcs_core.signal_handlers`); a changed Site is
        looked up afresh (:mod:`kcs_core.sites`). Each receiver is connected to the
        models whose changes it is for, not to every save of every model."""
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import Page, Site, get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from kcs_core import signal_handlers as handlers
        from kcs_core.sites import sites

        page_receivers = (
            (page_published, handlers.page_changed, "published"),
            (page_unpublished, handlers.page_changed, "unpublished"),
            (post_page_move, handlers.page_moved, "moved"),
        )
        for model in get_page_models():
            for signal, receiver, event in page_receivers:
                signal.connect(
                    receiver,
                    sender=model,
                    dispatch_uid=f"kcs_{event}:{model._meta.label_lower}",
                )
        # Every page has a row in Page's own table: one signal per deleted page.
        post_delete.connect(
            handlers.page_deleted, sender=Page, dispatch_uid="kcs_cache_deleted"
        )
        # The Site and the site settings (the plugin's and the host's); the memo of
        # sites by host name forgets a changed Site.
        for model in (Site, *handlers.site_setting_models()):
            post_save.connect(
                handlers.settings_or_site_saved,
                sender=model,
                dispatch_uid=f"kcs_cache_saved:{model._meta.label_lower}",
            )
        post_delete.connect(
            handlers.settings_or_site_saved,
            sender=Site,
            dispatch_uid="kcs_cache_site_deleted",
        )
        post_save.connect(sites.clear, sender=Site, dispatch_uid="kcs_sites_saved")
        post_delete.connect(sites.clear, sender=Site, dispatch_uid="kcs_sites_deleted")
