from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItaPagesConfig(AppConfig):
    name = "ita_pages"
    label = "ita_pages"
    verbose_name = _("ITA disclosure")
    default_auto_field = "django.db.models.BigAutoField"
