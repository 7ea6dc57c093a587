from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KcsCoreConfig(AppConfig):
    name = "kcs_core"
    label = "kcs_core"
    verbose_name = _("Local government site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kcs_core import (  # noqa: F401 - system checks
            second_factor,
            signal_handlers,
            storage,
        )

        signal_handlers.register()
