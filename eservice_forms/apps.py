from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EserviceFormsConfig(AppConfig):
    name = "eservice_forms"
    label = "eservice_forms"
    verbose_name = _("E-services")
    default_auto_field = "django.db.models.BigAutoField"
