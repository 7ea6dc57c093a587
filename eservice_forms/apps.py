from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kcs_core.apps import PluginAppMixin


class EserviceFormsConfig(PluginAppMixin, AppConfig):
    name = "eservice_forms"
    verbose_name = _("E-services")
    # The JSON API's endpoints of the app (eservice_forms.api.router), under
    # /api/eservice/ (kcs_core.api).
    kcs_api = ("eservice", "eservice_forms.api.router")

    def ready(self):
        from django.db.models.signals import post_delete

        from eservice_forms.models import Attachment, PendingUpload
        from eservice_forms.models.requests import delete_stored_file

        for model in (Attachment, PendingUpload):
            post_delete.connect(
                delete_stored_file,
                sender=model,
                dispatch_uid=f"eservice_file_deleted:{model._meta.label_lower}",
            )
