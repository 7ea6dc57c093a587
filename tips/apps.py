from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "tips"
    label = "tips"
    verbose_name = _("Corruption tip-offs")
    default_auto_field = "django.db.models.BigAutoField"
